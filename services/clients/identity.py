"""Identity › Users and Roles over HTTP: the area's requests as typed methods.

Reads (users, roles, the permission codes by area) and the direct actions on a user (create,
disable, enable, reset password: each answered at once, the one-time password shown once) are
requests of their own. A user's roles and a role's names and permissions change by a work order of
``identity.user.update`` or ``identity.role.update``, built here (``user_roles_order``,
``role_order``) so no caller assembles a payload. Every method raises ``ApiError`` as the app's
``ApiClient`` does.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from pydantic import TypeAdapter

from services.api_client import ApiClient
from services.clients.approvals import ApprovalsClient
from services.clients.resubmission import SubmitsWorkOrders
from services.contract import identity as contract
from services.contract.schemas import WorkOrderOut, WorkOrderSubmit

_USERS = TypeAdapter(list[contract.IdentityUserOut])
_ROLES = TypeAdapter(list[contract.RoleOut])
_AREAS = TypeAdapter(list[contract.PermissionAreaOut])


def _note(note: str | None) -> str | None:
    return (note or "").strip() or None


def user_roles_order(username: str, roles: Iterable[str], note: str | None = None) -> WorkOrderSubmit:
    """The user's whole new set of roles, with the maker's note to the deciding administrator."""
    payload = contract.UserUpdatePayload(username=username, roles=sorted(set(roles)), note=_note(note))
    return WorkOrderSubmit(flow=contract.USER_UPDATE_FLOW, payload=payload.model_dump(mode="json"))


def role_order(code: str, name_en: str, name_zh: str, permissions: Iterable[str],
               note: str | None = None) -> WorkOrderSubmit:
    """A role created (a code no role has) or changed: its names and whole new set of permissions."""
    payload = contract.RoleUpdatePayload(code=code, name_en=name_en, name_zh=name_zh,
                                         permissions=sorted(set(permissions)), note=_note(note))
    return WorkOrderSubmit(flow=contract.ROLE_UPDATE_FLOW, payload=payload.model_dump(mode="json"))


def new_key() -> str:
    """A fresh idempotency key: one per proposal, kept across retries of it."""
    return str(uuid.uuid4())


class IdentityClient(SubmitsWorkOrders):
    def __init__(self, api: ApiClient):
        self._api = api
        self._orders = ApprovalsClient(api)  # submitting is the work-order area's request

    # --- reading ------------------------------------------------------------------------------

    async def users(self) -> list[contract.IdentityUserOut]:
        """Every user, disabled ones too, by username."""
        response = await self._api.request("GET", contract.IDENTITY_USERS_PATH)
        return _USERS.validate_json(response.content)

    async def roles(self) -> list[contract.RoleOut]:
        response = await self._api.request("GET", contract.IDENTITY_ROLES_PATH)
        return _ROLES.validate_json(response.content)

    async def permission_areas(self) -> list[contract.PermissionAreaOut]:
        """Every permission code a role may hold, by menu area, for the role editor."""
        response = await self._api.request("GET", contract.IDENTITY_PERMISSIONS_PATH)
        return _AREAS.validate_json(response.content)

    # --- direct actions -------------------------------------------------------------------------

    async def create_user(self, username: str, display_name: str) -> contract.OneTimePasswordOut:
        """A new user without roles; the answer holds their one-time password, shown this once."""
        body = contract.UserCreateIn(username=username.strip(), display_name=display_name.strip())
        response = await self._api.request("POST", contract.IDENTITY_USERS_PATH, json=body.model_dump(mode="json"))
        return contract.OneTimePasswordOut.model_validate_json(response.content)

    async def disable(self, username: str) -> contract.IdentityUserOut:
        """The user can no longer sign in; every session of theirs ends at once."""
        return await self._user_action(contract.USER_DISABLE_PATH, username)

    async def enable(self, username: str) -> contract.IdentityUserOut:
        return await self._user_action(contract.USER_ENABLE_PATH, username)

    async def reset_password(self, username: str) -> contract.OneTimePasswordOut:
        """A new one-time password, shown this once; every session of the user ends."""
        response = await self._api.request("POST", contract.USER_RESET_PASSWORD_PATH.format(username=username))
        return contract.OneTimePasswordOut.model_validate_json(response.content)

    async def _user_action(self, path: str, username: str) -> contract.IdentityUserOut:
        response = await self._api.request("POST", path.format(username=username))
        return contract.IdentityUserOut.model_validate_json(response.content)

    # --- work orders --------------------------------------------------------------------------

    async def submit(self, order: WorkOrderSubmit, idempotency_key: str | None = None) -> WorkOrderOut:
        """Submits the order for a second administrator's decision; the same key replays a retry."""
        return await self._orders.submit(order, idempotency_key or new_key())

    async def submit_user_roles(self, username: str, roles: Iterable[str], note: str | None = None,
                                idempotency_key: str | None = None) -> WorkOrderOut:
        return await self.submit(user_roles_order(username, roles, note), idempotency_key)

    async def submit_role(self, code: str, name_en: str, name_zh: str, permissions: Iterable[str],
                          note: str | None = None, idempotency_key: str | None = None) -> WorkOrderOut:
        return await self.submit(role_order(code, name_en, name_zh, permissions, note), idempotency_key)
