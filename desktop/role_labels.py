"""Role code → label for people. The backend sends the signed-in user's roles with the names an
administrator gave them (``MeOut.role_names``), shown in the UI language; the built-in roles
(backend/auth/roles.py) are also named here, translated in context ``roles``, for what comes
without names (the demo users, an offline session)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop import i18n

if TYPE_CHECKING:  # the sign-in dialog names roles before the client (pydantic) has loaded
    from services.contract.schemas import MeOut

_LABELS = {
    "ops_maker": QT_TRANSLATE_NOOP("roles", "Operations maker"),
    "risk_checker": QT_TRANSLATE_NOOP("roles", "Risk checker"),
    "customer_service": QT_TRANSLATE_NOOP("roles", "Customer service"),
    "content_editor": QT_TRANSLATE_NOOP("roles", "Content editor"),
    "content_approver": QT_TRANSLATE_NOOP("roles", "Content approver"),
    "fund_ops": QT_TRANSLATE_NOOP("roles", "Fund operations"),
    "admin": QT_TRANSLATE_NOOP("roles", "Administrator"),
}


def role_label(code: str) -> str:
    """A role the desktop does not know yet shows as its code rather than not at all."""
    text = _LABELS.get(code)
    return QCoreApplication.translate("roles", text) if text else code


def roles_label(codes: list[str]) -> str:
    return ", ".join(role_label(c) for c in codes)


def my_roles_label(me: MeOut) -> str:
    """The signed-in user's roles as the database names them, in the UI language."""
    chinese = i18n.current_language() == "zh_Hant"
    named = {r.code: r.name_zh if chinese else r.name_en for r in me.role_names}
    return ", ".join(named.get(code) or role_label(code) for code in me.roles)
