"""Resending message records over HTTP and following the new attempts until they are final.

Qt-free: the page (ui/messages/records_page.py) drives it, tests call it directly.
A user action is one ResendAction with one Idempotency-Key: sending it again after a lost answer
reuses the key, so the backend returns what the first request queued instead of sending twice.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from pydantic import TypeAdapter

from services.api_client import ApiClient, ApiError
from services.contract.queries import MESSAGE_ATTEMPTS_PATH, MESSAGE_BULK_RESEND_PATH, MESSAGE_RECORDS_PATH
from services.contract.schemas import (
    BULK_RESEND_MAX,
    BulkResendIn,
    BulkResendOut,
    DeliveryAttemptOut,
    MessageRecordDetail,
    MessageStatus,
    ResendIn,
    ResendOut,
    ResendResult,
)

log = logging.getLogger(__name__)

FINAL_STATUSES = frozenset({MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.FAILED,
                            MessageStatus.BOUNCED})
POLL_SECONDS = 1.0
FOLLOW_SECONDS = 120.0  # after this the attempts are left to the list: the dispatcher may be down
DETAIL_REQUESTS_IN_FLIGHT = 4
_ATTEMPTS = TypeAdapter(list[DeliveryAttemptOut])


def _max_length(model, name: str) -> int:
    return next(m.max_length for m in model.model_fields[name].metadata if hasattr(m, "max_length"))


REASON_MAX = _max_length(ResendIn, "reason")  # the contract's limit, 200


@dataclass
class ResendAction:
    """One resend a person asked for: which records, why, and the key every retry of it reuses."""

    record_ids: tuple[int, ...]
    reason: str
    key: str = field(default_factory=lambda: str(uuid.uuid4()))

    def __post_init__(self) -> None:
        if not self.record_ids:
            raise ValueError("a resend needs at least one record")
        if len(self.record_ids) > BULK_RESEND_MAX:
            raise ValueError(f"at most {BULK_RESEND_MAX} records per resend")


def may_retry(exc: BaseException) -> bool:
    """Whether the request may have gone unanswered rather than refused: the network, a timeout or
    a server failure. Retrying such an action with its key is safe."""
    return isinstance(exc, ApiError) and (exc.is_network or exc.status >= 500)


def refusal(record_id: int, exc: ApiError) -> ResendResult:
    return ResendResult(record_id=record_id, code=exc.code, detail=exc.detail or exc.title)


async def send(api: ApiClient, action: ResendAction) -> list[ResendResult]:
    """Sends the action (or sends it again, with the same key): one answer per record, in order.

    One record goes to the single endpoint, whose refusal (not resendable, limit reached, ...) is
    turned into that record's answer; several go to the bulk endpoint, which answers each.
    Raises ApiError when nothing was answered: the network, the session, a server failure.
    """
    headers = {"Idempotency-Key": action.key}
    if len(action.record_ids) == 1:
        record_id = action.record_ids[0]
        try:
            response = await api.request("POST", f"{MESSAGE_RECORDS_PATH}/{record_id}/resend",
                                         json=ResendIn(reason=action.reason).model_dump(mode="json"),
                                         headers=headers)
        except ApiError as exc:
            if exc.is_auth or may_retry(exc):
                raise
            return [refusal(record_id, exc)]
        out = ResendOut.model_validate_json(response.content)
        return [ResendResult(record_id=out.record_id, attempt_id=out.attempt_id, status=out.status)]
    body = BulkResendIn(record_ids=list(action.record_ids), reason=action.reason)
    response = await api.request("POST", MESSAGE_BULK_RESEND_PATH, json=body.model_dump(mode="json"),
                                 headers=headers)
    return BulkResendOut.model_validate_json(response.content).results


async def attempt_states(api: ApiClient, attempt_ids: Iterable[int]) -> list[DeliveryAttemptOut]:
    params = [("ids", str(i)) for i in attempt_ids]
    response = await api.request("GET", MESSAGE_ATTEMPTS_PATH, params=params)
    return _ATTEMPTS.validate_json(response.content)


async def follow(api: ApiClient, attempt_ids: Sequence[int],
                 on_change: Callable[[list[DeliveryAttemptOut]], object], *,
                 interval: float = POLL_SECONDS, limit: float = FOLLOW_SECONDS) -> dict[int, DeliveryAttemptOut]:
    """Asks for the attempts' states every ``interval`` seconds until each is final or ``limit``
    seconds passed; ``on_change`` gets the attempts whose state changed. Returns the last states.

    A failed poll (the network) is logged and the next one tried; a lost session ends following.
    """
    latest: dict[int, DeliveryAttemptOut] = {}
    pending = set(attempt_ids)
    deadline = time.monotonic() + limit
    while pending and time.monotonic() < deadline:
        await asyncio.sleep(interval)
        try:
            attempts = await attempt_states(api, sorted(pending))
        except ApiError as exc:
            if exc.is_auth:
                raise
            log.warning("following resends failed once: %s", exc)
            continue
        changed = [a for a in attempts if latest.get(a.id) != a]
        for attempt in attempts:
            latest[attempt.id] = attempt
            if attempt.status in FINAL_STATUSES:
                pending.discard(attempt.id)
        if changed:
            on_change(changed)
    return latest


async def record_details(api: ApiClient, record_ids: Iterable[int],
                         in_flight: int = DETAIL_REQUESTS_IN_FLIGHT) -> dict[int, MessageRecordDetail]:
    """The records as they are now (a few requests at a time); one that fails is left out."""
    gate = asyncio.Semaphore(in_flight)

    async def one(record_id: int) -> MessageRecordDetail | None:
        async with gate:
            try:
                return await api.get_model(f"{MESSAGE_RECORDS_PATH}/{record_id}", MessageRecordDetail)
            except ApiError as exc:
                if exc.is_auth:
                    raise
                log.warning("message record %s could not be read again: %s", record_id, exc)
                return None

    found = await asyncio.gather(*(one(i) for i in dict.fromkeys(record_ids)))
    return {d.id: d for d in found if d is not None}
