"""Shared steps of the approval-chain API tests: changing a chain (a work order a second
administrator decides), people with several roles, disabling someone, reading an order."""

import uuid

from sqlalchemy import update
from sqlalchemy.orm import Session

from backend.auth.bootstrap import create_user
from backend.auth.models import User
from tests.backend.work_order_steps import post
from tests.conftest import LiveBackend

CHAIN_FLOW = "identity.approval_chain.update"
WINDOW = "risk.credit.set_day_trade_time_config"


def level(*roles: str, users: tuple[str, ...] = (), mode: str = "any") -> dict:
    return {"approvers": {"roles": list(roles), "users": list(users)}, "mode": mode}


def submit_chain(server: LiveBackend, flow: str | None, chain: dict | None, maker: str = "admin"):
    with server.client(maker) as client:
        return post(client, {"flow": CHAIN_FLOW, "payload": {"flow": flow, "chain": chain}}, str(uuid.uuid4()))


def change_chain(server: LiveBackend, flow: str | None, chain: dict | None) -> dict:
    """Sets (or, ``chain`` None, removes) a chain as the product does: the administrator submits,
    the second administrator approves; returns the applied order."""
    submitted = submit_chain(server, flow, chain)
    assert submitted.status_code == 201, submitted.text
    with server.client("admin2") as client:
        decided = client.post(f"/work-orders/{submitted.json()['id']}/decisions",
                              json={"decision": "approve", "level": 1})
    assert decided.status_code == 200 and decided.json()["status"] == "applied", decided.text
    return decided.json()


def new_user(server: LiveBackend, *roles: str) -> str:
    """A new active user holding ``roles``; password ``<username>-demo``."""
    name = f"u{uuid.uuid4().hex[:10]}"
    engine = server.engine()
    with Session(engine) as session:
        create_user(session, name, f"{name}-demo", f"Tester {name}", roles)
        session.commit()
    engine.dispose()
    return name


def set_active(server: LiveBackend, username: str, active: bool) -> None:
    """Disables or re-enables an account (identity administration's change, made here directly)."""
    engine = server.engine()
    with Session(engine) as session:
        session.execute(update(User).where(User.username == username).values(active=active))
        session.commit()
    engine.dispose()


def shown(server: LiveBackend, user: str, order_id: int) -> dict:
    with server.client(user) as client:
        response = client.get(f"/work-orders/{order_id}")
    assert response.status_code == 200, response.text
    return response.json()


def approvers(order: dict, level: int = 1) -> set[str]:
    """Display names of the approvers of ``level`` of an order as shown."""
    return {a["name"] for lv in order["approval_levels"] if lv["level"] == level for a in lv["approvers"]}


def listed(server: LiveBackend, user: str, **params) -> list[int]:
    with server.client(user) as client:
        response = client.get("/work-orders", params={"limit": 1000, **params})
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]
