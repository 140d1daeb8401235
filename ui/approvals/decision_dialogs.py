"""The dialogs of a decision: a confirmation naming what will happen, and the rejection reason.

Both are opened with ``open()`` and answer through signals; ``exec()`` would start a nested
event loop, which breaks the qasync loop the network runs on.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.contract.schemas import DecisionIn
from ui.common.dialog_keys import confirm_keys
from ui.common.required_text import RequiredText

COMMENT_MAX = DecisionIn.model_fields["comment"].metadata[0].max_length  # the contract's limit


translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings


class RejectDialog(QDialog):
    """Asks why; Reject (or Ctrl+Enter) stays disabled until there is a reason (the maker reads it)."""

    reasonGiven = Signal(str)  # the comment, stripped; emitted on Reject

    def __init__(self, order_label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("rejectDialog")
        self.setWindowTitle(translate("DecisionDialogs", "Reject Work Order"))
        self.prompt = QLabel(translate("DecisionDialogs", "Why is {order} rejected? The maker sees this reason.")
                             .format(order=order_label), self)
        self.prompt.setWordWrap(True)
        self.answer = RequiredText(COMMENT_MAX, translate("DecisionDialogs", "Reason for the rejection (required)"),
                                   "rejectComment", self)
        self.comment = self.answer.edit
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.reject_button: QPushButton = self.buttons.addButton(translate("DecisionDialogs", "Reject"),
                                                                 QDialogButtonBox.ButtonRole.AcceptRole)
        self.reject_button.setObjectName("confirmReject")
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)
        confirm_keys(self, self.reject_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.answer, 1)
        layout.addWidget(self.buttons)
        self.resize(480, 260)
        self.answer.changed.connect(self._update)
        self._update()
        self.comment.setFocus()

    def text(self) -> str:
        return self.answer.text()

    def _valid(self) -> bool:
        return self.answer.valid()

    def _update(self) -> None:
        self.reject_button.setEnabled(self._valid())

    def _accept_if_valid(self) -> None:
        if self._valid():
            self.reasonGiven.emit(self.text())
            self.accept()
