"""What Identity › Roles loads, keeps and decides, without a widget: every role with its names,
permissions and holders, the permission codes by menu area (what the role editor offers), the
current role and whether it may be edited now (and why not), and a new or changed role submitted
as a work order another administrator decides.

Requests go through the area's typed client on this controller's one ``OpRunner``; a refusal says
its reasons in the user's language, and a role someone else changed first reads the list again.
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QCoreApplication, QObject

from services.clients.identity import IdentityClient
from services.clients.resubmission import Resubmission
from services.contract.identity import PermissionAreaOut, RoleOut
from services.contract.permission_areas import SYSTEM_AREA
from services.contract.schemas import WorkOrderOut
from ui.common.page_context import PageContext
from ui.identity import labels
from ui.identity.list_controller import ACTION, IdentityListController

translate = QCoreApplication.translate  # the name lupdate recognises




def grouped(permissions: list[str] | set[str], areas: list[PermissionAreaOut]) -> list[tuple[str, list[str]]]:
    """(area, its codes held) for each area holding any, in the areas' order; a code no area lists
    (one this build no longer knows, still held) goes last, under "System"."""
    held = set(permissions)
    out: dict[str, list[str]] = {a.area: [c for c in a.permissions if c in held] for a in areas}
    out.setdefault(SYSTEM_AREA, []).extend(sorted(held - {c for a in areas for c in a.permissions}))
    return [(area, codes) for area, codes in out.items() if codes]


class RolesController(IdentityListController):
    def __init__(self, ctx: PageContext, client: IdentityClient | None = None, parent: QObject | None = None):
        super().__init__(ctx, client, parent)
        self.roles: list[RoleOut] = []
        self.areas: list[PermissionAreaOut] = []
        self.current_code: str | None = None

    async def _read(self) -> tuple[list[RoleOut], list[PermissionAreaOut]]:
        return await self.client.roles(), await self.client.permission_areas()

    def _show(self, read: tuple[list[RoleOut], list[PermissionAreaOut]]) -> None:
        self.roles, self.areas = read
        labels.remember_roles(self.roles)
        if self.current_code not in {r.code for r in self.roles}:
            self.current_code = self.roles[0].code if self.roles else None
        self.loaded.emit()
        self.stateChanged.emit()

    @property
    def current(self) -> RoleOut | None:
        return next((r for r in self.roles if r.code == self.current_code), None)

    def select(self, code: str | None) -> None:
        self.current_code = code
        self.stateChanged.emit()

    def name(self, role: RoleOut) -> str:
        return labels.role_name(role.code, self._ctx.language(), role)

    def groups(self, role: RoleOut) -> list[tuple[str, list[str]]]:
        return grouped(role.permissions, self.areas)

    def blocker(self, action: str) -> str | None:
        """Why ``action`` ("new" or "edit") cannot be taken now; None when it can."""
        if self.acting or not self.settled:
            return translate("RolesPage", "Wait for the current request to finish.")
        if action == "new":
            return None
        role = self.current
        if role is None:
            return translate("RolesPage", "Choose a role first.")
        if role.built_in:
            return translate("RolesPage", "The administrator role holds every permission and cannot be edited.")
        if role.pending_work_order_id is not None:
            return translate("RolesPage", "A change of this role awaits approval (work order #{id})."
                             ).format(id=role.pending_work_order_id)
        return None

    def submit(self, code: str, name_en: str, name_zh: str, permissions: list[str], note: str,
               resubmission: Resubmission | None = None) -> asyncio.Task | None:
        """A new role (a code no role has) or a change of one, for another administrator's decision;
        with ``resubmission``, the correction of that refused order."""
        if self.acting:
            return None
        self.current_code = code
        op = self.client.resubmitting(resubmission).submit_role(code, name_en, name_zh, permissions, note)
        return self.ops.run(op, key=ACTION, on_success=self._submitted, on_failure=self._refused)

    def _submitted(self, order: WorkOrderOut) -> None:
        self._ctx.notify("work_orders")  # the status bar's count of orders awaiting a decision
        if order.resubmitted_from_id is not None:
            text = translate("RolesPage", "Work order #{old} resubmitted as #{order}: another administrator decides "
                                          "it; the role changes once approved.")
        else:
            text = translate("RolesPage", "Submitted work order #{order}: another administrator decides it; the "
                                          "role changes once approved.")
        self.say(text.format(order=order.id, old=order.resubmitted_from_id), failed=False)
        self.load()
