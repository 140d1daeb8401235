"""Syncing the offline outbox: 1,000 batches of 10 rows, and one batch of 10,000 rows.

A real backend process (SQLite) with 20,000 bench symbols; a workstation database in a temporary
folder. Batches are drafted and submitted into the outbox (timed: the local part), then the sync
engine pushes them (timed: each a real POST with its idempotency key, recorded locally). Baseline,
same run: pushing one batch of one row.
Run: python bench/outbox_sync.py
"""

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from batch_apply import add_securities  # noqa: E402
from harness import backend_process, header  # noqa: E402

from services.api_client import ApiClient  # noqa: E402
from services.clients.session import SessionClient  # noqa: E402
from services.offline import drafts, proof  # noqa: E402
from services.offline.models import RefSecurity  # noqa: E402
from services.offline.store import open_store  # noqa: E402
from services.offline.sync import SyncEngine  # noqa: E402

BATCHES, ROWS_EACH, BIG = 1_000, 10, 10_000
SINGLES = 7


def row(symbol: str) -> dict:
    return {"symbol": symbol, "market": "US", "im": "50%", "mcm": "45%", "mm": "40%", "fm": "35%"}


def queue(store, groups: list[list[str]]) -> float:
    started = time.perf_counter()
    for symbols in groups:
        batch = drafts.new_batch(store, "maker", "long", "upload")
        drafts.set_rows(store, batch, [row(s) for s in symbols])
        drafts.submit(store, batch, "maker")
    return time.perf_counter() - started


async def push_all(engine: SyncEngine) -> float:
    started = time.perf_counter()
    while engine.waiting():
        await engine.push()
    return time.perf_counter() - started


async def measure(url: str, symbols: list[str], folder: Path) -> dict[str, float]:
    api = ApiClient(url)
    await SessionClient(api).login("maker", "maker-demo")
    out: dict[str, float] = {}
    stores = []

    def fresh_store(name: str):
        store = open_store(folder / f"{name}.db")
        with store.session() as session, session.begin():
            session.add_all(RefSecurity(symbol=s, market="US", name=s) for s in symbols)
        stores.append(store)
        proof.unlock_with_password(store, "maker", "maker-demo")  # the maker signed in
        return SyncEngine(store, api, "maker"), store

    singles = []
    for i in range(SINGLES):
        engine, store = fresh_store(f"single{i}")
        queue(store, [[symbols[-1 - i]]])
        singles.append(await push_all(engine))
    out["single"] = statistics.median(singles)
    engine, store = fresh_store("many")
    groups = [symbols[i * ROWS_EACH:(i + 1) * ROWS_EACH] for i in range(BATCHES)]
    out["many_queue"] = queue(store, groups)
    out["many_push"] = await push_all(engine)
    engine, store = fresh_store("big")
    out["big_queue"] = queue(store, [symbols[BATCHES * ROWS_EACH:BATCHES * ROWS_EACH + BIG]])
    out["big_push"] = await push_all(engine)
    for s in stores:
        s.close()
    await api.aclose()
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = f"sqlite:///{folder}/server.db"
        with backend_process(database, "--demo", "--demo-accounts", "0") as url:
            symbols = add_securities(database, BATCHES * ROWS_EACH + BIG + SINGLES)
            r = asyncio.run(measure(url, symbols, Path(folder)))
    print(header("Syncing the offline outbox", "python bench/outbox_sync.py"))
    print("| outbox | queue locally (draft, judge, submit) | push to the backend | per batch | × one 1-row batch |")
    print("|---|---:|---:|---:|---:|")
    print(f"| one batch of 1 row (baseline) | | {r['single'] * 1000:.0f} ms | | 1 |")
    print(f"| {BATCHES:,} batches of {ROWS_EACH} rows | {r['many_queue']:.1f} s | {r['many_push']:.1f} s "
          f"| {r['many_push'] / BATCHES * 1000:.0f} ms | {r['many_push'] / r['single']:.0f} |")
    print(f"| 1 batch of {BIG:,} rows | {r['big_queue']:.1f} s | {r['big_push']:.1f} s | | "
          f"{r['big_push'] / r['single']:.0f} |")
    print(f"\nSQLite backend on this machine; pushes are sequential, each recorded in the workstation's WAL "
          f"database before the next. Median of {SINGLES} for the baseline.")


if __name__ == "__main__":
    main()
