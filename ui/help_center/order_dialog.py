"""After a drop, or Submit Order (Ctrl+S): submit the new order of a list, keep arranging, or undo.
Opened with ``open()``, never ``exec()``: it answers through its callbacks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from ui.common.dialog_keys import confirm_keys

translate = QCoreApplication.translate  # the name lupdate recognises

TITLES_SHOWN = 15


def order_confirmation(parent: QWidget, titles: list[str], on_submit: Callable[[], object],
                       on_undo: Callable[[], object]) -> QMessageBox:
    """A question box over ``titles`` (the order on screen, numbered), not yet opened."""
    box = QMessageBox(QMessageBox.Icon.Question, translate("ArticlesPage", "New Order"),
                      translate("ArticlesPage", "Submit this order of {count} articles for approval?").format(
                          count=len(titles)), QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("confirmation")
    box.setInformativeText("\n".join(titles[:TITLES_SHOWN]) + ("\n…" if len(titles) > TITLES_SHOWN else ""))
    submit = box.addButton(translate("ArticlesPage", "Submit Order"), QMessageBox.ButtonRole.AcceptRole)
    submit.setObjectName("confirmAccept")
    keep = box.addButton(translate("ArticlesPage", "Keep Arranging"), QMessageBox.ButtonRole.RejectRole)
    keep.setObjectName("keepArranging")
    undo = box.addButton(translate("ArticlesPage", "Undo"), QMessageBox.ButtonRole.DestructiveRole)
    undo.setObjectName("undoArranging")
    box.setDefaultButton(submit)
    confirm_keys(box, submit)
    box.setEscapeButton(keep)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered(button: QAbstractButton) -> None:
        if button is submit:
            on_submit()
        elif button is undo:
            on_undo()

    box.buttonClicked.connect(answered)
    return box
