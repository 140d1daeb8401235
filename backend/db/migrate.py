"""Brings a database to the newest schema with Alembic; safe when several workers start at once."""

import logging
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text

from backend.db.engine import make_single_use_engine

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
VERSION_TABLE = "alembic_version"
# Any constant works; it only has to be the same in every OpsDesk process.
_PG_LOCK_KEY = 7_242_024_09


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, on_migrate: Callable[[], None] | None = None) -> None:
    """``on_migrate`` is told before migrations run, only when there are some to run."""
    engine = make_single_use_engine(url)
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                # Workers of one deployment migrate one at a time; the others then find nothing to do.
                conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _PG_LOCK_KEY})
                conn.commit()
            try:
                config = alembic_config(url)
                config.attributes["connection"] = conn
                if on_migrate is not None and _behind(conn):
                    on_migrate()
                command.upgrade(config, "head")
                conn.commit()
            finally:
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _PG_LOCK_KEY})
                    conn.commit()
    finally:
        engine.dispose()
    log.info("database schema is up to date")


def _behind(conn: Connection) -> bool:
    return database_heads(conn) != code_heads()


@lru_cache(maxsize=1)
def code_heads() -> frozenset[str]:
    """The newest revision(s) this code's migrations reach (read once per process)."""
    return frozenset(ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads())


def known_revision(revision: str) -> bool:
    """Whether this code's migrations know ``revision`` (a database a newer version made is not)."""
    try:
        return ScriptDirectory.from_config(alembic_config("sqlite://")).get_revision(revision) is not None
    except Exception:  # alembic raises its own kinds for an unknown or malformed id
        return False


def database_heads(conn: Connection) -> frozenset[str]:
    """The revision(s) the database's ``alembic_version`` says it is at; none for a new database.
    Read with plain SQL: alembic's own reader logs two lines a call, and a balancer asks often."""
    if not inspect(conn).has_table(VERSION_TABLE):
        return frozenset()
    return frozenset(conn.scalars(text(f"SELECT version_num FROM {VERSION_TABLE}")))
