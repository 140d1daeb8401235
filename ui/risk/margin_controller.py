"""What a margin page decides and submits, without a widget: the actions the user's permissions and
the kind's flows allow, whether rows may change (not while a work order on them awaits a
decision), the deletions it sends as work orders, the upload template, and the outcome line each
leaves on the page (margin_page.py, the view)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from services.api_client import ApiError
from services.clients.risk import RiskClient, margin_flow, margin_flows
from services.contract.schemas import WorkOrderOut
from services.excel.margin_template import write_template
from ui.common.change_texts import flow_name
from ui.common.op_runner import OpRunner
from ui.common.page_context import PageContext
from ui.risk.margin_kinds import MarginKindUi

translate = QCoreApplication.translate  # the name lupdate recognises

WORK_ORDERS_TOPIC = "work_orders"


def is_free(row: Any) -> bool:
    """No work order on the row awaits a decision: it may change."""
    return row is not None and row.pending_work_order_id is None


class MarginController(QObject):
    outcomeChanged = Signal(str)  # the outcome line of the last action
    submitted = Signal(object)  # the WorkOrderOut made here, in the drawer or by an upload: the list is stale

    def __init__(self, ctx: PageContext, ui: MarginKindUi, client: RiskClient, ops: OpRunner,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.ui = ui
        self.client = client
        self._ops = ops  # the page's, so that its wait_idle awaits a sending too
        self.flows = {action: flow for action, flow in margin_flows(ui.kind).items() if ctx.can(flow)}

    def may_delete_together(self, rows: Sequence[Any]) -> bool:
        return len(rows) > 1 and all(is_free(r) for r in rows) and "batch_delete" in self.flows

    def pending_text(self, row: Any) -> str:
        return translate("MarginPage", "{symbol} awaits approval in work order #{id}.").format(
            symbol=row.symbol, id=row.pending_work_order_id)

    def deletion(self, rows: Sequence[Any]) -> Callable[[], None] | None:
        """What sends the deletion of ``rows`` once the user confirms it (one row, or several
        together); None when they may not be deleted now. Its idempotency key is made here, once per
        confirmed deletion."""
        key = str(uuid.uuid4())
        kind = self.ui.kind
        if len(rows) == 1 and is_free(rows[0]) and "delete" in self.flows:
            symbol = rows[0].symbol
            return lambda: self._send(self.client.delete_margin(kind, symbol, key))
        if self.may_delete_together(rows):
            symbols = [r.symbol for r in rows]
            return lambda: self._send(self.client.delete_margins(kind, symbols, key))
        return None

    def announce(self, order: WorkOrderOut) -> None:
        """A work order was made: said on the page, the shell told, the list read again."""
        if order.resubmitted_from_id is not None:  # a refused order corrected
            text = translate("MarginPage", "Work order #{old} resubmitted as #{id}: {flow}, {levels} level(s) "
                                           "of approval.")
        else:
            text = translate("MarginPage", "Submitted as work order #{id}: {flow}, {levels} level(s) of approval.")
        self.outcomeChanged.emit(text.format(old=order.resubmitted_from_id, id=order.id, flow=flow_name(order.flow),
                                             levels=order.levels))
        self._ctx.notify(WORK_ORDERS_TOPIC)
        self.submitted.emit(order)

    async def save_template(self, target: Path) -> None:
        await asyncio.to_thread(write_template, self.ui.kind, str(target))
        self.outcomeChanged.emit(translate("MarginPage", "Template saved to {path}").format(path=target))

    def drawer_title(self, action: str, symbol: str | None) -> str:
        flow = margin_flow(self.ui.kind, action)
        if flow is None:
            return ""  # this kind has no such action (short-sell rows are never created one by one)
        name = flow_name(flow)
        return f"{name} — {symbol}" if symbol else name

    def _send(self, sending: Awaitable[WorkOrderOut]) -> None:
        self._ops.run(sending, key="send", on_success=self.announce, on_failure=self.refused)

    def refused(self, exc: BaseException) -> bool:
        """Said on the page; the shell hears of sessions (an OpRunner failure handler)."""
        self.outcomeChanged.emit(self._ctx.describe(exc))
        return isinstance(exc, ApiError) and not exc.is_auth
