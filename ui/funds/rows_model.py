"""A read-only table of a whole list held in memory (batches, one side's lines), declared by
columns; an optional row tint marks rows that need attention (always beside a status text); and
the table view that shows one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QWidget

from ui.common.column_table_model import ColumnTableModel
from ui.common.columns import Column
from ui.common.read_only_model import AnyIndex
from ui.common.table_view import CopyableTableView

_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)  # read once: asked of every cell on each paint


class RowsTableModel(ColumnTableModel):
    def __init__(self, columns: Sequence[Column], tr_context: str,
                 tint: Callable[[Any], str | None] | None = None, parent: QObject | None = None):
        super().__init__(columns, tr_context, parent)
        self._tint = tint

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

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != _BACKGROUND or self._tint is None:
            return super().data(index, role)
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        tint = self._tint(self._rows[index.row()])
        return None if tint is None else QBrush(QColor(tint))


def rows_table(model: RowsTableModel, object_name: str, parent: QWidget) -> CopyableTableView:
    """A table of ``model`` whose rows are chosen one at a time, its columns at their widths."""
    table = CopyableTableView(parent)
    table.setObjectName(object_name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.apply_column_widths(model.columns)
    return table
