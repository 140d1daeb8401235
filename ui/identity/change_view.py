"""What an approver reads of an identity work order: for a user's roles, the roles added, removed
and kept, by name; for a role, its names before and after and the permissions added and removed,
grouped by menu area in words with their codes; and the requester's note. Text from the order is
escaped before it is laid out."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from services.contract.identity import USER_UPDATE_FLOW
from services.contract.permission_areas import area_of, areas
from services.contract.schemas import WorkOrderOut
from ui.common.change_views import ChangeView
from ui.identity import labels
from ui.identity.permission_labels import area_label, permission_label

translate = QCoreApplication.translate  # the name lupdate recognises

ADDED, REMOVED, KEPT = "#1e7b34", "#9b1c1c", "#486581"


def _first(rows: object) -> dict:
    return rows[0] if isinstance(rows, list) and rows and isinstance(rows[0], dict) else {}


def _para(text: str, color: str | None = None) -> str:
    style = f" style='color:{color};'" if color else ""
    return f"<p{style}>{html.escape(text)}</p>"


def _heading(text: str) -> str:
    return f"<h3 style='margin:6px 0 2px 0;'>{html.escape(text)}</h3>"


def _list(title: str, items: list[str], color: str, mark: str) -> str:
    if not items:
        return ""
    lines = "".join(f"<div style='color:{color}; margin-left:16px;'>{mark} {html.escape(item)}</div>"
                    for item in items)
    return f"<p style='margin:8px 0 2px 0;'><b>{html.escape(title)}</b></p>{lines}"


def _role_names(codes: set[str], language: str) -> list[str]:
    return [f"{labels.role_name(code, language)} ({code})" for code in sorted(codes)]


def _by_area(codes: set[str]) -> list[str]:
    """Each code in words with its code, areas in menu order."""
    out = []
    for area in areas():
        for code in sorted(c for c in codes if area_of(c) == area):
            out.append(f"{area_label(area)} › {permission_label(code)} ({code})")
    return out


class IdentityChangeView(ChangeView):
    """The change view of identity.user.update and identity.role.update (ui/identity/registration.py)."""

    def __init__(self, language: Callable[[], str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("identityChangeView")
        self._language = language
        self._order: WorkOrderOut | None = None
        self.text = QTextBrowser(self)
        self.text.setObjectName("identityChange")
        self.text.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)

    def show_order(self, order: WorkOrderOut) -> None:
        self._order = order
        self._render()

    def _render(self) -> None:
        order = self._order
        if order is None:
            self.text.clear()
            return
        body = self._user_roles(order) if order.flow == USER_UPDATE_FLOW else self._role(order)
        note = order.payload.get("note")
        if note:
            caption = translate("IdentityChange", "Note from the requester:")
            body += (f"<p style='margin-top:10px;'><b>{html.escape(caption)}</b><br>"
                     + html.escape(str(note)).replace("\n", "<br>") + "</p>")
        self.text.setHtml(body)

    def _user_roles(self, order: WorkOrderOut) -> str:
        language = self._language()
        before, after = _first(order.snapshot.get("rows")), _first(order.proposed.get("rows"))
        held, wanted = set(before.get("roles") or []), set(after.get("roles") or [])
        who = f"{after.get('display_name') or ''} ({after.get('username') or order.payload.get('username')})"
        out = _heading(translate("IdentityChange", "Roles of {user}").format(user=who.strip()))
        if before and not before.get("active", True):
            out += _para(translate("IdentityChange", "This user is disabled."), REMOVED)
        out += _list(translate("IdentityChange", "Adds"), _role_names(wanted - held, language), ADDED, "+")
        out += _list(translate("IdentityChange", "Removes"), _role_names(held - wanted, language), REMOVED, "−")
        out += _list(translate("IdentityChange", "Keeps"), _role_names(held & wanted, language), KEPT, "=")
        if not wanted:
            out += _para(translate("IdentityChange", "The user is left without roles: they see nothing."), REMOVED)
        return out

    def _role(self, order: WorkOrderOut) -> str:
        before, after = _first(order.snapshot.get("rows")), _first(order.proposed.get("rows"))
        code = after.get("code") or order.payload.get("code")
        title = (translate("IdentityChange", "Role {code}") if before
                 else translate("IdentityChange", "New role {code}")).format(code=code)
        out = _heading(title)
        rows = []
        for field, label in (("name_zh", translate("IdentityChange", "Chinese name")),
                             ("name_en", translate("IdentityChange", "English name"))):
            old, new = before.get(field), after.get(field)
            shown = html.escape(str(new)) if not before or old == new else (
                f"<s style='color:{REMOVED};'>{html.escape(str(old))}</s> → <b style='color:{ADDED};'>"
                f"{html.escape(str(new))}</b>")
            rows.append(f"<tr><td style='padding-right:12px;'>{html.escape(label)}</td><td>{shown}</td></tr>")
        out += f"<table>{''.join(rows)}</table>"
        held, wanted = set(before.get("permissions") or []), set(after.get("permissions") or [])
        out += _list(translate("IdentityChange", "Permissions added ({count})").format(count=len(wanted - held)),
                     _by_area(wanted - held), ADDED, "+")
        out += _list(translate("IdentityChange", "Permissions removed ({count})").format(count=len(held - wanted)),
                     _by_area(held - wanted), REMOVED, "−")
        if held & wanted:
            kept = translate("IdentityChange", "{count} permission(s) stay as they are.")
            out += _para(kept.format(count=len(held & wanted)), KEPT)
        return out

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)
