"""The before/after table of a work order as a Qt model over ``diff_rows`` output.

An upload may hold tens of thousands of rows, so nothing is prepared per cell: ``data()`` formats
only the cells the view asks for, and hiding unchanged rows is a list of row numbers and a reset.
Column 0 marks each row's change in words as well as colour, so it never relies on colour alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from services.work_orders.diff import Change, RowDiff
from ui.common import change_texts as labels
from ui.common.read_only_model import AnyIndex, ReadOnlyTableModel

translate = QCoreApplication.translate  # the name lupdate recognises

MARKER_COLUMN = 0
CHANGE_ROLE = Qt.ItemDataRole.UserRole  # the row's Change, for tests and delegates

_MARKERS = {
    Change.NEW: ("+", QT_TRANSLATE_NOOP("Approvals", "New")),
    Change.CHANGED: ("~", QT_TRANSLATE_NOOP("Approvals", "Changed")),
    Change.DELETED: ("−", QT_TRANSLATE_NOOP("Approvals", "Deleted")),
    Change.UNCHANGED: ("=", QT_TRANSLATE_NOOP("Approvals", "Unchanged")),
}
# Light tints that keep dark text readable all day; the selection colour still wins.
NEW_BACKGROUND = QColor("#e3f4e8")
DELETED_BACKGROUND = QColor("#fbe7e6")
CHANGED_CELL_BACKGROUND = QColor("#fff1c2")
_MARKER_COLORS = {
    Change.NEW: QColor("#1e7b34"),
    Change.CHANGED: QColor("#8a5a00"),
    Change.DELETED: QColor("#9b1c1c"),
    Change.UNCHANGED: QColor("#829ab1"),
}
DELETED_TEXT = QColor("#7b341e")
ARROW = " → "


def marker_text(change: Change) -> str:
    glyph, source = _MARKERS[change]
    return f"{glyph} {labels.tr(source)}"


class DiffTableModel(ReadOnlyTableModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._diffs: list[RowDiff] = []
        self._fields: list[str] = []
        self._shown: list[int] | None = None  # row numbers of _diffs on screen; None: every row
        self._hide_unchanged = False
        self._counts: Counter[Change] = Counter()
        self._bold = QFont()
        self._bold.setBold(True)
        self._struck = QFont()
        self._struck.setStrikeOut(True)

    # --- content ------------------------------------------------------------------------------

    def set_diffs(self, diffs: Sequence[RowDiff], fields: Sequence[str]) -> None:
        self.beginResetModel()
        self._diffs = list(diffs)
        self._fields = list(fields)
        self._counts = Counter(d.change for d in self._diffs)
        self._shown = self._filtered()
        self.endResetModel()

    def set_hide_unchanged(self, hide: bool) -> None:
        if hide != self._hide_unchanged:
            self.beginResetModel()
            self._hide_unchanged = hide
            self._shown = self._filtered()
            self.endResetModel()

    @property
    def hide_unchanged(self) -> bool:
        return self._hide_unchanged

    def _filtered(self) -> list[int] | None:
        if not self._hide_unchanged:
            return None
        return [i for i, d in enumerate(self._diffs) if d.change != Change.UNCHANGED]

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(self._fields)

    def counts(self) -> Counter[Change]:
        """How many rows of each kind the whole order holds (hidden rows included)."""
        return Counter(self._counts)

    def diff(self, row: int) -> RowDiff:
        return self._diffs[row if self._shown is None else self._shown[row]]

    def display_texts(self, row: int) -> list[str]:
        """Every cell of a row as shown (for sizing columns and for tests)."""
        return [self.data(self.index(row, c)) for c in range(self.columnCount())]

    # --- Qt model interface -------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if parent.isValid():
            return 0
        return len(self._diffs) if self._shown is None else len(self._shown)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self._fields)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self.rowCount() or index.column() >= self.columnCount():
            return None
        diff = self.diff(index.row())
        if index.column() == MARKER_COLUMN:
            return self._marker_data(diff, role)
        field = self._fields[index.column() - 1]
        changed = diff.change == Change.CHANGED and field in diff.changed_fields
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell_text(diff, field, changed)
        if role == Qt.ItemDataRole.ToolTipRole:
            if changed:
                return translate("Approvals", "Before: {before}\nAfter: {after}").format(
                    before=labels.cell_text(diff.before.get(field) if diff.before else None),
                    after=labels.cell_text(diff.after.get(field) if diff.after else None))
            return self._cell_text(diff, field, changed)
        if role == Qt.ItemDataRole.BackgroundRole:
            if changed:
                return CHANGED_CELL_BACKGROUND
            return self._row_background(diff)
        if role == Qt.ItemDataRole.FontRole:
            if changed:
                return self._bold
            return self._struck if diff.change == Change.DELETED else None
        if role == Qt.ItemDataRole.ForegroundRole and diff.change == Change.DELETED:
            return DELETED_TEXT
        if role == CHANGE_ROLE:
            return diff.change
        return None

    def _marker_data(self, diff: RowDiff, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return marker_text(diff.change)
        if role == Qt.ItemDataRole.ForegroundRole:
            return _MARKER_COLORS[diff.change]
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._row_background(diff)
        if role == Qt.ItemDataRole.FontRole and diff.change != Change.UNCHANGED:
            return self._bold
        if role == CHANGE_ROLE:
            return diff.change
        return None

    @staticmethod
    def _cell_text(diff: RowDiff, field: str, changed: bool) -> str:
        if diff.change == Change.DELETED:
            return labels.cell_text(diff.before.get(field) if diff.before else None)
        after = labels.cell_text(diff.after.get(field) if diff.after else None)
        if changed:
            before = labels.cell_text(diff.before.get(field) if diff.before else None)
            empty = translate("Approvals", "(empty)")  # so the arrow never points at nothing
            return f"{before or empty}{ARROW}{after or empty}"
        return after

    @staticmethod
    def _row_background(diff: RowDiff) -> QColor | None:
        if diff.change == Change.NEW:
            return NEW_BACKGROUND
        if diff.change == Change.DELETED:
            return DELETED_BACKGROUND
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        if section == MARKER_COLUMN:
            return translate("Approvals", "Change")
        if 0 < section <= len(self._fields):
            return labels.field_label(self._fields[section - 1])
        return None

