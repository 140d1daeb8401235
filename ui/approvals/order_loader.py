"""Reading the chosen work order in full into an Approvals page's detail panel: a newer choice
cancels an older load in flight, and the flow's change view first reads what it shows (such as
names). It runs on the page's runner, so the page's wait_idle awaits it too."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial

from services.clients.approvals import ApprovalsClient
from services.contract.schemas import WorkOrderOut
from ui.approvals.detail_panel import WorkOrderDetail
from ui.common import change_views
from ui.common.op_runner import OpRunner
from ui.common.page_context import PageContext

DETAIL = "detail"  # the runner's key of the order on its way to the detail


class OrderLoader:
    def __init__(self, ctx: PageContext, approvals: ApprovalsClient, ops: OpRunner, detail: WorkOrderDetail,
                 shown: Callable[[], None]):
        self._ctx = ctx
        self._approvals = approvals
        self._ops = ops
        self._detail = detail
        self._shown = shown  # the page's buttons follow the order in the detail

    def open(self, order_id: int, *, force: bool = False) -> asyncio.Task | None:
        """Loads ``order_id`` into the detail, unless it is there already (``force``: again)."""
        shown = self._detail.order
        if not force and shown is not None and shown.id == order_id:
            return None
        self._detail.show_loading(order_id)
        task = self._ops.run(self._read(order_id), key=DETAIL, on_success=self._detail.show_order,
                             on_failure=partial(self._not_read, order_id))
        self._shown()
        return task

    def show(self, order: WorkOrderOut) -> None:
        """``order`` as it is now, read by an action: any load in flight is stale."""
        self._ops.cancel(DETAIL)
        self._detail.show_order(order)
        self._shown()

    async def _read(self, order_id: int) -> WorkOrderOut:
        order = await self._approvals.work_order(order_id)
        view = change_views.view_for(order.flow)
        if view is not None and view.prepare is not None:  # e.g. the names it shows, read once
            await view.prepare(self._ctx.api)
        return order

    def _not_read(self, order_id: int, exc: BaseException) -> bool:
        self._detail.show_failed(order_id, self._ctx.describe(exc))
        return False  # the runner reports it too
