"""Fund Clearing's batch list: one row per fund and trade date with both sides' states (their
settlement once confirmed) and the steps they wait for, the chosen row's batch shown below it, and
under it a status line (count, loading, failed) beside the chosen batch's settlement steps."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QCoreApplication, QModelIndex, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from services.contract.fund_clearing import BatchOut, SettlementStep
from ui.funds.batch_columns import CONTEXT, batch_columns
from ui.funds.rows_model import RowsTableModel, rows_table
from ui.funds.settlement_bar import SettlementBar

translate = QCoreApplication.translate  # the name lupdate recognises


class BatchListPanel(QWidget):
    batchChosen = Signal(int)  # the batch id of the row made current

    def __init__(self, fund_name: Callable[[BatchOut], str], can_step: Mapping[SettlementStep, bool] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.model = RowsTableModel(batch_columns(fund_name), CONTEXT, parent=self)
        self.table = rows_table(self.model, "fundBatches", self)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.status = QLabel(self)
        self.status.setObjectName("queryStatus")
        self.settlement = SettlementBar(can_step or {}, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        below = QHBoxLayout()
        layout.addLayout(below)
        below.addWidget(self.status, 1)
        below.addWidget(self.settlement)

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
