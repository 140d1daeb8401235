"""Every query of the work orders: the lists and their counts, who may read an order, by-id
reads and locks, the targets and locks an order holds, and its decisions.

Who may read what is a query condition here, so a list, a count and a by-id read agree.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Row, Select, and_, delete, exists, func, insert, or_, select, true
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from backend.auth.models import Role, RolePermission, User, UserRole
from backend.auth.service import Principal
from backend.kit.hk_time import hk_day_start
from backend.work_orders.catalogue import CATALOGUE
from backend.work_orders.models import (
    ReturnedSeen,
    WorkOrder,
    WorkOrderDecision,
    WorkOrderLock,
    WorkOrderTarget,
)
from services.contract.events import RETURNED_STATUSES
from services.contract.permissions import Perm, decide_permission
from services.contract.queries import WorkOrderQuery, WorkOrderView
from services.contract.schemas import WorkOrderStatus

_LIST_COLUMNS = (WorkOrder.id, WorkOrder.flow, WorkOrder.status, WorkOrder.maker_id, WorkOrder.levels,
                 WorkOrder.approvals, WorkOrder.summary, WorkOrder.submitted_at, WorkOrder.expires_at)


# --- who may read what -------------------------------------------------------------------------


def decidable_flows(principal: Principal) -> list[str]:
    return [flow for flow in CATALOGUE if decide_permission(flow) in principal.permissions]


def readable(principal: Principal) -> ColumnElement[bool]:
    """An order is visible to its maker and to whoever may decide its flow or see all orders."""
    if Perm.APPROVAL_VIEW_ALL in principal.permissions:
        return true()
    return or_(WorkOrder.maker_id == principal.user_id, WorkOrder.flow.in_(decidable_flows(principal)))


def _decided_by(user_id: int) -> ColumnElement[bool]:
    return exists().where(WorkOrderDecision.work_order_id == WorkOrder.id, WorkOrderDecision.decider_id == user_id)


def _awaiting(principal: Principal) -> list[ColumnElement[bool]]:
    return [WorkOrder.status == WorkOrderStatus.PENDING.value,
            WorkOrder.flow.in_(decidable_flows(principal)),
            WorkOrder.maker_id != principal.user_id, ~_decided_by(principal.user_id)]


def awaiting_audience(session: Session, order: WorkOrder) -> set[int]:
    """Who has ``order`` in their inbox: ``_awaiting`` read from the order's side (active users
    who may decide its flow, are not its maker and have not decided it yet)."""
    if order.status != WorkOrderStatus.PENDING.value:
        return set()
    stmt = (select(User.id).join(UserRole, UserRole.user_id == User.id)
            .join(RolePermission, RolePermission.role_id == UserRole.role_id)
            .where(User.active.is_(True), RolePermission.permission == decide_permission(order.flow),
                   User.id != order.maker_id,
                   ~exists().where(WorkOrderDecision.work_order_id == order.id,
                                   WorkOrderDecision.decider_id == User.id)))
    return set(session.scalars(stmt.distinct()))


def users_with_role(session: Session, role: str) -> set[int]:
    """The active users holding ``role`` (the administrators, told of approval chain changes)."""
    return set(session.scalars(select(User.id).join(UserRole, UserRole.user_id == User.id)
                               .join(Role, Role.id == UserRole.role_id)
                               .where(Role.code == role, User.active.is_(True))))


def _view(principal: Principal, view: WorkOrderView) -> list[ColumnElement[bool]]:
    if view == WorkOrderView.AWAITING_ME:
        return _awaiting(principal)
    if view == WorkOrderView.MINE:
        return [WorkOrder.maker_id == principal.user_id]
    if view == WorkOrderView.DECIDED:
        return [_decided_by(principal.user_id)]
    return []  # every order: the service lets only approval.view_all ask for them


def list_conditions(principal: Principal, q: WorkOrderQuery) -> list[ColumnElement[bool]]:
    """The orders of a list: its view as ``principal`` sees it, then the query's filters."""
    conditions = _view(principal, q.view)
    if q.flow:
        conditions.append(WorkOrder.flow == q.flow)
    if q.status:
        conditions.append(WorkOrder.status == q.status.value)
    if q.maker:
        conditions.append(User.username == q.maker)
    if q.submitted_from:
        conditions.append(WorkOrder.submitted_at >= hk_day_start(q.submitted_from))
    if q.submitted_to:
        conditions.append(WorkOrder.submitted_at < hk_day_start(q.submitted_to + timedelta(days=1)))
    return conditions


# --- lists and counts --------------------------------------------------------------------------


def _with_maker(stmt: Select) -> Select:
    return stmt.join(User, User.id == WorkOrder.maker_id)


def list_rows(session: Session, conditions: list[ColumnElement[bool]], before_id: int | None,
              limit: int) -> list[Row]:
    """Newest first, keyset on id; named columns only (an upload's payload and snapshot hold
    thousands of rows a list never shows), with the maker's display name."""
    stmt = _with_maker(select(*_LIST_COLUMNS, User.display_name)).where(*conditions)
    if before_id is not None:
        stmt = stmt.where(WorkOrder.id < before_id)
    return list(session.execute(stmt.order_by(WorkOrder.id.desc()).limit(limit)).all())


def count(session: Session, conditions: list[ColumnElement[bool]]) -> int:
    return session.scalar(_with_maker(select(func.count()).select_from(WorkOrder)).where(*conditions)) or 0


def awaiting_count(session: Session, principal: Principal) -> int:
    return session.scalar(select(func.count()).select_from(WorkOrder).where(and_(*_awaiting(principal)))) or 0


def returned_count(session: Session, maker_id: int) -> int:
    """``maker_id``'s orders decided and back with them (RETURNED_STATUSES) since they last looked."""
    seen_at = session.scalar(select(ReturnedSeen.seen_at).where(ReturnedSeen.user_id == maker_id))
    stmt = select(func.count()).select_from(WorkOrder).where(
        WorkOrder.maker_id == maker_id, WorkOrder.status.in_([s.value for s in RETURNED_STATUSES]))
    if seen_at is not None:
        stmt = stmt.where(WorkOrder.updated_at > seen_at)
    return session.scalar(stmt) or 0


def set_returned_seen(session: Session, user_id: int, now: datetime) -> None:
    insert_for = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    session.execute(insert_for(ReturnedSeen).values(user_id=user_id, seen_at=now)
                    .on_conflict_do_update(index_elements=[ReturnedSeen.user_id], set_={"seen_at": now}))


# --- one order ---------------------------------------------------------------------------------


def get_readable(session: Session, principal: Principal, order_id: int) -> WorkOrder | None:
    """The order if ``principal`` may read it; None whether it is missing or hidden."""
    return session.scalar(select(WorkOrder).where(WorkOrder.id == order_id, readable(principal)))


def get(session: Session, order_id: int, *, for_update: bool = False) -> WorkOrder | None:
    """The order; ``for_update`` locks it against concurrent deciders (a row lock on PostgreSQL;
    SQLite's write transaction is already exclusive)."""
    stmt = select(WorkOrder).where(WorkOrder.id == order_id)
    return session.scalar(stmt.with_for_update() if for_update else stmt)


def by_idempotency_key(session: Session, maker_id: int, key: str) -> WorkOrder | None:
    return session.scalar(select(WorkOrder).where(WorkOrder.maker_id == maker_id,
                                                  WorkOrder.idempotency_key == key))


def decisions(session: Session, order_id: int) -> list[WorkOrderDecision]:
    return list(session.scalars(select(WorkOrderDecision).where(WorkOrderDecision.work_order_id == order_id)
                                .order_by(WorkOrderDecision.level)))


def display_names(session: Session, user_ids: Iterable[int]) -> dict[int, str]:
    return dict(session.execute(select(User.id, User.display_name).where(User.id.in_(set(user_ids)))).all())


def recorded_targets(session: Session, order_id: int) -> dict[str, int | None]:
    """Target key → the version it had when the order was submitted."""
    return {t.target_key: t.version for t in session.scalars(
        select(WorkOrderTarget).where(WorkOrderTarget.work_order_id == order_id))}


# --- writes ------------------------------------------------------------------------------------


def add_with_locks(session: Session, order: WorkOrder, targets: dict[str, int | None]) -> None:
    """Inserts the order, its targets and a lock per target in a savepoint; raises IntegrityError
    (the savepoint rolled back) if the key raced in from a retry or a target is already locked."""
    with session.begin_nested():
        session.add(order)
        session.flush()
        # executemany, not ORM objects: an upload names up to 50,000 targets.
        session.execute(insert(WorkOrderTarget), [{"work_order_id": order.id, "target_key": t, "version": v}
                                                  for t, v in targets.items()])
        session.execute(insert(WorkOrderLock), [{"target_key": t, "work_order_id": order.id} for t in targets])


def first_locked(session: Session, targets: list[str], chunk: int = 500) -> tuple[str | None, int | None]:
    """A target of ``targets`` held by a pending order, and that order (in chunks: SQLite bounds
    the number of bound parameters)."""
    for start in range(0, len(targets), chunk):
        found = session.execute(select(WorkOrderLock.target_key, WorkOrderLock.work_order_id)
                                .where(WorkOrderLock.target_key.in_(targets[start:start + chunk]))
                                .limit(1)).first()
        if found is not None:
            return found.target_key, found.work_order_id
    return None, None


def release_locks(session: Session, order_id: int) -> None:
    session.execute(delete(WorkOrderLock).where(WorkOrderLock.work_order_id == order_id))


def add_decision(session: Session, decision: WorkOrderDecision) -> None:
    session.add(decision)
