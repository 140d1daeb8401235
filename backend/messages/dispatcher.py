"""The dispatcher: drains the attempts table like an outbox, safely from several processes.

A pass claims due attempts with ``SELECT … FOR UPDATE SKIP LOCKED`` (PostgreSQL; SQLite's write
transaction is exclusive anyway), marks them ``sending`` with a lease, and commits before talking
to any provider, so no lock is held over the network. A worker that dies mid-send leaves its
attempts ``sending``; when the lease runs out another worker takes them again. Each outcome is
written with the record's new status in one transaction.

A process claims only the channels it has a provider for, leaving the others to one that has. So
that nothing waits for ever when no process has one (push, or SMS on a backend without a
gateway), an attempt never tried ``undeliverable_after`` after it was queued fails with "no
provider for channel …", and its record says so.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy.orm import Session

from backend.db.session import Database
from backend.kit.clock import utcnow
from backend.messages import repository as repo
from backend.messages.providers import Outcome


class Provider(Protocol):
    async def send(self, recipient: str, subject: str, body: str) -> Outcome: ...

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
MAX_TRIES = 5
BATCH = 50
UNDELIVERABLE_AFTER = timedelta(minutes=10)  # the default of Settings.undeliverable_minutes


@dataclass(frozen=True)
class Claimed:
    attempt_id: int
    record_id: int
    channel: str
    recipient: str
    subject: str
    body: str


def retry_delay(tries: int) -> timedelta:
    """Doubling from 30 s, with jitter, capped at 30 minutes."""
    ceiling = min(1800.0, 30.0 * 2 ** max(0, tries - 1))
    return timedelta(seconds=ceiling / 2 + random.random() * ceiling / 2)


def claim(session: Session, now: datetime, limit: int = BATCH,
          channels: Collection[str] | None = None) -> list[Claimed]:
    """Due attempts, oldest first; only of ``channels`` when given: an attempt this process cannot
    deliver stays queued for one that can, instead of failing for want of a provider."""
    attempts = repo.lock_due_attempts(session, now, limit, channels)
    if not attempts:
        return []
    records = repo.records_by_id(session, [a.record_id for a in attempts])
    out = []
    for attempt in attempts:
        attempt.status, attempt.next_attempt_at = "sending", now + LEASE
        record = records[attempt.record_id]
        record.status, record.updated_at = "sending", now
        out.append(Claimed(attempt.id, record.id, record.channel, record.recipient, record.subject, record.body))
    session.flush()
    return out


def finish(session: Session, claimed: Claimed, outcome: Outcome, now: datetime) -> str:
    """Records one outcome; returns the attempt's new status (sent, queued to retry, failed)."""
    attempt = repo.attempt(session, claimed.attempt_id)
    record = repo.record(session, claimed.record_id)
    if outcome.sent:
        attempt.status, attempt.provider_message_id, attempt.error = "sent", outcome.provider_message_id, None
        attempt.finished_at = now
    elif outcome.transient and attempt.tries + 1 < MAX_TRIES:
        attempt.tries += 1
        attempt.status, attempt.error = "queued", outcome.error
        attempt.next_attempt_at = now + retry_delay(attempt.tries)
    else:
        attempt.status, attempt.error, attempt.finished_at = "failed", outcome.error, now
    record.status = attempt.status if attempt.status != "queued" else "queued"
    record.provider_message_id = attempt.provider_message_id or record.provider_message_id
    record.error, record.updated_at = attempt.error, now
    session.flush()
    return attempt.status


def no_provider_error(channel: str) -> str:
    return f"no provider for channel {channel}"


def fail_unserved(session: Session, now: datetime, after: timedelta, channels: Collection[str],
                  limit: int = BATCH) -> int:
    """Fails the attempts of channels outside ``channels`` that have waited longer than ``after``;
    returns how many."""
    unserved = repo.lock_unserved_attempts(session, now - after, limit, channels)
    for attempt, record in unserved:
        attempt.status, attempt.error, attempt.finished_at = "failed", no_provider_error(record.channel), now
        attempt.next_attempt_at = None
        record.status, record.error, record.updated_at = "failed", attempt.error, now
    session.flush()
    return len(unserved)


def _fail_unserved(database: Database, channels: Collection[str], after: timedelta) -> int:
    with database.write_session() as session:
        failed = fail_unserved(session, utcnow(), after, channels)
        session.commit()
    return failed


def _claim(database: Database, limit: int, channels: Collection[str]) -> list[Claimed]:
    with database.write_session() as session:
        claimed = claim(session, utcnow(), limit, channels)
        session.commit()
    return claimed


def _finish(database: Database, item: Claimed, outcome: Outcome) -> None:
    with database.write_session() as session:
        finish(session, item, outcome, utcnow())
        session.commit()


async def dispatch_once(database: Database, providers: Mapping[str, Provider], limit: int = BATCH,
                        undeliverable_after: timedelta = UNDELIVERABLE_AFTER) -> int:
    """One pass: fail what no provider here can send and has waited too long, then claim, send,
    record; the database work in a worker thread, so a server's loop keeps answering requests.
    Returns how many attempts it handled."""
    failed = await asyncio.to_thread(_fail_unserved, database, list(providers), undeliverable_after)
    if not providers:
        return failed
    claimed = await asyncio.to_thread(_claim, database, limit, list(providers))
    for item in claimed:
        outcome = await providers[item.channel].send(item.recipient, item.subject, item.body)
        await asyncio.to_thread(_finish, database, item, outcome)
    return failed + len(claimed)


def providers_from(settings) -> dict[str, Provider]:
    """The channels this backend can deliver, from its settings."""
    from backend.messages.providers import EmailProvider, SmsProvider

    out: dict[str, Provider] = {}
    if settings.smtp_port:
        out["email"] = EmailProvider(settings.smtp_host, settings.smtp_port)
    if settings.sms_gateway_url:
        out["sms"] = SmsProvider(settings.sms_gateway_url)
    return out


async def run_forever(database: Database, providers: Mapping[str, Provider], interval: float,
                      undeliverable_after: timedelta = UNDELIVERABLE_AFTER) -> None:
    """Passes back to back while there is work, then one every ``interval`` seconds."""
    while True:
        try:
            handled = await dispatch_once(database, providers, undeliverable_after=undeliverable_after)
        except Exception:
            log.exception("a dispatch pass failed; retrying in %.0f s", interval)
            handled = 0
        if not handled:
            await asyncio.sleep(interval)
