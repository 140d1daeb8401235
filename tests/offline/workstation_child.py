"""A workstation process for the crash tests: the desktop's drafting and syncing code, run headless
so a test can SIGKILL it at any moment. ``python -m tests.offline.workstation_child MODE STORE ...``

edit STORE BATCH: autosaves the batch's grid over and over (each save: every row, version n in the
  remark), printing "saved n" after each commit.
submit STORE: drafts and submits one-row batches over and over, printing "queued n" after each.
push STORE URL: signs in as maker and pushes the outbox until it is empty, printing "sent" per item.

The crash tests fork it from a process that has imported it already (``forked``): each child
starts at once instead of importing the drafting and syncing modules again.
"""

import asyncio
import os
import sys
from pathlib import Path

from services.api_client import ApiClient
from services.clients.session import SessionClient
from services.offline import drafts, proof
from services.offline.store import open_store
from services.offline.sync import SyncEngine

ROWS = 200


def grid(version: int) -> list[dict]:
    return [{"symbol": f"B{i:05d}.US", "im": "50%", "mcm": "45%", "mm": "40%", "fm": "35%", "remark": f"v{version}"}
            for i in range(ROWS)]


def edit(store_path: str, batch: str) -> None:
    store = open_store(Path(store_path))
    version = 0
    while True:
        version += 1
        drafts.set_rows(store, batch, grid(version))
        print(f"saved {version}", flush=True)


def submit(store_path: str) -> None:
    store = open_store(Path(store_path))
    proof.unlock_with_password(store, "maker", "maker-demo")  # the maker signed in: their items carry proof
    n = 0
    while True:
        n += 1
        batch = drafts.new_batch(store, "maker", "long", "upload", title=f"batch {n}")
        drafts.set_rows(store, batch, grid(n)[:1])
        drafts.submit(store, batch, "maker")
        print(f"queued {n}", flush=True)


async def push(store_path: str, url: str) -> None:
    store = open_store(Path(store_path))
    proof.unlock_with_password(store, "maker", "maker-demo")
    api = ApiClient(url)
    await SessionClient(api).login("maker", "maker-demo")
    engine = SyncEngine(store, api, "maker", clock=lambda: 10 ** 10)  # no backoff waits in a test
    while engine.waiting():
        await engine.push()
        print("sent", flush=True)
    print("empty", flush=True)


def main(mode: str, *args: str) -> None:
    if mode == "edit":
        edit(*args)
    elif mode == "submit":
        submit(*args)
    else:
        asyncio.run(push(*args))


def print_to(out) -> None:
    """A forked child's stdout becomes ``out`` (a pipe's writing end), as a started process's
    would be: what it prints, line by line, is what the test reads."""
    os.dup2(out.fileno(), 1)
    out.close()
    sys.stdout = open(1, "w", buffering=1, closefd=False)  # noqa: SIM115 - the process's own stdout


def forked(out, _held, mode: str, *args: str) -> None:
    """``main`` in a child forked from a process with this module imported, printing to ``out``."""
    print_to(out)
    main(mode, *args)


if __name__ == "__main__":
    main(*sys.argv[1:])
