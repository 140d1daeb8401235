"""Seeds the roles table from ROLES, and creates users (demo users for the embedded default)."""

import logging

from sqlalchemy.orm import Session

from backend.auth import repository
from backend.auth.models import User
from backend.auth.passwords import hash_password
from backend.auth.roles import DEMO_USERS, ROLES
from services.contract.identity import ADMIN_ROLE
from services.contract.permission_areas import all_permission_codes

log = logging.getLogger(__name__)


def sync_roles(session: Session) -> None:
    """Roles live in the database: a role of ROLES that is missing is inserted with its
    permissions, and an existing one is left as administrators made it (names and permissions).
    The built-in administrator role alone follows the code: it holds exactly every known permission
    code (a new flow's too) and is never edited otherwise."""
    existing = repository.roles_by_code(session)
    for definition in ROLES:
        role = existing.get(definition.code)
        if role is None:
            role = repository.add_role(session, definition.code, definition.name_en, definition.name_zh)
            repository.grant(session, role.id, sorted(set(definition.permissions)))
            log.info("role %s added with %d permissions", definition.code, len(set(definition.permissions)))
        elif definition.code == ADMIN_ROLE:
            _grant_exactly(session, role.id, set(all_permission_codes()))


def _grant_exactly(session: Session, role_id: int, wanted: set[str]) -> None:
    granted = repository.granted(session, role_id)
    if granted - wanted:
        repository.withdraw(session, role_id, granted - wanted)
    repository.grant(session, role_id, sorted(wanted - granted))


def create_user(session: Session, username: str, password: str, display_name: str,
                roles: tuple[str, ...]) -> User:
    """Raises ValueError, naming what is wrong, for a taken username, no role or an unknown role."""
    if repository.user_by_username(session, username) is not None:
        raise ValueError(f"the username {username} is taken")
    if not roles:
        raise ValueError("a user needs at least one role")
    known = {code: role.id for code, role in repository.roles_by_code(session, roles).items()}
    unknown = set(roles) - set(known)
    if unknown:
        raise ValueError(f"unknown roles: {', '.join(sorted(unknown))}")
    user = repository.add_user(session, username, display_name, hash_password(password))
    repository.add_user_roles(session, user.id, (known[code] for code in roles))
    return user


def ensure_demo_users(session: Session) -> int:
    """Creates the documented demo users that are missing; returns how many were created."""
    present = repository.usernames(session)
    created = 0
    for demo in DEMO_USERS:
        if demo.username not in present:
            create_user(session, demo.username, demo.password, demo.display_name, demo.roles)
            created += 1
    return created
