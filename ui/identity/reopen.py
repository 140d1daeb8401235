"""My Requests' Resubmit… of a user's roles or of a role (ui/common/resubmission.py ``Reopen``):
the Users or Roles page reads its list afresh, then opens its editor with what the refused order
proposed (the roles, the names and permissions as proposed, not as they are), under the banner.

The editor opens once the list is in, so the change is counted from the rows as they are now; a
user or role that cannot be changed now (one awaiting another change, the built-in administrator
role) is said on the page's outcome line instead.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from pydantic import BaseModel, ValidationError
from PySide6.QtWidgets import QWidget

from services.contract.identity import RoleUpdatePayload, UserUpdatePayload
from services.contract.schemas import WorkOrderOut
from ui.identity.list_controller import IdentityListController
from ui.identity.roles_page import RolesPage
from ui.identity.users_page import UsersPage


def _proposes(order: WorkOrderOut, payload: type[BaseModel]) -> bool:
    try:
        payload.model_validate(order.payload)
    except ValidationError:
        return False
    return True


def after_reading(controller: IdentityListController, then: Callable[[], None]) -> None:
    """``then`` once the list has been read afresh; nothing if that read failed (the page said why)
    or a newer read replaced it (F5 while waiting)."""
    task = controller.load()
    # Run after the runner's own done callback: the list is shown and the controller settled.
    task.add_done_callback(lambda done: then() if _read(done) else None)


def _read(done: asyncio.Task) -> bool:
    return not done.cancelled() and done.exception() is None and done.result() is not None


def reopen_user_roles(page: QWidget, order: WorkOrderOut) -> bool:
    if not isinstance(page, UsersPage) or not _proposes(order, UserUpdatePayload):
        return False
    after_reading(page.controller, lambda: page.open_roles(resubmit=order))
    return True


def reopen_role(page: QWidget, order: WorkOrderOut) -> bool:
    if not isinstance(page, RolesPage) or not _proposes(order, RoleUpdatePayload):
        return False
    after_reading(page.controller, lambda: page.open_editor(new=False, resubmit=order))
    return True
