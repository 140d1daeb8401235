"""The upload preview's Changes tab: the rows the file would create, change or delete beside the
live ones (unchanged rows hidden at will) and, while it shows none, why: no file read yet, the
file's problems (nothing is previewed until they are corrected), or nothing to change."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from services.excel.margin_reader import MarginReadResult
from ui.common.diff_model import DiffTableModel
from ui.common.empty_note import EmptyNote
from ui.common.table_view import CopyableTableView

translate = QCoreApplication.translate  # the name lupdate recognises


def why_no_changes(result: MarginReadResult | None, changes: int | None, blocked_text: str) -> str:
    """The Changes tab's sentence for the reading ``result`` (None: nothing read yet) whose preview
    changes ``changes`` rows; ``blocked_text`` says the problems ({count})."""
    if result is None:
        return translate("UploadDialog", "What the file would change shows here once it is read.")
    if not result.ok:
        return blocked_text.format(count=len(result.errors))
    if changes == 0:
        return translate("UploadDialog", "Nothing would change: every row of the file is as it is live.")
    return ""


class ChangesTab(QWidget):
    def __init__(self, reason: Callable[[], str], parent: QWidget | None = None):
        """``reason()``: why the table is empty now ("" while there is nothing to say)."""
        super().__init__(parent)
        self.model = DiffTableModel(self)
        self.view = CopyableTableView(self)
        self.view.setModel(self.model)
        self.hide_unchanged = QCheckBox(self)
        self.hide_unchanged.setChecked(True)
        self.hide_unchanged.toggled.connect(self.model.set_hide_unchanged)
        self.model.set_hide_unchanged(True)
        self.note = EmptyNote(self.view, reason)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hide_unchanged)
        layout.addWidget(self.view, 1)
