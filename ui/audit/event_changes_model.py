"""An audit event's before and after as a table, one row per field (services/audit_changes.py):
what changed, the field, its value before and after. Tinted and marked in words as the approvals'
before/after table is (ui/common/diff_model.py), so a change never relies on colour alone."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QFont

from services.audit_changes import ABSENT, FieldChange
from services.work_orders.diff import Change
from ui.audit import labels
from ui.common import change_texts
from ui.common.diff_model import CHANGED_CELL_BACKGROUND, DELETED_BACKGROUND, NEW_BACKGROUND, marker_text
from ui.common.read_only_model import AnyIndex, ReadOnlyTableModel

translate = QCoreApplication.translate  # the name lupdate recognises

HEADERS = (
    QT_TRANSLATE_NOOP("AuditLog", "Change"),
    QT_TRANSLATE_NOOP("AuditLog", "Field"),
    QT_TRANSLATE_NOOP("AuditLog", "Before"),
    QT_TRANSLATE_NOOP("AuditLog", "After"),
)
MARKER, FIELD, BEFORE, AFTER = range(4)
PATH_SEPARATOR = " › "
_BACKGROUNDS = {Change.NEW: NEW_BACKGROUND, Change.DELETED: DELETED_BACKGROUND}


def value_text(value: Any) -> str:
    """A JSON value as read: nothing for a side without the field, lists and objects as compact
    JSON, instants in Hong Kong time, the rest as the shared before/after cells show them."""
    if value is ABSENT:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    return change_texts.cell_text(value)


def field_text(change: FieldChange) -> str:
    return PATH_SEPARATOR.join(labels.field_label(part) for part in change.path)


class EventChangesModel(ReadOnlyTableModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[FieldChange] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_changes(self, changes: Sequence[FieldChange]) -> None:
        self.beginResetModel()
        self._rows = list(changes)
        self.endResetModel()

    def change(self, row: int) -> FieldChange:
        return self._rows[row]

    def display_texts(self, row: int) -> list[str]:
        """A row's cells as shown (for tests and copying)."""
        return [self.data(self.index(row, c)) for c in range(self.columnCount())]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(HEADERS):
            return None
        row, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == MARKER:
                return marker_text(row.change)
            if column == FIELD:
                return field_text(row) if role == Qt.ItemDataRole.DisplayRole else ".".join(row.path)
            return value_text(row.before if column == BEFORE else row.after)
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.change == Change.CHANGED and column in (BEFORE, AFTER):
                return CHANGED_CELL_BACKGROUND
            return _BACKGROUNDS.get(row.change)
        if role == Qt.ItemDataRole.FontRole and row.change != Change.UNCHANGED and column in (MARKER, AFTER):
            return self._bold
        if role == Qt.ItemDataRole.UserRole:
            return row.change
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return translate("AuditLog", HEADERS[section]) if 0 <= section < len(HEADERS) else None
