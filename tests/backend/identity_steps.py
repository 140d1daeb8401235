"""Shared steps of the identity API tests: the routes, work orders on users and roles, and rows
arranged straight in the database where a test needs a situation the demo data lacks."""

import uuid

from sqlalchemy import text

from services.contract.identity import (
    IDENTITY_ROLES_PATH,
    IDENTITY_USERS_PATH,
    USER_DISABLE_PATH,
    USER_ENABLE_PATH,
    USER_RESET_PASSWORD_PATH,
)
from tests.backend.work_order_steps import decide
from tests.fixtures.app_backend import AppBackend


def sql(api: AppBackend, statement: str, **params) -> list:
    engine = api.engine()
    with engine.begin() as conn:
        result = conn.execute(text(statement), params)
        rows = result.all() if result.returns_rows else []
    engine.dispose()
    return rows


def users(api: AppBackend, by: str = "admin") -> dict[str, dict]:
    with api.client(by) as client:
        response = client.get(IDENTITY_USERS_PATH)
    assert response.status_code == 200, response.text
    return {u["username"]: u for u in response.json()}


def roles(api: AppBackend, by: str = "admin") -> dict[str, dict]:
    with api.client(by) as client:
        response = client.get(IDENTITY_ROLES_PATH)
    assert response.status_code == 200, response.text
    return {r["code"]: r for r in response.json()}


def create(api: AppBackend, username: str, display_name: str = "New Colleague", by: str = "admin"):
    with api.client(by) as client:
        return client.post(IDENTITY_USERS_PATH, json={"username": username, "display_name": display_name})


def act(api: AppBackend, path: str, username: str, by: str = "admin"):
    """POST one of the direct actions (USER_DISABLE_PATH, USER_ENABLE_PATH, USER_RESET_PASSWORD_PATH)."""
    assert path in (USER_DISABLE_PATH, USER_ENABLE_PATH, USER_RESET_PASSWORD_PATH)
    with api.client(by) as client:
        return client.post(path.format(username=username))


def submit(api: AppBackend, flow: str, payload: dict, maker: str = "admin"):
    with api.client(maker) as client:
        return client.post("/work-orders", json={"flow": flow, "payload": payload},
                           headers={"Idempotency-Key": str(uuid.uuid4())})


def submitted(api: AppBackend, flow: str, payload: dict, maker: str = "admin") -> dict:
    response = submit(api, flow, payload, maker)
    assert response.status_code == 201, response.text
    return response.json()


def user_roles(username: str, *roles: str) -> dict:
    return {"username": username, "roles": list(roles)}


def role(code: str, permissions, name_en: str | None = None, name_zh: str | None = None) -> dict:
    return {"code": code, "name_en": name_en or code.replace("_", " ").capitalize(),
            "name_zh": name_zh or f"角色 {code}", "permissions": sorted(permissions)}


def applied(api: AppBackend, order_id: int, decider: str = "admin2") -> dict:
    response = decide(api, decider, order_id)
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "applied", response.text
    return response.json()


def grant_role(api: AppBackend, username: str, code: str, permissions: list[str]) -> None:
    """Arranged in the database: a role ``code`` holding ``permissions``, given to ``username``."""
    sql(api, "INSERT INTO roles (code, name_en, name_zh, version) VALUES (:code, :code, :code, 1)", code=code)
    (role_id,), = sql(api, "SELECT id FROM roles WHERE code = :code", code=code)
    for permission in permissions:
        sql(api, "INSERT INTO role_permissions (role_id, permission) VALUES (:r, :p)", r=role_id, p=permission)
    sql(api, "INSERT INTO user_roles (user_id, role_id) SELECT id, :r FROM users WHERE username = :u",
        r=role_id, u=username)


def me(api: AppBackend, username: str) -> dict:
    with api.client(username) as client:
        response = client.get("/me")
    assert response.status_code == 200, response.text
    return response.json()

