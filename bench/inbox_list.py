"""The approval inbox and the other work-order lists over 100,000 work orders.

A real backend process per database (SQLite, and PostgreSQL unless OPSDESK_BENCH_DATABASE_URL
is ""). The orders are written straight into the tables (as years of use would leave them):
one in ten pending (about 10,000 in the checkers' "Awaiting me"), the rest decided by the two
checkers; each order has one 或簽 level whose seats are the two checkers, as the demo's chain for
these flows names them. Each list is measured on its first page and on a deep page reached by
walking the keyset cursor, 100 rows a page (the first counts its list, up to 1,000).
Baseline, same run: ``GET /health``.
Run: python bench/inbox_list.py
"""

import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

import httpx
from sqlalchemy import insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from batch_apply import PG_SERVER, login, sqlite_database  # noqa: E402
from harness import backend_process, header, scratch_postgres_database  # noqa: E402

from backend.auth.models import User  # noqa: E402
from backend.db.engine import make_engine  # noqa: E402
from backend.kit.clock import utcnow  # noqa: E402
from backend.work_orders.models import (  # noqa: E402
    WorkOrder,
    WorkOrderDecision,
    WorkOrderLevel,
    WorkOrderLevelApprover,
)
from services.contract.flows import RISK_CREDIT_FLOWS  # noqa: E402

ORDERS = 100_000
RUNS = int(os.environ.get("BENCH_RUNS", "20"))
CHUNK = 5_000


def add_orders(database_url: str, *, analyze: bool = True) -> dict[str, int]:
    """Writes the orders; returns how many rows each measured list has (view → rows)."""
    rng = random.Random(3)
    engine = make_engine(database_url)
    with engine.begin() as conn:
        users = dict(conn.execute(select(User.username, User.id)).all())
        makers = [users["maker"], users["admin"]]
        checkers = [users["checker"], users["checker2"]]
        start = utcnow() - timedelta(days=720)
        orders, decisions, levels, seats = [], [], [], []
        for n in range(1, ORDERS + 1):
            pending = rng.random() < 0.1
            status = "pending" if pending else rng.choices(["applied", "rejected", "withdrawn", "stale"],
                                                          [80, 12, 5, 3])[0]
            at = start + timedelta(minutes=n * 10)
            orders.append({"id": n, "flow": rng.choice(RISK_CREDIT_FLOWS), "maker_id": rng.choice(makers),
                           "status": status, "levels": 1, "approvals": 0 if pending else 1,
                           "summary": f"bench order {n}", "payload": {}, "snapshot": {"rows": []},
                           "idempotency_key": f"bench-{n}", "request_hash": "0" * 64, "submitted_at": at,
                           "updated_at": at, "row_version": 1})
            levels.append({"work_order_id": n, "level": 1, "mode": "any"})
            seats.extend({"work_order_id": n, "level": 1, "user_id": c, "via": "role:checker"} for c in checkers)
            if status in ("applied", "rejected"):
                decisions.append({"work_order_id": n, "level": 1, "decider_id": rng.choice(checkers),
                                  "decision": "approve" if status == "applied" else "reject",
                                  "comment": None if status == "applied" else "bench", "decided_at": at})
        for table, rows in ((WorkOrder.__table__, orders), (WorkOrderDecision.__table__, decisions),
                            (WorkOrderLevel.__table__, levels), (WorkOrderLevelApprover.__table__, seats)):
            for i in range(0, len(rows), CHUNK):
                conn.execute(insert(table), rows[i:i + CHUNK])
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('work_orders', 'id'), {ORDERS})")
    if analyze:
        _analyze(engine)
    engine.dispose()
    return {"awaiting_me": sum(o["status"] == "pending" for o in orders),
            "decided": sum(d["decider_id"] == users["checker"] for d in decisions), "all": len(orders)}


def _analyze(engine) -> None:
    with engine.connect() as conn:
        # Statistics, as autovacuum keeps them on a database in use; straight after a bulk load
        # PostgreSQL would plan as if the tables were empty.
        conn.exec_driver_sql("ANALYZE")
        conn.commit()


def median_ms(client: httpx.Client, path: str, params: dict | None = None) -> float:
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        client.get(path, params=params).raise_for_status()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def deep_cursor(client: httpx.Client, view: str, depth: int) -> tuple[str, int]:
    """The cursor after ``depth`` rows of ``view``, walked a thousand rows at a time."""
    cursor, walked = None, 0
    while walked < depth:
        page = client.get("/work-orders", params={"view": view, "limit": 1000,
                                                  **({"cursor": cursor} if cursor else {})}).json()
        if page["next_cursor"] is None:
            break
        cursor, walked = page["next_cursor"], walked + len(page["items"])
    return cursor, walked


def measure(database_url: str) -> list[tuple[str, float]]:
    with backend_process(database_url, "--demo", "--demo-accounts", "0") as url:
        rows = add_orders(database_url)
        checker, admin = login(url, "checker"), login(url, "admin")
        out = [("GET /health (baseline)", median_ms(checker, "/health")),
               (f"counts for the status bar ({rows['awaiting_me']:,} awaiting the checker)",
                median_ms(checker, "/work-orders/counts"))]
        for who, client, view, depth in (("checker", checker, "awaiting_me", 5_000),
                                         ("checker", checker, "decided", 40_000),
                                         ("admin", admin, "all", 90_000)):
            out.append((f"{view} ({who}, {rows[view]:,} rows): first page",
                        median_ms(client, "/work-orders", {"view": view})))
            cursor, walked = deep_cursor(client, view, depth)
            out.append((f"{view}: page after {walked:,} rows",
                        median_ms(client, "/work-orders", {"view": view, "cursor": cursor})))
        for client in (checker, admin):
            client.close()
    return out


def main() -> None:
    databases = [("SQLite", sqlite_database)]
    if PG_SERVER:
        databases.append(("PostgreSQL", lambda: scratch_postgres_database(PG_SERVER, "opsdesk_bench")))
    print(header(f"Work-order lists over {ORDERS:,} orders", "python bench/inbox_list.py"))
    for name, database in databases:
        with database() as database_url:
            rows = measure(database_url)
        base = rows[0][1]
        print(f"\n{name}\n\n| what | median | × GET /health |\n|---|---:|---:|")
        for what, ms in rows:
            print(f"| {what} | {ms:.1f} ms | {ms / base:.1f} |")
    print(f"\n{RUNS} runs per figure; 100 rows a page, the first with its count (exact up to 1,000).")


if __name__ == "__main__":
    main()
