"""Setting records (設置記錄): approved margin rows that take effect at a later time.

An approved create, update or upload row whose ``effective_from`` lies in the future is not
written to the live table; it waits here as ``pending`` until the clock (or a user's "sync now")
applies it, or someone revokes it. Any approved change of a symbol revokes that symbol's pending
setting of the same table: the newer decision wins, an older one never lands on top of it.
"""

from collections.abc import Collection, Mapping
from datetime import datetime

from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.kit.clock import utcnow
from backend.kit.errors import AppError
from backend.risk import repository as repo
from backend.risk.models import MarginSetting
from services.contract.errors import ErrorCode
from services.contract.schemas import SettingStatus

# At most this many due settings per pass of the clock; the next pass takes the rest.
DUE_BATCH = 1_000
# What applying a setting found (MarginSetting.outcome).
WRITTEN, ALREADY_LIVE = "written", "already_live"


def is_future(row, now: datetime) -> bool:
    effective = getattr(row, "effective_from", None)
    return effective is not None and effective > now


def supersede(session: Session, kind: str, symbols: Collection[str], actor_id: int | None,
              order_id: int | None) -> int:
    """Revokes the pending settings of ``symbols`` in table ``kind``; returns how many."""
    pending = repo.pending_setting_ids(session, kind, symbols)
    if pending:
        repo.revoke_settings(session, pending, utcnow(), actor_id,
                             f"Replaced by work order #{order_id}" if order_id else "Replaced by a newer change")
    return len(pending)


def schedule(session: Session, kind, rows: list, order_id: int | None) -> list[int]:
    """Pending settings for ``rows`` (payload models of ``kind``), each at its effective_from."""
    settings = [MarginSetting(kind=kind.table.target_prefix, symbol=r.symbol, values=kind.proposed_row(r),
                              effective_at=r.effective_from, status=SettingStatus.PENDING.value,
                              work_order_id=order_id) for r in rows]
    repo.add_settings(session, settings)
    return [s.id for s in settings]


def _write(session: Session, kind, settings: list[MarginSetting], actor_id: int | None) -> None:
    """Writes settings of one table into it and marks them applied, each keeping the live row it
    replaced (the change history's "before") and who synced it (None: the clock). A setting whose
    values are already live writes nothing, and the audit trail says so rather than recording a write."""
    table = kind.table
    rows = [kind.row_model.model_validate(s.values) for s in settings]
    symbols = [r.symbol for r in rows]
    before = {row["symbol"]: row for row in table.row_dicts(session, symbols)}
    written = set(table.upsert(session, [kind.values(r) for r in rows], table.versions(session, symbols), actor_id))
    now = utcnow()
    for setting in settings:
        setting.status, setting.applied_at, setting.applied_by = SettingStatus.APPLIED.value, now, actor_id
        was_written = setting.symbol in written
        setting.outcome = WRITTEN if was_written else ALREADY_LIVE
        setting.before_values = before.get(setting.symbol)
        action = "margin_setting.apply" if was_written else "margin_setting.already_live"
        audit.record(session, actor_id=actor_id, action=action, entity_type=setting.kind, entity_id=str(setting.id),
                     before={"symbol": setting.symbol, "values": setting.before_values},
                     after={"symbol": setting.symbol, "values": setting.values})
    session.flush()


def apply_due(session: Session, kinds: Mapping[str, object], now: datetime | None = None) -> int:
    """Applies settings whose time has come (oldest first); safe with several backend processes:
    PostgreSQL skips rows another process holds, SQLite's write transaction is exclusive."""
    due = repo.due_settings(session, now or utcnow(), DUE_BATCH)
    by_kind: dict[str, list[MarginSetting]] = {}
    for setting in due:
        # A symbol twice in one pass: only its latest setting counts, the earlier one is revoked.
        by_kind.setdefault(setting.kind, []).append(setting)
    for kind_name, settings in by_kind.items():
        latest: dict[str, MarginSetting] = {}
        for setting in settings:
            older = latest.get(setting.symbol)
            if older is not None:
                older.status, older.revoked_at = SettingStatus.REVOKED.value, utcnow()
                older.revoke_reason = f"Replaced by setting #{setting.id}"
            latest[setting.symbol] = setting
        _write(session, kinds[kind_name], list(latest.values()), None)
    return len(due)


def _pending_or_409(session: Session, setting_id: int) -> MarginSetting:
    setting = repo.setting_for_update(session, setting_id)
    if setting is None:
        raise AppError(404, ErrorCode.NOT_FOUND, "No such setting record.")
    if setting.status != SettingStatus.PENDING.value:
        raise AppError(409, ErrorCode.SETTING_NOT_PENDING, "This setting record is no longer pending.",
                       f"It is {setting.status}.")
    return setting


def apply_now(session: Session, kinds: Mapping[str, object], setting_id: int, actor_id: int) -> MarginSetting:
    """"Sync now": the approved change takes effect at once instead of at its time."""
    setting = _pending_or_409(session, setting_id)
    _write(session, kinds[setting.kind], [setting], actor_id)
    return setting


def revoke(session: Session, setting_id: int, actor_id: int, reason: str) -> MarginSetting:
    setting = _pending_or_409(session, setting_id)
    setting.status, setting.revoked_at = SettingStatus.REVOKED.value, utcnow()
    setting.revoked_by, setting.revoke_reason = actor_id, reason
    audit.record(session, actor_id=actor_id, action="margin_setting.revoke", entity_type=setting.kind,
                 entity_id=str(setting.id), before={"status": SettingStatus.PENDING.value},
                 after={"status": SettingStatus.REVOKED.value, "reason": reason})
    session.flush()
    return setting
