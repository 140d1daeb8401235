"""Every query of sign-in: the token key, tokens and their last use, the login throttle, users,
roles and the permissions they grant. Nothing here commits: the route or the dependency does."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from backend.auth.models import (
    AuthToken,
    LoginThrottle,
    Role,
    RolePermission,
    ServerSecret,
    User,
    UserRole,
)

TOKEN_SECRET_NAME = "token_hmac_key"

# --- tokens ------------------------------------------------------------------------------------


def token_key(session: Session) -> str | None:
    return session.scalar(select(ServerSecret.value).where(ServerSecret.name == TOKEN_SECRET_NAME))


def token_by_hash(session: Session, token_hash: str) -> AuthToken | None:
    return session.scalar(select(AuthToken).where(AuthToken.token_hash == token_hash))


def add_token(session: Session, user_id: int, token_hash: str, now: datetime, expires_at: datetime) -> AuthToken:
    row = AuthToken(user_id=user_id, token_hash=token_hash, created_at=now, last_used_at=now,
                    expires_at=expires_at)
    session.add(row)
    return row


def touch_token(session: Session, token_id: int, now: datetime, unless_used_since: datetime) -> None:
    """The condition in the UPDATE itself: a request at the same moment that already moved it wins."""
    session.execute(update(AuthToken).where(AuthToken.id == token_id, AuthToken.last_used_at < unless_used_since)
                    .values(last_used_at=now))


def revoke_token(session: Session, token_hash: str, now: datetime) -> None:
    session.execute(update(AuthToken).where(AuthToken.token_hash == token_hash, AuthToken.revoked_at.is_(None))
                    .values(revoked_at=now))


def revoke_user_tokens(session: Session, user_id: int, now: datetime) -> int:
    """Returns how many were still live."""
    result = session.execute(update(AuthToken).where(AuthToken.user_id == user_id, AuthToken.revoked_at.is_(None))
                             .values(revoked_at=now))
    return cast("CursorResult[Any]", result).rowcount  # an UPDATE's result is a cursor's, with rowcount


# --- the login throttle ------------------------------------------------------------------------


def locked_until(session: Session, username: str) -> datetime | None:
    return session.scalar(select(LoginThrottle.locked_until).where(LoginThrottle.username == username))


def clear_throttle(session: Session, username: str) -> None:
    session.execute(delete(LoginThrottle).where(LoginThrottle.username == username))


def throttle_locked(session: Session, username: str, now: datetime) -> LoginThrottle:
    """The username's row, created if missing, under a row lock so that workers count together."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    session.execute(insert(LoginThrottle)
                    .values(username=username, failures=0, window_started_at=now)
                    .on_conflict_do_nothing(index_elements=["username"]))
    return session.scalars(select(LoginThrottle).where(LoginThrottle.username == username)
                           .with_for_update().execution_options(populate_existing=True)).one()


def flush(session: Session) -> None:
    """Writes the changed rows now, inside the transaction (the throttle's count under its lock)."""
    session.flush()


# --- users -------------------------------------------------------------------------------------


def user(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def existing_user(session: Session, user_id: int) -> User:
    return session.get_one(User, user_id)


def user_by_username(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username))


def usernames(session: Session) -> set[str]:
    return set(session.scalars(select(User.username)))


def add_user(session: Session, username: str, display_name: str, password_hash: str) -> User:
    user = User(username=username, display_name=display_name, password_hash=password_hash)
    session.add(user)
    session.flush()  # gives the user its id, for its roles
    return user


def add_user_roles(session: Session, user_id: int, role_ids: Iterable[int]) -> None:
    session.add_all(UserRole(user_id=user_id, role_id=role_id) for role_id in role_ids)


def role_codes(session: Session, user_id: int) -> tuple[str, ...]:
    return tuple(session.scalars(
        select(Role.code).join(UserRole, UserRole.role_id == Role.id)
        .where(UserRole.user_id == user_id).order_by(Role.code)
    ).all())


def permissions(session: Session, user_id: int) -> frozenset[str]:
    return frozenset(session.scalars(
        select(RolePermission.permission).join(UserRole, UserRole.role_id == RolePermission.role_id)
        .where(UserRole.user_id == user_id).distinct()
    ).all())


# --- roles -------------------------------------------------------------------------------------


def roles_by_code(session: Session, codes: Iterable[str] | None = None) -> dict[str, Role]:
    """Every role, or those among ``codes``."""
    stmt = select(Role) if codes is None else select(Role).where(Role.code.in_(codes))
    return {role.code: role for role in session.scalars(stmt)}


def add_role(session: Session, code: str, name_en: str, name_zh: str) -> Role:
    role = Role(code=code, name_en=name_en, name_zh=name_zh)
    session.add(role)
    session.flush()  # gives the role its id, for its grants
    return role


def granted(session: Session, role_id: int) -> set[str]:
    return set(session.scalars(select(RolePermission.permission).where(RolePermission.role_id == role_id)))


def withdraw(session: Session, role_id: int, permissions: set[str]) -> None:
    session.execute(delete(RolePermission).where(
        RolePermission.role_id == role_id, RolePermission.permission.in_(permissions)))


def grant(session: Session, role_id: int, permissions: Iterable[str]) -> None:
    session.add_all(RolePermission(role_id=role_id, permission=p) for p in permissions)
