"""``python -m backend backup | backups | restore BACKUP``: the operator's side of SQLite backups
(backend/ops/backups.py). A PostgreSQL deployment is backed up with PostgreSQL's tools (README)."""

import sys
from datetime import UTC, datetime
from pathlib import Path

from backend.ops import backups
from backend.ops.database_lock import DatabaseInUse

IN_USE = 2  # the exit code of a restore refused because a backend serves the database
REFUSED = 1


def run(settings, args) -> int:
    plan = backups.Plan.from_settings(settings, folder=Path(args.folder) if args.folder else None)
    if plan is None:
        print("error: backups here are of a SQLite database; back PostgreSQL up with pg_dump or the "
              "operator's tooling (README, Backups)", file=sys.stderr)
        return 2
    if args.command == "backup":
        return _backup(plan)
    if args.command == "backups":
        return _list(plan)
    return _restore(plan, args.backup)


def _backup(plan: backups.Plan) -> int:
    try:
        backup = backups.take(plan, datetime.now(UTC))
    except (backups.BackupError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return REFUSED
    removed = backups.prune(plan.folder, plan.keep)
    print(f"backup {backup.folder}")
    for line in backups.iter_summary(backup):
        print(line)
    if removed:
        print(f"removed {len(removed)} older backup(s) beyond the {plan.keep} kept")
    return 0


def _list(plan: backups.Plan) -> int:
    found = backups.backups(plan.folder)
    if not found:
        print(f"no backups in {plan.folder}")
        return 0
    print(f"backups in {plan.folder}, oldest first:")
    for backup in found:
        size = sum(item.size for item in backup.items)
        print(f"{backup.name:<34} taken {backup.taken_at:%Y-%m-%d %H:%M:%S} UTC  {size:>14,} bytes  "
              f"{len(backup.items)} file(s)")
    return 0


def _restore(plan: backups.Plan, chosen: str) -> int:
    folder = Path(chosen)
    if not folder.is_dir() and (plan.folder / chosen).is_dir():
        folder = plan.folder / chosen
    try:
        backup = backups.read(folder)
        restored = backups.restore(backup, datetime.now(UTC))
    except DatabaseInUse as exc:
        print(f"error: {exc}", file=sys.stderr)
        return IN_USE
    except (backups.BackupError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return REFUSED
    print(f"restored {backup.folder} (taken {backup.taken_at:%Y-%m-%d %H:%M:%S} UTC):")
    for database in restored.databases:
        print(f"  {database}")
    if restored.safety is not None:
        print(f"what it replaced is kept in {restored.safety.folder}")
    if restored.checkpoints_set_aside is not None:
        print(f"the audit checkpoints signed until now are kept in {restored.checkpoints_set_aside}: "
              "those after the backup name events it does not hold")
    return 0
