"""A read-only table of a whole list held in memory (users, roles), declared by columns, and the
table view that shows one, a row at a time."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QWidget

from ui.common.column_table_model import ColumnTableModel
from ui.common.table_view import CopyableTableView


class RowsModel(ColumnTableModel):
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()


def rows_table(model: RowsModel, object_name: str, parent: QWidget) -> CopyableTableView:
    table = CopyableTableView(parent)
    table.setObjectName(object_name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.apply_column_widths(model.columns)
    return table
