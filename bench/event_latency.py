"""From a submission to the approver's count: how soon the desktop's "Awaiting me" moves.

The demo maker submits a work order through one backend process; the demo checker's desktop
(desktop/live_updates.py on the app's qasync loop, offscreen) holds its event stream on another
process of the same PostgreSQL database, hears work_order.submitted through LISTEN/NOTIFY, and
reads its counts again. Measured: from sending the submission to the count shown, per order (each
is withdrawn after, so the next has its target free). On SQLite both are one process. Baselines,
same run: a plain GET round trip on the desktop's process, and the submission alone.
Run: QT_QPA_PLATFORM=offscreen python bench/event_latency.py
(PostgreSQL at OPSDESK_BENCH_DATABASE_URL, default the local test server; "" skips it)
"""

import asyncio
import os
import statistics
import sys
import time
import uuid
from contextlib import ExitStack, contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from batch_apply import PG_SERVER, login, sqlite_database  # noqa: E402
from harness import backend_process, header, scratch_postgres_database  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")  # before qasync picks its binding

from desktop import event_loop  # noqa: E402
from desktop.app import create_application  # noqa: E402
from desktop.live_updates import LiveUpdates  # noqa: E402
from desktop.notice_area import NoticeArea  # noqa: E402
from services.api_client import ApiClient  # noqa: E402
from services.clients.session import SessionClient  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "30"))
FLOW = "risk.credit.set_day_trade_time_config"
BACKEND_ARGS = ("--demo", "--demo-accounts", "0", "--demo-messages", "0")


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[18]


def window_order(minute: int) -> dict:
    return {"flow": FLOW, "payload": {"market": "HK", "time_zone": "Asia/Hong_Kong", "start": "09:30",
                                      "force_close": f"15:{minute:02d}", "end": "16:00"}}


@contextmanager
def two_processes(database_url: str, separate: bool):
    """The maker's process and the desktop's (the same one when ``separate`` is False)."""
    with ExitStack() as stack:
        first = stack.enter_context(backend_process(database_url, *BACKEND_ARGS))
        second = stack.enter_context(backend_process(database_url, *BACKEND_ARGS)) if separate else first
        yield first, second


async def measure(maker_url: str, desktop_url: str) -> dict[str, list[float]]:
    maker = login(maker_url, "maker")
    api = ApiClient(desktop_url)
    session = SessionClient(api)
    await session.login("checker", "checker-demo")
    live = LiveUpdates(api, await session.me(), NoticeArea(), lambda exc: print(f"error: {exc}", file=sys.stderr))
    count = live.inbox_count
    live.start()
    samples: dict[str, list[float]] = {"get": [], "submit": [], "count": []}
    try:
        await until(lambda: live.events.live and count.count is not None)
        for run in range(RUNS):
            started = time.perf_counter()
            await api.request("GET", "/health")
            samples["get"].append(time.perf_counter() - started)

            before = count.count
            started = time.perf_counter()
            response = await asyncio.to_thread(maker.post, "/work-orders", json=window_order(run % 30 + 10),
                                               headers={"Idempotency-Key": str(uuid.uuid4())})
            samples["submit"].append(time.perf_counter() - started)
            response.raise_for_status()
            await until(lambda before=before: count.count == before + 1)
            samples["count"].append(time.perf_counter() - started)
            withdrawn = await asyncio.to_thread(maker.post, f"/work-orders/{response.json()['id']}/withdraw")
            withdrawn.raise_for_status()
            await until(lambda before=before: count.count == before)
    finally:
        live.stop()
        await api.aclose()
        maker.close()
    return samples


async def until(predicate, timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError("the desktop's count did not move")
        await asyncio.sleep(0.0005)


async def run_all(databases) -> list[str]:
    """Each database in turn, on the one qasync loop (starting backends blocks it, as nothing
    else runs then)."""
    rows = []
    for name, database, separate in databases:
        with database() as database_url, two_processes(database_url, separate) as (maker_url, desktop_url):
            samples = await measure(maker_url, desktop_url)
        get, submit, count = (statistics.median(samples[k]) * 1000 for k in ("get", "submit", "count"))
        rows.append(f"| {name} | {get:.1f} ms | {submit:.1f} ms | {count:.1f} ms "
                    f"| {p95(samples['count']) * 1000:.1f} ms | {count / get:.1f} |")
    return rows


def main() -> None:
    databases = [("SQLite, one process", sqlite_database, False)]
    if PG_SERVER:
        databases.append(("PostgreSQL, submitted through another process",
                          lambda: scratch_postgres_database(PG_SERVER, "opsdesk_bench"), True))
    create_application(sys.argv[:1])
    rows = event_loop.run(run_all(databases))  # the app's loop
    print(header("From a submission to the approver's count (event stream)",
                 "QT_QPA_PLATFORM=offscreen python bench/event_latency.py"))
    print("| backend | GET /health (baseline) | the submission alone | submission → count shown, median "
          "| p95 | × baseline (median) |\n|---|---:|---:|---:|---:|---:|")
    print("\n".join(rows))
    print(f"\n{RUNS} submissions each; the count is the checker's \"Awaiting me\" as the desktop shows it "
          "(the event, then one GET of the counts). Before the stream it moved at the next 30-second poll.")

if __name__ == "__main__":
    main()
