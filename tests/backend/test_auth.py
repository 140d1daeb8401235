"""Login, tokens and permissions through the real backend over HTTP."""

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import text, update

from backend.auth.models import AuthToken
from backend.auth.roles import DEMO_USERS, ROLES
from backend.kit.clock import utcnow
from tests.conftest import LiveBackend

ROLE_PERMS = {role.code: set(role.permissions) for role in ROLES}


@pytest.mark.parametrize("demo", DEMO_USERS, ids=lambda d: d.username)
def test_each_demo_user_logs_in_and_me_lists_exactly_the_role_permissions(server, demo):
    response = server.login(demo.username, demo.password)
    assert response.status_code == 200
    token = response.json()["access_token"]
    me = httpx.get(f"{server.url}/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert me["username"] == demo.username
    assert me["roles"] == sorted(demo.roles)
    assert set(me["permissions"]) == set().union(*(ROLE_PERMS[r] for r in demo.roles))


def test_wrong_password_is_a_problem_with_a_stable_code(server):
    response = server.login("maker", "not-the-password")
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "invalid_credentials"
    unknown = server.login("nobody", "whatever")
    assert (unknown.status_code, unknown.json()["code"]) == (401, "invalid_credentials")


def test_missing_and_forged_tokens_are_refused(server):
    missing = httpx.get(f"{server.url}/me")
    assert (missing.status_code, missing.json()["code"]) == (401, "not_authenticated")
    assert missing.headers["www-authenticate"].startswith("Bearer")
    forged = httpx.get(f"{server.url}/me", headers={"Authorization": "Bearer abc.def"})
    assert (forged.status_code, forged.json()["code"]) == (401, "not_authenticated")


def _age_newest_token(server: LiveBackend, **values) -> None:
    engine = server.engine()
    with engine.begin() as conn:
        newest = conn.execute(text("SELECT max(id) FROM auth_tokens")).scalar_one()
        conn.execute(update(AuthToken).where(AuthToken.id == newest).values(**values))
    engine.dispose()


def test_a_token_past_its_lifetime_is_expired(server):
    token = server.fresh_token("checker")
    headers = {"Authorization": f"Bearer {token}"}
    assert httpx.get(f"{server.url}/me", headers=headers).status_code == 200
    _age_newest_token(server, expires_at=utcnow() - timedelta(seconds=1))
    response = httpx.get(f"{server.url}/me", headers=headers)
    assert (response.status_code, response.json()["code"]) == (401, "token_expired")


def test_an_idle_token_expires(server):
    token = server.fresh_token("checker")
    _age_newest_token(server, last_used_at=utcnow() - timedelta(hours=2))
    response = httpx.get(f"{server.url}/me", headers={"Authorization": f"Bearer {token}"})
    assert (response.status_code, response.json()["code"]) == (401, "token_expired")


def test_logout_revokes_the_token(server):
    token = server.fresh_token("checker")
    headers = {"Authorization": f"Bearer {token}"}
    assert httpx.post(f"{server.url}/auth/logout", headers=headers).status_code == 204
    response = httpx.get(f"{server.url}/me", headers=headers)
    assert (response.status_code, response.json()["code"]) == (401, "token_revoked")


@pytest.mark.parametrize(("username", "path"), [
    ("funds", "/margin-call/auto-convert"),
    ("funds", "/margin-call/borrowing"),
    ("service", "/margin-call/borrowing"),
    ("editor", "/margin-call/auto-convert/export.xlsx"),
])
def test_a_user_without_the_permission_gets_403(server, username, path):
    with server.client(username) as client:
        response = client.get(path)
    assert (response.status_code, response.json()["code"]) == (403, "permission_denied")


def test_audit_events_cannot_be_changed_or_deleted(server):
    engine = server.engine()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_events")).scalar_one() > 0
        for statement in ("UPDATE audit_events SET action = 'x'", "DELETE FROM audit_events"):
            with pytest.raises(Exception, match="append-only"):
                conn.execute(text(statement))
            conn.rollback()
    engine.dispose()


def test_health_names_the_database(server):
    body = httpx.get(f"{server.url}/health").json()
    assert body["status"] == "ok"
    assert body["database"] == ("sqlite" if server.database_url.startswith("sqlite") else "postgresql")
    assert body["demo"] is True
