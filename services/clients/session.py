"""The session over HTTP: the server's health, the demo users, signing in and out, who I am and
changing my password.

Signing in sets the token of the app's ``ApiClient`` (every later request carries it); signing out
and changing the password drop it. Every method raises ``ApiError`` as ``ApiClient`` does.
"""

from __future__ import annotations

from pydantic import TypeAdapter

from services.api_client import ApiClient
from services.contract.offline_grant import OFFLINE_GRANT_PATH, OfflineGrantOut, OfflineGrantRequest
from services.contract.schemas import DemoUser, Health, MeOut, TokenOut

HEALTH_PATH = "/health"  # GET → Health (503 with status "degraded" when the database does not answer)
DEMO_USERS_PATH = "/auth/demo-users"  # GET → list[DemoUser] (the embedded default's only)
LOGIN_PATH = "/auth/login"  # POST {username, password} (LoginRequest) → TokenOut
LOGOUT_PATH = "/auth/logout"  # POST → 204
PASSWORD_PATH = "/auth/password"  # POST {current_password, new_password} (PasswordChange) → 204, every session of the user ended
ME_PATH = "/me"  # GET → MeOut

_DEMO_USERS = TypeAdapter(list[DemoUser])


class SessionClient:
    def __init__(self, api: ApiClient):
        self._api = api

    async def health(self) -> Health:
        return await self._api.get_model(HEALTH_PATH, Health)

    async def demo_users(self) -> list[DemoUser]:
        response = await self._api.request("GET", DEMO_USERS_PATH)
        return _DEMO_USERS.validate_json(response.content)

    async def login(self, username: str, password: str) -> TokenOut:
        """Signs in: the token is kept by the ApiClient for every later request."""
        # Sent as typed, unchecked here: the server's refusal (an ApiError) is the one answer.
        response = await self._api.request("POST", LOGIN_PATH, json={"username": username, "password": password})
        token = TokenOut.model_validate_json(response.content)
        self._api.set_token(token.access_token)
        return token

    async def me(self) -> MeOut:
        """The signed-in user: name, roles and the permission codes the menu and pages follow."""
        return await self._api.get_model(ME_PATH, MeOut)

    async def offline_grant(self, request: OfflineGrantRequest) -> OfflineGrantOut:
        """The backend's signed grant to draft offline on one workstation (services/offline/grant.py)."""
        response = await self._api.request("POST", OFFLINE_GRANT_PATH, json=request.model_dump(mode="json"))
        return OfflineGrantOut.model_validate_json(response.content)

    async def logout(self) -> None:
        """Ends the session on the server; the token is dropped even when the request fails."""
        if self._api.token:
            try:
                await self._api.request("POST", LOGOUT_PATH)
            finally:
                self._api.set_token(None)

    async def change_password(self, current: str, new: str) -> None:
        """Every session of the user ends on success, this one included: sign in again."""
        await self._api.request("POST", PASSWORD_PATH, json={"current_password": current, "new_password": new})
        self._api.set_token(None)
