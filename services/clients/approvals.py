"""Approvals over HTTP: work-order lists, an order, the inbox count, submit, decide, withdraw and
resubmit as typed methods.

Every method raises ``ApiError`` as the app's ``ApiClient`` does (a level decided meanwhile as
``decision_level_moved``, an order no longer pending as 409).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from services.api_client import ApiClient
from services.contract.queries import WORK_ORDER_EXPORT_PATH, WorkOrderExport, WorkOrderQuery
from services.contract.schemas import (
    Decision,
    DecisionIn,
    Page,
    ResubmitIn,
    WorkOrderCounts,
    WorkOrderListItem,
    WorkOrderOut,
    WorkOrderSubmit,
)

WORK_ORDERS_PATH = "/work-orders"  # GET (WorkOrderQuery) → Page[WorkOrderListItem]; POST WorkOrderSubmit
WORK_ORDER_PATH = WORK_ORDERS_PATH + "/{order_id}"  # GET → WorkOrderOut
WORK_ORDER_COUNTS_PATH = WORK_ORDERS_PATH + "/counts"  # GET → WorkOrderCounts
WORK_ORDER_RETURNED_SEEN_PATH = WORK_ORDERS_PATH + "/returned/seen"  # POST → WorkOrderCounts
WORK_ORDER_DECISIONS_PATH = WORK_ORDER_PATH + "/decisions"  # POST DecisionIn → WorkOrderOut
WORK_ORDER_WITHDRAW_PATH = WORK_ORDER_PATH + "/withdraw"  # POST → WorkOrderOut
WORK_ORDER_RESUBMIT_PATH = WORK_ORDER_PATH + "/resubmit"  # POST ResubmitIn → 201 WorkOrderOut


class ApprovalsClient:
    def __init__(self, api: ApiClient):
        self._api = api

    # --- reading ------------------------------------------------------------------------------

    async def work_orders(self, query: WorkOrderQuery) -> Page[WorkOrderListItem]:
        """One keyset page of the list ``query`` names (its view, filters and cursor), newest first."""
        return await self._api.get_page(WORK_ORDERS_PATH, WorkOrderListItem, query.as_params())

    async def iter_work_orders(self, query: WorkOrderQuery) -> AsyncIterator[Page[WorkOrderListItem]]:
        """Every page of ``query``'s list in turn from its cursor on, until the last."""
        while True:
            page = await self.work_orders(query)
            yield page
            if not page.next_cursor:
                return
            query = query.model_copy(update={"cursor": page.next_cursor})

    async def export(self, query: WorkOrderExport, target: Path,
                     progress: Callable[[int], object] | None = None) -> int:
        """The server's workbook of ``query``'s list as filtered, streamed to ``target``; returns its
        size in bytes (``progress`` hears the bytes written so far)."""
        return await self._api.download(WORK_ORDER_EXPORT_PATH, target, query.as_params(), progress=progress)

    async def work_order(self, order_id: int) -> WorkOrderOut:
        """The order in full: its payload, before/after snapshot and decisions."""
        return await self._api.get_model(WORK_ORDER_PATH.format(order_id=order_id), WorkOrderOut)

    async def counts(self) -> WorkOrderCounts:
        """How many orders await my decision, and how many of mine came back decided since I last
        looked (the status bar's counts)."""
        return await self._api.get_model(WORK_ORDER_COUNTS_PATH, WorkOrderCounts)

    async def mark_returned_seen(self) -> WorkOrderCounts:
        """I looked at my returned orders: the count starts again from none."""
        response = await self._api.request("POST", WORK_ORDER_RETURNED_SEEN_PATH)
        return WorkOrderCounts.model_validate_json(response.content)

    # --- changing -----------------------------------------------------------------------------

    async def submit(self, body: WorkOrderSubmit, idempotency_key: str) -> WorkOrderOut:
        """A new order; a retry with the same key and body returns the order the first attempt made."""
        response = await self._api.request("POST", WORK_ORDERS_PATH, json=body.model_dump(mode="json"),
                                           headers={"Idempotency-Key": idempotency_key})
        return WorkOrderOut.model_validate_json(response.content)

    async def decide(self, order_id: int, decision: Decision, comment: str | None = None, *,
                     level: int) -> WorkOrderOut:
        """Decides ``level``, the one the order showed awaiting a decision (``level_to_decide``); a
        level decided meanwhile by someone else is refused (409 decision_level_moved)."""
        body = DecisionIn(decision=decision, level=level, comment=comment)
        response = await self._api.request("POST", WORK_ORDER_DECISIONS_PATH.format(order_id=order_id),
                                           json=body.model_dump(mode="json"))
        return WorkOrderOut.model_validate_json(response.content)

    async def approve(self, order_id: int, *, level: int) -> WorkOrderOut:
        return await self.decide(order_id, Decision.APPROVE, level=level)

    async def reject(self, order_id: int, comment: str, *, level: int) -> WorkOrderOut:
        return await self.decide(order_id, Decision.REJECT, comment, level=level)

    async def withdraw(self, order_id: int) -> WorkOrderOut:
        """The maker takes a pending order back: nothing changes, its targets are free again."""
        response = await self._api.request("POST", WORK_ORDER_WITHDRAW_PATH.format(order_id=order_id))
        return WorkOrderOut.model_validate_json(response.content)

    async def resubmit(self, order_id: int, idempotency_key: str, payload: dict[str, Any] | None = None) -> WorkOrderOut:
        """A rejected or stale order as a new one (``payload`` corrects it, None sends it as it was);
        the caller keeps ``idempotency_key`` for retries."""
        response = await self._api.request("POST", WORK_ORDER_RESUBMIT_PATH.format(order_id=order_id),
                                           json=ResubmitIn(payload=payload).model_dump(mode="json"),
                                           headers={"Idempotency-Key": idempotency_key})
        return WorkOrderOut.model_validate_json(response.content)
