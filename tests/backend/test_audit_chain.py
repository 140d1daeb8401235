"""The audit trail's hash chain on SQLite and PostgreSQL: events written through record() in
separate and concurrent transactions verify; a rolled-back transaction leaves no gap; an edited
or deleted row is reported where it broke the chain; ``python -m backend verify-audit`` exits 0
or 1 accordingly; migration 0012 chains events written before it."""

import subprocess
import sys
import threading
from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.audit.models import AuditEvent
from backend.audit.verify import verify
from backend.db.engine import make_engine, make_single_use_engine
from backend.db.migrate import alembic_config, upgrade
from backend.db.session import Database
from tests.conftest import ROOT, fresh_postgres_database


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'audit.db'}"
        upgrade(url)
        yield url
    else:
        with fresh_postgres_database() as url:
            upgrade(url)
            yield url


@pytest.fixture
def db(database):
    engine = make_engine(database)
    yield Database(engine)
    engine.dispose()


def _write(db: Database, count: int, *, tag: str = "t", commit: bool = True) -> None:
    with db.write_session() as session:
        for i in range(count):
            audit.record(session, actor_id=None, action="test.write", entity_type="thing",
                         entity_id=f"{tag}-{i}", before={"n": i, "name": "舊"},
                         after={"n": i + 1, "items": [1, 2.5, None], "tuple": (1, 2)})
        if commit:
            session.commit()
        else:
            session.rollback()


def _verify(db: Database):
    with db.read_session() as session:
        return verify(session)


def _tamper(url: str, statement: str) -> None:
    """Bypass the append-only triggers, as someone with the database's owner rights could."""
    engine = make_single_use_engine(url)
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER audit_events_no_update"))
            conn.execute(text("DROP TRIGGER audit_events_no_delete"))
        else:
            conn.execute(text("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only"))
        conn.execute(text(statement))
    engine.dispose()


def _ids(db: Database) -> list[int]:
    with db.read_session() as session:
        return list(session.scalars(select(AuditEvent.id).order_by(AuditEvent.id)))


def _cli(url: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "backend", "--database-url", url, "verify-audit"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_an_empty_trail_verifies(db):
    report = _verify(db)
    assert (report.intact, report.count) == (True, 0)


def test_events_of_several_transactions_form_one_chain(db):
    for tag in "abc":
        _write(db, 4, tag=tag)
    report = _verify(db)
    assert (report.intact, report.count) == (True, 12)
    with db.read_session() as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]
    assert events[0].prev_hash == "0" * 64


def test_verify_reads_in_chunks(db):
    _write(db, 7)
    with db.read_session() as session:
        assert verify(session, chunk=3).count == 7
    with db.read_session() as session:
        assert verify(session, chunk=7).count == 7


def test_at_round_trips_exactly(db):
    """The hash covers ``at`` with microseconds: what the database returns must equal what was hashed."""
    with db.write_session() as session:
        event = audit.record(session, actor_id=None, action="test.time", entity_type="thing")
        written = event.at
        session.commit()
    with db.read_session() as session:
        stored = session.scalar(select(AuditEvent.at).where(AuditEvent.id == event.id))
    assert stored == written and stored.tzinfo is not None
    assert stored.isoformat(timespec="microseconds") == written.astimezone(UTC).isoformat(
        timespec="microseconds")
    exact = datetime(2026, 11, 25, 20, 8, 6, 123456, tzinfo=UTC)
    with db.write_session() as session:
        session.execute(insert(AuditEvent).values(id=10_000, at=exact, action="x", entity_type="y",
                                                  prev_hash="0" * 64, hash="0" * 64))
        session.commit()
    with db.read_session() as session:
        assert session.scalar(select(AuditEvent.at).where(AuditEvent.id == 10_000)) == exact


def test_concurrent_writers_give_one_unbroken_chain(db):
    errors: list[BaseException] = []

    def writer(tag: str) -> None:
        try:
            for i in range(50):
                _write(db, 1, tag=f"{tag}{i}")
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(tag,)) for tag in "xy"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    report = _verify(db)
    assert (report.intact, report.count) == (True, 100), report.reason


def test_a_rolled_back_transaction_leaves_the_chain_intact(db):
    _write(db, 3)
    _write(db, 5, commit=False)
    _write(db, 2)
    report = _verify(db)
    assert (report.intact, report.count) == (True, 5), report.reason


def test_an_edited_event_is_reported(db, database):
    _write(db, 6)
    k = _ids(db)[3]
    _tamper(database, f"""UPDATE audit_events SET after = '{{"n": 99}}' WHERE id = {k}""")
    report = _verify(db)
    assert (report.intact, report.broken_id, report.count) == (False, k, 4)
    assert "recomputed" in report.reason


def test_a_deleted_event_is_reported_at_the_next_one(db, database):
    _write(db, 6)
    ids = _ids(db)
    _tamper(database, f"DELETE FROM audit_events WHERE id = {ids[2]}")
    report = _verify(db)
    assert (report.intact, report.broken_id) == (False, ids[3])
    assert "prev_hash" in report.reason


def test_a_deleted_last_event_is_reported_by_the_head(db, database):
    _write(db, 3)
    ids = _ids(db)
    _tamper(database, f"DELETE FROM audit_events WHERE id = {ids[-1]}")
    report = _verify(db)
    assert (report.intact, report.broken_id) == (False, ids[-1])


@pytest.mark.process
def test_the_command_exits_0_when_intact_and_1_at_the_first_broken_link(db, database):
    _write(db, 4)
    result = _cli(database)
    assert (result.returncode, result.stdout.strip()) == (0, "audit chain intact: 4 events"), result.stderr
    k = _ids(db)[1]
    _tamper(database, f"UPDATE audit_events SET action = 'forged' WHERE id = {k}")
    result = _cli(database)
    assert result.returncode == 1, result.stderr
    assert f"broken at event {k}" in result.stdout and "recomputed" in result.stdout


def test_migration_0012_chains_the_events_already_there(database):
    config = alembic_config(database)
    command.downgrade(config, "0011")
    engine = make_single_use_engine(database)
    with engine.begin() as conn:
        at = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
        conn.execute(text("INSERT INTO audit_events (at, action, entity_type, entity_id, after) "
                          "VALUES (:at, 'old.one', 'thing', '1', :after), "
                          "(:at, 'old.two', 'thing', '2', NULL)"),
                     {"at": at.replace(tzinfo=None) if conn.dialect.name == "sqlite" else at,
                      "after": '{"b": 1, "a": "é"}'})
    upgrade(database)
    db = Database(make_engine(database))
    try:
        assert (_verify(db).intact, _verify(db).count) == (True, 2)
        _write(db, 2)
        report = _verify(db)
        assert (report.intact, report.count) == (True, 4), report.reason
        with Session(engine) as session:  # the append-only triggers are back
            with pytest.raises(Exception, match="append-only"):
                session.execute(text("UPDATE audit_events SET action = 'x'"))
    finally:
        db.engine.dispose()
        engine.dispose()
