"""What Fund Clearing loads, keeps and decides, without a widget: the funds (``fund_book``, the
filter's choices and each fund's name and decimals), the batch list of the current query and the batch shown below it;
``actions`` (batch_actions.py) are what may be done to that batch and the outcome they leave, with
``settlement`` (settlement_actions.py): its settlement steps and its fund's difference limit.

Every request goes through the area's typed client (services/clients/funds.py) on this
controller's one ``OpRunner``: a newer list or batch replaces the one in flight, and a failure is
said in the actions' outcome and, for the network and sessions, by the shell once. The page (clearing_page.py) shows what the signals say and hands the user's choices back.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import QObject, Signal

from services.api_client import ApiError
from services.clients.funds import FundsClient
from services.contract.fund_clearing import BatchDetail, BatchOut, BatchQuery, FundOut, SettlementStep, Side
from services.contract.permissions import Perm
from ui.common.op_runner import OpRunner
from ui.common.page_context import PageContext
from ui.funds.batch_actions import BatchActions
from ui.funds.fund_book import FundBook
from ui.funds.settlement_actions import SettlementActions

# The runner's keys of what is read: a newer list or batch replaces the one in flight.
LIST, DETAIL = "list", "detail"
STEP_PERMISSIONS = {
    SettlementStep.SUBSCRIPTION_DELIVERY: Perm.FUND_CLEARING_SUBSCRIPTION_DELIVERY,
    SettlementStep.REDEMPTION_UNITS_DELIVERY: Perm.FUND_CLEARING_REDEMPTION_UNITS_DELIVERY,
    SettlementStep.REDEMPTION_CASH_DELIVERY: Perm.FUND_CLEARING_REDEMPTION_CASH_DELIVERY,
}


class FundClearingController(QObject):
    fundsChanged = Signal()  # the funds of ``fund_book`` read
    batchesChanged = Signal()  # ``batches`` replaced by a new list
    batchRowChanged = Signal(int, object)  # (position, BatchOut): one listed batch's new states and counts
    batchChanged = Signal()  # ``batch`` is another one, the same one anew, or None

    def __init__(self, ctx: PageContext, parent: QObject | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.client = FundsClient(ctx.api)
        self.ops = OpRunner(self, ctx.report_error)
        self.fund_book = FundBook(ctx.language)
        self.batches: list[BatchOut] = []
        self.batch: BatchDetail | None = None  # the batch shown below the list
        self.query = BatchQuery()
        self.list_failed = False  # F5 tries again
        self._wanted: int | None = None  # the batch shown or on its way
        self.can_import = ctx.can(Perm.FUND_CLEARING_IMPORT)
        self.can_explain = ctx.can(Perm.FUND_CLEARING_EXPLAIN)
        self.can_confirm = {Side.SUBSCRIPTION: ctx.can(Perm.FUND_CLEARING_CONFIRM_SUBSCRIPTION),
                            Side.REDEMPTION: ctx.can(Perm.FUND_CLEARING_CONFIRM_REDEMPTION)}
        self.can_step = {step: ctx.can(permission) for step, permission in STEP_PERMISSIONS.items()}
        self.can_set_limit = ctx.can(Perm.FUND_CLEARING_SET_DIFFERENCE_LIMIT)
        self.actions = BatchActions(self, ctx)
        self.settlement = SettlementActions(self, self.actions)

    # --- the list -----------------------------------------------------------------------------

    def start(self) -> asyncio.Task:
        """Funds first (names, decimals, the filter's choices), then the batches."""
        return self._run_list(self._load_funds_and_batches())

    async def _load_funds_and_batches(self) -> list[BatchOut]:
        try:
            funds = await self.client.funds()
        except ApiError as exc:  # the list still loads, with the server's decimals
            self.ops.report(exc)
        else:
            self.fund_book.replace(funds)
            self.fundsChanged.emit()
        return await self.client.batches(self.query)

    def apply_filter(self, query: BatchQuery) -> asyncio.Task:
        self.query = query
        return self.reload_batches()

    def reload_batches(self) -> asyncio.Task:
        return self._run_list(self.client.batches(self.query))

    def _run_list(self, op: Coroutine[Any, Any, list[BatchOut]]) -> asyncio.Task:
        self.list_failed = False
        return self.ops.run(op, key=LIST, on_success=self._batches_read, on_failure=self._list_not_read)

    def _list_not_read(self, _exc: BaseException) -> bool:
        self.list_failed = True
        return False  # the runner reports it

    def _batches_read(self, batches: list[BatchOut]) -> None:
        """The batch shown stays shown when it is still listed; otherwise the first one is."""
        self.batches = list(batches)
        ids = [b.id for b in batches]
        chosen = self._wanted if self._wanted in ids else (ids[0] if ids else None)
        if chosen is None:
            self._show_batch(None)
        else:
            self.open_batch(chosen)
        self.batchesChanged.emit()

    @property
    def chosen_id(self) -> int | None:
        """The batch shown below the list, or the one on its way."""
        return self._wanted

    def refresh(self) -> None:
        """F5: the list again, and the chosen batch."""
        self.reload_batches()
        if self.batch is not None:
            self.open_batch(self.batch.id, force=True)

    # --- the batch ----------------------------------------------------------------------------

    def open_batch(self, batch_id: int, *, force: bool = False) -> asyncio.Task | None:
        """Loads the batch below the list; a newer choice cancels an older load in flight."""
        if not force and batch_id == self._wanted:
            return None
        self._wanted = batch_id
        return self.ops.run(self.client.batch(batch_id), key=DETAIL, on_success=self._show_batch,
                            on_failure=self._batch_not_read)

    def _batch_not_read(self, exc: BaseException) -> bool:
        self._wanted = self.batch.id if self.batch is not None else None  # choosing it again tries again
        return self.actions.fail(exc)

    def _show_batch(self, detail: BatchDetail | None) -> None:
        self.batch = detail
        self._wanted = detail.id if detail is not None else None
        if detail is not None:
            self._update_list_row(detail)
        self.batchChanged.emit()

    def _update_list_row(self, batch: BatchOut) -> None:
        """The list's row of ``batch`` shows its new states and counts, where it is."""
        for number, row in enumerate(self.batches):
            if row.id == batch.id:
                self.batches[number] = BatchOut.model_validate(batch.model_dump(include=set(BatchOut.model_fields)))
                self.batchRowChanged.emit(number, self.batches[number])
                return

    async def reload_detail(self, batch_id: int) -> None:
        """After a change: the batch again (its lines, totals and states) and its row in the list."""
        self.ops.cancel(DETAIL)
        detail = await self.client.batch(batch_id)
        if self.batch is None or self.batch.id == batch_id:
            self._show_batch(detail)
        else:
            self._update_list_row(detail)

    async def fund_changed(self, fund: FundOut) -> None:
        """After a fund's limit changed: its name and figures, every listed batch and the one shown."""
        self.fund_book.funds[fund.id] = fund
        self.fundsChanged.emit()
        self.reload_batches()
        if self.batch is not None:
            await self.reload_detail(self.batch.id)

    # --- what may be done now -----------------------------------------------------------------

    @property
    def loading_list(self) -> bool:
        return self.ops.running(LIST)

    def is_ready(self) -> bool:
        """The funds and the batch list have come, and the chosen batch (if any)."""
        return (not self.loading_list and not self.ops.running(DETAIL)
                and (not self.batches or self.batch is not None))

    async def wait_idle(self) -> None:
        await self.ops.wait_idle()
