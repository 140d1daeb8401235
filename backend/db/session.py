"""Sessions for requests: a read session, a write session (BEGIN IMMEDIATE on SQLite) and a brief
write session that gives up on a lock held elsewhere after BRIEF_LOCK_WAIT_MS.

Services never commit; the route commits explicitly before it returns, so a failing commit can
never follow a 2xx response.
"""

from collections.abc import Iterator

from fastapi import Request
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from backend.db.engine import BRIEF_LOCK_WAIT_MS


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
    with database.read_session() as session:
        yield session


def get_write_db(request: Request) -> Iterator[Session]:
    """A session whose first statement takes the write lock on SQLite."""
    database: Database = request.app.state.database
    with database.write_session() as session:
        yield session
