"""The draft grid's cell editor: a line editor that commits as it is typed, one edit's keystrokes
merging into one undoable command, and Esc taking the cell back to before the edit."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ui.common.read_only_model import AnyIndex
from ui.risk.draft_grid import DraftGridModel


class CellDelegate(QStyledItemDelegate):
    """A line editor that commits as it is typed; one edit's keystrokes merge into one command."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._edits = 0

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        self._edits += 1
        editor.setProperty("editNumber", self._edits)
        editor.textEdited.connect(lambda _text, e=editor: self.commitData.emit(e))
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QLineEdit) and editor.text() != text:  # not while typing it
            editor.setText(text)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        # Esc leaves the cell as it was before this edit, as in Excel, though it was saved as typed.
        if isinstance(editor, QLineEdit) and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Escape:  # type: ignore[attr-defined]
            model = self.parent().model() if hasattr(self.parent(), "model") else None
            if isinstance(model, DraftGridModel):
                model.edits.revert_edit(("edit", editor.property("editNumber")))
        return super().eventFilter(editor, event)

    def setModelData(self, editor: QWidget, model: Any, index: AnyIndex) -> None:
        if isinstance(editor, QLineEdit) and isinstance(model, DraftGridModel):
            model.edits.set_cell(index.row(), index.column(), editor.text(), merge_key=("edit", editor.property("editNumber")))
        else:
            super().setModelData(editor, model, index)
