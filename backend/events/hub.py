"""One process's fan-out: its open streams (subscriptions), and the latest events, kept so that a
stream that reconnects with ``Last-Event-ID`` gets what it missed instead of a resync.

``deliver`` may be called from any thread (a route's worker thread, the PostgreSQL listener); each
subscription belongs to the event loop that opened it and is handed its events on that loop.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import uuid
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from services.contract.events import EventType

log = logging.getLogger(__name__)

# Events kept for resuming streams: a reconnect within a few minutes of busy approvals.
RECENT_EVENTS = 2_000
# Events waiting for one slow stream; past this it is told to resync instead.
QUEUE_LIMIT = 500


def new_event_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Event:
    """``data`` is JSON-ready; ``users`` are the only ones who receive it."""

    type: str
    data: dict[str, Any]
    users: frozenset[int]
    id: str | None = field(default_factory=new_event_id)


def resync(user_id: int, last_id: str | None) -> Event:
    """Tells one stream to refresh what it counts; ``last_id``: the latest event it is now level with."""
    return Event(EventType.RESYNC.value, {}, frozenset({user_id}), last_id)


class Subscription:
    """One open stream: its user's events in order, on the loop that opened it."""

    def __init__(self, user_id: int, loop: asyncio.AbstractEventLoop):
        self.user_id = user_id
        self.loop = loop
        self._queue: asyncio.Queue[Event] = asyncio.Queue()

    def offer(self, event: Event) -> bool:
        """From any thread; False once the stream's loop is gone."""
        try:
            self.loop.call_soon_threadsafe(self._put, event)
        except RuntimeError:
            return False
        return True

    def _put(self, event: Event) -> None:
        if self._queue.qsize() >= QUEUE_LIMIT:
            # A stream this far behind cannot catch up event by event: it refreshes instead.
            while not self._queue.empty():
                self._queue.get_nowait()
            event = resync(self.user_id, event.id)
        self._queue.put_nowait(event)

    async def next(self, timeout: float) -> Event | None:
        """The next event, or None when ``timeout`` seconds passed without one."""
        try:
            async with asyncio.timeout(timeout):  # no task of its own, unlike wait_for
                return await self._queue.get()
        except TimeoutError:
            return None


class Hub:
    def __init__(self, keep: int = RECENT_EVENTS):
        self._lock = threading.Lock()
        self._subscriptions: set[Subscription] = set()
        self._recent: deque[Event] = deque(maxlen=keep)

    def __len__(self) -> int:
        return len(self._subscriptions)

    def deliver(self, event: Event) -> None:
        with self._lock:
            self._recent.append(event)
            targets = [s for s in self._subscriptions if s.user_id in event.users]
        self._hand_over(targets, lambda _s: event)

    def resync_all(self) -> None:
        """Events may have been lost (the listener was away): every stream refreshes, and none may
        resume from before, since what it would replay is incomplete."""
        with self._lock:
            self._recent.clear()
            targets = list(self._subscriptions)
        self._hand_over(targets, lambda s: resync(s.user_id, None))

    def join(self, user_id: int, last_event_id: str | None) -> tuple[Subscription, list[Event]]:
        """A new stream of ``user_id``, and what it sends first: the events after ``last_event_id``
        if they are all still here, else a resync. Registered and read under one lock, so the
        first events and the queue neither overlap nor leave a gap."""
        subscription = Subscription(user_id, asyncio.get_running_loop())
        with self._lock:
            self._subscriptions.add(subscription)
            return subscription, self._first_events(user_id, last_event_id)

    def leave(self, subscription: Subscription) -> None:
        with self._lock:
            self._subscriptions.discard(subscription)

    def _first_events(self, user_id: int, last_event_id: str | None) -> list[Event]:
        latest = self._recent[-1].id if self._recent else None
        if last_event_id is not None:
            # The last occurrence: one event may come in several parts, each to some of its users.
            for index in range(len(self._recent) - 1, -1, -1):
                if self._recent[index].id == last_event_id:
                    return [e for e in list(self._recent)[index + 1:] if user_id in e.users]
        return [resync(user_id, latest)]

    def _hand_over(self, targets: Iterable[Subscription], event_for) -> None:
        for subscription in targets:
            if not subscription.offer(event_for(subscription)):
                log.info("a stream's event loop is gone; dropping its subscription")
                self.leave(subscription)
