"""Opening the workstation's database: SQLite in WAL mode, its schema upgraded step by step, and the
draft grid's pending edits a killed editor left folded into their batches (services/offline/pending.py).

WAL with synchronous=NORMAL keeps every committed transaction through a killed process (only a
power cut can take the last ones), and lets the sync engine read while the editor writes. The
schema version is SQLite's ``user_version``; each step below upgrades one version, in order, in
one transaction, so an interrupted upgrade is simply done again on the next start.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from services.contract.flows import MARGIN_TARGET_PREFIX
from services.offline.models import LocalBase, PendingEdit


def _v1(conn: Connection) -> None:
    LocalBase.metadata.create_all(conn)  # a new file gets today's tables; later steps see that


def _columns(conn: Connection, table: str) -> set[str]:
    return {row[1] for row in conn.exec_driver_sql(f"PRAGMA table_info({table})")}


def _v2(conn: Connection) -> None:
    """The outbox remembers the versions a draft started from."""
    if "expected_versions" not in _columns(conn, "outbox"):
        conn.exec_driver_sql("ALTER TABLE outbox ADD COLUMN expected_versions JSON")


def _v3(conn: Connection) -> None:
    """A row drafted as new says so: base {"symbol", "version": 0} instead of none, and a queued
    submission promises version 0 (did not exist) for such rows, so that a live row created
    meanwhile is refused as a conflict instead of being overwritten. (Deletions promised nothing
    and still do.)"""
    rows = conn.exec_driver_sql(
        "SELECT r.id, r.symbol, b.id, b.kind FROM draft_rows r JOIN draft_batches b ON b.id = r.batch_id "
        "WHERE (r.base IS NULL OR r.base = 'null') AND r.symbol != '' AND b.action != 'batch_delete'").all()
    new_rows: dict[str, list[str]] = {}
    for row_id, symbol, batch_id, kind in rows:
        conn.exec_driver_sql("UPDATE draft_rows SET base = ? WHERE id = ?",
                             (json.dumps({"symbol": symbol, "version": 0}), row_id))
        new_rows.setdefault(batch_id, []).append(f"{MARGIN_TARGET_PREFIX[kind]}:{symbol}")
    for item_id, batch_id, expected in conn.exec_driver_sql(
            "SELECT id, batch_id, expected_versions FROM outbox WHERE state = 'pending'").all():
        if batch_id in new_rows:
            promised = {**{key: 0 for key in new_rows[batch_id]}, **(json.loads(expected or "null") or {})}
            conn.exec_driver_sql("UPDATE outbox SET expected_versions = ? WHERE id = ?",
                                 (json.dumps(promised), item_id))


def _v4(conn: Connection) -> None:
    """The draft grid's journal of edits made since the batch's last full save."""
    PendingEdit.__table__.create(conn, checkfirst=True)  # type: ignore[attr-defined]


def _v5(conn: Connection) -> None:
    """Each outbox item carries proof of who drafted it."""
    if "proof" not in _columns(conn, "outbox"):
        conn.exec_driver_sql("ALTER TABLE outbox ADD COLUMN proof JSON")


def _v6(conn: Connection) -> None:
    """A batch may correct a refused work order, and its outbox item resubmits that order."""
    for table, columns in (("draft_batches", (("resubmits_order_id", "INTEGER"), ("resubmits", "JSON"),
                                              ("note", "TEXT"))),
                           ("outbox", (("resubmits_order_id", "INTEGER"), ("note", "TEXT")))):
        present = _columns(conn, table)
        for name, sql_type in columns:
            if name not in present:
                conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {name} {sql_type}")


# Step n upgrades version n-1 to n. Append; never edit a released step. A step must also accept
# a file that step 1 just created from today's models (it may already hold what the step adds).
STEPS: tuple[Callable[[Connection], None], ...] = (_v1, _v2, _v3, _v4, _v5, _v6)
SCHEMA_VERSION = len(STEPS)


class NewerStoreError(RuntimeError):
    """The file was written by a newer OpsDesk: opening it here could damage it."""


def _pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")  # the editor and the sync engine share the file
    cursor.close()


def open_store(path: Path) -> LocalStore:
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{path.as_posix()}")
    event.listen(engine, "connect", _pragmas)
    upgrade(engine)
    store = LocalStore(engine, path)
    from services.offline import pending  # here: pending needs drafts, which needs this module

    pending.fold(store)
    return store


def schema_version(conn: Connection) -> int:
    return conn.exec_driver_sql("PRAGMA user_version").scalar_one()


def upgrade(engine: Engine) -> int:
    """Runs the missing steps; returns the version the file has now."""
    with engine.begin() as conn:
        found = schema_version(conn)
        if found > SCHEMA_VERSION:
            raise NewerStoreError(f"the local database is version {found}; this OpsDesk knows {SCHEMA_VERSION}")
        for version in range(found + 1, SCHEMA_VERSION + 1):
            STEPS[version - 1](conn)
            conn.execute(text(f"PRAGMA user_version = {version}"))
    return SCHEMA_VERSION


class LocalStore:
    def __init__(self, engine: Engine, path: Path):
        self.engine = engine
        self.path = path
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False)
        # username (casefolded) → the drafting key of this session's sign-in; memory only
        # (services/offline/proof.py)
        self.drafting_keys: dict[str, bytes] = {}
        # The backend's offline-grant public key as the installation ships it (raw Ed25519 bytes),
        # trusted over the key pinned in this file (services/offline/grant.py); None: the pin.
        self.trusted_grant_key: bytes | None = None

    def session(self) -> Session:
        return self._sessions()

    def close(self) -> None:
        self.engine.dispose()
