"""Brings a database to the newest schema with Alembic; safe when several workers start at once."""

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
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


def upgrade(url: str) -> None:
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
                command.upgrade(config, "head")
                conn.commit()
            finally:
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _PG_LOCK_KEY})
                    conn.commit()
    finally:
        engine.dispose()
    log.info("database schema is up to date")
