"""Every query of the work orders: the lists and their counts, who may read an order, by-id
reads and locks, the targets and locks an order holds, its levels' approvers and its decisions,
its transfers, and the delegations in force for a person.

Who may read what is a query condition here, so a list, a count and a by-id read agree; so is
whether a pending order is blocked, so the list's flag, its filter and the detail agree.
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    and_,
    case,
    delete,
    exists,
    false,
    func,
    insert,
    not_,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from backend.approval_chains.models import ApprovalChain
from backend.approval_delegations.models import ApprovalDelegation
from backend.auth.models import Role, RolePermission, User, UserRole
from backend.auth.service import Principal
from backend.kit.hk_time import hk_day_start
from backend.kit.keyset import Keyset, Seek, positive_int
from backend.work_orders.models import (
    ReturnedSeen,
    WorkOrder,
    WorkOrderCc,
    WorkOrderDecision,
    WorkOrderLevel,
    WorkOrderLevelApprover,
    WorkOrderLock,
    WorkOrderTarget,
    WorkOrderTransfer,
)
from services.contract.events import RETURNED_STATUSES
from services.contract.identity import ApprovalMode
from services.contract.permissions import Perm
from services.contract.queries import WorkOrderFilter, WorkOrderView
from services.contract.schemas import WorkOrderStatus

_LIST_COLUMNS = (WorkOrder.id, WorkOrder.flow, WorkOrder.status, WorkOrder.maker_id, WorkOrder.levels,
                 WorkOrder.approvals, WorkOrder.summary, WorkOrder.summary_key,
                 WorkOrder.summary_args, WorkOrder.submitted_at, WorkOrder.expires_at)

# --- who may read and decide what --------------------------------------------------------------


@dataclass(frozen=True)
class Delegated:
    """A delegation in force to someone: whose seats they may decide, and for which flows (None: all)."""

    from_id: int
    flows: tuple[str, ...] | None


def _delegated_seat(seat: ColumnElement[int] | InstrumentedAttribute[int], delegations: Sequence[Delegated]) -> ColumnElement[bool]:
    """``seat`` (an approver's user id) is one of the delegators, for the order's flow."""
    if not delegations:
        return false()
    return or_(*[and_(seat == d.from_id, *([WorkOrder.flow.in_(d.flows)] if d.flows is not None else []))
                 for d in delegations])


def _listed(user_id: int, *, current_level: bool = False,
            delegations: Sequence[Delegated] = ()) -> ColumnElement[bool]:
    """The order names ``user_id`` as an approver (of its current level only, if asked: then only
    seats still held, not transferred), or names someone whose delegation to them is in force."""
    seat = WorkOrderLevelApprover.user_id
    condition = exists().where(WorkOrderLevelApprover.work_order_id == WorkOrder.id,
                               or_(seat == user_id, _delegated_seat(seat, delegations)))
    if current_level:
        condition = condition.where(WorkOrderLevelApprover.level == WorkOrder.approvals + 1,
                                    WorkOrderLevelApprover.transferred_at.is_(None))
    return condition


def _copied(user_id: int) -> ColumnElement[bool]:
    return exists().where(WorkOrderCc.work_order_id == WorkOrder.id, WorkOrderCc.user_id == user_id)


def readable(principal: Principal, delegations: Sequence[Delegated] = ()) -> ColumnElement[bool]:
    """An order is visible to its maker, to anyone its levels name (a transferred seat too), to
    those copied on it, to a delegate of someone its levels name, and to whoever may see every order."""
    if Perm.APPROVAL_VIEW_ALL in principal.permissions:
        return true()
    return or_(WorkOrder.maker_id == principal.user_id, _listed(principal.user_id, delegations=delegations),
               _copied(principal.user_id))


def _decided_by(user_id: int | InstrumentedAttribute[int]) -> ColumnElement[bool]:
    return exists().where(WorkOrderDecision.work_order_id == WorkOrder.id, WorkOrderDecision.decider_id == user_id)


def _awaiting(me: int | InstrumentedAttribute[int], delegations: Sequence[Delegated]) -> list[ColumnElement[bool]]:
    """The inbox's rule, for user ``me`` with the delegations to them in force: pending, not mine, I
    decided none of its levels, and its current level holds a seat open to me: mine, or a
    delegator's, whose person decided no level of it (themselves or by a delegate)."""
    seat, decision = aliased(WorkOrderLevelApprover), aliased(WorkOrderDecision)
    # correlate_except: an EXISTS inside an EXISTS correlates to its immediate SELECT only; without it
    # the order would be a FROM of its own here, and any decision of the seat's person anywhere counted.
    seat_decided = exists().where(decision.work_order_id == WorkOrder.id,
                                  or_(decision.decider_id == seat.user_id, decision.on_behalf_of_id == seat.user_id)
                                  ).correlate_except(decision)
    # One seat, looked up order by order: as a scalar subquery PostgreSQL probes the open seats'
    # index for each pending order (newest first, stopping at a page) instead of hashing every seat
    # the person ever held, as it does with an EXISTS it turns into a join.
    open_seat = select(seat.user_id).where(
        seat.work_order_id == WorkOrder.id, seat.level == WorkOrder.approvals + 1, seat.transferred_at.is_(None),
        or_(seat.user_id == me, _delegated_seat(seat.user_id, delegations)), ~seat_decided).limit(1)
    return [WorkOrder.status == WorkOrderStatus.PENDING.value, WorkOrder.maker_id != me,
            open_seat.scalar_subquery().is_not(None), ~_decided_by(me)]


def blocked() -> ColumnElement[bool]:
    """Pending, and its current level can no longer complete: 或簽, no approver left who is active
    and has not decided the order; 會簽, an approver disabled or one who decided another level
    (one person decides one level of an order)."""
    approver, user, decision = aliased(WorkOrderLevelApprover), aliased(User), aliased(WorkOrderDecision)
    at_current = and_(approver.work_order_id == WorkOrder.id, approver.level == WorkOrder.approvals + 1,
                      approver.transferred_at.is_(None))
    active = exists().where(user.id == approver.user_id, user.active.is_(True)).correlate_except(user)
    # A seat is decided by its approver or by their delegate (on their behalf).
    by_seat = or_(decision.decider_id == approver.user_id, decision.on_behalf_of_id == approver.user_id)
    # Nested EXISTS: correlated to the order and the approver outside (see _awaiting).
    decided = exists().where(decision.work_order_id == WorkOrder.id, by_seat).correlate_except(decision)
    mode = (select(WorkOrderLevel.mode).where(WorkOrderLevel.work_order_id == WorkOrder.id,
                                              WorkOrderLevel.level == WorkOrder.approvals + 1).scalar_subquery())
    any_stuck = ~exists().where(at_current, active, ~decided)
    all_stuck = exists().where(at_current, or_(~active, exists().where(
        decision.work_order_id == WorkOrder.id, by_seat, decision.level != approver.level).correlate_except(decision)))
    return and_(WorkOrder.status == WorkOrderStatus.PENDING.value,
                or_(and_(mode == ApprovalMode.ALL.value, all_stuck), and_(mode != ApprovalMode.ALL.value, any_stuck)))


def awaiting_audience(session: Session, order: WorkOrder, now: datetime) -> set[int]:
    """Who has ``order`` in their inbox at ``now``: the inbox's own rule (``_awaiting``), asked of
    each active person it could name: the current level's seat holders and the delegates of any of
    them in force at ``now`` (whose delegation's flows, and all the rest, ``_awaiting`` judges)."""
    if order.status != WorkOrderStatus.PENDING.value:
        return set()
    holders = select(WorkOrderLevelApprover.user_id).where(
        WorkOrderLevelApprover.work_order_id == order.id, WorkOrderLevelApprover.level == order.approvals + 1,
        WorkOrderLevelApprover.transferred_at.is_(None))
    delegates = select(ApprovalDelegation.to_user_id).where(ApprovalDelegation.from_user_id.in_(holders),
                                                            *_in_force(now))
    candidates = sorted(session.scalars(select(User.id).where(
        User.active.is_(True), or_(User.id.in_(holders), User.id.in_(delegates)))))
    if not candidates:
        return set()
    delegations = delegations_in_force(session, candidates, now)
    # Those without a delegation in force, in one statement of one shape, whatever their number: the
    # rule with each candidate's id for "me" (built once and compiled once, where a CASE per person
    # cost some milliseconds each to build on every decision).
    plain = [user_id for user_id in candidates if user_id not in delegations]
    found = set(session.scalars(select(User.id).join(WorkOrder, WorkOrder.id == order.id)
                                .where(User.id.in_(plain), *_awaiting(User.id, ())))) if plain else set()
    delegates_now = [user_id for user_id in candidates if user_id in delegations]
    if delegates_now:
        # One row: for each delegate, whether the order is in their inbox (a CASE, as _blocked_column).
        flags = [case((and_(*_awaiting(user_id, delegations[user_id])), true()), else_=False)
                 for user_id in delegates_now]
        awaits = session.execute(select(*flags).where(WorkOrder.id == order.id)).one()
        found.update(user_id for user_id, flag in zip(delegates_now, awaits, strict=True) if flag)
    return found


def users_with_role(session: Session, role: str) -> set[int]:
    """The active users holding ``role`` (the administrators, told of approval chain changes)."""
    return set(session.scalars(select(User.id).join(UserRole, UserRole.user_id == User.id)
                               .join(Role, Role.id == UserRole.role_id)
                               .where(Role.code == role, User.active.is_(True))))


def _view(principal: Principal, view: WorkOrderView, delegations: Sequence[Delegated]) -> list[ColumnElement[bool]]:
    if view == WorkOrderView.AWAITING_ME:
        return _awaiting(principal.user_id, delegations)
    if view == WorkOrderView.MINE:
        return [WorkOrder.maker_id == principal.user_id]
    if view == WorkOrderView.DECIDED:
        return [_decided_by(principal.user_id)]
    if view == WorkOrderView.CC_ME:
        return [_copied(principal.user_id)]
    return []  # every order: the service lets only approval.view_all ask for them


def list_conditions(principal: Principal, q: WorkOrderFilter,
                    delegations: Sequence[Delegated] = ()) -> list[ColumnElement[bool]]:
    """The orders of a list: its view as ``principal`` sees it, then the query's filters."""
    conditions = _view(principal, q.view, delegations)
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


LIST_KEYSET = Keyset([WorkOrder.id], [positive_int], descending=True)


def list_rows(session: Session, conditions: list[ColumnElement[bool]], seek: Seek, limit: int) -> list[Row]:
    """Newest first, keyset on id (backward: the nearest first); named columns only (an upload's
    payload and snapshot hold thousands of rows a list never shows), with the maker's display name."""
    stmt = (_with_maker(select(*_LIST_COLUMNS, User.display_name, _blocked_column()))
            .where(*conditions, *LIST_KEYSET.where(seek)))
    return list(session.execute(stmt.order_by(*LIST_KEYSET.order_by(seek)).limit(limit)).all())


def count_capped(session: Session, conditions: list[ColumnElement[bool]], cap: int) -> int:
    """How many orders match, counted no further than ``cap + 1`` (a list's first page and an
    export's refusal need no more)."""
    capped = _with_maker(select(WorkOrder.id)).where(*conditions).limit(cap + 1).subquery()
    return session.scalar(select(func.count()).select_from(capped)) or 0


def iter_rows(session: Session, conditions: list[ColumnElement[bool]], chunk: int) -> Iterator[Row]:
    """Every row of a list (list_rows' columns), newest first, read ``chunk`` rows at a time."""
    seek = Seek()
    while rows := list_rows(session, conditions, seek, chunk):
        yield from rows
        seek = Seek((rows[-1].id,))


def awaiting_count(session: Session, principal: Principal, delegations: Sequence[Delegated], cap: int) -> int:
    """How many orders await ``principal``, counted no further than ``cap + 1``."""
    capped = select(WorkOrder.id).where(*_awaiting(principal.user_id, delegations)).limit(cap + 1).subquery()
    return session.scalar(select(func.count()).select_from(capped)) or 0


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


def get_readable(session: Session, principal: Principal, order_id: int,
                 delegations: Sequence[Delegated] = ()) -> WorkOrder | None:
    """The order if ``principal`` may read it; None whether it is missing or hidden."""
    return session.scalar(select(WorkOrder).where(WorkOrder.id == order_id, readable(principal, delegations)))


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
    """(level, mode, approver ids) of each level of the order, in order; seats held now (a
    transferred seat counts for whoever received it)."""
    approvers: dict[int, set[int]] = {}
    for level, user_id in session.execute(select(WorkOrderLevelApprover.level, WorkOrderLevelApprover.user_id)
                                          .where(WorkOrderLevelApprover.work_order_id == order_id,
                                                 WorkOrderLevelApprover.transferred_at.is_(None))):
        approvers.setdefault(level, set()).add(user_id)
    rows = session.execute(select(WorkOrderLevel.level, WorkOrderLevel.mode)
                           .where(WorkOrderLevel.work_order_id == order_id).order_by(WorkOrderLevel.level))
    return [(level, mode, frozenset(approvers.get(level, ()))) for level, mode in rows]


def level_approvers(session: Session, order_id: int) -> list[Row]:
    """(level, user_id, via, display_name, active) of every approver of the order holding a seat
    now, by level (transferred seats are on the transfers' trail)."""
    return list(session.execute(
        select(WorkOrderLevelApprover.level, WorkOrderLevelApprover.user_id, WorkOrderLevelApprover.via,
               User.display_name, User.active)
        .join(User, User.id == WorkOrderLevelApprover.user_id)
        .where(WorkOrderLevelApprover.work_order_id == order_id, WorkOrderLevelApprover.transferred_at.is_(None))
        .order_by(WorkOrderLevelApprover.level, User.display_name)))


def ever_on_level(session: Session, order_id: int, level: int) -> set[int]:
    """Everyone the level ever named: its seats now and those transferred away."""
    return set(session.scalars(select(WorkOrderLevelApprover.user_id).where(
        WorkOrderLevelApprover.work_order_id == order_id, WorkOrderLevelApprover.level == level)))


def copied(session: Session, order_id: int) -> list[Row]:
    """(user_id, via, display_name, active, added_at, added_by_id) of everyone copied on the order."""
    return list(session.execute(
        select(WorkOrderCc.user_id, WorkOrderCc.via, User.display_name, User.active, WorkOrderCc.added_at,
               WorkOrderCc.added_by_id)
        .join(User, User.id == WorkOrderCc.user_id).where(WorkOrderCc.work_order_id == order_id)
        .order_by(User.display_name)))


def transfers(session: Session, order_id: int) -> list[WorkOrderTransfer]:
    return list(session.scalars(select(WorkOrderTransfer).where(WorkOrderTransfer.work_order_id == order_id)
                                .order_by(WorkOrderTransfer.id)))


# --- people ------------------------------------------------------------------------------------


def _may_approve() -> ColumnElement[bool]:
    """The user holds the approvals inbox (approval.inbox) through one of their roles."""
    return exists().where(UserRole.user_id == User.id, RolePermission.role_id == UserRole.role_id,
                          RolePermission.permission == Perm.APPROVAL_INBOX.value)


def person(session: Session, username: str) -> Row | None:
    """(id, username, display_name, active, may_approve) of a user, by username."""
    return session.execute(select(User.id, User.username, User.display_name, User.active,
                                  _may_approve().label("may_approve"))
                           .where(User.username == username)).first()


def people(session: Session, usernames: Sequence[str]) -> dict[str, Row]:
    """username → (id, username, display_name, active) of those that exist."""
    return {r.username: r for r in session.execute(
        select(User.id, User.username, User.display_name, User.active).where(User.username.in_(set(usernames))))}


def transfer_candidates(session: Session, order_id: int, level: int, maker_id: int, text_filter: str,
                        limit: int) -> list[Row]:
    """(id, username, display_name) of the people who may take a seat on ``level`` of the order:
    active, holding the approvals inbox, not its maker, never on the level, and who decided none of
    its levels (themselves or by a delegate); matching ``text_filter`` in name or username."""
    on_level = exists().where(WorkOrderLevelApprover.work_order_id == order_id, WorkOrderLevelApprover.level == level,
                              WorkOrderLevelApprover.user_id == User.id)
    decided = exists().where(WorkOrderDecision.work_order_id == order_id,
                             or_(WorkOrderDecision.decider_id == User.id, WorkOrderDecision.on_behalf_of_id == User.id))
    stmt = select(User.id, User.username, User.display_name).where(
        User.active.is_(True), User.id != maker_id, _may_approve(), ~on_level, ~decided)
    if text_filter:
        escaped = text_filter.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        stmt = stmt.where(or_(func.lower(User.username).like(pattern, escape="\\"),
                              func.lower(User.display_name).like(pattern, escape="\\")))
    return list(session.execute(stmt.order_by(User.display_name, User.id).limit(limit)))


def _in_force(now: datetime) -> list[ColumnElement[bool]]:
    """A delegation is in force at ``now``: started, not ended, not revoked."""
    return [ApprovalDelegation.starts_at <= now, ApprovalDelegation.ends_at > now,
            ApprovalDelegation.revoked_at.is_(None)]


def delegations_in_force(session: Session, to_user_ids: Iterable[int], now: datetime) -> dict[int, list[Delegated]]:
    """Delegate → the delegations to them in force at ``now`` whose delegator is still active, for
    each of ``to_user_ids`` that has any."""
    rows = session.execute(select(ApprovalDelegation.to_user_id, ApprovalDelegation.from_user_id,
                                  ApprovalDelegation.flows)
                           .join(User, User.id == ApprovalDelegation.from_user_id)
                           .where(ApprovalDelegation.to_user_id.in_(set(to_user_ids)), *_in_force(now),
                                  User.active.is_(True))
                           .order_by(ApprovalDelegation.id))
    found: dict[int, list[Delegated]] = {}
    for to_id, from_id, flows in rows:
        found.setdefault(to_id, []).append(Delegated(from_id, tuple(flows) if flows is not None else None))
    return found


def active_delegations(session: Session, to_user_id: int, now: datetime) -> list[Delegated]:
    """The delegations to ``to_user_id`` in force at ``now`` whose delegator is still active."""
    return delegations_in_force(session, (to_user_id,), now).get(to_user_id, [])


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


def move_seat(session: Session, order_id: int, level: int, from_id: int, to_id: int, from_username: str,
              note: str, at: datetime) -> None:
    """轉交: marks ``from_id``'s seat on ``level`` transferred, seats ``to_id`` in it, and keeps the
    transfer on the order's trail."""
    session.execute(update(WorkOrderLevelApprover).where(
        WorkOrderLevelApprover.work_order_id == order_id, WorkOrderLevelApprover.level == level,
        WorkOrderLevelApprover.user_id == from_id).values(transferred_at=at))
    session.execute(insert(WorkOrderLevelApprover), [{"work_order_id": order_id, "level": level, "user_id": to_id,
                                                      "via": f"transfer:{from_username}"}])
    session.add(WorkOrderTransfer(work_order_id=order_id, level=level, from_user_id=from_id, to_user_id=to_id,
                                  note=note, transferred_at=at))


def copied_ids(session: Session, order_id: int) -> set[int]:
    return set(session.scalars(select(WorkOrderCc.user_id).where(WorkOrderCc.work_order_id == order_id)))


def add_cc(session: Session, order_id: int, user_ids: Iterable[int], added_by: tuple[int, str], at: datetime) -> None:
    rows = [{"work_order_id": order_id, "user_id": u, "via": f"added:{added_by[1]}", "added_by_id": added_by[0],
             "added_at": at} for u in user_ids]
    if rows:
        session.execute(insert(WorkOrderCc), rows)
