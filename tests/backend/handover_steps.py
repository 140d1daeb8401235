"""Shared steps of the transfer (轉交), CC (抄送) and delegation (委託) API tests."""

from datetime import timedelta

from sqlalchemy import text

from tests.fixtures.app_backend import AppBackend


def transfer(api: AppBackend, user: str, order_id: int, to: str, note: str = "On leave this week",
             token: str | None = None):
    with api.client(user, token=token) as client:
        return client.post(f"/work-orders/{order_id}/transfer", json={"to": to, "note": note})


def candidates(api: AppBackend, user: str, order_id: int, q: str = "") -> list[str]:
    with api.client(user) as client:
        response = client.get(f"/work-orders/{order_id}/transfer-candidates", params={"q": q})
    assert response.status_code == 200, response.text
    return [c["username"] for c in response.json()]


def delegate(api: AppBackend, user: str, to: str, *, start_in: float = 0, minutes: float = 60,
             flows: list[str] | None = None):
    """``user`` delegates to ``to`` from ``start_in`` minutes from now for ``minutes``."""
    starts = api.clock.now() + timedelta(minutes=start_in)
    with api.client(user) as client:
        return client.post("/approval-delegations", json={
            "to": to, "starts_at": starts.isoformat(), "ends_at": (starts + timedelta(minutes=minutes)).isoformat(),
            "flows": flows})


def awaiting_count(api: AppBackend, user: str) -> int:
    with api.client(user) as client:
        return client.get("/work-orders/counts").json()["awaiting_me"]


def audited(api: AppBackend, action: str, entity_id: int) -> list[dict]:
    engine = api.engine()
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT actor_id, action FROM audit_events WHERE action = :a AND entity_id = :id"),
                            {"a": action, "id": str(entity_id)}).all()
    engine.dispose()
    return [dict(r._mapping) for r in rows]


def code(response) -> tuple[int, str | None]:
    return response.status_code, response.json().get("code")
