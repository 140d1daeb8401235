"""Add CC… (抄送): people to copy on an order, by user name; they read it and are not asked to decide."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from services.contract.schemas import CC_ADD_MAX
from ui.common.dialog_keys import confirm_keys

translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings


def usernames(text: str) -> list[str]:
    """User names separated by commas, semicolons or spaces, each once, in the order typed."""
    return list(dict.fromkeys(n for n in re.split(r"[\s,;，；]+", text) if n))


class CcDialog(QDialog):
    ccRequested = Signal(list)  # the user names

    def __init__(self, order_label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ccDialog")
        self.setWindowTitle(translate("CcDialog", "Add CC"))
        prompt = QLabel(translate("CcDialog", "Copy {order} to (user names, separated by commas):")
                        .format(order=order_label), self)
        prompt.setWordWrap(True)
        self.names = QLineEdit(self)
        self.names.setObjectName("ccUsers")
        self.names.setPlaceholderText("checker2, publisher")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.add_button: QPushButton = self.buttons.addButton(translate("CcDialog", "Add CC"),
                                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setObjectName("confirmCc")
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        confirm_keys(self, self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.names)
        layout.addWidget(self.buttons)
        self.resize(460, 140)
        self.names.textChanged.connect(self._update)
        self._update()
        self.names.setFocus()

    def _valid(self) -> bool:
        return 0 < len(usernames(self.names.text())) <= CC_ADD_MAX

    def _update(self, *_args: object) -> None:
        self.add_button.setEnabled(self._valid())

    def confirm(self) -> None:
        if self._valid():
            self.ccRequested.emit(usernames(self.names.text()))
            self.accept()
