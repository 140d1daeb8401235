"""Shared steps of the audit tests: writing events as the backend does, at a chosen time, and
tampering with them as someone with the database owner's rights could."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import Connection, select, text

from backend.audit import service as audit
from backend.auth.models import User
from backend.db.engine import make_single_use_engine
from backend.db.session import Database
from backend.kit import clock


class At:
    """A clock stopped at one instant (aware UTC): the time an event is written at."""

    def __init__(self, now: datetime):
        self._now = now

    def now(self) -> datetime:
        return self._now


def record(database: Database, *events: dict, at: datetime | None = None) -> list[int]:
    """Writes ``events`` (record()'s keywords, ``actor`` a username or None) in one transaction,
    at ``at`` if given; returns their ids."""
    written = []
    with database.write_session() as session, clock.using(At(at) if at else clock.SYSTEM_CLOCK):
        users = {name: user_id for name, user_id in session.execute(select(User.username, User.id))}
        for fields in events:
            actor = fields.pop("actor", None)
            written.append(audit.record(session, actor_id=users[actor] if actor else None, **fields))
        session.commit()  # appends them to the chain: their ids are set now
        return [event.id for event in written]


@contextmanager
def as_owner(url: str) -> Iterator[Connection]:
    """A connection with the append-only triggers off, as the database's owner could have."""
    engine = make_single_use_engine(url)
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "sqlite":
                conn.execute(text("DROP TRIGGER IF EXISTS audit_events_no_update"))
                conn.execute(text("DROP TRIGGER IF EXISTS audit_events_no_delete"))
            else:
                conn.execute(text("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only"))
            yield conn
    finally:
        engine.dispose()


def tamper(url: str, statement: str) -> None:
    """Bypass the append-only triggers, as someone with the database's owner rights could."""
    with as_owner(url) as conn:
        conn.execute(text(statement))
