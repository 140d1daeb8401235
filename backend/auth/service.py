"""Login, bearer tokens and permissions: the rules (queries in repository.py; the caller commits).
Tokens are random and stored as HMAC-SHA256 hashes."""

import base64
import hashlib
import hmac
import math
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.auth import grant_key, repository
from backend.auth.demo_guard import DEMO_PASSWORDS, demo_passwords_refused
from backend.auth.models import AuthToken, User
from backend.auth.passwords import hash_password, needs_rehash, verify_password
from backend.kit.clock import utcnow
from backend.kit.errors import AppError
from backend.settings import Settings
from services.contract.errors import ErrorCode
from services.contract.offline_grant import (
    OfflineGrantClaims,
    OfflineGrantOut,
    OfflineGrantRequest,
    canonical,
    key_id,
)
from services.contract.schemas import RoleName

# Record a token's last use at most this often, so reads rarely write; the idle timeout (an hour by
# default) counts from a last use at most this much older than the true one.
_TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class Principal:
    user_id: int
    username: str
    display_name: str
    roles: tuple[str, ...]
    permissions: frozenset[str]
    # Signed in with a one-time password: only the password change (and signing out) accept it.
    must_change_password: bool = False


def token_hash(session: Session, token: str) -> str:
    key = repository.token_key(session)
    if key is None:
        raise RuntimeError("token key missing: run the migrations")
    return hmac.new(key.encode(), token.encode(), hashlib.sha256).hexdigest()


def login(session: Session, settings: Settings, username: str, password: str) -> tuple[str, AuthToken]:
    """Checks the throttle first: a locked username is refused (429) without looking at the password."""
    now = utcnow()
    locked_until = repository.locked_until(session, username)
    if locked_until is not None and locked_until > now:
        raise _too_many_attempts(locked_until, now)
    user = repository.user_by_username(session, username)
    # Unknown users cost the same argon2 verification (a dummy hash) as known ones.
    valid = verify_password(user.password_hash if user else None, password)
    demo_refused = password in DEMO_PASSWORDS and demo_passwords_refused(settings)
    if not valid or demo_refused:
        audit.record(session, actor_id=user.id if user else None, action="auth.login_failed",
                     entity_type="user", entity_id=username,
                     after={"reason": "demo_password_refused"} if demo_refused and valid else None)
        _count_failure(session, settings, username, user)
        raise AppError(401, ErrorCode.INVALID_CREDENTIALS, "Wrong username or password.")
    assert user is not None
    repository.clear_throttle(session, username)
    if not user.active:
        raise AppError(403, ErrorCode.ACCOUNT_DISABLED, "This account is disabled.")
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_sign_in_at = now
    token = secrets.token_urlsafe(32)
    row = repository.add_token(session, user.id, token_hash(session, token), now,
                               expires_at=now + timedelta(minutes=settings.token_ttl_minutes))
    audit.record(session, actor_id=user.id, action="auth.login", entity_type="user",
                 entity_id=str(user.id))
    return token, row


def role_names(session: Session, codes: tuple[str, ...]) -> list[RoleName]:
    """The names of ``codes`` in both languages, in their order."""
    roles = repository.roles_by_code(session, codes)
    return [RoleName(code=c, name_en=roles[c].name_en, name_zh=roles[c].name_zh) for c in codes if c in roles]


def must_change_password(session: Session, user_id: int) -> bool:
    """True while the user's password is a one-time password an administrator gave."""
    return repository.existing_user(session, user_id).must_change_password


def _too_many_attempts(locked_until, now) -> AppError:
    seconds = max(1, math.ceil((locked_until - now).total_seconds()))
    return AppError(429, ErrorCode.TOO_MANY_ATTEMPTS,
                    "Too many failed sign-ins; try again later.",
                    detail=f"Sign-in for this username is paused for {seconds} seconds.",
                    headers={"Retry-After": str(seconds)})


def _count_failure(session: Session, settings: Settings, username: str, user: User | None) -> None:
    """One more failure for ``username``, under a row lock so that workers count together."""
    now = utcnow()
    row = repository.throttle_locked(session, username, now)
    window = timedelta(minutes=settings.login_failure_window_minutes)
    if row.locked_until is not None or row.window_started_at + window <= now:
        # A lock that ran out, or a window that ended: counting starts again.
        row.failures, row.window_started_at, row.locked_until = 0, now, None
    row.failures += 1
    if row.failures >= settings.login_max_failures:
        row.locked_until = now + timedelta(minutes=settings.login_lockout_minutes)
        audit.record(session, actor_id=user.id if user else None, action="auth.locked_out",
                     entity_type="user", entity_id=username,
                     after={"failures": row.failures, "locked_until": row.locked_until.isoformat()})
    repository.flush(session)


def authenticate(session: Session, settings: Settings, token: str) -> tuple[Principal, int | None]:
    """Who holds ``token``, and the token's id when its last use is due to be recorded
    (``record_use``, in a write of its own: this only reads)."""
    row = repository.token_by_hash(session, token_hash(session, token))
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
    user = repository.user(session, row.user_id)
    if user is None or not user.active:
        raise AppError(403, ErrorCode.ACCOUNT_DISABLED, "This account is disabled.")
    principal = Principal(user.id, user.username, user.display_name,
                          repository.role_codes(session, user.id), repository.permissions(session, user.id),
                          must_change_password=user.must_change_password)
    return principal, row.id if now - row.last_used_at > _TOUCH_EVERY else None


def record_use(session: Session, token_id: int) -> None:
    """Moves the token's idle clock to now, unless a request at the same moment just did."""
    now = utcnow()
    repository.touch_token(session, token_id, now, unless_used_since=now - _TOUCH_EVERY)


def revoke(session: Session, token: str, actor_id: int) -> None:
    repository.revoke_token(session, token_hash(session, token), utcnow())
    audit.record(session, actor_id=actor_id, action="auth.logout", entity_type="user",
                 entity_id=str(actor_id))


def change_password(session: Session, settings: Settings, user_id: int, current: str, new: str) -> int:
    """Sets a new password and revokes every token of the user; returns how many were revoked.
    A wrong current password counts as a failed login (the same lockout guards both doors)."""
    user = repository.existing_user(session, user_id)
    now = utcnow()
    locked_until = repository.locked_until(session, user.username)
    if locked_until is not None and locked_until > now:
        raise _too_many_attempts(locked_until, now)
    if not verify_password(user.password_hash, current):
        audit.record(session, actor_id=user.id, action="auth.password_change_failed", entity_type="user",
                     entity_id=str(user.id))
        _count_failure(session, settings, user.username, user)
        raise AppError(401, ErrorCode.INVALID_CREDENTIALS, "The current password is wrong.")
    if new == current or new in DEMO_PASSWORDS:
        raise AppError(422, ErrorCode.VALIDATION_ERROR, "Choose another password.",
                       "The new password may not be the current one or a documented demo password.")
    user.password_hash = hash_password(new)
    user.must_change_password = False  # a one-time password is replaced by the user's own
    revoked = repository.revoke_user_tokens(session, user.id, now)
    audit.record(session, actor_id=user.id, action="auth.password_changed", entity_type="user",
                 entity_id=str(user.id), after={"sessions_ended": revoked})
    return revoked


def offline_grant(session: Session, settings: Settings, principal: Principal,
                  body: OfflineGrantRequest) -> OfflineGrantOut:
    """Signs the caller's offline grant for one workstation: who they are (from their token, never
    the body), the workstation, the client's password verifier, this clock's now and the expiry."""
    key = grant_key.signing_key(settings)
    public = grant_key.public_bytes(key)
    now = utcnow()
    claims = OfflineGrantClaims(
        user_id=principal.user_id, username=principal.username, display_name=principal.display_name,
        roles=list(principal.roles), workstation_id=body.workstation_id, verifier=body.verifier,
        salt=body.salt, kdf=body.kdf, issued_at=int(now.timestamp()),
        expires_at=int((now + timedelta(days=settings.offline_grant_days)).timestamp()), key_id=key_id(public))
    audit.record(session, actor_id=principal.user_id, action="auth.offline_granted", entity_type="user",
                 entity_id=str(principal.user_id),
                 after={"workstation_id": body.workstation_id, "expires_at": claims.expires_at})
    return OfflineGrantOut(claims=claims, signature=base64.b64encode(key.sign(canonical(claims))).decode(),
                           public_key=base64.b64encode(public).decode())
