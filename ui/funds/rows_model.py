"""A read-only table of a whole list held in memory (batches, one side's lines), declared by
columns; an optional row tint marks rows that need attention (always beside a status text); and
the table view that shows one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QWidget

from ui.common.columns import Column, cell_data
from ui.common.read_only_model import AnyIndex, ReadOnlyTableModel
from ui.common.table_view import CopyableTableView


class RowsTableModel(ReadOnlyTableModel):
    def __init__(self, columns: Sequence[Column], tr_context: str,
                 tint: Callable[[Any], str | None] | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._columns = tuple(columns)
        self._tr_context = tr_context
        self._tint = tint
        self._rows: list[Any] = []

    @property
    def columns(self) -> tuple[Column, ...]:
        return self._columns

    def set_columns(self, columns: Sequence[Column]) -> None:
        self.beginResetModel()
        self._columns = tuple(columns)
        self.endResetModel()

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def replace_row(self, number: int, row: Any) -> None:
        """One row's new values in place: selection and scroll stay."""
        self._rows[number] = row
        if self._columns:
            self.dataChanged.emit(self.index(number, 0), self.index(number, len(self._columns) - 1))

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row(self, number: int) -> Any:
        return self._rows[number]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self._columns):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole and self._tint is not None:
            tint = self._tint(row)
            return None if tint is None else QBrush(QColor(tint))
        return cell_data(self._columns[index.column()], row, role)

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


def rows_table(model: RowsTableModel, object_name: str, parent: QWidget) -> CopyableTableView:
    """A table of ``model`` whose rows are chosen one at a time, its columns at their widths."""
    table = CopyableTableView(parent)
    table.setObjectName(object_name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setStretchLastSection(True)
    table.apply_column_widths(model.columns)
    return table
