"""Every query of the approval chains: their versions, and the people a chain's roles and
usernames name (active accounts only; a disabled account decides nothing)."""

from collections import defaultdict
from collections.abc import Collection

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from backend.approval_chains.models import ApprovalChain
from backend.auth.models import Role, User, UserRole
from backend.work_orders.models import WorkOrder, WorkOrderDecision, WorkOrderLock

# --- chains ------------------------------------------------------------------------------------


def _of(flow: str | None):
    return ApprovalChain.flow.is_(None) if flow is None else ApprovalChain.flow == flow


def current(session: Session, flow: str | None) -> ApprovalChain | None:
    """The highest version of ``flow``'s chain (``flow`` None: the default chain's), if any."""
    return session.scalar(select(ApprovalChain).where(_of(flow)).order_by(ApprovalChain.version.desc()).limit(1))


def current_all(session: Session) -> dict[str | None, ApprovalChain]:
    """The highest version of every chain ever configured, by flow (None: the default chain).
    One row per change of a chain: a small table, read whole."""
    latest: dict[str | None, ApprovalChain] = {}
    for row in session.scalars(select(ApprovalChain).order_by(ApprovalChain.version)):
        latest[row.flow] = row
    return latest


def versions(session: Session, flow: str | None) -> list[ApprovalChain]:
    """Every version of a chain, newest first."""
    return list(session.scalars(select(ApprovalChain).where(_of(flow)).order_by(ApprovalChain.version.desc())))


def flows_ever_chained(session: Session) -> set[str]:
    return {flow for flow in session.scalars(select(ApprovalChain.flow).distinct()) if flow is not None}


def add_versions(session: Session, rows: list[dict]) -> None:
    if rows:
        session.execute(insert(ApprovalChain), rows)


def add_version(session: Session, row: ApprovalChain) -> None:
    session.add(row)
    session.flush()  # gives the version its id


def pending_changes(session: Session, target_keys: Collection[str]) -> dict[str, int]:
    """Target key → the pending work order holding it, for the keys held."""
    return dict(session.execute(select(WorkOrderLock.target_key, WorkOrderLock.work_order_id)
                                .where(WorkOrderLock.target_key.in_(list(target_keys)))).all())


def order_people(session: Session, order_ids: Collection[int]) -> dict[int, tuple[str, list[str]]]:
    """Order id → (its maker's display name, its approvers' display names by level), for the
    orders among ``order_ids``."""
    makers = dict(session.execute(select(WorkOrder.id, User.display_name).join(User, User.id == WorkOrder.maker_id)
                                  .where(WorkOrder.id.in_(list(order_ids)))).all())
    approved: dict[int, list[str]] = defaultdict(list)
    rows = session.execute(select(WorkOrderDecision.work_order_id, User.display_name)
                           .join(User, User.id == WorkOrderDecision.decider_id)
                           .where(WorkOrderDecision.work_order_id.in_(list(order_ids)),
                                  WorkOrderDecision.decision == "approve")
                           .order_by(WorkOrderDecision.level, WorkOrderDecision.id))
    for order_id, name in rows:
        approved[order_id].append(name)
    return {order_id: (maker, approved.get(order_id, [])) for order_id, maker in makers.items()}


# --- the people a chain names ------------------------------------------------------------------


def role_members(session: Session, codes: Collection[str]) -> dict[str, set[int]]:
    """Role code → the active users holding it, for the codes among ``codes``."""
    members: dict[str, set[int]] = defaultdict(set)
    rows = session.execute(select(Role.code, UserRole.user_id).join(UserRole, UserRole.role_id == Role.id)
                           .join(User, User.id == UserRole.user_id)
                           .where(Role.code.in_(list(codes)), User.active.is_(True)))
    for code, user_id in rows:
        members[code].add(user_id)
    return members


def active_user_ids(session: Session, usernames: Collection[str]) -> dict[str, int]:
    """Username → id of the active users among ``usernames``."""
    return dict(session.execute(select(User.username, User.id).where(
        User.username.in_(list(usernames)), User.active.is_(True))).all())


def existing_role_codes(session: Session, codes: Collection[str]) -> set[str]:
    return set(session.scalars(select(Role.code).where(Role.code.in_(list(codes)))))


def existing_usernames(session: Session, usernames: Collection[str]) -> set[str]:
    return set(session.scalars(select(User.username).where(User.username.in_(list(usernames)))))


def active_people(session: Session) -> list[tuple[str, str, list[str]]]:
    """(username, display name, role codes) of every active user, by username."""
    roles: dict[int, list[str]] = defaultdict(list)
    for user_id, code in session.execute(select(UserRole.user_id, Role.code).join(Role, Role.id == UserRole.role_id)
                                         .order_by(Role.code)):
        roles[user_id].append(code)
    users = session.execute(select(User.id, User.username, User.display_name).where(User.active.is_(True))
                            .order_by(User.username))
    return [(username, display_name, roles.get(user_id, [])) for user_id, username, display_name in users]


def all_roles(session: Session) -> list[Role]:
    return list(session.scalars(select(Role).order_by(Role.id)))
