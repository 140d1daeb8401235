"""Publishing committed events, and the streams' subscriptions: one broker per app (process).

Two implementations behind one interface, chosen by the database URL: on SQLite the backend is one
process, so an event goes straight to the hub; on PostgreSQL each worker process has a broker that
NOTIFYs every event and LISTENs for everyone's (postgres.py), so a stream hears an order submitted
through any worker.
"""

from __future__ import annotations

import logging
import threading
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from backend.db.session import Database
from backend.events.hub import Event, Hub, Subscription
from backend.events.staging import take_staged

log = logging.getLogger(__name__)

# Streams whose session is re-read at once (each heartbeat re-reads it): a heartbeat that finds
# this many reading skips its check until the next, so checks never crowd out requests.
SESSION_CHECKS_AT_ONCE = 1


class EventBroker:
    def __init__(self) -> None:
        self.hub = Hub()
        self.session_checks = threading.BoundedSemaphore(SESSION_CHECKS_AT_ONCE)

    def publish_staged(self, session: Session) -> None:
        """After the route committed ``session``: what its transaction staged goes out. A failure
        to send is logged, never raised: the change stands, and a stream that missed the event is
        corrected by its next resync."""
        events = take_staged(session)
        if not events:
            return
        try:
            self.publish(session, events)
        except Exception:
            log.exception("%d committed event(s) could not be published", len(events))

    def publish(self, session: Session, events: list[Event]) -> None:
        raise NotImplementedError

    def start(self) -> None:
        """Begins hearing every published event, as the app starts (the listener)."""

    async def ready(self) -> bool:
        """True once this process hears every published event (a stream may start)."""
        return True

    def subscribe(self, user_id: int, last_event_id: str | None) -> tuple[Subscription, list[Event]]:
        return self.hub.join(user_id, last_event_id)

    def unsubscribe(self, subscription: Subscription) -> None:
        self.hub.leave(subscription)

    def close(self) -> None:
        """Stops what the broker runs (the listener); safe to call more than once."""


class InProcessBroker(EventBroker):
    """SQLite: one process serves every stream, so publishing is handing over."""

    def publish(self, session: Session, events: list[Event]) -> None:
        for event in events:
            self.hub.deliver(event)


def broker_of(request: Request) -> EventBroker:
    return request.app.state.events


# A route's broker: ``session.commit()`` then ``events.publish_staged(session)``.
Broker = Annotated[EventBroker, Depends(broker_of)]


def make_broker(database: Database) -> EventBroker:
    if database.engine.dialect.name == "postgresql":
        from backend.events.postgres import PostgresBroker

        return PostgresBroker(database)
    return InProcessBroker()
