"""Identity › Users and Roles, all under ``admin.users``: the lists, and the direct actions on a
user (create, disable, enable, reset password). Roles and grants change through work orders
(POST /work-orders with identity.user.update or identity.role.update; backend/identity/flows.py)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from sqlalchemy.orm import Session

from backend.auth.deps import require
from backend.auth.service import Principal
from backend.db.session import get_db, get_write_db
from backend.identity import service
from services.contract.identity import (
    IDENTITY_PERMISSIONS_PATH,
    IDENTITY_ROLES_PATH,
    IDENTITY_USERS_PATH,
    USER_DISABLE_PATH,
    USER_ENABLE_PATH,
    USER_RESET_PASSWORD_PATH,
    IdentityUserOut,
    OneTimePasswordOut,
    PermissionAreaOut,
    RoleOut,
    UserCreateIn,
)
from services.contract.permissions import Perm

router = APIRouter(tags=["identity"])

Administers = Annotated[Principal, Depends(require(Perm.USER_ADMIN))]
ReadDb = Annotated[Session, Depends(get_db)]
WriteDb = Annotated[Session, Depends(get_write_db)]
Username = Annotated[str, Path(min_length=1, max_length=64)]


@router.get(IDENTITY_USERS_PATH, response_model=list[IdentityUserOut])
def list_users(_: Administers, session: ReadDb):
    """Every user, disabled ones too, by username."""
    return service.list_users(session)


@router.post(IDENTITY_USERS_PATH, response_model=OneTimePasswordOut, status_code=201)
def create_user(body: UserCreateIn, principal: Administers, session: WriteDb):
    """The one-time password is in this answer only; the user changes it at the first sign-in."""
    created = service.create_user(session, principal, body)
    session.commit()
    return created


@router.post(USER_DISABLE_PATH, response_model=IdentityUserOut)
def disable_user(username: Username, principal: Administers, session: WriteDb):
    """Every session of the user ends at once; never one's own account, nor the last administrator."""
    user = service.disable(session, principal, username)
    session.commit()
    return user


@router.post(USER_ENABLE_PATH, response_model=IdentityUserOut)
def enable_user(username: Username, principal: Administers, session: WriteDb):
    user = service.enable(session, principal, username)
    session.commit()
    return user


@router.post(USER_RESET_PASSWORD_PATH, response_model=OneTimePasswordOut)
def reset_password(username: Username, principal: Administers, session: WriteDb):
    """A new one-time password, in this answer only; every session of the user ends."""
    reset = service.reset_password(session, principal, username)
    session.commit()
    return reset


@router.get(IDENTITY_ROLES_PATH, response_model=list[RoleOut])
def list_roles(_: Administers, session: ReadDb):
    """Every role with its names, permissions and how many users hold it."""
    return service.list_roles(session)


@router.get(IDENTITY_PERMISSIONS_PATH, response_model=list[PermissionAreaOut])
def list_permissions(_: Administers):
    """Every permission code a role may hold, grouped by menu area, for the role editor."""
    return service.permission_areas()
