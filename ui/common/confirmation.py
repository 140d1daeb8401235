"""A question before an action that changes something: its accept button says what it does."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ui.common.dialog_keys import confirm_keys


def confirmation(parent: QWidget, title: str, text: str, accept_text: str, details: str,
                 on_accept: Callable[[], object]) -> QMessageBox:
    """A question whose accept button says what it does ("Approve 3"); the caller opens it.

    ``on_accept`` runs when that button is pressed (or Ctrl+Enter); Esc and Cancel do nothing.
    """
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("confirmation")
    box.setInformativeText(details)
    # Wide enough for an order's summary on one line; QMessageBox sizes itself from its labels.
    box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 420px; }")
    accept = box.addButton(accept_text, QMessageBox.ButtonRole.AcceptRole)
    accept.setObjectName("confirmAccept")
    box.setDefaultButton(accept)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    confirm_keys(box, accept)
    box.buttonClicked.connect(
        lambda button: on_accept() if box.buttonRole(button) == QMessageBox.ButtonRole.AcceptRole else None)
    return box
