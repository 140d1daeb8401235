"""Shared steps of the work-order API tests: payloads, submitting, freeing a target, deciding."""

import uuid

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from backend.risk.models import DayTradeWindowRow
from backend.work_orders.models import WorkOrder, WorkOrderLevel, WorkOrderLevelApprover
from tests.conftest import LiveBackend

FLOW = "risk.credit.set_day_trade_time_config"


def window(market: str, **changes) -> dict:
    tz = {"HK": "Asia/Hong_Kong", "US": "America/New_York"}[market]
    return {"market": market, "time_zone": tz, "start": "09:30", "force_close": "15:50", "end": "16:00",
            **changes}


def post(client, body: dict, key: str | None):
    headers = {"Idempotency-Key": key} if key else {}
    return client.post("/work-orders", json=body, headers=headers)


def free_target(server: LiveBackend, market: str) -> None:
    """Withdraws the order pending on ``market``'s window, if any (tests share one backend)."""
    free_target_key(server, f"day_trade_window:{market}")


def free_target_key(server: LiveBackend, key: str) -> None:
    """Withdraws the order holding the work-order target ``key``, if any, as its maker."""
    engine = server.engine()
    with engine.connect() as conn:
        holder = conn.execute(text(
            "SELECT l.work_order_id, u.username FROM work_order_locks l "
            "JOIN work_orders w ON w.id = l.work_order_id JOIN users u ON u.id = w.maker_id "
            "WHERE l.target_key = :key"), {"key": key}).first()
    engine.dispose()
    if holder is not None:
        with server.client(holder.username) as owner:
            assert owner.post(f"/work-orders/{holder.work_order_id}/withdraw").status_code == 200


def fresh_order(server: LiveBackend, market: str, maker: str = "maker", **changes) -> dict:
    """A new pending order on ``market``'s window."""
    free_target(server, market)
    with server.client(maker) as client:
        response = post(client, {"flow": FLOW, "payload": window(market, **changes)}, str(uuid.uuid4()))
    assert response.status_code == 201, response.text
    return response.json()


def live_window(server: LiveBackend, market: str) -> DayTradeWindowRow:
    engine = server.engine()
    with Session(engine) as session:
        row = session.scalar(select(DayTradeWindowRow).where(DayTradeWindowRow.market == market))
    engine.dispose()
    return row


def decide(server: LiveBackend, user: str, order_id: int, decision: str = "approve", comment=None,
           level: int | None = None):
    """``user`` decides ``level``; by default the one the order shows them now, as the desktop does."""
    with server.client(user) as client:
        if level is None:
            shown = client.get(f"/work-orders/{order_id}")
            level = shown.json()["approvals"] + 1 if shown.status_code == 200 else 1
        return client.post(f"/work-orders/{order_id}/decisions",
                           json={"decision": decision, "level": level, "comment": comment})


def copies(server: LiveBackend, order_id: int, n: int) -> None:
    """``n`` more pending orders like ``order_id``, with its level and seats, written straight into the
    tables (as a busy inbox would hold them)."""
    engine = server.engine()
    with engine.begin() as conn:
        order = dict(conn.execute(select(WorkOrder.__table__).where(WorkOrder.id == order_id)).mappings().one())
        levels = conn.execute(select(WorkOrderLevel.__table__).where(WorkOrderLevel.work_order_id == order_id)
                              ).mappings().all()
        seats = conn.execute(select(WorkOrderLevelApprover.__table__)
                             .where(WorkOrderLevelApprover.work_order_id == order_id)).mappings().all()
        first = conn.execute(select(func.max(WorkOrder.id))).scalar_one() + 1
        ids = range(first, first + n)
        conn.execute(insert(WorkOrder), [{**order, "id": i, "idempotency_key": f"copy-{i}"} for i in ids])
        conn.execute(insert(WorkOrderLevel), [{**row, "work_order_id": i} for i in ids for row in levels])
        conn.execute(insert(WorkOrderLevelApprover), [{**row, "work_order_id": i} for i in ids for row in seats])
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT setval(pg_get_serial_sequence('work_orders', 'id'), :last)"),
                         {"last": first + n - 1})
    engine.dispose()
