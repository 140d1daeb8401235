"""What may be done to Fund Clearing's chosen batch, without a widget: Import a confirmation file,
Explain a line, Confirm a side's reconciliation, Export the reconciliation (the settlement steps
and the fund's limit are settlement_actions.py's); what may be done now; and the outcome line each
leaves (said again in a new language), a failure's included (its reasons through refusals.py).

They run on their controller's one runner: an import, explanation or confirmation is refused
while another runs, an export asked for while one runs is that one; each change reads the batch
again through the controller.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDir, QObject, Signal

from services.api_client import ApiError
from services.contract.errors import ErrorCode
from services.contract.fund_clearing import ExplainIn, Side, SideState
from services.contract.queries import ExportLanguage
from ui.common import formatting
from ui.common.formatting import HK, file_size
from ui.common.page_context import PageContext
from ui.funds.batch_columns import CONTEXT
from ui.funds.refusals import refusal_reasons

if TYPE_CHECKING:
    from ui.funds.clearing_controller import FundClearingController

translate = QCoreApplication.translate  # the name lupdate recognises

# The runner's keys of actions: one import, explanation or confirmation at a time; one export.
ACTION, EXPORT = "action", "export"

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


class BatchActions(QObject):
    outcomeChanged = Signal()  # ``outcome``
    importRefused = Signal(str, str, object)  # file name, the refusal in the user's language, its bad cells

    def __init__(self, controller: FundClearingController, ctx: PageContext):
        super().__init__(controller)
        self._controller = controller
        self._ctx = ctx
        self.outcome: Outcome | None = None
        self.last_dir = QDir.homePath()  # where the file dialogs open

    # --- what may be done now -----------------------------------------------------------------

    @property
    def acting(self) -> bool:
        return self._controller.ops.running(ACTION)

    @property
    def exporting(self) -> bool:
        return self._controller.ops.running(EXPORT)

    @property
    def batch_confirmed(self) -> bool:
        """Both sides of the chosen batch are confirmed: a file has no side left to correct."""
        batch = self._controller.batch
        return batch is not None and batch.subscriptions.state == batch.redemptions.state == SideState.CONFIRMED

    def may_import(self) -> bool:
        """A file may correct a side still open, after the other side is confirmed."""
        return self._controller.batch is not None and not self.batch_confirmed and not self.acting

    def may_export(self) -> bool:
        return self._controller.batch is not None and not self.exporting

    # --- the actions --------------------------------------------------------------------------

    def explain(self, batch_id: int, side: Side, order_ref: str, note: str) -> asyncio.Task | None:
        if self.acting:
            return None
        return self.act(self._explain(batch_id, ExplainIn(side=side, order_ref=order_ref, note=note)))

    async def _explain(self, batch_id: int, body: ExplainIn) -> None:
        await self._controller.client.explain(batch_id, body)
        self.set_outcome(QT_TRANSLATE_NOOP("FundClearingPage", "Line {ref} explained."), {"ref": body.order_ref})
        await self._controller.reload_detail(batch_id)

    def confirm_side(self, batch_id: int, side: Side) -> asyncio.Task | None:
        """Confirms one side; the backend refuses it while a line is unexplained."""
        if self.acting:
            return None
        return self.act(self._confirm(batch_id, side))

    async def _confirm(self, batch_id: int, side: Side) -> None:
        result = await self._controller.client.confirm(batch_id, side)
        source = (QT_TRANSLATE_NOOP("FundClearingPage", "Subscription reconciliation confirmed; the subscriptions "
                                                        "are settling.") if side == Side.SUBSCRIPTION
                  else QT_TRANSLATE_NOOP("FundClearingPage", "Redemption reconciliation confirmed; the redemptions "
                                                             "are settling."))
        if result.already_confirmed:
            source = QT_TRANSLATE_NOOP("FundClearingPage", "Already confirmed by {user} at {time}.")
        self.set_outcome(source, {"user": result.confirmed_by, "time": formatting.hk_datetime(result.confirmed_at)})
        await self._controller.reload_detail(batch_id)

    def import_file(self, batch_id: int, path: Path) -> asyncio.Task | None:
        if self.acting:
            return None
        self.last_dir = str(path.parent)
        self.set_outcome(QT_TRANSLATE_NOOP("FundClearingPage", "Importing {file}…"), {"file": path.name})
        return self.act(self._import(batch_id, path))

    async def _import(self, batch_id: int, path: Path) -> None:
        content = await asyncio.to_thread(path.read_bytes)
        try:
            result = await self._controller.client.import_confirmation(batch_id, path.name, content)
        except ApiError as exc:
            if exc.code == ErrorCode.FUND_CONFIRMATION_INVALID:
                self.importRefused.emit(path.name, self._ctx.describe(exc), exc.errors or [])
            raise
        self.set_outcome(QT_TRANSLATE_NOOP("FundClearingPage", "Imported {file}: {rows} row(s), {subscriptions} "
                                                                "subscription(s) and {redemptions} redemption(s)."),
                          {"file": result.file_name, "rows": result.rows, "subscriptions": result.subscription_rows,
                           "redemptions": result.redemption_rows})
        await self._controller.reload_detail(batch_id)

    def act(self, op: Coroutine[Any, Any, None]) -> asyncio.Task:
        return self._controller.ops.run(op, key=ACTION, on_failure=self.fail)

    def default_export_name(self) -> str:
        batch = self._controller.batch
        stem = f"fund-clearing-{batch.fund_code}-{batch.trade_date:%Y%m%d}" if batch else "fund-clearing"
        return f"{stem}-{datetime.now(HK):%Y%m%d-%H%M}.xlsx"

    def export_to(self, batch_id: int, target: Path) -> asyncio.Task:
        if not self.exporting:
            self.last_dir = str(target.parent)
        return self._controller.ops.run(self._export(batch_id, target), key=EXPORT, if_running="keep", on_failure=self.fail)

    async def _export(self, batch_id: int, target: Path) -> bool:
        self.set_outcome(QT_TRANSLATE_NOOP("FundClearingPage", "Exporting…"), {})
        size = await self._controller.client.export(
            batch_id, target, ExportLanguage(self._ctx.language()),
            progress=lambda n: self.set_outcome(QT_TRANSLATE_NOOP("FundClearingPage", "Exporting… {size}"),
                                                 {"size": file_size(n)}))
        self.set_outcome(QT_TRANSLATE_NOOP("FundClearingPage", "Exported {size} to {path}"),
                          {"size": file_size(size), "path": str(target)})
        return True

    # --- outcome ------------------------------------------------------------------------------

    def set_outcome(self, source: str, args: Mapping[str, object], *, failed: bool = False,
                     literal: bool = False) -> None:
        self.outcome = Outcome(source, args, failed, literal)
        self.outcomeChanged.emit()

    def fail(self, exc: BaseException) -> bool:
        """Said in the outcome; the shell hears of the network, of sessions and of file errors too."""
        text = self._ctx.describe(exc)
        if isinstance(exc, ApiError) and not exc.is_auth:
            reasons = [] if exc.code == ErrorCode.FUND_CONFIRMATION_INVALID else refusal_reasons(exc.errors or [])
            self.set_outcome(f"{text} {'; '.join(reasons)}" if reasons else text, {}, failed=True, literal=True)
            return not exc.is_network
        self.set_outcome(text, {}, failed=True, literal=True)
        return False
