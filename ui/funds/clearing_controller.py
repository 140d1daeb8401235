"""What Fund Clearing loads, keeps and decides, without a widget: the funds (the filter's choices
and each fund's decimals), the batch list of the current query, the batch shown below it, the
actions on that batch (import, explain, confirm a side, export) and the outcome line they leave.

Every request goes through the area's typed client (services/clients/funds.py) on this
controller's one ``OpRunner``: a newer list, batch or action replaces the one of its kind in
flight, and a failure is said in the outcome and, for the network and sessions, by the shell
once. The page (clearing_page.py) shows what the signals say and hands the user's choices back.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDir, QObject, Signal

from services.api_client import ApiError
from services.clients.funds import FundsClient
from services.contract.errors import ErrorCode
from services.contract.fund_clearing import (
    BatchDetail,
    BatchOut,
    BatchQuery,
    ExplainIn,
    FundOut,
    Side,
    SideState,
)
from services.contract.permissions import Perm
from services.contract.queries import ExportLanguage
from services.rules.fund_reconciliation import DEFAULT_AMOUNT_DECIMALS, DEFAULT_UNIT_DECIMALS
from ui.common import formatting
from ui.common.formatting import HK, file_size
from ui.common.op_runner import OpRunner
from ui.common.page_context import PageContext
from ui.funds import labels
from ui.funds.batch_columns import CONTEXT

translate = QCoreApplication.translate  # the name lupdate recognises

# The kinds of background work (the runner's keys): a newer one of a kind replaces the older.
LIST, DETAIL, ACTION, EXPORT = "list", "detail", "action", "export"  # ACTION: an import, explanation or confirmation


@dataclass(frozen=True)
class Outcome:
    """The line beside the buttons: a source text of the page's context and its arguments (said
    again in a new language), or, ``literal``, a text already in the user's language (a failure's)."""

    source: str
    args: Mapping[str, object] = field(default_factory=dict)
    failed: bool = False
    literal: bool = False

    def text(self) -> str:
        return self.source if self.literal else translate(CONTEXT, self.source).format(**self.args)


class FundClearingController(QObject):
    fundsChanged = Signal()  # ``funds`` read
    batchesChanged = Signal()  # ``batches`` replaced by a new list
    batchRowChanged = Signal(int, object)  # (position, BatchOut): one listed batch's new states and counts
    batchChanged = Signal()  # ``batch`` is another one, the same one anew, or None
    outcomeChanged = Signal()  # ``outcome``
    importRefused = Signal(str, str, object)  # file name, the refusal in the user's language, its bad cells

    def __init__(self, ctx: PageContext, parent: QObject | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.client = FundsClient(ctx.api)
        self.ops = OpRunner(self, ctx.report_error)
        self.funds: dict[int, FundOut] = {}
        self.batches: list[BatchOut] = []
        self.batch: BatchDetail | None = None  # the batch shown below the list
        self.query = BatchQuery()
        self.outcome: Outcome | None = None
        self.list_failed = False  # F5 tries again
        self.last_dir = QDir.homePath()  # where the file dialogs open
        self._wanted: int | None = None  # the batch shown or on its way
        self.can_import = ctx.can(Perm.FUND_CLEARING_IMPORT)
        self.can_explain = ctx.can(Perm.FUND_CLEARING_EXPLAIN)
        self.can_confirm = {Side.SUBSCRIPTION: ctx.can(Perm.FUND_CLEARING_CONFIRM_SUBSCRIPTION),
                            Side.REDEMPTION: ctx.can(Perm.FUND_CLEARING_CONFIRM_REDEMPTION)}

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
            self.funds = {fund.id: fund for fund in funds}
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
        return self._fail(exc)

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

    async def _reload_detail(self, batch_id: int) -> None:
        """After a change: the batch again (its lines, totals and states) and its row in the list."""
        self.ops.cancel(DETAIL)
        detail = await self.client.batch(batch_id)
        if self.batch is None or self.batch.id == batch_id:
            self._show_batch(detail)
        else:
            self._update_list_row(detail)

    # --- what the funds say -------------------------------------------------------------------

    def fund_name(self, fund: FundOut) -> str:
        return labels.fund_name(fund, fund.code, fund.name, self._ctx.language())

    def batch_fund_name(self, batch: BatchOut) -> str:
        return labels.fund_name(self.funds.get(batch.fund_id), batch.fund_code, batch.fund_name,
                                self._ctx.language())

    def decimals(self, batch: BatchOut) -> tuple[int, int]:
        """(unit, amount) decimals of the batch's fund; the reconciliation's defaults when unknown."""
        fund = self.funds.get(batch.fund_id)
        return (fund.unit_decimals, fund.amount_decimals) if fund else (DEFAULT_UNIT_DECIMALS, DEFAULT_AMOUNT_DECIMALS)

    def difference_places(self, batch: BatchOut, side: Side) -> int:
        """A line's difference: units on the subscription side, cash on the redemption side."""
        fund = self.funds.get(batch.fund_id)
        if fund is None:
            return 2
        return fund.unit_decimals if side == Side.SUBSCRIPTION else fund.amount_decimals

    # --- what may be done now -----------------------------------------------------------------

    @property
    def loading_list(self) -> bool:
        return self.ops.running(LIST)

    @property
    def acting(self) -> bool:
        return self.ops.running(ACTION)

    @property
    def exporting(self) -> bool:
        return self.ops.running(EXPORT)

    @property
    def batch_confirmed(self) -> bool:
        """A side of the chosen batch is confirmed: it keeps the confirmation it was reconciled against."""
        return self.batch is not None and SideState.CONFIRMED in (self.batch.subscriptions.state,
                                                                   self.batch.redemptions.state)

    def may_import(self) -> bool:
        return self.batch is not None and not self.batch_confirmed and not self.acting

    def may_export(self) -> bool:
        return self.batch is not None and not self.exporting

    def is_ready(self) -> bool:
        """The funds and the batch list have come, and the chosen batch (if any)."""
        return (not self.loading_list and not self.ops.running(DETAIL)
                and (not self.batches or self.batch is not None))

    async def wait_idle(self) -> None:
        await self.ops.wait_idle()

    # --- actions ------------------------------------------------------------------------------

    def explain(self, batch_id: int, side: Side, order_ref: str, note: str) -> asyncio.Task | None:
        if self.acting:
            return None
        return self._act(self._explain(batch_id, ExplainIn(side=side, order_ref=order_ref, note=note)))

    async def _explain(self, batch_id: int, body: ExplainIn) -> None:
        await self.client.explain(batch_id, body)
        self._set_outcome(QT_TRANSLATE_NOOP("FundClearingPage", "Line {ref} explained."), {"ref": body.order_ref})
        await self._reload_detail(batch_id)

    def confirm_side(self, batch_id: int, side: Side) -> asyncio.Task | None:
        """Confirms one side; the backend refuses it while a line is unexplained."""
        if self.acting:
            return None
        return self._act(self._confirm(batch_id, side))

    async def _confirm(self, batch_id: int, side: Side) -> None:
        result = await self.client.confirm(batch_id, side)
        source = (QT_TRANSLATE_NOOP("FundClearingPage", "Subscriptions confirmed.") if side == Side.SUBSCRIPTION
                  else QT_TRANSLATE_NOOP("FundClearingPage", "Redemptions confirmed."))
        if result.already_confirmed:
            source = QT_TRANSLATE_NOOP("FundClearingPage", "Already confirmed by {user} at {time}.")
        self._set_outcome(source, {"user": result.confirmed_by, "time": formatting.hk_datetime(result.confirmed_at)})
        await self._reload_detail(batch_id)

    def import_file(self, batch_id: int, path: Path) -> asyncio.Task | None:
        if self.acting:
            return None
        self.last_dir = str(path.parent)
        self._set_outcome(QT_TRANSLATE_NOOP("FundClearingPage", "Importing {file}…"), {"file": path.name})
        return self._act(self._import(batch_id, path))

    async def _import(self, batch_id: int, path: Path) -> None:
        content = await asyncio.to_thread(path.read_bytes)
        try:
            result = await self.client.import_confirmation(batch_id, path.name, content)
        except ApiError as exc:
            if exc.code == ErrorCode.FUND_CONFIRMATION_INVALID:
                self.importRefused.emit(path.name, self._ctx.describe(exc), exc.errors or [])
            raise
        self._set_outcome(QT_TRANSLATE_NOOP("FundClearingPage", "Imported {file}: {rows} row(s), {subscriptions} "
                                                                "subscription(s) and {redemptions} redemption(s)."),
                          {"file": result.file_name, "rows": result.rows, "subscriptions": result.subscription_rows,
                           "redemptions": result.redemption_rows})
        await self._reload_detail(batch_id)

    def _act(self, op: Coroutine[Any, Any, None]) -> asyncio.Task:
        return self.ops.run(op, key=ACTION, on_failure=self._fail)

    def default_export_name(self) -> str:
        batch = self.batch
        stem = f"fund-clearing-{batch.fund_code}-{batch.trade_date:%Y%m%d}" if batch else "fund-clearing"
        return f"{stem}-{datetime.now(HK):%Y%m%d-%H%M}.xlsx"

    def export_to(self, batch_id: int, target: Path) -> asyncio.Task:
        if not self.exporting:
            self.last_dir = str(target.parent)
        return self.ops.run(self._export(batch_id, target), key=EXPORT, if_running="keep", on_failure=self._fail)

    async def _export(self, batch_id: int, target: Path) -> bool:
        self._set_outcome(QT_TRANSLATE_NOOP("FundClearingPage", "Exporting…"), {})
        size = await self.client.export(
            batch_id, target, ExportLanguage(self._ctx.language()),
            progress=lambda n: self._set_outcome(QT_TRANSLATE_NOOP("FundClearingPage", "Exporting… {size}"),
                                                 {"size": file_size(n)}))
        self._set_outcome(QT_TRANSLATE_NOOP("FundClearingPage", "Exported {size} to {path}"),
                          {"size": file_size(size), "path": str(target)})
        return True

    # --- outcome ------------------------------------------------------------------------------

    def _set_outcome(self, source: str, args: Mapping[str, object], *, failed: bool = False,
                     literal: bool = False) -> None:
        self.outcome = Outcome(source, args, failed, literal)
        self.outcomeChanged.emit()

    def _fail(self, exc: BaseException) -> bool:
        """Said in the outcome; the shell hears of the network, of sessions and of file errors too."""
        text = self._ctx.describe(exc)
        if isinstance(exc, ApiError) and not exc.is_auth:
            reasons = [] if exc.code == ErrorCode.FUND_CONFIRMATION_INVALID else [
                str(e.get("reason")) for e in (exc.errors or []) if e.get("reason")][:5]
            self._set_outcome(f"{text} {'; '.join(reasons)}" if reasons else text, {}, failed=True, literal=True)
            return not exc.is_network
        self._set_outcome(text, {}, failed=True, literal=True)
        return False
