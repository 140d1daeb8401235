"""Login, tokens and permissions over HTTP; lifetimes are reached by moving the app's clock."""

import pytest
from sqlalchemy import text

from backend.auth.roles import DEMO_USERS, ROLES
from backend.settings import Settings

ROLE_PERMS = {role.code: set(role.permissions) for role in ROLES}


@pytest.mark.parametrize("demo", DEMO_USERS, ids=lambda d: d.username)
def test_each_demo_user_logs_in_and_me_lists_exactly_the_role_permissions(api, demo):
    response = api.login(demo.username, demo.password)
    assert response.status_code == 200
    token = response.json()["access_token"]
    me = api.client(token=token).get("/me").json()
    assert me["username"] == demo.username
    assert me["roles"] == sorted(demo.roles)
    assert set(me["permissions"]) == set().union(*(ROLE_PERMS[r] for r in demo.roles))


def test_wrong_password_is_a_problem_with_a_stable_code(api):
    response = api.login("maker", "not-the-password")
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "invalid_credentials"
    unknown = api.login("nobody", "whatever")
    assert (unknown.status_code, unknown.json()["code"]) == (401, "invalid_credentials")


def test_missing_and_forged_tokens_are_refused(api):
    missing = api.client().get("/me")
    assert (missing.status_code, missing.json()["code"]) == (401, "not_authenticated")
    assert missing.headers["www-authenticate"].startswith("Bearer")
    forged = api.client(token="abc.def").get("/me")
    assert (forged.status_code, forged.json()["code"]) == (401, "not_authenticated")


def test_a_token_past_its_lifetime_is_expired_however_busy(api):
    """Used every 50 minutes, never idle, a token still ends at its absolute lifetime."""
    client = api.client(token=api.fresh_token("checker"))
    lifetime = Settings().token_ttl_minutes
    for _ in range(lifetime // 50):
        assert client.get("/me").status_code == 200
        api.clock.advance(minutes=50)
    api.clock.advance(minutes=lifetime % 50)
    response = client.get("/me")
    assert (response.status_code, response.json()["code"]) == (401, "token_expired")


def test_an_idle_token_expires(api):
    client = api.client(token=api.fresh_token("checker"))
    idle = Settings().token_idle_minutes
    api.clock.advance(minutes=idle - 1)
    assert client.get("/me").status_code == 200  # in time: and the idle time starts again
    api.clock.advance(minutes=idle - 1)
    assert client.get("/me").status_code == 200
    api.clock.advance(minutes=idle)
    response = client.get("/me")
    assert (response.status_code, response.json()["code"]) == (401, "token_expired")


def test_logout_revokes_the_token(api):
    client = api.client(token=api.fresh_token("checker"))
    assert client.post("/auth/logout").status_code == 204
    response = client.get("/me")
    assert (response.status_code, response.json()["code"]) == (401, "token_revoked")


@pytest.mark.parametrize(("username", "path"), [
    ("funds", "/margin-call/auto-convert"),
    ("funds", "/margin-call/borrowing"),
    ("service", "/margin-call/borrowing"),
    ("editor", "/margin-call/auto-convert/export.xlsx"),
])
def test_a_user_without_the_permission_gets_403(api, username, path):
    with api.client(username) as client:
        response = client.get(path)
    assert (response.status_code, response.json()["code"]) == (403, "permission_denied")


def test_audit_events_cannot_be_changed_or_deleted(api):
    assert api.login("checker").status_code == 200  # audited
    engine = api.engine()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_events")).scalar_one() > 0
        for statement in ("UPDATE audit_events SET action = 'x'", "DELETE FROM audit_events"):
            with pytest.raises(Exception, match="append-only"):
                conn.execute(text(statement))
            conn.rollback()
    engine.dispose()


def test_health_names_the_database(api):
    body = api.client().get("/health").json()
    assert body["status"] == "ok"
    assert body["database"] == ("sqlite" if api.database_url.startswith("sqlite") else "postgresql")
    assert body["demo"] is True


def test_a_disabled_account_cannot_sign_in_and_its_open_sessions_end(api):
    client = api.client(token=api.fresh_token("checker"))
    assert client.get("/me").status_code == 200
    engine = api.engine()
    with engine.begin() as conn:  # an administrator disables the account in the database
        conn.execute(text("UPDATE users SET active = :no WHERE username = 'checker'"), {"no": False})
    engine.dispose()
    response = client.get("/me")
    assert (response.status_code, response.json()["code"]) == (403, "account_disabled")
    login = api.login("checker")
    assert (login.status_code, login.json()["code"]) == (403, "account_disabled")


def test_a_password_hashed_at_another_cost_is_rehashed_at_the_current_one_on_sign_in(api):
    from argon2 import PasswordHasher

    from services.password_hashing import password_hasher

    older = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("maker-demo")
    assert password_hasher().check_needs_rehash(older)
    engine = api.engine()
    with engine.begin() as conn:
        conn.execute(text("UPDATE users SET password_hash = :h WHERE username = 'maker'"), {"h": older})
    assert api.login("maker").status_code == 200
    with engine.connect() as conn:
        stored = conn.scalar(text("SELECT password_hash FROM users WHERE username = 'maker'"))
    engine.dispose()
    assert stored != older and not password_hasher().check_needs_rehash(stored)
    assert api.login("maker").status_code == 200
    assert api.login("maker", "wrong").status_code == 401
