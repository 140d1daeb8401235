"""Role code (backend/auth/roles.py) → label for people, translated in context ``roles``."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

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
