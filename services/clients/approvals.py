"""Approvals over HTTP: work-order lists, an order, the inbox count, submit, decide, withdraw,
resubmit, transfer (轉交) and its candidates, CC (抄送), and my delegations (委託) as typed methods.

Every method raises ``ApiError`` as the app's ``ApiClient`` does (a level decided meanwhile as
``decision_level_moved``, an order no longer pending as 409).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from services.api_client import RETRY_PAUSES, ApiClient, ApiError, worth_sending_again
from services.clients.session import ME_PATH
from services.contract.errors import ErrorCode
from services.contract.identity import (
    APPROVAL_DELEGATION_REVOKE_PATH,
    APPROVAL_DELEGATIONS_PATH,
    ApprovalDelegationIn,
    ApprovalDelegationOut,
)
from services.contract.queries import WORK_ORDER_EXPORT_PATH, WorkOrderExport, WorkOrderQuery
from services.contract.schemas import (
    CcIn,
    Decision,
    DecisionIn,
    MeOut,
    ResubmitIn,
    TransferCandidateOut,
    TransferIn,
    WorkOrderCounts,
    WorkOrderOut,
    WorkOrderPage,
    WorkOrderSubmit,
)

WORK_ORDERS_PATH = "/work-orders"  # GET (WorkOrderQuery) → WorkOrderPage; POST WorkOrderSubmit
WORK_ORDER_PATH = WORK_ORDERS_PATH + "/{order_id}"  # GET → WorkOrderOut
WORK_ORDER_COUNTS_PATH = WORK_ORDERS_PATH + "/counts"  # GET → WorkOrderCounts
WORK_ORDER_RETURNED_SEEN_PATH = WORK_ORDERS_PATH + "/returned/seen"  # POST → WorkOrderCounts
WORK_ORDER_DECISIONS_PATH = WORK_ORDER_PATH + "/decisions"  # POST DecisionIn → WorkOrderOut
WORK_ORDER_WITHDRAW_PATH = WORK_ORDER_PATH + "/withdraw"  # POST → WorkOrderOut
WORK_ORDER_RESUBMIT_PATH = WORK_ORDER_PATH + "/resubmit"  # POST ResubmitIn → 201 WorkOrderOut
WORK_ORDER_TRANSFER_PATH = WORK_ORDER_PATH + "/transfer"  # POST TransferIn → WorkOrderOut
WORK_ORDER_TRANSFER_CANDIDATES_PATH = WORK_ORDER_PATH + "/transfer-candidates"  # GET ?q= → list[TransferCandidateOut]
WORK_ORDER_CC_PATH = WORK_ORDER_PATH + "/cc"  # POST CcIn → WorkOrderOut

_CANDIDATES = TypeAdapter(list[TransferCandidateOut])
_DELEGATIONS = TypeAdapter(list[ApprovalDelegationOut])


class ApprovalsClient:
    def __init__(self, api: ApiClient):
        self._api = api

    # --- reading ------------------------------------------------------------------------------

    async def work_orders(self, query: WorkOrderQuery) -> WorkOrderPage:
        """One keyset page of the list ``query`` names (its view, filters and cursor), newest first;
        the first page carries its count (``total``, ``total_capped``)."""
        return await self._api.get_model(WORK_ORDERS_PATH, WorkOrderPage, query.as_params())

    async def iter_work_orders(self, query: WorkOrderQuery) -> AsyncIterator[WorkOrderPage]:
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
        # Sent again when the line broke or the instance that took it went away: the level makes a
        # second decision of it a 409, never a next level's; a 409 on a retry may be the first
        # attempt's own decision, whose answer was lost, and then it is the answer.
        pauses = iter(RETRY_PAUSES)
        retried = False
        while True:
            try:
                response = await self._api.request("POST", WORK_ORDER_DECISIONS_PATH.format(order_id=order_id),
                                                   json=body.model_dump(mode="json"), retry=False)
                return WorkOrderOut.model_validate_json(response.content)
            except ApiError as exc:
                if retried and exc.code in (ErrorCode.DECISION_LEVEL_MOVED, ErrorCode.NOT_PENDING):
                    mine = await self._my_decision(order_id, decision, level)
                    if mine is None:
                        raise
                    return mine
                pause = next(pauses, None) if worth_sending_again(exc) else None
                if pause is None:
                    raise
                retried = True
                await asyncio.sleep(pause)

    async def _my_decision(self, order_id: int, decision: Decision, level: int) -> WorkOrderOut | None:
        """The order, if ``level`` was decided by me as ``decision``: an attempt whose answer was lost
        (the instance that took it went away) before its retry found the level moved."""
        me = MeOut.model_validate_json((await self._api.request("GET", ME_PATH)).content)
        order = await self.work_order(order_id)
        decided = [d for d in order.decisions if d.level == level]
        if decided and decided[-1].decider_id == me.id and decided[-1].decision == decision:
            return order
        return None

    async def approve(self, order_id: int, *, level: int) -> WorkOrderOut:
        return await self.decide(order_id, Decision.APPROVE, level=level)

    async def reject(self, order_id: int, comment: str, *, level: int) -> WorkOrderOut:
        return await self.decide(order_id, Decision.REJECT, comment, level=level)

    async def withdraw(self, order_id: int) -> WorkOrderOut:
        """The maker takes a pending order back: nothing changes, its targets are free again."""
        response = await self._api.request("POST", WORK_ORDER_WITHDRAW_PATH.format(order_id=order_id))
        return WorkOrderOut.model_validate_json(response.content)

    async def resubmit(self, order_id: int, idempotency_key: str, payload: dict[str, Any] | None = None,
                       note: str | None = None, expected_versions: dict[str, int] | None = None) -> WorkOrderOut:
        """A rejected or stale order as a new one (``payload`` corrects it, None sends it as it was)
        with the maker's ``note`` to the approvers and, like a submission, the ``expected_versions``
        the correction was made against; the caller keeps ``idempotency_key`` for retries."""
        body = ResubmitIn(payload=payload, note=note, expected_versions=expected_versions)
        response = await self._api.request("POST", WORK_ORDER_RESUBMIT_PATH.format(order_id=order_id),
                                           json=body.model_dump(mode="json", exclude_none=True),
                                           headers={"Idempotency-Key": idempotency_key})
        return WorkOrderOut.model_validate_json(response.content)

    # --- handing on ---------------------------------------------------------------------------

    async def transfer_candidates(self, order_id: int, text: str = "") -> list[TransferCandidateOut]:
        """Who I may give my seat on the order's current level to, matching ``text`` (name or
        username); the backend judges eligibility, so the list is exactly what a transfer accepts."""
        response = await self._api.request("GET", WORK_ORDER_TRANSFER_CANDIDATES_PATH.format(order_id=order_id),
                                           params={"q": text})
        return _CANDIDATES.validate_json(response.content)

    async def transfer(self, order_id: int, to: str, note: str) -> WorkOrderOut:
        """轉交: my seat on the current level goes to ``to`` (a username), with a note for the trail."""
        response = await self._api.request("POST", WORK_ORDER_TRANSFER_PATH.format(order_id=order_id),
                                           json=TransferIn(to=to, note=note).model_dump(mode="json"))
        return WorkOrderOut.model_validate_json(response.content)

    async def add_cc(self, order_id: int, usernames: list[str]) -> WorkOrderOut:
        """抄送: copies ``usernames`` on the order (its maker or an approver asks)."""
        response = await self._api.request("POST", WORK_ORDER_CC_PATH.format(order_id=order_id),
                                           json=CcIn(users=usernames).model_dump(mode="json"))
        return WorkOrderOut.model_validate_json(response.content)

    # --- delegations while away -----------------------------------------------------------------

    async def delegations(self) -> list[ApprovalDelegationOut]:
        """Those I gave and those I received, newest first."""
        response = await self._api.request("GET", APPROVAL_DELEGATIONS_PATH)
        return _DELEGATIONS.validate_json(response.content)

    async def delegate(self, to: str, starts_at: datetime, ends_at: datetime,
                       flows: list[str] | None = None) -> ApprovalDelegationOut:
        """A delegation from me to ``to`` for [starts_at, ends_at); ``flows`` None: every flow."""
        body = ApprovalDelegationIn(to=to, starts_at=starts_at, ends_at=ends_at, flows=flows)
        response = await self._api.request("POST", APPROVAL_DELEGATIONS_PATH, json=body.model_dump(mode="json"))
        return ApprovalDelegationOut.model_validate_json(response.content)

    async def revoke_delegation(self, delegation_id: int) -> ApprovalDelegationOut:
        response = await self._api.request("POST", APPROVAL_DELEGATION_REVOKE_PATH.format(delegation_id=delegation_id))
        return ApprovalDelegationOut.model_validate_json(response.content)
