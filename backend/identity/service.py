"""Identity › Users and Roles: the direct actions on users and what both pages read.

Creating a user, disabling, enabling and resetting a password are direct actions of an
administrator (``admin.users``), each audited; a user's roles and a role's permissions change only
by a work order (backend/identity/flows.py). A created or reset user gets a one-time password,
answered once and stored only as its hash; until they change it, every route but the password
change refuses their token. Disabling ends the user's sessions at once. Nobody disables or resets
their own account here (Change Password is theirs), and the last active administrator is never
disabled nor loses the role: someone must be left to administer. Queries are in the repository;
the route commits.
"""

import secrets
from collections.abc import Iterable

from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.auth import repository as auth_repo
from backend.auth.models import Role, User
from backend.auth.passwords import hash_password
from backend.auth.service import Principal
from backend.identity import repository as repo
from backend.kit.clock import utcnow
from backend.kit.errors import AppError
from services.contract.errors import ErrorCode
from services.contract.identity import (
    ADMIN_ROLE,
    IdentityUserOut,
    OneTimePasswordOut,
    PermissionAreaOut,
    RoleOut,
    UserCreateIn,
    role_target,
    user_target,
)
from services.contract.permission_areas import all_permission_codes, grouped
from services.rules.identity import check_display_name, check_username
from services.rules.violations import Violation

# A one-time password: 16 characters none of which reads like another (no 0/O, 1/l/I), in four
# groups that are easy to read out over the telephone; about 90 bits.
_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_ORDER = {code: place for place, code in enumerate(all_permission_codes())}


def one_time_password() -> str:
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(4))


def refuse(violations: list[Violation], title: str = "The change breaks the rules.") -> None:
    if violations:
        raise AppError(422, ErrorCode.RULE_VIOLATION, title, "; ".join(f"{v.field}: {v.message}" for v in violations),
                       [v.as_error() for v in violations])


def sorted_permissions(codes: set[str] | list[str]) -> list[str]:
    """In the order of all_permission_codes (areas together), unknown codes last."""
    return sorted(set(codes), key=lambda code: (_ORDER.get(code, len(_ORDER)), code))


# --- reading ---------------------------------------------------------------------------------


def user_out(user: User, roles: Iterable[str], pending: int | None = None) -> IdentityUserOut:
    return IdentityUserOut(username=user.username, display_name=user.display_name, active=user.active,
                           roles=sorted(roles), created_at=user.created_at, last_sign_in_at=user.last_sign_in_at,
                           must_change_password=user.must_change_password, version=user.version,
                           pending_work_order_id=pending)


def list_users(session: Session) -> list[IdentityUserOut]:
    roles, pending = repo.role_codes_by_user(session), repo.pending_orders(session, user_target(""))
    return [user_out(user, roles.get(user.id, []), pending.get(user_target(user.username)))
            for user in repo.users(session)]


def role_out(role: Role, permissions: set[str], user_count: int, pending: int | None = None) -> RoleOut:
    return RoleOut(code=role.code, name_en=role.name_en, name_zh=role.name_zh,
                   permissions=sorted_permissions(permissions), user_count=user_count,
                   built_in=role.code == ADMIN_ROLE, version=role.version, pending_work_order_id=pending)


def list_roles(session: Session) -> list[RoleOut]:
    permissions, counts = repo.permissions_by_role(session), repo.user_counts(session)
    pending = repo.pending_orders(session, role_target(""))
    return [role_out(role, permissions.get(role.id, set()), counts.get(role.id, 0), pending.get(role_target(role.code)))
            for role in repo.roles(session)]


def permission_areas() -> list[PermissionAreaOut]:
    return [PermissionAreaOut(area=area, permissions=codes) for area, codes in grouped()]


# --- the last administrator --------------------------------------------------------------------


def is_last_administrator(session: Session, user: User) -> bool:
    """True when ``user`` is the only active holder of the administrator role. Locks the holders'
    rows until commit, so two administrators cannot remove each other at the same moment."""
    return repo.active_administrators(session) == [user.id]


def last_administrator_error(username: str) -> AppError:
    return AppError(409, ErrorCode.LAST_ADMINISTRATOR, "The last active administrator must stay.",
                    f"{username} is the only active administrator: make another administrator first.")


# --- direct actions --------------------------------------------------------------------------


def _target(session: Session, principal: Principal, username: str) -> User:
    """The user an action names, locked; never the administrator's own account."""
    user = repo.user_by_username(session, username, for_update=True)
    if user is None:
        raise AppError(404, ErrorCode.NOT_FOUND, "No such user.", f"There is no user {username}.")
    if user.id == principal.user_id:
        raise AppError(409, ErrorCode.OWN_ACCOUNT, "Not on your own account.",
                       "Another administrator disables or resets your account; change your own password "
                       "with Change Password.")
    return user


def _state(user: User) -> dict:
    return {"username": user.username, "active": user.active, "must_change_password": user.must_change_password,
            "version": user.version}


def _audit(session: Session, principal: Principal, action: str, user: User, before: dict | None,
           after: dict | None = None) -> None:
    audit.record(session, actor_id=principal.user_id, action=f"identity.{action}", entity_type="user",
                 entity_id=str(user.id), before=before, after=after or _state(user))


def create_user(session: Session, principal: Principal, body: UserCreateIn) -> OneTimePasswordOut:
    """A new active user without roles (roles come by a work order) and a one-time password."""
    username, display_name = body.username.strip(), body.display_name.strip()
    refuse(check_username(username) + check_display_name(display_name), "The new user is not valid.")
    if repo.user_by_username(session, username) is not None:
        raise AppError(409, ErrorCode.USERNAME_TAKEN, "The username is taken.",
                       f"There is a user {username} already (perhaps disabled).",
                       [Violation("username", "username_taken", f"The username {username} is taken.").as_error()])
    password = one_time_password()
    user = User(username=username, display_name=display_name, password_hash=hash_password(password), active=True,
                must_change_password=True, version=1, created_at=utcnow())
    repo.add_user(session, user)
    _audit(session, principal, "user_created", user, None,
           {**_state(user), "display_name": user.display_name})  # never the password
    return OneTimePasswordOut(user=user_out(user, []), one_time_password=password)


def disable(session: Session, principal: Principal, username: str) -> IdentityUserOut:
    """The user can no longer sign in, and every session of theirs ends now."""
    user = _target(session, principal, username)
    if not user.active:
        return user_out(user, auth_repo.role_codes(session, user.id))  # already: nothing to record
    if is_last_administrator(session, user):
        raise last_administrator_error(user.username)
    before = _state(user)
    user.active, user.version = False, user.version + 1
    ended = auth_repo.revoke_user_tokens(session, user.id, utcnow())
    _audit(session, principal, "user_disabled", user, before, {**_state(user), "sessions_ended": ended})
    return user_out(user, auth_repo.role_codes(session, user.id))


def enable(session: Session, principal: Principal, username: str) -> IdentityUserOut:
    user = _target(session, principal, username)
    if not user.active:
        before = _state(user)
        user.active, user.version = True, user.version + 1
        auth_repo.clear_throttle(session, user.username)  # a fresh start, as after a reset
        _audit(session, principal, "user_enabled", user, before)
    return user_out(user, auth_repo.role_codes(session, user.id))


def reset_password(session: Session, principal: Principal, username: str) -> OneTimePasswordOut:
    """A new one-time password; every session of the user ends, and a sign-in lockout lifts."""
    user = _target(session, principal, username)
    before = _state(user)
    password = one_time_password()
    user.password_hash, user.must_change_password = hash_password(password), True
    ended = auth_repo.revoke_user_tokens(session, user.id, utcnow())
    auth_repo.clear_throttle(session, user.username)
    _audit(session, principal, "password_reset", user, before, {**_state(user), "sessions_ended": ended})
    return OneTimePasswordOut(user=user_out(user, auth_repo.role_codes(session, user.id)),
                              one_time_password=password)
