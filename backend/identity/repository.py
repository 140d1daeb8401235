"""Every query of identity administration: users with their roles, roles with their permissions
and holders, the active administrators (locked, so two administrators cannot disable each other
at once). Nothing here commits: the route does."""

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from backend.auth.models import Role, RolePermission, User, UserRole
from backend.work_orders.models import WorkOrderLock
from services.contract.identity import ADMIN_ROLE

# --- users -------------------------------------------------------------------------------------


def users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def user_by_username(session: Session, username: str, *, for_update: bool = False) -> User | None:
    stmt = select(User).where(User.username == username)
    return session.scalar(stmt.with_for_update() if for_update else stmt)


def usernames(session: Session) -> set[str]:
    return set(session.scalars(select(User.username)))


def add_user(session: Session, user: User) -> None:
    session.add(user)
    session.flush()  # its id and defaults, for the answer and the audit


def role_codes_by_user(session: Session, user_ids: Iterable[int] | None = None) -> dict[int, list[str]]:
    """User id → its role codes, sorted (every user's, or those of ``user_ids``)."""
    stmt = select(UserRole.user_id, Role.code).join(Role, Role.id == UserRole.role_id).order_by(Role.code)
    if user_ids is not None:
        stmt = stmt.where(UserRole.user_id.in_(list(user_ids)))
    out: dict[int, list[str]] = defaultdict(list)
    for user_id, code in session.execute(stmt):
        out[user_id].append(code)
    return out


def set_user_roles(session: Session, user_id: int, role_ids: Iterable[int]) -> None:
    session.execute(delete(UserRole).where(UserRole.user_id == user_id))
    session.add_all(UserRole(user_id=user_id, role_id=role_id) for role_id in role_ids)
    session.flush()


def active_administrators(session: Session) -> list[int]:
    """Ids of the active users holding the administrator role, their rows locked until commit
    (on SQLite the write session already holds the database's one write lock)."""
    return list(session.scalars(
        select(User.id).join(UserRole, UserRole.user_id == User.id).join(Role, Role.id == UserRole.role_id)
        .where(Role.code == ADMIN_ROLE, User.active.is_(True)).order_by(User.id).with_for_update(of=User)))


def holder_ids(session: Session, role_id: int) -> set[int]:
    return set(session.scalars(select(UserRole.user_id).where(UserRole.role_id == role_id)))


# --- roles -------------------------------------------------------------------------------------


def roles(session: Session) -> list[Role]:
    return list(session.scalars(select(Role).order_by(Role.id)))


def role_by_code(session: Session, code: str, *, for_update: bool = False) -> Role | None:
    stmt = select(Role).where(Role.code == code)
    return session.scalar(stmt.with_for_update() if for_update else stmt)


def roles_by_codes(session: Session, codes: Iterable[str]) -> dict[str, Role]:
    return {role.code: role for role in session.scalars(select(Role).where(Role.code.in_(list(codes))))}


def add_role(session: Session, role: Role) -> None:
    session.add(role)
    session.flush()  # its id, for its grants


def permissions_by_role(session: Session) -> dict[int, set[str]]:
    out: dict[int, set[str]] = defaultdict(set)
    for role_id, permission in session.execute(select(RolePermission.role_id, RolePermission.permission)):
        out[role_id].add(permission)
    return out


def permissions_of(session: Session, role_id: int) -> set[str]:
    return set(session.scalars(select(RolePermission.permission).where(RolePermission.role_id == role_id)))


def set_permissions(session: Session, role_id: int, permissions: Iterable[str]) -> None:
    wanted = set(permissions)
    granted = permissions_of(session, role_id)
    if granted - wanted:
        session.execute(delete(RolePermission).where(RolePermission.role_id == role_id,
                                                     RolePermission.permission.in_(granted - wanted)))
    session.add_all(RolePermission(role_id=role_id, permission=p) for p in sorted(wanted - granted))
    session.flush()


def user_counts(session: Session) -> dict[int, int]:
    """Role id → how many users hold it."""
    return {role_id: count for role_id, count in session.execute(
        select(UserRole.role_id, func.count()).group_by(UserRole.role_id))}


# --- work orders awaiting a decision -----------------------------------------------------------


def pending_orders(session: Session, prefix: str) -> dict[str, int]:
    """Target key → the pending work order holding it, for keys starting ``prefix`` ("user:")."""
    return {key: order_id for key, order_id in session.execute(
        select(WorkOrderLock.target_key, WorkOrderLock.work_order_id)
        .where(WorkOrderLock.target_key.like(f"{prefix}%")))}
