"""Login, bearer tokens and permissions. Tokens are random and stored as HMAC-SHA256 hashes."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.auth.models import AuthToken, Role, RolePermission, ServerSecret, User, UserRole
from backend.auth.passwords import hash_password, needs_rehash, verify_password
from backend.db.types import utcnow
from backend.kit.errors import AppError
from backend.settings import Settings
from services.contract.errors import ErrorCode

TOKEN_SECRET_NAME = "token_hmac_key"
# Refresh ``last_used_at`` at most this often, so reads rarely write.
_TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class Principal:
    user_id: int
    username: str
    display_name: str
    roles: tuple[str, ...]
    permissions: frozenset[str]


def token_hash(session: Session, token: str) -> str:
    key = session.scalar(select(ServerSecret.value).where(ServerSecret.name == TOKEN_SECRET_NAME))
    if key is None:
        raise RuntimeError("token key missing: run the migrations")
    return hmac.new(key.encode(), token.encode(), hashlib.sha256).hexdigest()


def login(session: Session, settings: Settings, username: str, password: str) -> tuple[str, AuthToken]:
    user = session.scalar(select(User).where(User.username == username))
    if not verify_password(user.password_hash if user else None, password):
        audit.record(session, actor_id=user.id if user else None, action="auth.login_failed",
                     entity_type="user", entity_id=username)
        raise AppError(401, ErrorCode.INVALID_CREDENTIALS, "Wrong username or password.")
    assert user is not None
    if not user.active:
        raise AppError(403, ErrorCode.ACCOUNT_DISABLED, "This account is disabled.")
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    token = secrets.token_urlsafe(32)
    now = utcnow()
    row = AuthToken(user_id=user.id, token_hash=token_hash(session, token), created_at=now,
                    last_used_at=now, expires_at=now + timedelta(minutes=settings.token_ttl_minutes))
    session.add(row)
    audit.record(session, actor_id=user.id, action="auth.login", entity_type="user",
                 entity_id=str(user.id))
    return token, row


def authenticate(session: Session, settings: Settings, token: str) -> Principal:
    row = session.scalar(select(AuthToken).where(AuthToken.token_hash == token_hash(session, token)))
    if row is None:
        raise AppError(401, ErrorCode.NOT_AUTHENTICATED, "Not signed in.",
                       headers={"WWW-Authenticate": "Bearer"})
    now = utcnow()
    if row.revoked_at is not None:
        raise AppError(401, ErrorCode.TOKEN_REVOKED, "This session was signed out.",
                       headers={"WWW-Authenticate": "Bearer"})
    idle_limit = row.last_used_at + timedelta(minutes=settings.token_idle_minutes)
    if now >= row.expires_at or now >= idle_limit:
        raise AppError(401, ErrorCode.TOKEN_EXPIRED, "The session has expired; sign in again.",
                       headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        raise AppError(403, ErrorCode.ACCOUNT_DISABLED, "This account is disabled.")
    if now - row.last_used_at > _TOUCH_EVERY:
        session.execute(update(AuthToken).where(AuthToken.id == row.id).values(last_used_at=now))
        session.commit()
    roles, permissions = roles_and_permissions(session, user.id)
    return Principal(user.id, user.username, user.display_name, roles, permissions)


def roles_and_permissions(session: Session, user_id: int) -> tuple[tuple[str, ...], frozenset[str]]:
    roles = session.scalars(
        select(Role.code).join(UserRole, UserRole.role_id == Role.id)
        .where(UserRole.user_id == user_id).order_by(Role.code)
    ).all()
    perms = session.scalars(
        select(RolePermission.permission).join(UserRole, UserRole.role_id == RolePermission.role_id)
        .where(UserRole.user_id == user_id).distinct()
    ).all()
    return tuple(roles), frozenset(perms)


def revoke(session: Session, token: str, actor_id: int) -> None:
    session.execute(
        update(AuthToken).where(AuthToken.token_hash == token_hash(session, token),
                                AuthToken.revoked_at.is_(None)).values(revoked_at=utcnow())
    )
    audit.record(session, actor_id=actor_id, action="auth.logout", entity_type="user",
                 entity_id=str(actor_id))
