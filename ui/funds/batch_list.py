"""Fund Clearing's batch list: one row per fund and trade date with both sides' states, the
chosen row's batch shown below it, and a status line under it (count, loading, failed)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QModelIndex, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from services.contract.fund_clearing import BatchOut
from ui.funds.batch_columns import CONTEXT, batch_columns
from ui.funds.rows_model import RowsTableModel, rows_table

translate = QCoreApplication.translate  # the name lupdate recognises


class BatchListPanel(QWidget):
    batchChosen = Signal(int)  # the batch id of the row made current

    def __init__(self, fund_name: Callable[[BatchOut], str], parent: QWidget | None = None):
        super().__init__(parent)
        self.model = RowsTableModel(batch_columns(fund_name), CONTEXT, parent=self)
        self.table = rows_table(self.model, "fundBatches", self)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.status = QLabel(self)
        self.status.setObjectName("queryStatus")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

    def show_batches(self, batches: Sequence[BatchOut], chosen_id: int | None) -> None:
        self.model.set_rows(batches)
        self.select_batch(chosen_id)

    def replace_row(self, number: int, batch: BatchOut) -> None:
        self.model.replace_row(number, batch)

    def select_batch(self, batch_id: int | None) -> bool:
        ids = [b.id for b in self.model.rows()]
        if batch_id not in ids:
            return False
        self.table.selectRow(ids.index(batch_id))
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.batchChosen.emit(self.model.row(current.row()).id)

    def show_status(self, *, failed: bool, loading: bool) -> None:
        if failed:
            text = translate("FundClearingPage", "Loading failed; press F5 to try again.")
        elif loading:
            text = translate("FundClearingPage", "Loading…")
        else:
            count = self.model.rowCount()
            text = translate("FundClearingPage", "{count} batch(es)").format(count=f"{count:,}")
        self.status.setText(text)
