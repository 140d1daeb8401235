"""Brings a database to the newest schema with Alembic; safe when several workers start at once."""

import logging
from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from backend.db.engine import make_single_use_engine

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
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
                if on_migrate is not None and _behind(conn, config):
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


def _behind(conn, config: Config) -> bool:
    current = set(MigrationContext.configure(conn).get_current_heads())
    return current != set(ScriptDirectory.from_config(config).get_heads())
