"""Display texts of Identity: a role's name in the UI language, a user's state, and the roles read
once for the approvals detail (which names a user's roles before and after a change).

Role names live in the database (an administrator may create roles and rename them), so they come
from GET /identity/roles, in both languages; a role not read (yet) shows as its code.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from services.api_client import ApiClient, ApiError
from services.clients.identity import IdentityClient
from services.contract.identity import IdentityUserOut, RoleOut
from ui.common import role_names

log = logging.getLogger(__name__)

CONTEXT = "IdentityLabels"

_roles: dict[str, RoleOut] = {}

_STATES = {
    "active": QT_TRANSLATE_NOOP("IdentityLabels", "Active"),
    "disabled": QT_TRANSLATE_NOOP("IdentityLabels", "Disabled"),
    "first_sign_in": QT_TRANSLATE_NOOP("IdentityLabels", "Must change password"),
}
# Text colours of the states, the app's palette: disabled red, a one-time password amber.
STATE_COLORS = {"active": None, "disabled": "#b42318", "first_sign_in": "#8a5a00"}


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def remember_roles(roles: Iterable[RoleOut]) -> None:
    _roles.clear()
    _roles.update({r.code: r for r in roles})
    role_names.remember(_roles.values())


async def ensure_roles(api: ApiClient) -> None:
    """Reads the roles once, for the approvals detail opened before the Roles page."""
    if _roles:
        return
    try:
        remember_roles(await IdentityClient(api).roles())
    except ApiError as exc:  # the detail names roles by code instead
        if exc.is_auth:
            raise
        log.warning("roles could not be read: %s", exc)


def role_name(code: str, language: str, role: RoleOut | None = None) -> str:
    role = role or _roles.get(code)
    if role is None:
        return code
    return role.name_zh if language == "zh_Hant" else role.name_en


def roles_text(codes: Iterable[str], language: str) -> str:
    return ", ".join(role_name(code, language) for code in codes)


def state(user: IdentityUserOut) -> str:
    """"active", "disabled" or "first_sign_in" (a one-time password not yet changed)."""
    if not user.active:
        return "disabled"
    return "first_sign_in" if user.must_change_password else "active"


def state_text(key: str) -> str:
    return tr(_STATES[key])
