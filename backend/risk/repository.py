"""Every query of Risk › Credit but the margin tables' bulk reads and writes (margin_table.py):
the pages and counts of the margin tables, setting records and the securities master, the
day-trade windows, the pending settings the clock and the flows act on, and what a row's change
history reads (the applied orders naming its target, the settings applied to it).

Filters are applied in SQL so a page and its count see the same rows.
"""

from collections.abc import Collection, Iterable
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Row, and_, exists, func, literal, or_, select, true, update
from sqlalchemy.orm import Session

from backend.auth.models import User
from backend.kit.hk_time import hk_day_start
from backend.kit.keyset import Keyset, Seek, positive_int
from backend.risk.margin_table import MarginTable
from backend.risk.models import DayTradeWindowRow, MarginSetting, Security
from backend.work_orders.models import WorkOrder, WorkOrderDecision, WorkOrderLock, WorkOrderTarget
from services.contract.queries import MarginFilter, MarginSettingFilter, SecurityQuery
from services.contract.schemas import Decision, SettingStatus, WorkOrderStatus

# A position in a newest-first history: (time, source rank, id); see newer_than().
HistoryKey = tuple[datetime, int, int]

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


def margin_keyset(table: MarginTable) -> Keyset:
    return Keyset([table.model.symbol], [str])


def margin_rows(session: Session, table: MarginTable, f: MarginFilter, seek: Seek,
                limit: int) -> list[Row]:
    """(row, security name, Chinese name, the pending order holding the row, the id of the row's
    pending setting), keyset by symbol. A symbol has at most one pending setting of a table (a
    newer approved change revokes it); the newest is taken all the same."""
    model, keyset = table.model, margin_keyset(table)
    pending = (select(WorkOrderLock.work_order_id).where(WorkOrderLock.target_key == _target(table))
               .correlate(model).scalar_subquery())
    setting = (select(func.max(MarginSetting.id))
               .where(MarginSetting.kind == table.target_prefix, MarginSetting.symbol == model.symbol,
                      MarginSetting.status == SettingStatus.PENDING.value)
               .correlate(model).scalar_subquery())
    stmt = (select(model, Security.name, Security.name_zh, pending.label("pending"), setting.label("setting"))
            .join(Security, Security.symbol == model.symbol)
            .where(and_(True, *_margin_conditions(table, f)), *keyset.where(seek))
            .order_by(*keyset.order_by(seek)).limit(limit))
    return list(session.execute(stmt).all())


def margin_count(session: Session, table: MarginTable, f: MarginFilter) -> int:
    return session.scalar(select(func.count()).select_from(table.model)
                          .where(*_margin_conditions(table, f))) or 0


# --- setting records ---------------------------------------------------------------------------


def _setting_conditions(q: MarginSettingFilter) -> list[ColumnElement[bool]]:
    conditions = []
    if q.kind:
        conditions.append(MarginSetting.kind == q.kind)
    if q.symbol:
        conditions.append(MarginSetting.symbol.startswith(q.symbol.upper(), autoescape=True))
    if q.status:
        conditions.append(MarginSetting.status == q.status.value)
    if q.date_from:
        conditions.append(MarginSetting.effective_at >= hk_day_start(q.date_from))
    if q.date_to:
        conditions.append(MarginSetting.effective_at < hk_day_start(q.date_to + timedelta(days=1)))
    return conditions


SETTING_KEYSET = Keyset([MarginSetting.id], [positive_int], descending=True)


def setting_rows(session: Session, q: MarginSettingFilter, seek: Seek, limit: int) -> list[Row]:
    """(setting, security name, Chinese name, its order's maker), newest first, keyset on id."""
    stmt = (select(MarginSetting, Security.name, Security.name_zh, WorkOrder.maker_id)
            .outerjoin(Security, Security.symbol == MarginSetting.symbol)
            .outerjoin(WorkOrder, WorkOrder.id == MarginSetting.work_order_id)
            .where(*_setting_conditions(q), *SETTING_KEYSET.where(seek))
            .order_by(*SETTING_KEYSET.order_by(seek)).limit(limit))
    return list(session.execute(stmt).all())


def setting_row(session: Session, setting_id: int) -> Row | None:
    """One setting as setting_rows() gives it."""
    return session.execute(
        select(MarginSetting, Security.name, Security.name_zh, WorkOrder.maker_id)
        .outerjoin(Security, Security.symbol == MarginSetting.symbol)
        .outerjoin(WorkOrder, WorkOrder.id == MarginSetting.work_order_id)
        .where(MarginSetting.id == setting_id)).one_or_none()


def setting_count(session: Session, q: MarginSettingFilter) -> int:
    return session.scalar(select(func.count()).select_from(MarginSetting).where(*_setting_conditions(q))) or 0


def settings_by_id(session: Session, ids: Collection[int]) -> dict[int, MarginSetting]:
    if not ids:
        return {}
    return {s.id: s for s in session.scalars(select(MarginSetting).where(MarginSetting.id.in_(list(ids))))}


def display_names(session: Session, user_ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {u for u in user_ids if u is not None}
    if not wanted:
        return {}
    return dict(session.execute(select(User.id, User.display_name).where(User.id.in_(wanted))).all())


def holder(session: Session, target_key: str) -> int | None:
    """The pending order holding ``target_key``, if any."""
    return session.scalar(select(WorkOrderLock.work_order_id).where(WorkOrderLock.target_key == target_key))


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


# --- a row's change history --------------------------------------------------------------------


def newer_than(at, row_id, rank: int, key: HistoryKey | None) -> ColumnElement[bool]:
    """Rows of a source ranked ``rank`` that come after ``key`` in newest-first order: time, then
    rank, then id, all descending (``at`` and ``row_id`` are the source's columns)."""
    if key is None:
        return true()
    key_at, key_rank, key_id = key
    if rank < key_rank:
        return at <= key_at
    if rank > key_rank:
        return at < key_at
    return or_(at < key_at, and_(at == key_at, row_id < key_id))


def applied_orders_of_target(session: Session, target_key: str, flows: Collection[str], rank: int,
                             key: HistoryKey | None, limit: int) -> list[WorkOrder]:
    """Applied orders of ``flows`` that named ``target_key``, newest applied first (an applied
    order's updated_at is when it was approved and applied)."""
    return list(session.scalars(
        select(WorkOrder).join(WorkOrderTarget, and_(WorkOrderTarget.work_order_id == WorkOrder.id,
                                                     WorkOrderTarget.target_key == target_key))
        .where(WorkOrder.status == WorkOrderStatus.APPLIED.value, WorkOrder.flow.in_(list(flows)),
               newer_than(WorkOrder.updated_at, WorkOrder.id, rank, key))
        .order_by(WorkOrder.updated_at.desc(), WorkOrder.id.desc()).limit(limit)))


def applied_settings_of(session: Session, kind: str, symbol: str, rank: int, key: HistoryKey | None,
                        limit: int) -> list[MarginSetting]:
    """Settings of table ``kind`` applied to ``symbol``, newest applied first."""
    return list(session.scalars(
        select(MarginSetting)
        .where(MarginSetting.kind == kind, MarginSetting.symbol == symbol,
               MarginSetting.status == SettingStatus.APPLIED.value,
               newer_than(MarginSetting.applied_at, MarginSetting.id, rank, key))
        .order_by(MarginSetting.applied_at.desc(), MarginSetting.id.desc()).limit(limit)))


def orders_scheduling(session: Session, kind: str, symbol: str, order_ids: Collection[int]) -> set[int]:
    """Those of ``order_ids`` that made ``symbol``'s row a setting record (effective later)."""
    if not order_ids:
        return set()
    return set(session.scalars(select(MarginSetting.work_order_id).where(
        MarginSetting.kind == kind, MarginSetting.symbol == symbol, MarginSetting.work_order_id.in_(list(order_ids)))))


def order_people(session: Session, order_ids: Collection[int]) -> tuple[dict[int, tuple[int, str]],
                                                                       dict[int, list[int]]]:
    """Each order's (maker, flow), and its approvers level by level."""
    if not order_ids:
        return {}, {}
    ids = list(order_ids)
    makers = {order_id: (maker, flow) for order_id, maker, flow in session.execute(
        select(WorkOrder.id, WorkOrder.maker_id, WorkOrder.flow).where(WorkOrder.id.in_(ids)))}
    approvers: dict[int, list[int]] = {}
    for order_id, decider in session.execute(
            select(WorkOrderDecision.work_order_id, WorkOrderDecision.decider_id)
            .where(WorkOrderDecision.work_order_id.in_(ids), WorkOrderDecision.decision == Decision.APPROVE.value)
            .order_by(WorkOrderDecision.work_order_id, WorkOrderDecision.level)):
        approvers.setdefault(order_id, []).append(decider)
    return makers, approvers


# --- securities master -------------------------------------------------------------------------


def _security_conditions(q: SecurityQuery) -> list[ColumnElement[bool]]:
    conditions = []
    if q.symbol:
        conditions.append(Security.symbol.startswith(q.symbol.upper(), autoescape=True))
    if q.market:
        conditions.append(Security.market == q.market)
    return conditions


SECURITY_KEYSET = Keyset([Security.symbol], [str])


def security_rows(session: Session, q: SecurityQuery, seek: Seek, limit: int) -> list[Security]:
    stmt = (select(Security).where(*_security_conditions(q), *SECURITY_KEYSET.where(seek))
            .order_by(*SECURITY_KEYSET.order_by(seek)).limit(limit))
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
