"""Keeps the roles table equal to ROLES, and creates users (demo users for the embedded default)."""

import logging

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from backend.auth.models import Role, RolePermission, User, UserRole
from backend.auth.passwords import hash_password
from backend.auth.roles import DEMO_USERS, ROLES

log = logging.getLogger(__name__)


def sync_roles(session: Session) -> None:
    """Roles and their permissions follow the code: added, renamed, and granted exactly ROLES."""
    existing = {role.code: role for role in session.scalars(select(Role))}
    for definition in ROLES:
        role = existing.get(definition.code)
        if role is None:
            role = Role(code=definition.code, name_en=definition.name_en, name_zh=definition.name_zh)
            session.add(role)
            session.flush()
        role.name_en, role.name_zh = definition.name_en, definition.name_zh
        granted = set(session.scalars(select(RolePermission.permission)
                                      .where(RolePermission.role_id == role.id)))
        wanted = set(definition.permissions)
        if granted - wanted:
            session.execute(delete(RolePermission).where(
                RolePermission.role_id == role.id, RolePermission.permission.in_(granted - wanted)))
        session.add_all(RolePermission(role_id=role.id, permission=p) for p in sorted(wanted - granted))


def create_user(session: Session, username: str, password: str, display_name: str,
                roles: tuple[str, ...]) -> User:
    known = {role.code: role.id for role in session.scalars(select(Role).where(Role.code.in_(roles)))}
    unknown = set(roles) - set(known)
    if unknown:
        raise ValueError(f"unknown roles: {', '.join(sorted(unknown))}")
    user = User(username=username, display_name=display_name, password_hash=hash_password(password))
    session.add(user)
    session.flush()
    session.add_all(UserRole(user_id=user.id, role_id=known[code]) for code in roles)
    return user


def ensure_demo_users(session: Session) -> int:
    """Creates the documented demo users that are missing; returns how many were created."""
    present = set(session.scalars(select(User.username)))
    created = 0
    for demo in DEMO_USERS:
        if demo.username not in present:
            create_user(session, demo.username, demo.password, demo.display_name, demo.roles)
            created += 1
    return created
