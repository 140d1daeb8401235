"""Approving and applying a 10,000-row long stock margin upload, on SQLite and PostgreSQL.

A real backend process per database. The upload needs two levels (more than 1,000 rows): the
figure is the second approval, which checks every target's version and writes the rows in its
transaction. Baseline, same run and database: the approval that applies a one-row create.
Both creates (rows new to the table) and updates (every row already there) are measured.
Run: python bench/batch_apply.py   (PostgreSQL from OPSDESK_BENCH_DATABASE_URL, default the
local server; set it to "" to measure SQLite only)
"""

import os
import statistics
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from harness import backend_process, header, scratch_postgres_database  # noqa: E402

from backend.db.engine import make_engine  # noqa: E402
from backend.risk.models import Security  # noqa: E402

ROWS = 10_000
RUNS = int(os.environ.get("BENCH_RUNS", "2"))
SINGLES = 7
PG_SERVER = os.environ.get("OPSDESK_BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
UPLOAD = "risk.credit.upload_stock_margin_ratio"
CREATE = "risk.credit.create_stock_margin_task"


@contextmanager
def sqlite_database():
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite:///{folder}/bench.db"


def add_securities(database_url: str, count: int) -> list[str]:
    """Symbols of the bench alone (``B00001.US`` …), so the demo's rows are not in the way."""
    symbols = [f"B{n:05d}.US" for n in range(1, count + 1)]
    engine = make_engine(database_url)
    with engine.begin() as conn:
        conn.execute(insert(Security), [{"symbol": s, "market": "US", "name": f"Bench {s}"} for s in symbols])
    engine.dispose()
    return symbols


def row(symbol: str, im: str) -> dict:
    return {"symbol": symbol, "market": "US", "im": im, "mcm": "0.45", "mm": "0.4", "fm": "0.35"}


def login(url: str, user: str) -> httpx.Client:
    token = httpx.post(f"{url}/auth/login", json={"username": user, "password": f"{user}-demo"}).json()
    return httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token['access_token']}"}, timeout=600)


def timed(call) -> tuple[float, httpx.Response]:
    started = time.perf_counter()
    response = call()
    elapsed = time.perf_counter() - started
    if response.status_code >= 300:
        raise RuntimeError(response.text[:500])
    return elapsed, response


def submit(maker: httpx.Client, flow: str, payload: dict) -> tuple[float, int]:
    elapsed, response = timed(lambda: maker.post("/work-orders", json={"flow": flow, "payload": payload},
                                                 headers={"Idempotency-Key": str(uuid.uuid4())}))
    return elapsed, response.json()["id"]


def approve(checker: httpx.Client, order_id: int, expect: str, level: int = 1) -> float:
    elapsed, response = timed(lambda: checker.post(f"/work-orders/{order_id}/decisions",
                                                   json={"decision": "approve", "level": level}))
    status = response.json()["status"]
    if status != expect:
        raise RuntimeError(f"order {order_id} is {status}, expected {expect}")
    return elapsed


def measure(database_url: str) -> dict[str, float]:
    with backend_process(database_url, "--demo", "--demo-accounts", "0") as url:
        symbols = add_securities(database_url, ROWS * RUNS + SINGLES)
        batches = [symbols[i * ROWS:(i + 1) * ROWS] for i in range(RUNS)]
        singles = symbols[ROWS * RUNS:]
        maker, checker, checker2 = login(url, "maker"), login(url, "checker"), login(url, "checker2")
        out: dict[str, list[float]] = {k: [] for k in ("single", "submit", "level1", "create", "update")}
        for symbol in singles:
            _, order_id = submit(maker, CREATE, row(symbol, "0.5"))
            out["single"].append(approve(checker, order_id, "applied"))
        for kind, im in (("create", "0.5"), ("update", "0.55")):
            for batch in batches:
                took, order_id = submit(maker, UPLOAD, {"mode": "upsert", "rows": [row(s, im) for s in batch]})
                out["submit"].append(took)
                out["level1"].append(approve(checker, order_id, "pending"))
                out[kind].append(approve(checker2, order_id, "applied", level=2))
        for client in (maker, checker, checker2):
            client.close()
    return {k: statistics.median(v) * 1000 for k, v in out.items()}


def main() -> None:
    databases = [("SQLite", sqlite_database)]
    if PG_SERVER:
        databases.append(("PostgreSQL", lambda: scratch_postgres_database(PG_SERVER, "opsdesk_bench")))
    results = []
    for name, database in databases:
        with database() as database_url:
            results.append((name, measure(database_url)))
    print(header(f"Approving and applying a {ROWS:,}-row upload", "python bench/batch_apply.py"))
    print("| database | apply 1-row create (baseline) | submit 10,000 | level 1 approve "
          "| apply 10,000 new | apply 10,000 updates | × baseline (new / updates) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, r in results:
        print(f"| {name} | {r['single']:.0f} ms | {r['submit']:.0f} ms | {r['level1']:.0f} ms "
              f"| {r['create']:.0f} ms | {r['update']:.0f} ms "
              f"| {r['create'] / r['single']:.0f} / {r['update'] / r['single']:.0f} |")
    print(f"\nMedians of {RUNS} uploads of each kind and {SINGLES} one-row creates; times are HTTP round "
          "trips from a client on the same machine (the answer carries the order's detail). Goal: apply "
          "10,000 rows in under 2 s.")


if __name__ == "__main__":
    main()
