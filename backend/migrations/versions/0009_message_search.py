"""Message records: indexed subject search and an index per status and per channel.

SQLite: an FTS5 external-content table over msg_records.subject with the trigram tokenizer, kept
in step by triggers and filled for the rows already there. PostgreSQL: a pg_trgm GIN index that
ILIKE uses; without the extension the migration still succeeds and the search works unindexed.
Both are dialect-specific, so they live here and not on the models (see
backend.messages.models.SEARCH_OBJECTS).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25 18:40:00.000000
"""

import logging
import sqlite3
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger("alembic.runtime.migration")

FTS = "msg_records_fts"
TRGM_INDEX = "ix_msg_records_subject_trgm"
_SQLITE_TRIGRAM = (3, 34, 0)  # the first SQLite with FTS5's trigram tokenizer


def upgrade() -> None:
    with op.batch_alter_table('msg_records', schema=None) as batch_op:
        # A status alone (queued: a handful among millions) and a channel alone each walk their own
        # range in keyset order instead of sorting or filtering the whole table.
        batch_op.create_index('ix_msg_records_status', ['status', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_msg_records_channel', ['channel', 'created_at', 'id'], unique=False)
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _sqlite_search(bind)
    else:
        _postgresql_search(bind)


def _sqlite_search(bind) -> None:
    if sqlite3.sqlite_version_info < _SQLITE_TRIGRAM:
        log.warning("SQLite %s has no trigram tokenizer: subject search stays unindexed", sqlite3.sqlite_version)
        return
    # detail=full: a quoted word is a phrase of trigrams, i.e. an exact substring; no column
    # sizes (they only serve ranking).
    try:
        with bind.begin_nested():
            bind.exec_driver_sql(f"""
                CREATE VIRTUAL TABLE {FTS} USING fts5(
                    subject, content='msg_records', content_rowid='id',
                    tokenize='trigram case_sensitive 0', columnsize=0)""")
    except sa.exc.OperationalError as exc:  # an SQLite built without FTS5
        log.warning("no FTS5 trigram table (%s): subject search stays unindexed", exc.orig)
        return
    op.execute(f"""
        CREATE TRIGGER {FTS}_insert AFTER INSERT ON msg_records BEGIN
            INSERT INTO {FTS}(rowid, subject) VALUES (new.id, new.subject);
        END""")
    op.execute(f"""
        CREATE TRIGGER {FTS}_delete AFTER DELETE ON msg_records BEGIN
            INSERT INTO {FTS}({FTS}, rowid, subject) VALUES ('delete', old.id, old.subject);
        END""")
    op.execute(f"""
        CREATE TRIGGER {FTS}_update AFTER UPDATE OF subject ON msg_records BEGIN
            INSERT INTO {FTS}({FTS}, rowid, subject) VALUES ('delete', old.id, old.subject);
            INSERT INTO {FTS}(rowid, subject) VALUES (new.id, new.subject);
        END""")
    op.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")  # the rows already there


def _postgresql_search(bind) -> None:
    # A savepoint: a server without pg_trgm (or a role that may not create it) keeps the rest of
    # the migration; ILIKE then scans, correct but slower.
    try:
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            bind.exec_driver_sql(f"CREATE INDEX {TRGM_INDEX} ON msg_records USING gin (subject gin_trgm_ops)")
    except sa.exc.DBAPIError as exc:
        log.warning("pg_trgm is not available (%s): subject search on message records stays unindexed",
                    str(exc.orig).strip().splitlines()[0])
        return
    bind.exec_driver_sql("ANALYZE msg_records")  # the planner weighs the new index with fresh statistics


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for suffix in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS {FTS}_{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {FTS}")
    else:
        # The extension stays: other databases objects may use it, and it costs nothing idle.
        op.execute(f"DROP INDEX IF EXISTS {TRGM_INDEX}")
    with op.batch_alter_table('msg_records', schema=None) as batch_op:
        batch_op.drop_index('ix_msg_records_channel')
        batch_op.drop_index('ix_msg_records_status')
