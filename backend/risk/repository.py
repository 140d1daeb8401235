"""Every query of Risk › Credit but the margin tables' bulk reads and writes (margin_table.py):
the pages and counts of the margin tables, setting records and the securities master, the
day-trade windows, and the pending settings the clock and the flows act on.

Filters are applied in SQL so a page and its count see the same rows.
"""

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import ColumnElement, Row, and_, exists, func, literal, select, update
from sqlalchemy.orm import Session

from backend.risk.margin_table import MarginTable
from backend.risk.models import DayTradeWindowRow, MarginSetting, Security
from backend.work_orders.models import WorkOrderLock
from services.contract.queries import MarginFilter, MarginSettingQuery, SecurityQuery
from services.contract.schemas import SettingStatus

# Filters of one kind only: query field → model column, compared for equality.
KIND_FILTERS = ("financeable", "status", "active")


# --- the live margin tables --------------------------------------------------------------------


def _target(table: MarginTable):
    """The target key of a row, built in SQL so the lock table's primary key answers the lookup."""
    return literal(table.target_prefix + ":") + table.model.symbol


def _margin_conditions(table: MarginTable, f: MarginFilter) -> list[ColumnElement[bool]]:
    model = table.model
    out = []
    if f.symbol:
        out.append(model.symbol.startswith(f.symbol.upper(), autoescape=True))
    if f.market:
        out.append(model.market == f.market)
    if f.im_min is not None:
        out.append(model.im >= f.im_min)
    if f.im_max is not None:
        out.append(model.im <= f.im_max)
    for name in KIND_FILTERS:
        value = getattr(f, name, None)
        if value is not None:
            out.append(getattr(model, name) == value)
    if f.pending is not None:
        held = exists().where(WorkOrderLock.target_key == _target(table))
        out.append(held if f.pending else ~held)
    return out


def margin_rows(session: Session, table: MarginTable, f: MarginFilter, after: str | None,
                limit: int) -> list[Row]:
    """(row, security name, Chinese name, the pending order holding the row), keyset by symbol."""
    model = table.model
    pending = (select(WorkOrderLock.work_order_id).where(WorkOrderLock.target_key == _target(table))
               .correlate(model).scalar_subquery())
    stmt = (select(model, Security.name, Security.name_zh, pending.label("pending"))
            .join(Security, Security.symbol == model.symbol)
            .where(and_(True, *_margin_conditions(table, f)))
            .order_by(model.symbol).limit(limit))
    if after is not None:
        stmt = stmt.where(model.symbol > after)
    return list(session.execute(stmt).all())


def margin_count(session: Session, table: MarginTable, f: MarginFilter) -> int:
    return session.scalar(select(func.count()).select_from(table.model)
                          .where(*_margin_conditions(table, f))) or 0


# --- setting records ---------------------------------------------------------------------------


def _setting_conditions(q: MarginSettingQuery) -> list[ColumnElement[bool]]:
    conditions = []
    if q.kind:
        conditions.append(MarginSetting.kind == q.kind)
    if q.symbol:
        conditions.append(MarginSetting.symbol.startswith(q.symbol.upper(), autoescape=True))
    if q.status:
        conditions.append(MarginSetting.status == q.status.value)
    return conditions


def setting_rows(session: Session, q: MarginSettingQuery, before_id: int | None, limit: int) -> list[MarginSetting]:
    """Newest first, keyset on id."""
    stmt = select(MarginSetting).where(*_setting_conditions(q)).order_by(MarginSetting.id.desc()).limit(limit)
    if before_id is not None:
        stmt = stmt.where(MarginSetting.id < before_id)
    return list(session.scalars(stmt))


def setting_count(session: Session, q: MarginSettingQuery) -> int:
    return session.scalar(select(func.count()).select_from(MarginSetting).where(*_setting_conditions(q))) or 0


def setting_kind(session: Session, setting_id: int) -> str | None:
    return session.scalar(select(MarginSetting.kind).where(MarginSetting.id == setting_id))


def setting_for_update(session: Session, setting_id: int) -> MarginSetting | None:
    return session.scalar(select(MarginSetting).where(MarginSetting.id == setting_id).with_for_update())


def pending_setting_ids(session: Session, kind: str, symbols: Collection[str]) -> list[int]:
    """The pending settings of ``symbols`` in table ``kind`` (the kind's pending rows are few:
    filtered here rather than with a list of up to 50,000 symbols)."""
    wanted = set(symbols)
    return [sid for sid, symbol in session.execute(
        select(MarginSetting.id, MarginSetting.symbol).where(MarginSetting.kind == kind,
                                                             MarginSetting.status == SettingStatus.PENDING.value))
            if symbol in wanted]


def revoke_settings(session: Session, setting_ids: list[int], at: datetime, actor_id: int | None,
                    reason: str) -> None:
    session.execute(update(MarginSetting).where(MarginSetting.id.in_(setting_ids)).values(
        status=SettingStatus.REVOKED.value, revoked_at=at, revoked_by=actor_id, revoke_reason=reason))


def add_settings(session: Session, settings: list[MarginSetting]) -> None:
    session.add_all(settings)
    session.flush()


def due_settings(session: Session, now: datetime, limit: int) -> list[MarginSetting]:
    """Pending settings whose time has come, oldest first; PostgreSQL skips rows another
    process holds, SQLite's write transaction is exclusive."""
    return list(session.scalars(
        select(MarginSetting).where(MarginSetting.status == SettingStatus.PENDING.value,
                                    MarginSetting.effective_at <= now)
        .order_by(MarginSetting.effective_at, MarginSetting.id).limit(limit)
        .with_for_update(skip_locked=True)))


# --- securities master -------------------------------------------------------------------------


def _security_conditions(q: SecurityQuery) -> list[ColumnElement[bool]]:
    conditions = []
    if q.symbol:
        conditions.append(Security.symbol.startswith(q.symbol.upper(), autoescape=True))
    if q.market:
        conditions.append(Security.market == q.market)
    return conditions


def security_rows(session: Session, q: SecurityQuery, after: str | None, limit: int) -> list[Security]:
    stmt = select(Security).where(*_security_conditions(q)).order_by(Security.symbol).limit(limit)
    if after is not None:
        stmt = stmt.where(Security.symbol > after)
    return list(session.scalars(stmt))


def security_count(session: Session, q: SecurityQuery) -> int:
    return session.scalar(select(func.count()).select_from(Security).where(*_security_conditions(q))) or 0


# --- day-trade windows -------------------------------------------------------------------------


def day_trade_windows(session: Session) -> list[DayTradeWindowRow]:
    return list(session.scalars(select(DayTradeWindowRow).order_by(DayTradeWindowRow.market)))


def day_trade_window(session: Session, market: str) -> DayTradeWindowRow | None:
    return session.scalar(select(DayTradeWindowRow).where(DayTradeWindowRow.market == market))


def add_day_trade_window(session: Session, row: DayTradeWindowRow) -> None:
    session.add(row)


def held_locks(session: Session, prefix: str) -> dict[str, int]:
    """Target key → the pending order holding it, among the targets starting with ``prefix``."""
    return dict(session.execute(select(WorkOrderLock.target_key, WorkOrderLock.work_order_id)
                                .where(WorkOrderLock.target_key.startswith(prefix))).all())
