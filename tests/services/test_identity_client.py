"""Identity's typed client against the real backend: the users, roles and permission codes; a new
user whose one-time password must be changed before anything else; disable, enable and reset;
the two work orders as the client builds them (with a note, and a retry under the same key);
refusals as ApiError with their code."""

from collections.abc import Awaitable, Callable
from typing import TypeVar

import pytest

from services.api_client import ApiClient, ApiError
from services.clients.identity import IdentityClient, new_key, role_order, user_roles_order
from services.clients.session import SessionClient
from services.contract.errors import ErrorCode
from services.contract.identity import ROLE_UPDATE_FLOW, USER_UPDATE_FLOW
from services.contract.permissions import Perm

T = TypeVar("T")


@pytest.fixture
def as_user(aio, backend) -> Callable[..., T]:
    """Runs ``scenario(client, api)`` on the session's loop with ``username``'s token."""

    def run(scenario: Callable[[IdentityClient, ApiClient], Awaitable[T]], username: str = "admin") -> T:
        async def main() -> T:
            api = backend.api_client()
            api.set_token(backend.token(username))
            try:
                return await scenario(IdentityClient(api), api)
            finally:
                await api.aclose()

        return aio(main())

    return run


def test_users_roles_and_the_permission_codes_by_area(as_user):
    async def scenario(client: IdentityClient, _api: ApiClient):
        return await client.users(), await client.roles(), await client.permission_areas()

    users, roles, areas = as_user(scenario)
    assert {u.username: u.roles for u in users}["checker2"] == ["risk_checker"]
    assert {r.code: r.user_count for r in roles}["admin"] == 2
    assert areas[0].area == "Risk" and Perm.USER_ADMIN.value in next(a for a in areas if a.area == "Identity").permissions


def test_a_new_user_signs_in_with_the_one_time_password_and_must_change_it_first(as_user, aio, backend):
    created = as_user(lambda client, _api: client.create_user("  ops.chan ", " Chan Tai Man "))
    assert (created.user.username, created.user.display_name, created.user.roles) == ("ops.chan", "Chan Tai Man", [])

    async def first_sign_in():
        api = backend.api_client()
        session = SessionClient(api)
        try:
            token = await session.login("ops.chan", created.one_time_password)
            with pytest.raises(ApiError) as refused:
                await session.me()
            await session.change_password(created.one_time_password, "a-long-pass-phrase")
            again = await session.login("ops.chan", "a-long-pass-phrase")
            return token, refused.value, again, await session.me()
        finally:
            await api.aclose()

    token, refused, again, me = aio(first_sign_in())
    assert token.password_change_required and not again.password_change_required
    assert (refused.status, refused.code) == (403, ErrorCode.PASSWORD_CHANGE_REQUIRED)
    assert me.username == "ops.chan"


def test_disable_enable_and_reset_answer_at_once(as_user):
    async def scenario(client: IdentityClient, _api: ApiClient):
        disabled = await client.disable("funds")
        enabled = await client.enable("funds")
        reset = await client.reset_password("funds")
        with pytest.raises(ApiError) as own:
            await client.disable("admin")
        with pytest.raises(ApiError) as missing:
            await client.reset_password("nobody")
        return disabled, enabled, reset, own.value, missing.value

    disabled, enabled, reset, own, missing = as_user(scenario)
    assert (disabled.active, enabled.active, reset.user.must_change_password) == (False, True, True)
    assert len(reset.one_time_password) == 19 and reset.one_time_password.count("-") == 3
    assert (own.code, missing.code) == (ErrorCode.OWN_ACCOUNT, ErrorCode.NOT_FOUND)


def test_the_orders_carry_the_whole_new_set_and_a_note_and_a_retry_returns_the_first(as_user):
    assert user_roles_order("funds", ["fund_ops", "fund_ops", "customer_service"], "  ").payload == {
        "username": "funds", "roles": ["customer_service", "fund_ops"], "note": None}
    order = role_order("desk_viewer", "Desk viewer", "交易台查閱", [Perm.MARGIN_CALL_QUERY.value], "For the desk")
    assert (order.flow, order.payload["note"]) == (ROLE_UPDATE_FLOW, "For the desk")

    async def scenario(client: IdentityClient, _api: ApiClient):
        key = new_key()
        first = await client.submit_user_roles("funds", ["fund_ops", "customer_service"], "Covers the desk",
                                               idempotency_key=key)
        retry = await client.submit_user_roles("funds", ["fund_ops", "customer_service"], "Covers the desk",
                                               idempotency_key=key)
        role = await client.submit(order)
        return first, retry, role

    first, retry, role = as_user(scenario)
    assert (first.id, first.flow, first.payload["note"]) == (retry.id, USER_UPDATE_FLOW, "Covers the desk")
    assert role.status == "pending" and role.proposed["rows"][0]["code"] == "desk_viewer"


def test_someone_who_is_not_an_administrator_is_refused(as_user):
    async def scenario(client: IdentityClient, _api: ApiClient):
        with pytest.raises(ApiError) as refused:
            await client.users()
        return refused.value

    assert as_user(scenario, username="checker").code == ErrorCode.PERMISSION_DENIED
