"""A read-only table of rows held in memory, shown through their Column declarations
(ui/common/columns.py): each cell its column's text, alignment and colour, the headers translated
in the page's context. Subclasses add how the rows arrive: page by page (paged_table_model.py) or
as a whole list (ui/funds/rows_model.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt

from ui.common.columns import ANSWERED_ROLES, Column, cell_data
from ui.common.read_only_model import AnyIndex, ReadOnlyTableModel


class ColumnTableModel(ReadOnlyTableModel):
    def __init__(self, columns: Sequence[Column], tr_context: str, parent: QObject | None = None):
        super().__init__(parent)
        self._columns = tuple(columns)
        self._tr_context = tr_context
        self._rows: list[Any] = []

    @property
    def columns(self) -> tuple[Column, ...]:
        return self._columns

    def row(self, number: int) -> Any:
        return self._rows[number]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in ANSWERED_ROLES or not index.isValid():  # the quick answer to most of a paint's questions
            return None
        row, column = index.row(), index.column()
        if row >= len(self._rows) or column >= len(self._columns):
            return None
        return cell_data(self._columns[column], self._rows[row], role)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            column = self._columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate(self._tr_context, column.header)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(column.align.value)
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None
