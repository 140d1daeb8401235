"""What Identity › Users loads, keeps and decides, without a widget: every user with their roles,
the filter (words of the username, name or roles; active or disabled), the current user and what
may be done to them now (and why not), and the actions: a new user, disable, enable and reset
(direct, answered at once; a one-time password comes back through ``passwordIssued``) and a change
of roles (a work order a second administrator decides).

Every request goes through the area's typed client on this controller's one ``OpRunner``: one
action at a time. A refusal says its reason in the user's language; a user someone else changed
first (404, 409) reads the list again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from services.clients.identity import IdentityClient
from services.clients.resubmission import Resubmission
from services.contract.identity import IdentityUserOut, OneTimePasswordOut, RoleOut
from services.contract.schemas import WorkOrderOut
from ui.common.page_context import PageContext
from ui.identity import labels
from ui.identity.list_controller import ACTION, IdentityListController

translate = QCoreApplication.translate  # the name lupdate recognises


ALL, ACTIVE, DISABLED = "all", "active", "disabled"  # the status filter
ACTIONS = ("new", "roles", "toggle", "reset")


def matches(user: IdentityUserOut, words: str, status: str, role_names: dict[str, str]) -> bool:
    """Every word in the username, the name or a role's name or code; and the status chosen."""
    if status == ACTIVE and not user.active or status == DISABLED and user.active:
        return False
    haystack = " ".join([user.username, user.display_name, *user.roles,
                         *(role_names.get(code, "") for code in user.roles)]).casefold()
    return all(word in haystack for word in words.casefold().split())


class UsersController(IdentityListController):
    passwordIssued = Signal(object)  # OneTimePasswordOut: shown once, then gone

    def __init__(self, ctx: PageContext, client: IdentityClient | None = None, parent: QObject | None = None):
        super().__init__(ctx, client, parent)
        self.users: list[IdentityUserOut] = []
        self.roles: list[RoleOut] = []
        self.shown: list[IdentityUserOut] = []
        self.words, self.status = "", ALL
        self.current_name: str | None = None

    # --- the list -------------------------------------------------------------------------------

    async def _read(self) -> tuple[list[IdentityUserOut], list[RoleOut]]:
        return await self.client.users(), await self.client.roles()

    def _show(self, read: tuple[list[IdentityUserOut], list[RoleOut]]) -> None:
        self.users, self.roles = read
        labels.remember_roles(self.roles)
        self._filter()

    def set_filter(self, words: str, status: str = ALL) -> None:
        self.words, self.status = words, status
        self._filter()

    def _filter(self) -> None:
        names = {r.code: labels.role_name(r.code, self._ctx.language(), r) for r in self.roles}
        self.shown = [u for u in self.users if matches(u, self.words, self.status, names)]
        if self.current_name not in {u.username for u in self.shown}:
            self.current_name = None
        self.loaded.emit()
        self.stateChanged.emit()

    @property
    def current(self) -> IdentityUserOut | None:
        return next((u for u in self.users if u.username == self.current_name), None)

    def select(self, username: str | None) -> None:
        self.current_name = username
        self.stateChanged.emit()

    def role_name(self, code: str) -> str:
        return labels.role_name(code, self._ctx.language(), next((r for r in self.roles if r.code == code), None))

    def blocker(self, action: str) -> str | None:
        """Why ``action`` cannot be taken on the current user now; None when it can."""
        if self.acting or not self.settled:
            return translate("UsersPage", "Wait for the current request to finish.")
        if action == "new":
            return None
        user = self.current
        if user is None:
            return translate("UsersPage", "Choose a user first.")
        if user.username == self._ctx.me.username:
            return (translate("UsersPage", "Your own roles are changed by another administrator.") if action == "roles"
                    else translate("UsersPage", "Another administrator does this for your own account; change "
                                                "your password with File › Change Password."))
        if action == "roles" and user.pending_work_order_id is not None:
            return translate("UsersPage", "A change of this user's roles awaits approval (work order #{id})."
                             ).format(id=user.pending_work_order_id)
        return None

    # --- acting ---------------------------------------------------------------------------------

    def create(self, username: str, display_name: str) -> asyncio.Task | None:
        return self._act(self.client.create_user(username, display_name),
                         translate("UsersPage", "Created {user}. Give them the one-time password in person; "
                                                "roles come by a change of roles."))

    def toggle_active(self) -> asyncio.Task | None:
        """Disables the current user (ending their sessions), or enables a disabled one."""
        user = self.current
        if user is None or self.blocker("toggle"):
            return None
        if user.active:
            return self._act(self.client.disable(user.username),
                             translate("UsersPage", "Disabled {user}: their sessions have ended."))
        return self._act(self.client.enable(user.username), translate("UsersPage", "Enabled {user}."))

    def reset_password(self) -> asyncio.Task | None:
        user = self.current
        if user is None or self.blocker("reset"):
            return None
        return self._act(self.client.reset_password(user.username),
                         translate("UsersPage", "Reset the password of {user}: their sessions have ended."))

    def change_roles(self, roles: list[str], note: str, resubmission: Resubmission | None = None) -> asyncio.Task | None:
        """The current user's new roles as a work order; with ``resubmission``, the correction of that order."""
        user = self.current
        if user is None or self.blocker("roles"):
            return None
        if resubmission is not None:
            done = translate("UsersPage", "Work order #{old} resubmitted as #{order} for {user}'s roles: another "
                                          "administrator decides it.")
        else:
            done = translate("UsersPage", "Submitted work order #{order} for {user}'s roles: another administrator "
                                          "decides it.")
        return self._act(self.client.resubmitting(resubmission).submit_user_roles(user.username, roles, note), done)

    def _act(self, op: Awaitable[Any], done: str) -> asyncio.Task | None:
        if self.acting:
            if asyncio.iscoroutine(op):
                op.close()
            return None
        return self.ops.run(op, key=ACTION, on_success=lambda result: self._done(result, done),
                            on_failure=self._refused)

    def _done(self, result: object, done: str) -> None:
        user = self.current_name or ""
        order = result.id if isinstance(result, WorkOrderOut) else ""
        old = result.resubmitted_from_id if isinstance(result, WorkOrderOut) else ""
        if isinstance(result, WorkOrderOut):
            self._ctx.notify("work_orders")  # the status bar's count of orders awaiting a decision
        if isinstance(result, OneTimePasswordOut):
            user = result.user.username
            self.current_name = user
            self.passwordIssued.emit(result)
        self.say(done.format(user=user, order=order, old=old), failed=False)
        self.load()
