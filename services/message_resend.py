"""Resending message records: one action per request a person made, and following the attempts it
queued until they are final.

Qt-free and HTTP-free: the Message Center's client (services/clients/messages.py) sends an action
and reads the attempts; the page's controller drives both. A user action is one ResendAction with
one Idempotency-Key: sending it again after a lost answer reuses the key, so the backend returns
what the first request queued instead of sending twice.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel

from services.api_client import ApiError
from services.contract.schemas import (
    BULK_RESEND_MAX,
    DeliveryAttemptOut,
    MessageStatus,
    ResendIn,
    ResendResult,
)

log = logging.getLogger(__name__)

FINAL_STATUSES = frozenset({MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.FAILED,
                            MessageStatus.BOUNCED})
POLL_SECONDS = 1.0
FOLLOW_SECONDS = 120.0  # after this the attempts are left to the list: the dispatcher may be down

# Reads the current states of the attempts named (the client's ``attempts``).
AttemptPoll = Callable[[Sequence[int]], Awaitable[list[DeliveryAttemptOut]]]


def _max_length(model: type[BaseModel], name: str) -> int:
    lengths: list[int] = [m.max_length for m in model.model_fields[name].metadata if hasattr(m, "max_length")]
    return lengths[0]


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


async def follow(poll: AttemptPoll, attempt_ids: Sequence[int],
                 on_change: Callable[[list[DeliveryAttemptOut]], object], *,
                 interval: float = POLL_SECONDS, limit: float = FOLLOW_SECONDS) -> dict[int, DeliveryAttemptOut]:
    """Asks ``poll`` for the attempts' states every ``interval`` seconds until each is final or
    ``limit`` seconds passed; ``on_change`` gets the attempts whose state changed. Returns the last
    states.

    A failed poll (the network) is logged and the next one tried; a lost session ends following.
    """
    latest: dict[int, DeliveryAttemptOut] = {}
    pending = set(attempt_ids)
    deadline = time.monotonic() + limit
    while pending and time.monotonic() < deadline:
        await asyncio.sleep(interval)
        try:
            attempts = await poll(sorted(pending))
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
