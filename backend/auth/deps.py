"""FastAPI dependencies: who is asking, and may they. Every route but login and health uses one."""

import logging
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.exc import OperationalError

from backend.auth.route_rules import Rule
from backend.auth.service import Principal, authenticate, record_use
from backend.db.session import Database
from backend.kit.errors import AppError
from backend.settings import Settings
from services.contract.errors import ErrorCode

log = logging.getLogger(__name__)
_bearer = HTTPBearer(auto_error=False)


def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


def _signed_in_principal(
    request: Request,
    settings: Annotated[Settings, Depends(get_settings_dep)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise AppError(401, ErrorCode.NOT_AUTHENTICATED, "Not signed in.",
                       headers={"WWW-Authenticate": "Bearer"})
    # A session of its own, closed before the route's session takes a connection: a request never
    # holds one connection while it waits for another, which exhausted the pool under load.
    database: Database = request.app.state.database
    with database.read_session() as session:
        principal, used_token = authenticate(session, settings, credentials.credentials)
    if used_token is not None:
        _record_use(database, used_token)
    return principal


def current_principal(principal: Annotated[Principal, Depends(_signed_in_principal)]) -> Principal:
    """Who is asking; a user still on a one-time password is refused until they change it."""
    if principal.must_change_password:
        raise AppError(403, ErrorCode.PASSWORD_CHANGE_REQUIRED, "Change your password first.",
                       "You signed in with a one-time password: choose your own (POST /auth/password).")
    return principal


def _record_use(database: Database, token_id: int) -> None:
    """The token's idle clock, moved in a brief write of its own after the read: a read transaction
    never writes (on SQLite it cannot once another write has committed since it began). A lock held
    elsewhere skips the move, which the token's next request makes, instead of failing or stalling
    this one."""
    try:
        with database.brief_write_session() as session:
            record_use(session, token_id)
            session.commit()
    except OperationalError as exc:
        log.info("a token's last use is left for its next request: %s", exc.orig)


def _declare(dependency: Callable[..., Principal], **facts: object) -> None:
    """Facts of a dependency that route_rules and the authorization-matrix test read (getattr)."""
    vars(dependency).update(facts)


_declare(current_principal, signs_in=True)  # a route that stops here has not said who may call it
_declare(_signed_in_principal, signs_in=True)
CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def require(permission: str) -> Callable[..., Principal]:
    """A dependency that lets the request through only if the user holds ``permission``."""

    def _check(principal: CurrentPrincipal) -> Principal:
        if permission not in principal.permissions:
            raise AppError(403, ErrorCode.PERMISSION_DENIED,
                           "You do not have the permission for this.", f"Needs {permission}.")
        return principal

    _declare(_check, required_permission=permission)  # read by the authorization-matrix test
    return _check


def require_any(*permissions: str) -> Callable[..., Principal]:
    """Lets the request through if the user holds at least one of ``permissions``."""

    def _check(principal: CurrentPrincipal) -> Principal:
        if not principal.permissions.intersection(permissions):
            raise AppError(403, ErrorCode.PERMISSION_DENIED, "You do not have the permission for this.",
                           f"Needs one of {', '.join(permissions)}.")
        return principal

    _declare(_check, required_any=permissions)  # read by the authorization-matrix test
    return _check


def checked_by(rule: Rule, permission: str | None = None) -> Callable[..., Principal]:
    """For a route whose permission depends on what it acts on: signs the user in (holding
    ``permission``, if named) and names the rule its handler enforces beyond that; the OpenAPI
    document and the authorization-matrix test read both."""
    base = require(permission) if permission else None

    def _signed_in(principal: CurrentPrincipal) -> Principal:
        return base(principal) if base else principal

    _declare(_signed_in, authorization_rule=rule)
    if permission:
        _declare(_signed_in, required_permission=permission)
    return _signed_in


SignedIn = Annotated[Principal, Depends(checked_by(Rule.SIGNED_IN))]


def _may_change_password(principal: Annotated[Principal, Depends(_signed_in_principal)]) -> Principal:
    return principal


_declare(_may_change_password, authorization_rule=Rule.SIGNED_IN)
# The password change and signing out: the only routes a one-time password's token may call.
SignedInToChangePassword = Annotated[Principal, Depends(_may_change_password)]
