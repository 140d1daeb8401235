"""Identity › Users over HTTP: only administrators reach it; a user is created without roles and
with a one-time password shown once, stored only hashed, that must be changed before anything else;
disabling ends the user's sessions at once; a reset gives a new one-time password; nobody disables
or resets their own account, and the last active administrator is never disabled. Every refusal
names its reason and changes nothing."""

import json
from datetime import datetime, timedelta

import pytest

from services.contract.identity import (
    IDENTITY_PERMISSIONS_PATH,
    IDENTITY_ROLES_PATH,
    IDENTITY_USERS_PATH,
    USER_DISABLE_PATH,
    USER_ENABLE_PATH,
    USER_RESET_PASSWORD_PATH,
)
from services.contract.permissions import Perm
from tests.backend.identity_steps import act, create, grant_role, sql, users
from tests.fixtures.app_backend import AppBackend

NEW_PASSWORD = "harbour-lights-2026"
ROUTES = [("get", IDENTITY_USERS_PATH), ("post", IDENTITY_USERS_PATH), ("get", IDENTITY_ROLES_PATH),
          ("get", IDENTITY_PERMISSIONS_PATH), ("post", USER_DISABLE_PATH), ("post", USER_ENABLE_PATH),
          ("post", USER_RESET_PASSWORD_PATH)]


def _audit(api: AppBackend, action: str) -> list[dict]:
    """The audit events of ``action``: before and after as JSON the database returns (text on SQLite)."""
    rows = sql(api, "SELECT entity_id, before, after FROM audit_events WHERE action = :a ORDER BY id", a=action)
    return [{"entity_id": r.entity_id, **{k: json.loads(v) if isinstance(v, str) else v
                                          for k, v in (("before", r.before), ("after", r.after))}} for r in rows]


@pytest.mark.parametrize("username", ["maker", "checker", "service", "editor", "publisher", "funds"])
def test_only_administrators_reach_the_identity_routes(api, username):
    for method, path in ROUTES:
        with api.client(username) as client:
            response = client.request(method.upper(), path.format(username="service"),
                                      json={"username": "someone", "display_name": "Some One"})
        assert (response.status_code, response.json()["code"]) == (403, "permission_denied"), (method, path)
    assert users(api)["service"]["active"] and "someone" not in users(api)


def test_the_users_list_shows_roles_state_and_the_last_sign_in(api):
    before = users(api)
    assert list(before) == sorted(before)
    assert before["checker"]["roles"] == ["risk_checker"] and before["admin2"]["roles"] == ["admin"]
    assert before["checker"]["active"] and not before["checker"]["must_change_password"]
    api.clock.advance(minutes=40)  # the sign-in is stamped by the app's clock
    assert api.login("checker").status_code == 200
    stamped = datetime.fromisoformat(users(api)["checker"]["last_sign_in_at"])
    assert abs(stamped - api.clock.now()) < timedelta(minutes=1)
    assert users(api)["checker2"]["last_sign_in_at"] == before["checker2"]["last_sign_in_at"]


def test_a_new_user_has_no_roles_and_a_one_time_password_that_must_be_changed_first(api):
    response = create(api, "ops.lee", "Lee Ka Ho 李家豪")
    assert response.status_code == 201, response.text
    body = response.json()
    otp = body["one_time_password"]
    assert body["user"] | {"created_at": None} == {
        "username": "ops.lee", "display_name": "Lee Ka Ho 李家豪", "active": True, "roles": [],
        "created_at": None, "last_sign_in_at": None, "must_change_password": True, "version": 1,
        "pending_work_order_id": None}
    # Shown once: stored only as its hash, and nowhere in the audit trail.
    (stored,), = sql(api, "SELECT password_hash FROM users WHERE username = 'ops.lee'")
    assert otp not in stored and stored.startswith("$argon2id$")
    (event,) = _audit(api, "identity.user_created")
    assert otp not in str(event) and event["after"]["username"] == "ops.lee"
    assert "one_time_password" not in users(api)["ops.lee"]

    login = api.login("ops.lee", otp)
    assert login.status_code == 200 and login.json()["password_change_required"] is True
    token = login.json()["access_token"]
    with api.client(token=token) as client:
        refused = client.get("/me")
        assert (refused.status_code, refused.json()["code"]) == (403, "password_change_required")
        assert client.post("/auth/password", json={"current_password": otp, "new_password": otp + "x"}
                           ).status_code == 204
    assert users(api)["ops.lee"]["must_change_password"] is False
    again = api.login("ops.lee", otp + "x")
    assert again.json()["password_change_required"] is False
    with api.client(token=again.json()["access_token"]) as client:
        assert client.get("/me").json()["roles"] == []


def test_a_one_time_passwords_session_may_sign_out_but_reaches_nothing_else(api):
    otp = create(api, "ops.wong").json()["one_time_password"]
    token = api.login("ops.wong", otp).json()["access_token"]
    with api.client(token=token) as client:
        for method, path in (("get", "/work-orders"), ("post", "/auth/offline-grant"), ("get", "/me")):
            response = client.request(method.upper(), path, json={})
            assert (response.status_code, response.json()["code"]) == (403, "password_change_required"), path
        assert client.post("/auth/logout").status_code == 204
        assert client.get("/me").json()["code"] == "token_revoked"


@pytest.mark.parametrize(("username", "display_name", "field", "code"), [
    ("Ops.Lee", "Lee", "username", "username_format"),
    ("ab", "Lee", "username", "username_format"),
    ("lee chan", "Lee", "username", "username_format"),
    ("", "Lee", "username", "required"),
    ("lee", "   ", "display_name", "required"),
    ("lee", "x" * 129, "display_name", "too_long"),
])
def test_a_bad_new_user_is_refused_naming_the_field_and_nothing_is_created(api, username, display_name, field, code):
    before = users(api)
    response = create(api, username, display_name)
    assert (response.status_code, response.json()["code"]) == (422, "rule_violation")
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [(field, code)]
    assert users(api) == before and _audit(api, "identity.user_created") == []


def test_a_taken_username_is_refused_even_when_its_user_is_disabled(api):
    assert act(api, USER_DISABLE_PATH, "service").status_code == 200
    response = create(api, "service", "Another Peter")
    assert (response.status_code, response.json()["code"]) == (409, "username_taken")
    assert response.json()["errors"][0]["field"] == "username"
    assert users(api)["service"]["display_name"] == "Peter Ho 何志明"


def test_disabling_ends_every_session_of_the_user_at_once_and_enabling_lets_them_back(api):
    token = api.fresh_token("checker")
    with api.client(token=token) as client:
        assert client.get("/me").status_code == 200
    response = act(api, USER_DISABLE_PATH, "checker")
    assert response.status_code == 200 and response.json()["active"] is False
    with api.client(token=token) as client:
        assert client.get("/me").json()["code"] == "token_revoked"  # ended now, not at its expiry
    assert api.login("checker").json()["code"] == "account_disabled"
    (event,) = _audit(api, "identity.user_disabled")
    assert event["after"]["sessions_ended"] >= 2 and event["before"]["active"] is True  # the template's and this one

    assert act(api, USER_ENABLE_PATH, "checker").json()["active"] is True
    assert api.login("checker").status_code == 200
    assert [e["after"]["active"] for e in _audit(api, "identity.user_enabled")] == [True]
    assert users(api)["checker"]["version"] == 3  # disabled, enabled: a roles order read before goes stale


def test_a_reset_gives_a_new_one_time_password_and_ends_the_old_sessions(api):
    token = api.fresh_token("service")
    for _ in range(5):  # locked out by failed sign-ins
        api.login("service", "wrong password")
    assert api.login("service").json()["code"] == "too_many_attempts"
    response = act(api, USER_RESET_PASSWORD_PATH, "service")
    assert response.status_code == 200, response.text
    otp = response.json()["one_time_password"]
    assert response.json()["user"]["must_change_password"] is True
    with api.client(token=token) as client:
        assert client.get("/me").json()["code"] == "token_revoked"
    assert api.login("service").json()["code"] == "invalid_credentials"  # the old password is gone
    assert api.login("service", otp).json()["password_change_required"] is True  # the lockout lifted
    (event,) = _audit(api, "identity.password_reset")
    assert otp not in str(event)
    assert act(api, USER_RESET_PASSWORD_PATH, "service").json()["one_time_password"] != otp


@pytest.mark.parametrize("path", [USER_DISABLE_PATH, USER_RESET_PASSWORD_PATH])
def test_an_administrator_neither_disables_nor_resets_their_own_account(api, path):
    before = users(api)["admin"]
    response = act(api, path, "admin")
    assert (response.status_code, response.json()["code"]) == (409, "own_account")
    assert users(api)["admin"] == before
    assert api.client("admin").get("/me").status_code == 200


def test_an_unknown_user_is_404(api):
    for path in (USER_DISABLE_PATH, USER_ENABLE_PATH, USER_RESET_PASSWORD_PATH):
        response = act(api, path, "nobody")
        assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_the_last_active_administrator_is_never_disabled(api):
    # A user administrator who is not an administrator: the one who could disable the last one.
    grant_role(api, "maker", "user_admin", [Perm.USER_ADMIN.value])
    assert act(api, USER_DISABLE_PATH, "admin2").status_code == 200
    response = act(api, USER_DISABLE_PATH, "admin", by="maker")
    assert (response.status_code, response.json()["code"]) == (409, "last_administrator")
    assert "only active administrator" in response.json()["detail"]
    assert users(api)["admin"]["active"] is True
    assert act(api, USER_ENABLE_PATH, "admin2", by="maker").status_code == 200
    assert act(api, USER_DISABLE_PATH, "admin", by="maker").json()["active"] is False  # another is left
