"""services/clients/session.py against the real backend: health, the demo users, signing in (the
token kept for later requests), who I am, a refused sign-in, signing out and changing the password
(every session of the user ended).

The password is changed for a user of this module's own, so the demo users keep theirs.
"""

import uuid
from collections.abc import Awaitable, Callable
from typing import TypeVar

import pytest
from sqlalchemy.orm import Session

from backend.auth.bootstrap import create_user
from services.api_client import ApiClient, ApiError
from services.clients.session import SessionClient
from services.contract.errors import ErrorCode

T = TypeVar("T")


@pytest.fixture
def session_client(aio, backend) -> Callable[..., T]:
    """Runs ``scenario(client, api)`` on the session's loop with a client not signed in yet."""

    def run(scenario: Callable[[SessionClient, ApiClient], Awaitable[T]]) -> T:
        async def main() -> T:
            api = backend.api_client()
            try:
                return await scenario(SessionClient(api), api)
            finally:
                await api.aclose()

        return aio(main())

    return run


def own_user(backend, password: str) -> str:
    username = f"session-{uuid.uuid4().hex[:8]}"
    engine = backend.engine()
    with Session(engine) as session, session.begin():
        create_user(session, username, password, "Session tester", ("customer_service",))
    engine.dispose()
    return username


def test_health_and_the_demo_users_need_no_sign_in(session_client):
    async def scenario(client: SessionClient, _api: ApiClient):
        return await client.health(), await client.demo_users()

    health, users = session_client(scenario)
    assert health.status == "ok" and health.demo
    checker = next(u for u in users if u.username == "checker")
    assert checker.password == "checker-demo" and checker.roles == ["risk_checker"]


def test_signing_in_keeps_the_token_for_every_later_request_and_signing_out_drops_it(session_client):
    async def scenario(client: SessionClient, api: ApiClient):
        token = await client.login("checker", "checker-demo")
        kept = api.token
        me = await client.me()
        await client.logout()
        with pytest.raises(ApiError) as after:
            await client.me()
        api.set_token(kept)  # the signed-out session is over on the server too
        with pytest.raises(ApiError) as revoked:
            await client.me()
        return token, kept, me, api.token, after.value, revoked.value

    token, kept, me, _, after, revoked = session_client(scenario)
    assert kept == token.access_token and token.token_type == "bearer"
    assert me.username == "checker" and me.roles == ["risk_checker"]
    assert "approval.inbox" in me.permissions
    assert after.is_auth and revoked.is_auth


def test_a_wrong_password_is_refused_and_no_token_is_kept(session_client):
    async def scenario(client: SessionClient, api: ApiClient):
        with pytest.raises(ApiError) as caught:
            await client.login("checker", "not-the-password")
        await client.logout()  # nothing to end: no request
        return caught.value, api.token

    error, token = session_client(scenario)
    assert (error.status, error.code) == (401, ErrorCode.INVALID_CREDENTIALS) and token is None


def test_changing_the_password_ends_every_session_of_the_user(session_client, backend):
    username = own_user(backend, "first-password-1")

    async def scenario(client: SessionClient, api: ApiClient):
        other = backend.api_client()
        try:
            await SessionClient(other).login(username, "first-password-1")
            await client.login(username, "first-password-1")
            with pytest.raises(ApiError) as wrong:
                await client.change_password("not-the-current-one", "second-password-2")
            await client.change_password("first-password-1", "second-password-2")
            dropped = api.token
            with pytest.raises(ApiError) as elsewhere:
                await SessionClient(other).me()
            with pytest.raises(ApiError) as old:
                await client.login(username, "first-password-1")
            me = (await client.login(username, "second-password-2"), await client.me())[1]
            return wrong.value, dropped, elsewhere.value, old.value, me
        finally:
            await other.aclose()

    wrong, dropped, elsewhere, old, me = session_client(scenario)
    assert wrong.code == ErrorCode.INVALID_CREDENTIALS and dropped is None
    assert elsewhere.is_auth and old.code == ErrorCode.INVALID_CREDENTIALS
    assert me.username == username
