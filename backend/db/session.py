"""Sessions for requests: a read session, a write session (BEGIN IMMEDIATE on SQLite) and a brief
write session that gives up on a lock held elsewhere after BRIEF_LOCK_WAIT_MS.

Services never commit; the route commits explicitly before it returns, so a failing commit can
never follow a 2xx response.
"""

import logging
from collections.abc import Iterator

from fastapi import Request
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from backend.db.engine import BRIEF_LOCK_WAIT_MS

log = logging.getLogger(__name__)


class Database:
    def __init__(self, engine: Engine):
        self.engine = engine
        self._read = sessionmaker(bind=engine, expire_on_commit=False)
        self._write = sessionmaker(
            bind=engine.execution_options(sqlite_immediate=True), expire_on_commit=False
        )
        self._brief_write = sessionmaker(
            bind=engine.execution_options(sqlite_immediate=True, lock_wait_ms=BRIEF_LOCK_WAIT_MS),
            expire_on_commit=False,
        )

    def read_session(self) -> Session:
        return self._read()

    def write_session(self) -> Session:
        return self._write()

    def brief_write_session(self) -> Session:
        return self._brief_write()


def get_db(request: Request) -> Iterator[Session]:
    """A read session for the request; rolled back at the end unless the route committed."""
    database: Database = request.app.state.database
    yield from _for_the_request(database.read_session())


def get_write_db(request: Request) -> Iterator[Session]:
    """A session whose first statement takes the write lock on SQLite."""
    database: Database = request.app.state.database
    yield from _for_the_request(database.write_session())


def _for_the_request(session: Session) -> Iterator[Session]:
    """``session`` for the route, closed after it. The close runs once the answer may have gone
    out: a connection the database dropped meanwhile is discarded (the pool replaces it) instead of
    raising after the response, which would break the client's kept-alive line for its next request."""
    try:
        yield session
    finally:
        try:
            session.close()
        except OperationalError as exc:
            log.info("a request's database connection was lost as its session closed: %s", exc.orig)
