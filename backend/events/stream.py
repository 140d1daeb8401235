"""One event stream, as server-sent events: the first events (a resync, or what a resumed stream
missed), then each event as it comes, with a heartbeat when none came for a while.

At each heartbeat (and as often on a stream busy with events) the stream reads its session again,
on the app's clock: a token that expired, idled out or was revoked (signed out, password changed)
ends the stream, so a stream never outlives the session that opened it. It never counts as the session's use: a desktop left alone
idles out as it would without a stream.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator

from sqlalchemy.exc import OperationalError

from backend.auth.service import authenticate
from backend.db.session import Database
from backend.events.brokers import EventBroker
from backend.events.hub import Event
from backend.kit.errors import AppError
from backend.settings import Settings

log = logging.getLogger(__name__)

HEARTBEAT = b": heartbeat\n\n"


def encode(event: Event) -> bytes:
    lines = [f"event: {event.type}"]
    if event.id is not None:
        lines.append(f"id: {event.id}")
    lines.append("data: " + json.dumps(event.data, ensure_ascii=False, separators=(",", ":")))
    return ("\n".join(lines) + "\n\n").encode()


def session_still_valid(database: Database, settings: Settings, token: str) -> bool:
    """False once the token no longer signs its user in; a database that does not answer leaves
    the stream open (requests report the outage)."""
    try:
        with database.read_session() as session:
            authenticate(session, settings, token)
    except AppError:
        return False
    except OperationalError as exc:
        log.info("a stream's session could not be read again: %s", exc.orig)
    return True


class EventStream:
    def __init__(self, broker: EventBroker, database: Database, settings: Settings, *, user_id: int,
                 token: str, last_event_id: str | None):
        self.broker = broker
        self.database = database
        self.settings = settings
        self.user_id = user_id
        self.token = token
        self.last_event_id = last_event_id

    async def __aiter__(self) -> AsyncIterator[bytes]:
        subscription, first = self.broker.subscribe(self.user_id, self.last_event_id)
        beat = self.settings.events_heartbeat_seconds
        checked = time.monotonic()
        try:
            for event in first:
                yield encode(event)
            while True:
                heard = await subscription.next(beat)
                # At each heartbeat, and as often on a stream busy with events.
                if heard is None or time.monotonic() - checked >= beat:
                    checked = time.monotonic()
                    if await self._session_ended():
                        return
                yield HEARTBEAT if heard is None else encode(heard)
        finally:
            self.broker.unsubscribe(subscription)

    async def _session_ended(self) -> bool:
        checks = self.broker.session_checks
        if not checks.acquire(blocking=False):
            return False  # another stream is checking: this one checks at its next heartbeat
        try:
            return not await asyncio.to_thread(session_still_valid, self.database, self.settings, self.token)
        finally:
            checks.release()
