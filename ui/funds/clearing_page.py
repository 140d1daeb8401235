"""Funds › Public Funds › Fund Clearing (基金清算): batches by fund and trade date with each side's
status and the settlement steps it waits for, the selected batch's two sides side by side (state,
the NAV of each side's own NAV date, totals, lines with the ones that differ tinted and named),
Import of the fund house's confirmation (a side at a time, if need be), Explain… a line, the two
reconciliation confirmations (申購核對確認, 贖回核對確認), the settlement steps (申購交割; 贖回貨交割
then 贖回錢交割), the fund's Difference Limit…, and the reconciliation's Excel export.

The page is a view: it builds the filter bar, the action bar (action_bar.py), the batch list
(batch_list.py) and the chosen batch's two sides (batch_sides.py), binds them to the controller
(clearing_controller.py), which loads, keeps and decides, and shows what it says; its questions
and notes are clearing_dialogs.py. Buttons the user's permissions do not allow are hidden; the
backend decides either way.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from services.contract.fund_clearing import BatchQuery, SettlementState, SideState
from ui.common import empty_texts
from ui.common.empty_note import EmptyNote
from ui.common.filter_bar import ChoiceField, DateField, FilterBar
from ui.common.page_context import PageContext
from ui.common.shortcuts import local_shortcut
from ui.funds import labels
from ui.funds.action_bar import ClearingActionBar
from ui.funds.batch_columns import CONTEXT
from ui.funds.batch_list import BatchListPanel
from ui.funds.batch_sides import BatchSidesPanel
from ui.funds.clearing_controller import FundClearingController
from ui.funds.clearing_dialogs import ClearingDialogs

FIELDS = (
    # Its choices are the backend's funds, set once they are read.
    ChoiceField("fund_id", QT_TRANSLATE_NOOP("FundClearingPage", "Fund"), ()),
    DateField("date_from", QT_TRANSLATE_NOOP("FundClearingPage", "From")),
    DateField("date_to", QT_TRANSLATE_NOOP("FundClearingPage", "To")),
    ChoiceField("state", QT_TRANSLATE_NOOP("FundClearingPage", "State"), tuple(
        (state.value, lambda state=state: labels.state_text(state)) for state in SideState)),
    ChoiceField("settlement", QT_TRANSLATE_NOOP("FundClearingPage", "Settlement"), tuple(
        (state.value, lambda state=state: labels.settlement_text(state)) for state in SettlementState)),
)

EMPTY = (QT_TRANSLATE_NOOP("FundClearingPage", "No batch yet: a batch is made for each fund's trade date when "
                                               "its orders are placed."),
         QT_TRANSLATE_NOOP("FundClearingPage", "No batch matches the filter ({filter})."))


class FundClearingPage(QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fundClearingPage")
        self.controller = controller = FundClearingController(ctx, self)
        self.dialogs = ClearingDialogs(self, controller)
        self.filter_bar = FilterBar(FIELDS, BatchQuery, CONTEXT, date_ranges=(("date_from", "date_to"),),
                                    parent=self)
        fund_combo = self.filter_bar.editor("fund_id")
        fund_combo.setMinimumWidth(fund_combo.fontMetrics().averageCharWidth() * 34)
        self.action_bar = ClearingActionBar(can_import=controller.can_import, parent=self)
        self.batch_list = BatchListPanel(controller.fund_book.batch_fund_name, controller.can_step, self)
        self.sides = BatchSidesPanel(controller.fund_book.batch_fund_name, can_explain=controller.can_explain,
                                     can_confirm=controller.can_confirm, can_set_limit=controller.can_set_limit,
                                     parent=self)
        self.panels = self.sides.panels

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("fundClearingSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.batch_list)
        self.splitter.addWidget(self.sides)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.action_bar)
        layout.addWidget(self.splitter, 1)

        self.empty_note = EmptyNote(self.batch_list.table, self.empty_text, controller.ops.runningChanged)
        self._bind()
        self.retranslate_ui()
        controller.start()

    def _bind(self) -> None:
        """The user's choices go to the controller (or its dialogs); what it says comes back here."""
        controller, dialogs = self.controller, self.dialogs
        self.filter_bar.searchRequested.connect(controller.apply_filter)
        self.action_bar.importRequested.connect(dialogs.choose_import_file)
        self.action_bar.exportRequested.connect(dialogs.choose_export_file)
        self.action_bar.refreshRequested.connect(controller.refresh)
        self.batch_list.batchChosen.connect(controller.open_batch)
        self.sides.explainRequested.connect(lambda side: dialogs.ask_explain(self.panels[side]))
        self.sides.confirmRequested.connect(lambda side: dialogs.ask_confirm(self.panels[side]))
        self.sides.limitRequested.connect(dialogs.ask_difference_limit)
        self.batch_list.settlement.stepRequested.connect(dialogs.ask_step)
        if controller.can_import:
            local_shortcut("Ctrl+I", self, dialogs.choose_import_file)
        local_shortcut("Ctrl+E", self, dialogs.choose_export_file)
        local_shortcut(QKeySequence.StandardKey.Refresh, self, controller.refresh)

        controller.ops.runningChanged.connect(self._ops_changed)
        controller.fundsChanged.connect(self._show_funds)
        controller.batchesChanged.connect(self._show_batches)
        controller.batchRowChanged.connect(self.batch_list.replace_row)
        controller.batchChanged.connect(self._show_batch)
        controller.actions.outcomeChanged.connect(lambda: self.action_bar.show_outcome(controller.actions.outcome))

    # --- what the controller says -------------------------------------------------------------

    def _show_funds(self) -> None:
        self.filter_bar.set_choices("fund_id", [(f.id, lambda f=f: self.controller.fund_book.fund_name(f))
                                                for f in self.controller.fund_book.funds.values()])

    def _show_batches(self) -> None:
        self.batch_list.show_batches(self.controller.batches, self.controller.chosen_id)
        self._show_list_status()

    def empty_text(self) -> str:
        """Why no batch is listed: none yet, or none the filter lets through (named)."""
        controller = self.controller
        if controller.loading_list or controller.list_failed:
            return ""
        return empty_texts.empty_text(EMPTY, self.filter_bar.fields(), controller.query, BatchQuery(), context=CONTEXT)

    def _show_list_status(self) -> None:
        self.batch_list.show_status(failed=self.controller.list_failed, loading=self.controller.loading_list)

    def _show_batch(self) -> None:
        batch = self.controller.batch
        if batch is None:
            self.sides.clear()
        else:
            self.sides.show_batch(batch, self.controller.fund_book.decimals(batch))
        self._show_actions()

    def _show_actions(self) -> None:
        actions = self.controller.actions
        self.action_bar.set_actions(may_import=actions.may_import(), confirmed=actions.batch_confirmed,
                                    may_export=actions.may_export())
        self.sides.set_busy(actions.acting)
        self.batch_list.settlement.set_batch(self.controller.batch, busy=actions.acting)

    def _ops_changed(self, *_args: object) -> None:
        self.action_bar.busy.setVisible(self.controller.ops.busy)
        self._show_list_status()
        self._show_actions()

    # --- language -----------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.action_bar.retranslate_ui()
        self.action_bar.show_outcome(self.controller.actions.outcome)
        self.batch_list.model.retranslate()
        self.batch_list.settlement.retranslate_ui()
        self.sides.retranslate_ui()
        self._show_list_status()
        self._show_actions()
        self.empty_note.update_note()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- for tests ----------------------------------------------------------------------------

    def is_ready(self) -> bool:
        """The funds and the batch list have come, and the chosen batch (if any)."""
        return self.controller.is_ready()

    async def wait_idle(self) -> None:
        await self.controller.wait_idle()
