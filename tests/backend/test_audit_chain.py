"""The audit trail's hash chain on SQLite and PostgreSQL: events written through record() in
separate and concurrent transactions verify; a rolled-back transaction leaves no gap; an edited
or deleted row is reported where it broke the chain; ``python -m backend verify-audit`` exits 0
or 1 accordingly; migration 0012 chains events written before it. Signed checkpoints anchor the
chain outside the database: a chain edited and recomputed, or an event removed or replaced, fails
at the first checkpoint after it; a checkpoint with a bad signature fails; an event appended after
the last checkpoint is named as unanchored, one appended without moving the head as appended."""

import asyncio
import contextlib
import json
import os
import stat
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat
from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from backend.audit import anchor
from backend.audit import service as audit
from backend.audit.chain import GENESIS_HASH, event_hash
from backend.audit.models import AuditChainHead, AuditEvent
from backend.audit.verify import LISTED, describe_ids, verify
from backend.db.engine import make_engine, make_single_use_engine
from backend.db.migrate import alembic_config, upgrade
from backend.db.session import Database
from backend.kit import clock, signing_keys
from backend.kit.clock import MovableClock
from services.contract.audit import ChainProblem
from tests.backend.audit_steps import as_owner, tamper
from tests.conftest import ROOT, start_backend, stop_backend


@pytest.fixture
def database(migrated_database) -> str:
    """A database of the test's own, migrated and empty (SQLite and PostgreSQL)."""
    return migrated_database


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


def _ids(db: Database) -> list[int]:
    with db.read_session() as session:
        return list(session.scalars(select(AuditEvent.id).order_by(AuditEvent.id)))


def _cli(url: str, *command: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """``python -m backend <command>`` with the signing key and checkpoints under ``tmp_path``."""
    env = {**os.environ, "OPSDESK_AUDIT_KEY_FILE": str(tmp_path / "audit-key.pem"),
           "OPSDESK_AUDIT_CHECKPOINT_FILE": str(tmp_path / "checkpoints.jsonl")}
    return subprocess.run([sys.executable, "-m", "backend", "--database-url", url,
                           *(command or ("verify-audit",))],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


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
        session.commit()
        written = event.at  # set as the commit appends it
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


def test_an_event_staged_in_a_savepoint_that_rolls_back_goes_with_it(db):
    with db.write_session() as session:
        audit.record(session, actor_id=None, action="test.kept", entity_type="thing")
        with session.begin_nested():
            audit.record(session, actor_id=None, action="test.released", entity_type="thing")
        # a released savepoint is no commit: nothing appended yet, the head not locked
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == 0
        savepoint = session.begin_nested()
        audit.record(session, actor_id=None, action="test.dropped", entity_type="thing")
        savepoint.rollback()
        session.commit()
    with db.read_session() as session:
        assert list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id))) == ["test.kept", "test.released"]
    report = _verify(db)
    assert (report.intact, report.count) == (True, 2), report.reason


def test_the_head_is_locked_only_as_the_transaction_commits(db, database):
    """A transaction that recorded an event and goes on working holds no lock on the chain: another
    appends and commits meanwhile (on PostgreSQL, refused at once if it had to wait); the first then
    appends after it, and the chain follows the commits."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite serializes write transactions (BEGIN IMMEDIATE): nothing to overtake")
    with db.write_session() as slow:
        audit.record(slow, actor_id=None, action="test.slow", entity_type="thing")
        slow.flush()  # its own work goes on
        with db.write_session() as quick:
            quick.execute(text("SET LOCAL lock_timeout = '1ms'"))
            audit.record(quick, actor_id=None, action="test.quick", entity_type="thing")
            quick.commit()
        slow.commit()
    with db.read_session() as session:
        assert list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id))) == ["test.quick", "test.slow"]
    report = _verify(db)
    assert (report.intact, report.count) == (True, 2), report.reason


def test_an_edited_event_is_reported(db, database):
    _write(db, 6)
    k = _ids(db)[3]
    tamper(database, f"""UPDATE audit_events SET after = '{{"n": 99}}' WHERE id = {k}""")
    report = _verify(db)
    assert (report.intact, report.broken_id, report.count, report.problem) == (False, k, 4, ChainProblem.EVENT_CHANGED)
    assert "recomputed" in report.reason


def test_a_deleted_event_is_reported_at_the_next_one(db, database):
    _write(db, 6)
    ids = _ids(db)
    tamper(database, f"DELETE FROM audit_events WHERE id = {ids[2]}")
    report = _verify(db)
    assert (report.intact, report.broken_id, report.problem) == (False, ids[3], ChainProblem.LINK_BROKEN)
    assert "prev_hash" in report.reason


def test_a_deleted_last_event_is_reported_by_the_head(db, database):
    _write(db, 3)
    ids = _ids(db)
    tamper(database, f"DELETE FROM audit_events WHERE id = {ids[-1]}")
    report = _verify(db)
    assert (report.intact, report.broken_id, report.problem) == (False, ids[-1], ChainProblem.TAIL_MISSING)


@pytest.mark.process
def test_the_command_exits_0_when_intact_and_1_at_the_first_broken_link(db, database, tmp_path):
    _write(db, 4)
    result = _cli(database, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "audit chain intact: 4 events"
    k = _ids(db)[1]
    tamper(database, f"UPDATE audit_events SET action = 'forged' WHERE id = {k}")
    result = _cli(database, tmp_path=tmp_path)
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


# --- signed checkpoints: the chain anchored outside the database ---------------------------------


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def _checkpoint(db: Database, key: Ed25519PrivateKey, path: Path, *, force: bool = True,
                every_events: int = 100, every_minutes: float = 10) -> anchor.Checkpoint | None:
    return anchor.checkpoint_if_due(db, key, path, every_events=every_events,
                                    every_minutes=every_minutes, force=force)


def _verify_anchored(db: Database, key: Ed25519PrivateKey, path: Path):
    with db.read_session() as session:
        return verify(session, checkpoints=anchor.read_checkpoints(path), public_key=key.public_key())


_CHAINED = [getattr(AuditEvent, name) for name in
            ("id", "at", "actor_id", "action", "entity_type", "entity_id", "before", "after")]


def _edit_and_rechain(url: str, event_id: int | None) -> None:
    """Edits one event (None: none) and recomputes every hash from it on, moving the head."""
    with as_owner(url) as conn:
        prev = GENESIS_HASH
        for row in conn.execute(select(*_CHAINED).order_by(AuditEvent.id)).mappings().all():
            fields = dict(row)
            if fields["id"] == event_id:
                fields["after"] = {"n": 99}
            digest = event_hash(prev, fields)
            conn.execute(update(AuditEvent).where(AuditEvent.id == fields["id"])
                         .values(after=fields["after"], prev_hash=prev, hash=digest))
            prev = digest
        conn.execute(update(AuditChainHead).values(last_hash=prev))


def _forge_append(url: str, *, move_head: bool = True) -> int:
    """Appends an event with a correct hash after the last one (INSERT rights are enough)."""
    with as_owner(url) as conn:
        last = conn.execute(select(AuditEvent.id, AuditEvent.hash)
                            .order_by(AuditEvent.id.desc()).limit(1)).one()
        fields = {"id": last.id + 1, "at": datetime.now(UTC), "actor_id": None, "action": "forged",
                  "entity_type": "thing", "entity_id": "x", "before": None, "after": {"ok": True}}
        digest = event_hash(last.hash, fields)
        conn.execute(insert(AuditEvent).values(**fields, prev_hash=last.hash, hash=digest))
        if move_head:
            conn.execute(update(AuditChainHead).values(last_event_id=fields["id"], last_hash=digest))
    return last.id + 1


def _truncate(url: str, event_id: int) -> None:
    """Removes the last event and moves the head back to the one before: a consistent chain."""
    with as_owner(url) as conn:
        conn.execute(delete(AuditEvent).where(AuditEvent.id == event_id))
        last = conn.execute(select(AuditEvent.id, AuditEvent.hash)
                            .order_by(AuditEvent.id.desc()).limit(1)).one()
        conn.execute(update(AuditChainHead).values(last_event_id=last.id, last_hash=last.hash))


def test_an_event_appended_without_moving_the_head_is_named_as_appended(db, database):
    _write(db, 3)
    forged = _forge_append(database, move_head=False)
    report = _verify(db)
    assert (report.intact, report.broken_id, report.problem) == (False, forged, ChainProblem.APPENDED_AFTER_HEAD)
    assert f"events {forged} were appended after the chain head (event {forged - 1})" in report.reason
    assert "missing" not in report.reason


def test_a_recomputed_chain_fails_at_the_checkpoint_after_the_edit(db, database, key, tmp_path):
    path = tmp_path / "checkpoints.jsonl"
    _write(db, 6)
    assert _checkpoint(db, key, path).size == 6
    _write(db, 2)
    ids = _ids(db)
    _edit_and_rechain(database, ids[2])
    assert _verify(db).intact  # the chain alone cannot tell
    report = _verify_anchored(db, key, path)
    assert (report.intact, report.broken_id, report.broken_checkpoint, report.count, report.problem) == (
        False, ids[5], 1, 6, ChainProblem.CHECKPOINT_MISMATCH)
    assert "checkpoint at line 1" in report.reason and "recomputed" in report.reason


def test_an_event_appended_with_a_moved_head_is_named_unanchored(db, database, key, tmp_path):
    path = tmp_path / "checkpoints.jsonl"
    _write(db, 5)
    _checkpoint(db, key, path)
    forged = _forge_append(database)
    report = _verify_anchored(db, key, path)
    assert report.intact, report.reason
    assert (report.checkpoints, report.last_checkpoint.last_event_id) == (1, _ids(db)[4])
    assert (report.unanchored, report.unanchored_ids) == (1, (forged,))


def test_an_appended_event_in_place_of_a_checkpointed_one_fails_at_the_checkpoint(db, database, key,
                                                                                  tmp_path):
    path = tmp_path / "checkpoints.jsonl"
    _write(db, 5)
    _checkpoint(db, key, path)
    ids = _ids(db)
    _truncate(database, ids[-1])
    assert _forge_append(database) == ids[-1]
    assert _verify(db).intact
    report = _verify_anchored(db, key, path)
    assert (report.intact, report.broken_id, report.broken_checkpoint) == (False, ids[-1], 1)


def test_a_removed_tail_fails_at_the_checkpoint_that_named_it(db, database, key, tmp_path):
    path = tmp_path / "checkpoints.jsonl"
    _write(db, 4)
    _checkpoint(db, key, path)
    ids = _ids(db)
    _truncate(database, ids[-1])
    assert _verify(db).intact
    report = _verify_anchored(db, key, path)
    assert (report.intact, report.broken_id, report.broken_checkpoint) == (False, ids[-1], 1)
    assert report.problem == ChainProblem.TAIL_MISSING
    assert "events at the end are missing" in report.reason


def test_a_checkpoint_with_a_bad_signature_fails(db, database, key, tmp_path):
    path = tmp_path / "checkpoints.jsonl"
    _write(db, 3)
    _checkpoint(db, key, path)
    forged = _forge_append(database)
    with db.read_session() as session:
        head_hash = session.scalar(select(AuditEvent.hash).where(AuditEvent.id == forged))
    # A checkpoint claiming the appended event, signed by another key ...
    other = anchor.sign(Ed25519PrivateKey.generate(), size=4, last_event_id=forged,
                        head_hash=head_hash, at=datetime.now(UTC))
    with path.open("a", encoding="utf-8") as log:
        log.write(other.to_line())
    report = _verify_anchored(db, key, path)
    assert (report.intact, report.broken_id, report.broken_checkpoint) == (False, None, 2)
    assert report.problem == ChainProblem.CHECKPOINT_INVALID
    assert "does not verify" in report.reason
    # ... or this key's id with a signature over other fields.
    lines = path.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[0])
    record.update(size=4, last_event_id=forged, head_hash=head_hash)
    path.write_text("\n".join([lines[0], json.dumps(record)]) + "\n", encoding="utf-8")
    report = _verify_anchored(db, key, path)
    assert (report.intact, report.broken_checkpoint) == (False, 2)


def test_events_after_the_last_checkpoint_are_listed_as_unanchored(db, key, tmp_path):
    path = tmp_path / "checkpoints.jsonl"
    _write(db, 4)
    report = _verify_anchored(db, key, path)
    assert (report.intact, report.last_checkpoint, report.unanchored) == (True, None, 4)
    _checkpoint(db, key, path)
    _write(db, 3)
    report = _verify_anchored(db, key, path)
    assert (report.intact, report.checkpoints, report.unanchored) == (True, 1, 3)
    assert report.unanchored_ids == tuple(_ids(db)[4:])
    _write(db, 30)
    report = _verify_anchored(db, key, path)
    ids = _ids(db)[4:]
    assert report.unanchored == 33
    assert report.unanchored_ids == (*ids[:LISTED], ids[-1])
    assert describe_ids(report.unanchored_ids, report.unanchored).endswith(f"... {ids[-1]}")


def test_checkpoints_every_n_events_or_m_minutes(db, key, tmp_path):
    path = tmp_path / "log" / "checkpoints.jsonl"

    def due():
        return _checkpoint(db, key, path, force=False, every_events=3, every_minutes=10)

    with clock.using(MovableClock()) as moved:
        assert due() is None  # an empty chain
        _write(db, 1)
        assert due().size == 1  # the first checkpoint comes at once
        assert due() is None  # the head has not moved
        _write(db, 2)
        assert due() is None
        _write(db, 1)
        assert due().size == 4
        _write(db, 1)
        assert due() is None
        now = moved.advance(minutes=10)
        last = due()
    assert last.size == 5 and last.at_time >= now
    checkpoints = anchor.read_checkpoints(path)
    assert [c.size for c in checkpoints] == [1, 4, 5]
    assert all(c.signature_valid(key.public_key()) for c in checkpoints)
    report = _verify_anchored(db, key, path)
    assert (report.intact, report.checkpoints, report.unanchored) == (True, 3, 0)


def test_concurrent_passes_write_one_checkpoint(db, key, tmp_path):
    path = tmp_path / "checkpoints.jsonl"
    _write(db, 2)
    with ThreadPoolExecutor(4) as passes:
        made = list(passes.map(lambda _: _checkpoint(db, key, path), range(4)))
    assert sum(c is not None for c in made) == 1
    assert len(anchor.read_checkpoints(path)) == 1


def test_the_signing_key_is_created_once_and_private(tmp_path):
    path = tmp_path / "keys" / "audit-key.pem"
    key = signing_keys.load_or_create_key(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert signing_keys.public_pem(signing_keys.load_or_create_key(path)) == signing_keys.public_pem(key)
    published = tmp_path / "audit-public-key.pem"
    published.write_bytes(signing_keys.public_pem(key))
    assert signing_keys.key_id(signing_keys.load_public_key(published)) == signing_keys.key_id(key.public_key())
    assert signing_keys.key_id(signing_keys.load_public_key(path)) == signing_keys.key_id(key.public_key())
    assert [p.name for p in path.parent.iterdir()] == ["audit-key.pem"]


def test_the_command_checks_the_checkpoints_and_names_the_unanchored(db, database, audit_files, backend_cli):
    """The commands run in this process: the exit codes of ``python -m backend`` as a process are
    test_the_command_exits_0_when_intact_and_1_at_the_first_broken_link's."""
    key_file = audit_files[0]
    _write(db, 3)
    ids = _ids(db)
    result = backend_cli("--database-url", database, "checkpoint-audit")
    assert result.code == 0 and f"checkpoint at event {ids[-1]}" in result.out, result.err
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    forged = _forge_append(database)
    result = backend_cli("--database-url", database, "verify-audit")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "audit chain intact: 4 events",
        *[line for line in result.out.splitlines() if line.startswith("anchored: 1 checkpoints")],
        f"unanchored: 1 events (after the last checkpoint): {forged}"]
    published = key_file.parent / "published"
    result = backend_cli("--database-url", database, "export-audit-checkpoints", str(published))
    assert result.code == 0, result.err
    assert b"PRIVATE" not in (published / "audit-public-key.pem").read_bytes()
    _edit_and_rechain(database, ids[0])
    result = backend_cli("--database-url", database, "verify-audit", "--checkpoints",
                         str(published / "audit-checkpoints.jsonl"), "--public-key",
                         str(published / "audit-public-key.pem"))
    assert result.code == 1, result.err
    assert f"broken at event {ids[-1]}" in result.out and "checkpoint at line 1" in result.out


@pytest.mark.process
def test_a_running_backend_creates_its_key_and_checkpoints_its_chain(db, database, tmp_path, monkeypatch,
                                                                     backend_cli):
    key_file, path = tmp_path / "keys" / "audit-key.pem", tmp_path / "checkpoints.jsonl"
    monkeypatch.setenv("OPSDESK_AUDIT_KEY_FILE", str(key_file))
    monkeypatch.setenv("OPSDESK_AUDIT_CHECKPOINT_FILE", str(path))
    monkeypatch.setenv("OPSDESK_AUDIT_CHECKPOINT_SECONDS", "0.1")
    _write(db, 3)
    backend = start_backend(database, tmp_path / "backend.log")
    try:
        deadline = time.monotonic() + 60
        while not (path.exists() and anchor.read_checkpoints(path)) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        stop_backend(backend)
    assert [c.last_event_id for c in anchor.read_checkpoints(path)] == [_ids(db)[-1]]
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    result = backend_cli("--database-url", database, "verify-audit")
    assert result.code == 0, result.out + result.err
    assert result.out.splitlines()[-1] == "unanchored: none"


def test_the_default_paths_follow_the_database():
    assert anchor.default_paths("sqlite:////data/opsdesk.db") == (
        Path("/data/opsdesk.audit-key.pem"), Path("/data/opsdesk.audit-checkpoints.jsonl"))
    assert anchor.default_paths("postgresql://db.internal/opsdesk_prod") == (
        Path("opsdesk-audit-key.pem"), Path("opsdesk_prod.audit-checkpoints.jsonl"))


def test_the_checkpoints_route_serves_them_with_the_public_key(api, tmp_path):
    key_file, path = tmp_path / "audit-key.pem", tmp_path / "checkpoints.jsonl"
    api.app.state.settings = api.app.state.settings.model_copy(
        update={"audit_key_file": str(key_file), "audit_checkpoint_file": str(path)})
    with api.client("admin") as admin:
        assert admin.get("/audit/checkpoints").json() == {
            "public_key_pem": None, "key_id": None, "checkpoints": [], "more": False}
    key = signing_keys.load_or_create_key(key_file)
    database = api.app.state.database
    made = []
    for user in ("maker", "checker"):
        assert api.login(user).status_code == 200  # an audit event
        with clock.using(api.clock):
            made.append(_checkpoint(database, key, path))
    with api.client("checker") as checker:
        assert checker.get("/audit/checkpoints").status_code == 403
    with api.client("admin") as admin:
        body = admin.get("/audit/checkpoints").json()
        assert admin.get("/audit/checkpoints", params={"after": made[0].size}).json()["checkpoints"] == \
            body["checkpoints"][1:]
        assert admin.get("/audit/checkpoints", params={"limit": 1}).json()["more"] is True
    assert body["key_id"] == signing_keys.key_id(key.public_key()) and body["more"] is False
    published = tmp_path / "published.pem"
    published.write_text(body["public_key_pem"], encoding="ascii")
    served = [anchor.Checkpoint(size=c["size"], last_event_id=c["last_event_id"], head_hash=c["head_hash"],
                                at=c["at_signed"], key_id=c["key_id"], signature=c["signature"], line=n)
              for n, c in enumerate(body["checkpoints"], 1)]
    assert served == [replace(c, line=n) for n, c in enumerate(made, 1)]
    with database.read_session() as session:
        report = verify(session, checkpoints=served, public_key=signing_keys.load_public_key(published))
    assert (report.intact, report.checkpoints, report.unanchored) == (True, 2, 0), report.reason


def test_a_line_cut_by_a_crash_stays_apart_and_fails_verification(db, key, tmp_path):
    path = tmp_path / "checkpoints.jsonl"
    _write(db, 2)
    _checkpoint(db, key, path)
    with path.open("a", encoding="utf-8") as log:
        log.write('{"size": 3, "last_ev')  # no newline: the write was cut short
    _write(db, 1)
    assert _checkpoint(db, key, path).size == 3
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and anchor.parse_line(lines[2], 3).size == 3
    with pytest.raises(anchor.CheckpointFileError, match="line 2 "):
        anchor.read_checkpoints(path)


# --- what verify-audit reports, and the command's refusals -----------------------------------------


def _delete_and_rechain(url: str, event_id: int) -> None:
    """Deletes one event and recomputes every hash after it, moving the head: a chain that checks."""
    with as_owner(url) as conn:
        conn.execute(delete(AuditEvent).where(AuditEvent.id == event_id))
    _edit_and_rechain(url, None)


def test_a_checkpointed_event_deleted_from_a_recomputed_chain_fails_at_its_checkpoint(db, database, key,
                                                                                      tmp_path):
    path = tmp_path / "checkpoints.jsonl"
    _write(db, 3)
    ids = _ids(db)
    _checkpoint(db, key, path)
    _write(db, 2)
    _delete_and_rechain(database, ids[-1])
    assert _verify(db).intact  # the chain alone cannot tell
    report = _verify_anchored(db, key, path)
    assert (report.intact, report.broken_id, report.broken_checkpoint) == (False, ids[-1], 1)
    assert report.problem == ChainProblem.CHECKPOINT_EVENT_MISSING
    assert f"names event {ids[-1]}, which is not in the trail" in report.reason


def test_checkpoints_that_go_back_or_have_no_key_to_check_them_fail(db, key, tmp_path):
    path = tmp_path / "checkpoints.jsonl"
    _write(db, 2)
    first = _checkpoint(db, key, path)
    _write(db, 1)
    second = _checkpoint(db, key, path)
    with db.read_session() as session:
        report = verify(session, checkpoints=[replace(second, line=1), replace(first, line=2)],
                        public_key=key.public_key())
    assert (report.intact, report.broken_checkpoint) == (False, 2)
    assert report.reason == (f"checkpoint at line 2 goes back from event {second.last_event_id} "
                             f"to {first.last_event_id}")
    with db.read_session() as session:
        report = verify(session, checkpoints=anchor.read_checkpoints(path), public_key=None)
    assert (report.intact, report.broken_checkpoint) == (False, 1)
    assert "no public key" in report.reason


def test_a_missing_chain_head_row_is_reported(db, database):
    _write(db, 2)
    tamper(database, "DELETE FROM audit_chain_head")
    report = _verify(db)
    assert (report.intact, report.broken_id) == (False, _ids(db)[-1])
    assert (report.reason, report.problem) == ("the chain head row is missing", ChainProblem.HEAD_MISSING)


def test_events_forged_into_an_empty_chain_without_moving_its_head_are_named(db, database):
    with as_owner(database) as conn:
        fields = {"id": 7, "at": datetime.now(UTC), "actor_id": None, "action": "forged",
                  "entity_type": "thing", "entity_id": "x", "before": None, "after": None}
        conn.execute(insert(AuditEvent).values(**fields, prev_hash=GENESIS_HASH,
                                               hash=event_hash(GENESIS_HASH, fields)))
    report = _verify(db)
    assert (report.intact, report.broken_id) == (False, 7)
    assert report.reason == "events 7 were appended after the chain head (an empty chain) without moving it"


def test_a_torn_last_line_longer_than_one_read_still_stays_apart(db, key, tmp_path):
    path = tmp_path / "checkpoints.jsonl"
    _write(db, 1)
    _checkpoint(db, key, path)
    with path.open("a", encoding="utf-8") as log:
        log.write("x" * 10_000)  # no newline, and longer than the 4 KiB read back from the end
    _write(db, 1)
    assert _checkpoint(db, key, path).size == 2
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [len(lines), len(lines[1])] == [3, 10_000]
    assert anchor.parse_line(lines[2], 3).size == 2


def test_the_background_pass_stops_without_a_key_and_retries_a_failed_pass(db, tmp_path, caplog):
    not_a_key = tmp_path / "audit-key.pem"
    not_a_key.write_text("not a key", encoding="ascii")
    path = tmp_path / "checkpoints.jsonl"
    _write(db, 2)

    async def passes(key_file: Path) -> None:
        await anchor.run_forever(db, key_file, path, every_events=1, every_minutes=1, interval=0)

    asyncio.run(passes(not_a_key))  # returns: there is nothing to sign with
    assert f"no audit signing key at {not_a_key}" in caplog.text
    assert not path.exists()

    path.mkdir()  # the checkpoint file cannot be opened: each pass fails, and is retried

    async def fail_twice_then_recover() -> None:
        task = asyncio.create_task(passes(tmp_path / "keys" / "audit-key.pem"))
        while caplog.text.count("checkpointing the audit chain failed") < 2:
            await asyncio.sleep(0.01)
        path.rmdir()
        while not (path.is_file() and anchor.read_checkpoints(path)):
            await asyncio.sleep(0.01)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    asyncio.run(asyncio.wait_for(fail_twice_then_recover(), 60))
    assert [c.size for c in anchor.read_checkpoints(path)] == [2]


@pytest.fixture
def audit_files(tmp_path, monkeypatch) -> tuple[Path, Path]:
    """(key file, checkpoint file) of the settings that ``python -m backend`` reads."""
    key_file, path = tmp_path / "audit-key.pem", tmp_path / "checkpoints.jsonl"
    monkeypatch.setenv("OPSDESK_AUDIT_KEY_FILE", str(key_file))
    monkeypatch.setenv("OPSDESK_AUDIT_CHECKPOINT_FILE", str(path))
    return key_file, path


def test_checkpoint_audit_adds_nothing_when_the_head_is_checkpointed(db, database, audit_files, backend_cli):
    _write(db, 2)
    assert backend_cli("--database-url", database, "checkpoint-audit").code == 0
    again = backend_cli("--database-url", database, "checkpoint-audit")
    assert (again.code, again.out.strip()) == (
        0, f"no new checkpoint: the chain is empty or its head is checkpointed in {audit_files[1]}")
    assert len(anchor.read_checkpoints(audit_files[1])) == 1


def test_verify_audit_names_the_line_of_a_checkpoint_file_that_is_not_one(db, database, audit_files,
                                                                          backend_cli):
    _write(db, 2)
    assert backend_cli("--database-url", database, "checkpoint-audit").code == 0
    with audit_files[1].open("a", encoding="utf-8") as log:
        log.write("{not json}\n")
    result = backend_cli("--database-url", database, "verify-audit")
    assert result.code == 1
    assert result.out.startswith(f"audit checkpoints broken at line 2 of {audit_files[1]}: line 2 of the "
                                 "checkpoint file is not a checkpoint")


def _ec_key_files(folder: Path) -> tuple[Path, Path]:
    """(private, public) PEM files of a key that is not Ed25519."""
    private = ec.generate_private_key(ec.SECP256R1())
    private_file, public_file = folder / "ec-key.pem", folder / "ec-public.pem"
    private_file.write_bytes(private.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    public_file.write_bytes(private.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo))
    return private_file, public_file


@pytest.mark.parametrize("key_file", ["missing", "ec-private", "ec-public"])
def test_verify_audit_refuses_checkpoints_it_has_no_ed25519_key_for(db, database, audit_files, backend_cli,
                                                                   tmp_path, key_file):
    _write(db, 2)
    assert backend_cli("--database-url", database, "checkpoint-audit").code == 0
    private, public = _ec_key_files(tmp_path)
    given = {"missing": tmp_path / "nowhere.pem", "ec-private": private, "ec-public": public}[key_file]
    result = backend_cli("--database-url", database, "verify-audit", "--public-key", str(given))
    assert result.code == 1
    assert result.out.startswith(f"audit checkpoints unchecked: no public key in {given} (")
    if key_file != "missing":
        assert "does not hold an Ed25519" in result.out


def test_verify_audit_names_a_forged_checkpoint_by_its_line(db, database, audit_files, backend_cli):
    _write(db, 2)
    assert backend_cli("--database-url", database, "checkpoint-audit").code == 0
    _write(db, 1)
    with db.read_session() as session:
        head = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()
    forged = anchor.sign(Ed25519PrivateKey.generate(), size=3, last_event_id=head.id, head_hash=head.hash,
                         at=datetime.now(UTC))
    with audit_files[1].open("a", encoding="utf-8") as log:
        log.write(forged.to_line())
    result = backend_cli("--database-url", database, "verify-audit")
    assert result.code == 1
    assert result.out.startswith(f"audit checkpoints broken at line 2 of {audit_files[1]}: checkpoint at line 2 ")
    assert "does not verify" in result.out
