"""Online backups of SQLite databases, and bringing one back.

A backup is a folder named by its UTC time (``20250301T020000Z``) holding a copy of each
database, made with SQLite's backup API while the backend serves (a consistent snapshot; in WAL
mode writers go on meanwhile), the audit checkpoint file as it stood, and ``backup.json`` naming
where each came from. It is written under a ``.partial-`` name and renamed when complete, so a
backup cut short by a crash is never taken for one.

The audit checkpoint file is copied before the databases: every checkpoint in the copy then names
an event the copied database holds, so the restored chain verifies against the restored file.
The signing key is never copied (it must stay out of the backups' reach) and never replaced: the
same key checks the checkpoints before and after a restore.

A restore refuses a backup that fails ``PRAGMA integrity_check`` or that a newer version made,
and refuses while a backend serves any of its databases (backend/ops/database_lock.py); it takes
a ``before-restore-`` backup of what it replaces, writes each database back through the backup
API (so the target's WAL is handled by SQLite, never a stale one applied to a copied file), and
moves the current checkpoint file aside (kept: it is evidence of what was signed) for the
backup's.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, closing
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from backend.db.migrate import known_revision
from backend.ops.database_lock import holding

log = logging.getLogger(__name__)

MANIFEST = "backup.json"
STAMP = "%Y%m%dT%H%M%SZ"
SCHEDULED = re.compile(r"\d{8}T\d{6}Z(-\d+)?")  # what the schedule takes and prunes
PARTIAL = ".partial-"
BEFORE_RESTORE = "before-restore-"
BUSY_SECONDS = 30.0

BACKEND_DATABASE = "backend_database"
DATABASE = "database"
CHECKPOINTS = "audit_checkpoints"


class BackupError(RuntimeError):
    """A backup that cannot be taken or brought back, with the reason for the person."""


@dataclass(frozen=True)
class Item:
    name: str  # the file in the backup folder
    source: str  # the absolute path it was copied from: where a restore puts it back
    kind: str  # BACKEND_DATABASE, DATABASE (both SQLite) or CHECKPOINTS
    size: int


@dataclass(frozen=True)
class Backup:
    folder: Path
    taken_at: datetime
    items: tuple[Item, ...]
    schema_revision: str | None  # the backend database's migration when taken
    # The audit checkpoint file the backend used, whether or not it existed yet: a restore sets the
    # current one aside either way (its later checkpoints name events the backup does not hold).
    checkpoint_file: str | None = None

    @property
    def name(self) -> str:
        return self.folder.name

    def file(self, item: Item) -> Path:
        return self.folder / item.name


@dataclass(frozen=True)
class Plan:
    """What a backup copies and where it goes: the backend's database first, then the others."""

    folder: Path
    backend_database: Path
    also: tuple[Path, ...] = ()
    checkpoint_file: Path | None = None
    keep: int = 7

    @classmethod
    def from_settings(cls, settings, *, folder: Path | None = None) -> Plan | None:
        """None when the database is not a SQLite file (PostgreSQL is backed up with its own tools)."""
        from backend.kit.signing_keys import database_file

        database = database_file(settings.database_url)
        if database is None:
            return None
        database = database.absolute()
        chosen = folder or (Path(settings.backup_folder) if settings.backup_folder else database.parent / "backups")
        return cls(chosen.absolute(), database, tuple(Path(p).absolute() for p in settings.backup_also),
                   settings.audit_paths()[1].absolute(), settings.backup_keep)


# --- taking ---------------------------------------------------------------------------------------


def _online_copy(source: Path, target: Path) -> None:
    """A consistent copy of a live database in one step of SQLite's backup API: one read
    transaction, so writers of other connections neither restart nor block it (WAL). The copy is
    one self-contained file (rollback journal, not WAL)."""
    with closing(sqlite3.connect(source, timeout=BUSY_SECONDS)) as src, \
            closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")


def _schema_revision(database: Path) -> str | None:
    with closing(sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True, timeout=BUSY_SECONDS)) as conn:
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.OperationalError:  # not migrated (no table)
            return None
    return row[0] if row else None


def _unique(folder: Path, name: str) -> Path:
    target, n = folder / name, 1
    while target.exists() or (folder / f"{PARTIAL}{target.name}").exists():
        n += 1
        target = folder / f"{name}-{n}"
    return target


def take(plan: Plan, now: datetime, *, name: str | None = None) -> Backup:
    """A backup of the plan's databases (those that exist) into a new folder under ``plan.folder``."""
    if not plan.backend_database.is_file():
        raise BackupError(f"there is no database at {plan.backend_database}")
    plan.folder.mkdir(parents=True, exist_ok=True)
    final = _unique(plan.folder, name or now.astimezone(UTC).strftime(STAMP))
    partial = plan.folder / f"{PARTIAL}{final.name}"
    partial.mkdir()
    items: list[Item] = []
    try:
        if plan.checkpoint_file is not None and plan.checkpoint_file.is_file():  # before the databases
            copied = partial / plan.checkpoint_file.name
            shutil.copyfile(plan.checkpoint_file, copied)
            items.append(Item(copied.name, str(plan.checkpoint_file), CHECKPOINTS, copied.stat().st_size))
        for kind, database in [(BACKEND_DATABASE, plan.backend_database), *((DATABASE, p) for p in plan.also)]:
            if not database.is_file():
                log.info("backup: no database at %s yet; skipped", database)
                continue
            copied = partial / _free_name(partial, database.name)
            _online_copy(database, copied)
            items.append(Item(copied.name, str(database), kind, copied.stat().st_size))
        checkpoints = str(plan.checkpoint_file) if plan.checkpoint_file is not None else None
        backup = Backup(final, now.astimezone(UTC), tuple(items), _schema_revision(_backend_copy(partial, items)),
                        checkpoints)
        (partial / MANIFEST).write_text(json.dumps(
            {"taken_at": backup.taken_at.isoformat(), "schema_revision": backup.schema_revision,
             "checkpoint_file": checkpoints, "items": [asdict(item) for item in items]}, indent=2),
            encoding="utf-8")
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    log.info("backup %s taken: %s", final, ", ".join(f"{i.name} ({i.size:,} bytes)" for i in items))
    return backup


def _free_name(folder: Path, name: str) -> str:
    candidate, n = name, 1
    while (folder / candidate).exists():
        n += 1
        candidate = f"{Path(name).stem}-{n}{Path(name).suffix}"
    return candidate


def _backend_copy(folder: Path, items: Sequence[Item]) -> Path:
    return folder / next(i.name for i in items if i.kind == BACKEND_DATABASE)


def read(folder: Path) -> Backup:
    folder = folder.absolute()
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        items = tuple(Item(**item) for item in manifest["items"])
        return Backup(folder, datetime.fromisoformat(manifest["taken_at"]), items, manifest.get("schema_revision"),
                      manifest.get("checkpoint_file"))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"{folder} is not a backup (no readable {MANIFEST}): {exc}") from exc


def backups(folder: Path) -> list[Backup]:
    """Every complete backup in ``folder``, oldest first (restore's own ``before-restore-`` ones too)."""
    if not folder.is_dir():
        return []
    found = []
    for child in sorted(folder.iterdir()):
        if child.is_dir() and not child.name.startswith(PARTIAL) and (child / MANIFEST).is_file():
            try:
                found.append(read(child))
            except BackupError as exc:  # a folder someone edited by hand: listed as nothing
                log.warning("%s", exc)
    return sorted(found, key=lambda b: (b.taken_at, b.name))


def scheduled(folder: Path) -> list[Backup]:
    return [b for b in backups(folder) if SCHEDULED.fullmatch(b.name)]


def prune(folder: Path, keep: int) -> list[Path]:
    """Removes the oldest scheduled backups beyond ``keep``, and what a cut-short backup left."""
    removed = []
    for partial in folder.glob(f"{PARTIAL}*"):
        shutil.rmtree(partial, ignore_errors=True)
    for old in scheduled(folder)[:-keep] if keep > 0 else []:
        shutil.rmtree(old.folder)
        removed.append(old.folder)
    return removed


def next_due(plan: Plan, every: timedelta) -> datetime | None:
    """When the next scheduled backup is due, by the newest one; None: there is none, take one."""
    taken = scheduled(plan.folder)
    return taken[-1].taken_at + every if taken else None


def take_if_due(plan: Plan, every: timedelta, now: datetime) -> Backup | None:
    due = next_due(plan, every)
    if due is not None and due > now:
        return None
    backup = take(plan, now)
    prune(plan.folder, plan.keep)
    return backup


# --- checking and restoring --------------------------------------------------------------------


def integrity_problems(database: Path) -> list[str]:
    """``PRAGMA integrity_check``'s findings; none for a sound database."""
    try:
        with closing(sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)) as conn:
            rows = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def check(backup: Backup) -> None:
    """Refuses a backup that is incomplete, damaged, or made by a newer version."""
    if not any(item.kind == BACKEND_DATABASE for item in backup.items):
        raise BackupError(f"{backup.folder} holds no backend database")
    for item in backup.items:
        file = backup.file(item)
        if not file.is_file():
            raise BackupError(f"{file} is missing from the backup")
        if item.kind in (BACKEND_DATABASE, DATABASE) and (problems := integrity_problems(file)):
            raise BackupError(f"{file} fails its integrity check: {'; '.join(problems[:5])}")
    if backup.schema_revision and not known_revision(backup.schema_revision):
        raise BackupError(f"{backup.folder} was taken by a newer version (migration {backup.schema_revision}); "
                          "restore it with that version")


@dataclass(frozen=True)
class Restored:
    backup: Backup
    safety: Backup | None  # what was there before, taken just before the restore
    databases: tuple[Path, ...]
    checkpoints_set_aside: Path | None


def _write_back(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)) as src, \
            closing(sqlite3.connect(target, timeout=BUSY_SECONDS)) as dst:
        src.backup(dst)
        dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if problems := integrity_problems(target):
        raise BackupError(f"{target} fails its integrity check after the restore: {'; '.join(problems[:5])}")


def restore(backup: Backup, now: datetime) -> Restored:
    check(backup)
    databases = [item for item in backup.items if item.kind in (BACKEND_DATABASE, DATABASE)]
    with ExitStack() as locks:
        for item in databases:
            locks.enter_context(holding(Path(item.source)))  # DatabaseInUse: nothing was touched
        safety = _safety_copy(backup, now)
        set_aside = _set_checkpoints_aside(backup, now)
        for item in databases:
            _write_back(backup.file(item), Path(item.source))
        for item in backup.items:
            if item.kind == CHECKPOINTS:
                shutil.copyfile(backup.file(item), item.source)
    log.info("restored %s", backup.folder)
    return Restored(backup, safety, tuple(Path(i.source) for i in databases), set_aside)


def _safety_copy(backup: Backup, now: datetime) -> Backup | None:
    """What the restore replaces, as a backup beside the one restored (unless there is nothing)."""
    backend = next(Path(i.source) for i in backup.items if i.kind == BACKEND_DATABASE)
    if not backend.is_file():
        return None
    others = tuple(Path(i.source) for i in backup.items if i.kind == DATABASE)
    checkpoints = Path(backup.checkpoint_file) if backup.checkpoint_file else None
    plan = Plan(backup.folder.parent, backend, others, checkpoints)
    return take(plan, now, name=BEFORE_RESTORE + now.astimezone(UTC).strftime(STAMP))


def _set_checkpoints_aside(backup: Backup, now: datetime) -> Path | None:
    """The checkpoint file the restore replaces, renamed: checkpoints signed after the backup name
    events the restored database no longer holds. A file the system keeps append-only (chattr +a)
    cannot be renamed: the restore stops before touching a database."""
    if backup.checkpoint_file is None or not (current := Path(backup.checkpoint_file)).is_file():
        return None
    aside = current.with_name(f"{current.name}.replaced-{now.astimezone(UTC).strftime(STAMP)}")
    try:
        current.rename(aside)
    except OSError as exc:
        raise BackupError(f"cannot set the audit checkpoint file {current} aside ({exc}); "
                          "lift its append-only attribute first") from exc
    return aside


def iter_summary(backup: Backup) -> Iterator[str]:
    for item in backup.items:
        yield f"  {item.name:<40} {item.size:>14,} bytes  from {item.source}"
