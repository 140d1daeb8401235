"""SQLite backups as the embedded default keeps them, and ``python -m backend restore``: a real
backend process backs its database and the workstation's up while serving, and a restore brings
exactly the backup back (what came after is gone, what came before is there, the audit chain
verifies), refusing while a backend serves the database and refusing a damaged backup."""

import hashlib
import shutil
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import make_url, text

from backend.audit import anchor
from backend.ops import backups
from backend.ops.database_lock import lock_file
from services.offline import grant
from services.offline.store import open_store
from tests.backend.work_order_steps import fresh_order
from tests.conftest import start_backend, stop_backend

DEADLINE = 60  # seconds a background backup may take to appear on a busy machine


def _database_from(template, folder: Path) -> Path:
    """A demo database of the test's own, at a path of its choosing (the embedded default's layout)."""
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / "opsdesk.db"
    with template.copy() as url:
        shutil.copyfile(make_url(url).database, database)
    return database


@pytest.fixture
def data_dir(sqlite_template, tmp_path, monkeypatch) -> Path:
    """A data folder as the desktop lays it out: the backend's database, the workstation's, and
    the audit checkpoint file beside them; the audit signing key elsewhere."""
    data = tmp_path / "data"
    _database_from(sqlite_template, data)
    monkeypatch.setenv("OPSDESK_AUDIT_CHECKPOINT_FILE", str(data / "opsdesk.audit-checkpoints.jsonl"))
    monkeypatch.setenv("OPSDESK_AUDIT_KEY_FILE", str(tmp_path / "keys" / "audit-key.pem"))
    return data


def _order_status(url: str, order_id: int) -> str | None:
    from backend.db.engine import make_single_use_engine

    engine = make_single_use_engine(url)
    with engine.connect() as conn:
        status = conn.execute(text("SELECT status FROM work_orders WHERE id = :id"), {"id": order_id}).scalar()
    engine.dispose()
    return status


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.process
def test_restore_brings_back_the_backup_and_only_it(sqlite_template, data_dir, backend_cli, tmp_path):
    url = f"sqlite:///{data_dir / 'opsdesk.db'}"
    folder = data_dir / "backups"
    store = open_store(data_dir / "workstation.db")  # the desktop holds it open while it runs
    grant.see(store, 1000.0)
    backend = start_backend(url, tmp_path / "backend.log", "--demo", "--backup-every-hours", "24",
                            "--backup-also", str(data_dir / "workstation.db"))
    backend.tokens.update(sqlite_template.tokens)
    try:
        # The schedule's first backup, taken in the background as the backend starts.
        deadline = time.monotonic() + DEADLINE
        while not backups.scheduled(folder):
            assert time.monotonic() < deadline, "no backup in the background"
            time.sleep(0.1)
        first = backups.scheduled(folder)[0]
        assert {i.kind for i in first.items} >= {backups.BACKEND_DATABASE, backups.DATABASE}
        # One backend process per SQLite database: a second one is refused.
        second = backend_cli("--database-url", url, "--port", "0")
        assert second.code == 2 and "a backend is serving" in second.err

        # Before the backup: an order, checkpointed; the workstation saw the clock at 2000.
        before = fresh_order(backend, "HK")
        assert backend_cli("--database-url", url, "checkpoint-audit").code == 0
        grant.see(store, 2000.0)
        taken = backend_cli("--database-url", url, "--backup-also", str(data_dir / "workstation.db"),
                            "backup")  # online, while it serves
        assert taken.code == 0, taken.err
        backup = backups.scheduled(folder)[-1]
        assert backup.name in taken.out and backup.name != first.name

        # After it: another order, checkpointed; the workstation saw 3000.
        after = fresh_order(backend, "US")
        assert backend_cli("--database-url", url, "checkpoint-audit").code == 0
        grant.see(store, 3000.0)
        signed_until_now = anchor.read_checkpoints(data_dir / "opsdesk.audit-checkpoints.jsonl")

        refused = backend_cli("--database-url", url, "restore", backup.name)
        assert refused.code == 2 and "stop it first" in refused.err
        assert _order_status(url, after["id"]) == "pending"  # nothing was touched
    finally:
        stop_backend(backend)
    store.close()  # the desktop is closed too

    listed = backend_cli("--database-url", url, "backups")
    assert first.name in listed.out and backup.name in listed.out
    restored = backend_cli("--database-url", url, "restore", backup.name)
    assert restored.code == 0, restored.err
    assert "before-restore-" in restored.out and ".replaced-" in restored.out

    assert _order_status(url, before["id"]) == "pending"
    assert _order_status(url, after["id"]) is None
    store = open_store(data_dir / "workstation.db")
    assert grant.latest_seen(store) == 2000.0
    store.close()
    verified = backend_cli("--database-url", url, "verify-audit")
    assert verified.code == 0, verified.out
    assert "audit chain intact" in verified.out and "checkpoints match" in verified.out
    # The checkpoints signed after the backup are kept aside, never lost.
    aside, = data_dir.glob("opsdesk.audit-checkpoints.jsonl.replaced-*")
    assert anchor.read_checkpoints(aside) == signed_until_now
    assert len(anchor.read_checkpoints(data_dir / "opsdesk.audit-checkpoints.jsonl")) < len(signed_until_now)
    # What the restore replaced is a backup of its own, and would bring the later order back.
    safety, = (b for b in backups.backups(folder) if b.name.startswith(backups.BEFORE_RESTORE))
    assert {Path(i.source).name for i in safety.items} >= {"opsdesk.db", "workstation.db"}

    # The restored database serves again.
    backend = start_backend(url, tmp_path / "again.log", "--demo")
    backend.tokens.update(sqlite_template.tokens)
    try:
        with backend.client("maker") as maker:
            assert maker.get(f"/work-orders/{before['id']}").status_code == 200
            assert maker.get(f"/work-orders/{after['id']}").status_code == 404
    finally:
        stop_backend(backend)


def test_a_damaged_backup_is_refused_and_nothing_changes(sqlite_template, data_dir, backend_cli):
    url = f"sqlite:///{data_dir / 'opsdesk.db'}"
    assert backend_cli("--database-url", url, "backup").code == 0
    backup, = backups.scheduled(data_dir / "backups")
    copy = backup.file(next(i for i in backup.items if i.kind == backups.BACKEND_DATABASE))
    with copy.open("r+b") as damaged:  # pages in the middle overwritten, as a bad disk might
        damaged.seek(copy.stat().st_size // 2)
        damaged.write(b"\xff" * 65536)
    live = _digest(data_dir / "opsdesk.db")
    refused = backend_cli("--database-url", url, "restore", str(backup.folder))
    assert refused.code == 1 and "integrity" in refused.err
    assert _digest(data_dir / "opsdesk.db") == live
    assert [b.name for b in backups.backups(data_dir / "backups")] == [backup.name]  # no safety copy either


def test_a_backup_a_newer_version_took_is_refused(sqlite_template, data_dir, backend_cli):
    url = f"sqlite:///{data_dir / 'opsdesk.db'}"
    assert backend_cli("--database-url", url, "backup").code == 0
    backup, = backups.scheduled(data_dir / "backups")
    manifest = backup.folder / backups.MANIFEST
    manifest.write_text(manifest.read_text().replace(f'"{backup.schema_revision}"', '"9999"'))
    refused = backend_cli("--database-url", url, "restore", backup.name)
    assert refused.code == 1 and "newer version" in refused.err


def test_backups_fall_due_by_the_newest_and_the_oldest_beyond_keep_go(sqlite_template, data_dir):
    plan = backups.Plan(data_dir / "backups", data_dir / "opsdesk.db", keep=2)
    day = timedelta(hours=24)
    start = datetime(2025, 3, 1, 2, 0, tzinfo=UTC)
    assert backups.take_if_due(plan, day, start) is not None  # none yet: one now
    assert backups.take_if_due(plan, day, start + timedelta(hours=23)) is None
    assert backups.take_if_due(plan, day, start + day) is not None
    (plan.folder / f"{backups.PARTIAL}20250302T030000Z").mkdir()  # what a crash mid-backup leaves
    third = backups.take_if_due(plan, day, start + 2 * day)
    assert third is not None
    assert [b.name for b in backups.backups(plan.folder)] == ["20250302T020000Z", "20250303T020000Z"]
    assert not list(plan.folder.glob(f"{backups.PARTIAL}*"))
    assert backups.integrity_problems(third.file(third.items[0])) == []


def test_a_postgresql_deployment_is_pointed_to_its_own_tools(backend_cli):
    result = backend_cli("--database-url", "postgresql://opsdesk@db.internal/opsdesk", "backup")
    assert result.code == 2 and "pg_dump" in result.err


def test_the_lock_of_use_is_a_file_beside_the_database(tmp_path):
    assert lock_file(tmp_path / "opsdesk.db") == tmp_path / "opsdesk.db.lock"
