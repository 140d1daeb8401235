"""Every query of the work orders: the lists and their counts, who may read an order, by-id
reads and locks, the targets and locks an order holds, its levels' approvers and its decisions.

Who may read what is a query condition here, so a list, a count and a by-id read agree; so is
whether a pending order is blocked, so the list's flag, its filter and the detail agree.
"""

from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta

from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    and_,
    case,
    delete,
    exists,
    func,
    insert,
    not_,
    or_,
    select,
    true,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, aliased

from backend.approval_chains.models import ApprovalChain
from backend.auth.models import Role, User, UserRole
from backend.auth.service import Principal
from backend.kit.hk_time import hk_day_start
from backend.work_orders.models import (
    ReturnedSeen,
    WorkOrder,
    WorkOrderCc,
    WorkOrderDecision,
    WorkOrderLevel,
    WorkOrderLevelApprover,
    WorkOrderLock,
    WorkOrderTarget,
)
from services.contract.events import RETURNED_STATUSES
from services.contract.identity import ApprovalMode
from services.contract.permissions import Perm
from services.contract.queries import WorkOrderFilter, WorkOrderView
from services.contract.schemas import WorkOrderStatus

_LIST_COLUMNS = (WorkOrder.id, WorkOrder.flow, WorkOrder.status, WorkOrder.maker_id, WorkOrder.levels,
                 WorkOrder.approvals, WorkOrder.summary, WorkOrder.submitted_at, WorkOrder.expires_at)

# --- who may read and decide what --------------------------------------------------------------


def _listed(user_id: int, *, current_level: bool = False) -> ColumnElement[bool]:
    """The order names ``user_id`` as an approver (of its current level only, if asked)."""
    condition = exists().where(WorkOrderLevelApprover.work_order_id == WorkOrder.id,
                               WorkOrderLevelApprover.user_id == user_id)
    if current_level:
        condition = condition.where(WorkOrderLevelApprover.level == WorkOrder.approvals + 1)
    return condition


def _copied(user_id: int) -> ColumnElement[bool]:
    return exists().where(WorkOrderCc.work_order_id == WorkOrder.id, WorkOrderCc.user_id == user_id)


def readable(principal: Principal) -> ColumnElement[bool]:
    """An order is visible to its maker, to anyone its levels name, to those copied on it, and to
    whoever may see every order."""
    if Perm.APPROVAL_VIEW_ALL in principal.permissions:
        return true()
    return or_(WorkOrder.maker_id == principal.user_id, _listed(principal.user_id), _copied(principal.user_id))


def _decided_by(user_id: int) -> ColumnElement[bool]:
    return exists().where(WorkOrderDecision.work_order_id == WorkOrder.id, WorkOrderDecision.decider_id == user_id)


def _awaiting(principal: Principal) -> list[ColumnElement[bool]]:
    return [WorkOrder.status == WorkOrderStatus.PENDING.value, _listed(principal.user_id, current_level=True),
            WorkOrder.maker_id != principal.user_id, ~_decided_by(principal.user_id)]


def blocked() -> ColumnElement[bool]:
    """Pending, and its current level can no longer complete: 或簽, no approver left who is active
    and has not decided the order; 會簽, an approver disabled or one who decided another level
    (one person decides one level of an order)."""
    approver, user, decision = aliased(WorkOrderLevelApprover), aliased(User), aliased(WorkOrderDecision)
    at_current = and_(approver.work_order_id == WorkOrder.id, approver.level == WorkOrder.approvals + 1)
    active = exists().where(user.id == approver.user_id, user.active.is_(True))
    decided = exists().where(decision.work_order_id == WorkOrder.id, decision.decider_id == approver.user_id)
    mode = (select(WorkOrderLevel.mode).where(WorkOrderLevel.work_order_id == WorkOrder.id,
                                              WorkOrderLevel.level == WorkOrder.approvals + 1).scalar_subquery())
    any_stuck = ~exists().where(at_current, active, ~decided)
    all_stuck = exists().where(at_current, or_(~active, exists().where(
        decision.work_order_id == WorkOrder.id, decision.decider_id == approver.user_id,
        decision.level != approver.level)))
    return and_(WorkOrder.status == WorkOrderStatus.PENDING.value,
                or_(and_(mode == ApprovalMode.ALL.value, all_stuck), and_(mode != ApprovalMode.ALL.value, any_stuck)))


def awaiting_audience(session: Session, order: WorkOrder) -> set[int]:
    """Who has ``order`` in their inbox: ``_awaiting`` read from the order's side (the current
    level's approvers, active, not its maker, who have not decided it yet)."""
    if order.status != WorkOrderStatus.PENDING.value:
        return set()
    stmt = (select(WorkOrderLevelApprover.user_id).join(User, User.id == WorkOrderLevelApprover.user_id)
            .where(WorkOrderLevelApprover.work_order_id == order.id,
                   WorkOrderLevelApprover.level == order.approvals + 1, User.active.is_(True),
                   WorkOrderLevelApprover.user_id != order.maker_id,
                   ~exists().where(WorkOrderDecision.work_order_id == order.id,
                                   WorkOrderDecision.decider_id == WorkOrderLevelApprover.user_id)))
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
    if view == WorkOrderView.CC_ME:
        return [_copied(principal.user_id)]
    return []  # every order: the service lets only approval.view_all ask for them


def list_conditions(principal: Principal, q: WorkOrderFilter) -> list[ColumnElement[bool]]:
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
    if q.blocked is not None:
        conditions.append(blocked() if q.blocked else not_(blocked()))
    return conditions


# --- lists and counts --------------------------------------------------------------------------


def _blocked_column() -> ColumnElement[bool]:
    return case((blocked(), true()), else_=False).label("blocked")


def _with_maker(stmt: Select) -> Select:
    return stmt.join(User, User.id == WorkOrder.maker_id)


def list_rows(session: Session, conditions: list[ColumnElement[bool]], before_id: int | None,
              limit: int) -> list[Row]:
    """Newest first, keyset on id; named columns only (an upload's payload and snapshot hold
    thousands of rows a list never shows), with the maker's display name."""
    stmt = _with_maker(select(*_LIST_COLUMNS, User.display_name, _blocked_column())).where(*conditions)
    if before_id is not None:
        stmt = stmt.where(WorkOrder.id < before_id)
    return list(session.execute(stmt.order_by(WorkOrder.id.desc()).limit(limit)).all())


def count(session: Session, conditions: list[ColumnElement[bool]]) -> int:
    return session.scalar(_with_maker(select(func.count()).select_from(WorkOrder)).where(*conditions)) or 0


def count_capped(session: Session, conditions: list[ColumnElement[bool]], cap: int) -> int:
    """How many orders match, counted no further than ``cap + 1`` (an export's refusal needs no more)."""
    capped = _with_maker(select(WorkOrder.id)).where(*conditions).limit(cap + 1).subquery()
    return session.scalar(select(func.count()).select_from(capped)) or 0


def iter_rows(session: Session, conditions: list[ColumnElement[bool]], chunk: int) -> Iterator[Row]:
    """Every row of a list (list_rows' columns), newest first, read ``chunk`` rows at a time."""
    before_id: int | None = None
    while rows := list_rows(session, conditions, before_id, chunk):
        yield from rows
        before_id = rows[-1].id


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


def chain_version(session: Session, order: WorkOrder) -> int | None:
    """The version of the approval chain the order was submitted under."""
    if order.chain_id is None:
        return None
    return session.scalar(select(ApprovalChain.version).where(ApprovalChain.id == order.chain_id))


def is_blocked(session: Session, order_id: int) -> bool:
    return bool(session.scalar(select(_blocked_column()).where(WorkOrder.id == order_id)))


def levels(session: Session, order_id: int) -> list[tuple[int, str, frozenset[int]]]:
    """(level, mode, approver ids) of each level of the order, in order."""
    approvers: dict[int, set[int]] = {}
    for level, user_id in session.execute(select(WorkOrderLevelApprover.level, WorkOrderLevelApprover.user_id)
                                          .where(WorkOrderLevelApprover.work_order_id == order_id)):
        approvers.setdefault(level, set()).add(user_id)
    rows = session.execute(select(WorkOrderLevel.level, WorkOrderLevel.mode)
                           .where(WorkOrderLevel.work_order_id == order_id).order_by(WorkOrderLevel.level))
    return [(level, mode, frozenset(approvers.get(level, ()))) for level, mode in rows]


def level_approvers(session: Session, order_id: int) -> list[Row]:
    """(level, user_id, via, display_name, active) of every approver of the order, by level."""
    return list(session.execute(
        select(WorkOrderLevelApprover.level, WorkOrderLevelApprover.user_id, WorkOrderLevelApprover.via,
               User.display_name, User.active)
        .join(User, User.id == WorkOrderLevelApprover.user_id)
        .where(WorkOrderLevelApprover.work_order_id == order_id)
        .order_by(WorkOrderLevelApprover.level, User.display_name)))


def copied(session: Session, order_id: int) -> list[Row]:
    """(user_id, via, display_name, active) of everyone copied on the order."""
    return list(session.execute(
        select(WorkOrderCc.user_id, WorkOrderCc.via, User.display_name, User.active)
        .join(User, User.id == WorkOrderCc.user_id).where(WorkOrderCc.work_order_id == order_id)
        .order_by(User.display_name)))


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


def add_approvers(session: Session, order_id: int, levels: list[tuple[str, dict[int, str]]],
                  cc: dict[int, str]) -> None:
    """Each level's mode and approvers (user id → via), numbered from 1, and the people copied."""
    session.execute(insert(WorkOrderLevel), [{"work_order_id": order_id, "level": n, "mode": mode}
                                             for n, (mode, _) in enumerate(levels, start=1)])
    session.execute(insert(WorkOrderLevelApprover), [
        {"work_order_id": order_id, "level": n, "user_id": user_id, "via": via}
        for n, (_, approvers) in enumerate(levels, start=1) for user_id, via in approvers.items()])
    if cc:
        session.execute(insert(WorkOrderCc), [{"work_order_id": order_id, "user_id": user_id, "via": via}
                                              for user_id, via in cc.items()])


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
