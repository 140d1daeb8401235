"""Events across worker processes through PostgreSQL's LISTEN/NOTIFY.

Publishing NOTIFYs each event on one channel after the change committed (in a transaction of its
own on the route's connection); every process LISTENs on that channel with one connection, held
by a thread, and hands what it hears to its hub, its own events included. A payload is small: the
event's id, type and data (ids and statuses, a comment cut short) and its users' ids, split into
several notifications when the users are many (PostgreSQL refuses a payload of 8,000 bytes).

The listener starts with the process (so every instance keeps the latest events, and a stream
whose instance went away resumes on another), and reconnects with backoff when its connection
drops. Events NOTIFYed meanwhile are lost to this process, so every stream it holds is told to
resync once it listens again.
"""

from __future__ import annotations

import asyncio
import json
import logging
import selectors
import socket
import threading
from collections.abc import Callable, Iterator

import psycopg
from sqlalchemy import text
from sqlalchemy.orm import Session

from backend.db.session import Database
from backend.events.brokers import EventBroker
from backend.events.hub import Event

log = logging.getLogger(__name__)

CHANNEL = "opsdesk_events"
# PostgreSQL's limit is 8,000 bytes; the rest is room for the JSON around the users.
PAYLOAD_MAX = 7_600
# A stream waits this long for the listener to be up before it is refused (503).
READY_SECONDS = 5.0
# A listening connection that heard nothing for this long is asked a question, so that one the
# server dropped shows itself.
PING_SECONDS = 30.0
RETRY_FIRST_SECONDS = 0.2
RETRY_MAX_SECONDS = 10.0


def payloads(event: Event) -> Iterator[str]:
    """The notifications of one event: the same id, type and data, each to some of its users."""
    head = {"i": event.id, "t": event.type, "d": event.data}
    users = sorted(event.users)
    room = PAYLOAD_MAX - len(json.dumps(head, ensure_ascii=False).encode())
    per_part = max(1, room // 12)  # an id, a comma and a space take at most 12 bytes
    for start in range(0, len(users), per_part):
        yield json.dumps({**head, "u": users[start:start + per_part]}, ensure_ascii=False)


def parse(payload: str) -> Event:
    body = json.loads(payload)
    return Event(str(body["t"]), dict(body["d"]), frozenset(int(u) for u in body["u"]), body["i"])


class PostgresBroker(EventBroker):
    def __init__(self, database: Database, *, ping_seconds: float = PING_SECONDS):
        super().__init__()
        self._database = database
        self._ping_seconds = ping_seconds
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._listening = threading.Event()
        self._stopping = threading.Event()
        self._wake_reader, self._wake_writer = socket.socketpair()
        self.reconnects = 0  # listening connections made after the first (tests and logs read it)

    # --- publishing ---------------------------------------------------------------------------

    def publish(self, session: Session, events: list[Event]) -> None:
        # NOTIFY is delivered when this little transaction commits: after the change's own.
        for event in events:
            for payload in payloads(event):
                session.execute(text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload})
        session.commit()

    # --- listening ----------------------------------------------------------------------------

    def start(self) -> None:
        # From the process's start, not its first stream: every instance then keeps the latest
        # events, so a stream whose instance went away resumes on another from its last event.
        self._start_listening()

    async def ready(self) -> bool:
        if self._listening.is_set():
            return True
        self._start_listening()
        return await asyncio.to_thread(self._listening.wait, READY_SECONDS)

    @property
    def listening(self) -> bool:
        return self._listening.is_set()

    def close(self) -> None:
        if self._stopping.is_set():
            return
        self._stopping.set()
        self._wake_writer.send(b"x")
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join(READY_SECONDS)
        self._wake_reader.close()
        self._wake_writer.close()

    def _start_listening(self) -> None:
        with self._lock:
            if self._thread is None and not self._stopping.is_set():
                self._thread = threading.Thread(target=self._listen_forever, name="events-listener", daemon=True)
                self._thread.start()

    def _listen_forever(self) -> None:
        delay, first = RETRY_FIRST_SECONDS, True
        while not self._stopping.is_set():
            try:
                connection, close = self._connect()
            except Exception as exc:
                log.warning("events: cannot listen (%s); retrying in %.1f s", exc, delay)
                self._stopping.wait(delay)
                delay = min(delay * 2, RETRY_MAX_SECONDS)
                continue
            try:
                connection.execute(f"LISTEN {CHANNEL}")
                self._listening.set()
                if not first:
                    self.reconnects += 1
                    log.info("events: listening again; every stream resyncs")
                    self.hub.resync_all()
                first, delay = False, RETRY_FIRST_SECONDS
                self._pump(connection)
            except (psycopg.Error, OSError) as exc:
                log.warning("events: the listening connection failed (%s); reconnecting", exc)
            finally:
                self._listening.clear()
                close()
            self._stopping.wait(delay)

    def _connect(self) -> tuple[psycopg.Connection, Callable[[], None]]:
        """A connection of the app's engine (its URL and connect arguments), taken out of the
        pool for good: it listens for the process's life and takes no request's place."""
        pooled = self._database.engine.raw_connection()
        connection = pooled.driver_connection
        pooled.detach()
        if not isinstance(connection, psycopg.Connection):
            pooled.close()
            raise TypeError(f"LISTEN needs psycopg 3, not {type(connection).__name__}")
        connection.rollback()  # the pool's ping may have begun a transaction
        connection.autocommit = True
        return connection, pooled.close

    def _pump(self, connection: psycopg.Connection) -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(connection.fileno(), selectors.EVENT_READ, "database")
            selector.register(self._wake_reader, selectors.EVENT_READ, "wake")
            while not self._stopping.is_set():
                ready = selector.select(self._ping_seconds)
                if not ready:
                    connection.execute("SELECT 1")
                    continue
                for notification in connection.notifies(timeout=0):
                    self._received(notification.payload)

    def _received(self, payload: str) -> None:
        try:
            event = parse(payload)
        except (ValueError, KeyError, TypeError):
            log.warning("events: ignored a notification that is not an event: %.200s", payload)
            return
        self.hub.deliver(event)
