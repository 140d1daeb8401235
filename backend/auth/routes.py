"""Login, logout, who am I, and (embedded demo only) the list of demo users."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session

from backend.auth import service
from backend.auth.deps import SignedIn, SignedInToChangePassword, get_settings_dep, require
from backend.auth.roles import DEMO_USERS
from backend.auth.service import Principal
from backend.db.session import get_db, get_write_db
from backend.kit.errors import AppError
from backend.settings import Settings
from services.contract.errors import ErrorCode
from services.contract.offline_grant import OFFLINE_GRANT_PATH, OfflineGrantOut, OfflineGrantRequest
from services.contract.permissions import Perm
from services.contract.schemas import DemoUser, LoginRequest, MeOut, PasswordChange, TokenOut

router = APIRouter(tags=["auth"])


@router.post("/auth/login", response_model=TokenOut)
def login(
    body: LoginRequest,
    session: Annotated[Session, Depends(get_write_db)],
    settings: Annotated[Settings, Depends(get_settings_dep)],
) -> TokenOut:
    try:
        token, row = service.login(session, settings, body.username, body.password)
    except AppError:
        session.commit()  # keep the audit event of the failed attempt
        raise
    session.commit()
    return TokenOut(access_token=token, expires_at=row.expires_at,
                    password_change_required=service.must_change_password(session, row.user_id))


@router.post("/auth/logout", status_code=204)
def logout(
    request: Request,
    principal: SignedInToChangePassword,  # a one-time password's session may be ended too
    session: Annotated[Session, Depends(get_write_db)],
) -> None:
    token = request.headers["authorization"].split(" ", 1)[1]
    service.revoke(session, token, principal.user_id)
    session.commit()


@router.post("/auth/password", status_code=204)
def change_password(
    body: PasswordChange,
    principal: SignedInToChangePassword,
    session: Annotated[Session, Depends(get_write_db)],
    settings: Annotated[Settings, Depends(get_settings_dep)],
) -> None:
    """Every session of the user ends, this one included: sign in again with the new password."""
    try:
        service.change_password(session, settings, principal.user_id, body.current_password, body.new_password)
    except AppError:
        session.commit()  # keep the failure's audit event and its count toward the lockout
        raise
    session.commit()


@router.post(OFFLINE_GRANT_PATH, response_model=OfflineGrantOut)
def offline_grant(
    body: OfflineGrantRequest,
    principal: Annotated[Principal, Depends(require(Perm.CREDIT_DRAFT.value))],
    session: Annotated[Session, Depends(get_write_db)],
    settings: Annotated[Settings, Depends(get_settings_dep)],
) -> OfflineGrantOut:
    """Drafting offline on one workstation, signed for the caller (services/contract/offline_grant.py)."""
    grant = service.offline_grant(session, settings, principal, body)
    session.commit()
    return grant


@router.get("/me", response_model=MeOut)
def me(principal: SignedIn, session: Annotated[Session, Depends(get_db)]) -> MeOut:
    return MeOut(id=principal.user_id, username=principal.username,
                 display_name=principal.display_name, roles=list(principal.roles),
                 permissions=sorted(principal.permissions), role_names=service.role_names(session, principal.roles))


@router.get("/auth/demo-users", response_model=list[DemoUser])
def demo_users(settings: Annotated[Settings, Depends(get_settings_dep)]) -> list[DemoUser]:
    if not settings.demo:
        raise AppError(404, ErrorCode.NOT_FOUND, "Demo users are listed by the embedded demo only.")
    return [DemoUser(username=u.username, password=u.password, display_name=u.display_name,
                     roles=list(u.roles)) for u in DEMO_USERS]
