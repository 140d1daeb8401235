"""Reading a margin workbook in a child process, so the window's thread never waits for it.

A worker thread is not enough: calamine, the regex scans and pydantic's list validation are long
C calls that hold the GIL, and the window stalled ~100 ms at a time (bench/upload_stall.py). A
child process has a GIL of its own. It sends progress, then the rows in small chunks (so
unpickling them never holds this process's GIL for long), then the rest of the result;
cancelling kills it at once.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from collections.abc import Callable, Mapping
from decimal import Decimal
from os import PathLike
from pathlib import Path
from typing import Any

from services.excel.margin_columns import SHEETS, Kind
from services.excel.margin_reader import MarginReadResult, ReadCancelled, read_margin_workbook

CHUNK = 2_000
POLL_SECONDS = 0.05
EXIT_GRACE_SECONDS = 5.0  # a child that has sent its result is ending: its exit handlers run first


def _child(conn, path: str, kind: Kind, known, overnight_im, live) -> None:
    def progress(done: int, total: int) -> None:
        conn.send(("progress", done, total))

    try:
        result = read_margin_workbook(path, kind, known=known, overnight_im=overnight_im, progress=progress,
                                      live=live)
        rows = [row.model_dump() for row in result.rows]
        for start in range(0, len(rows), CHUNK):
            conn.send(("rows", rows[start:start + CHUNK]))
        result.rows = []
        conn.send(("done", result))
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises it
        conn.send(("failed", repr(exc)))
    finally:
        conn.close()


class ReadFailed(RuntimeError):
    """The reading process failed unexpectedly (not a refused file: that is a result)."""


async def read_in_process(path: str | PathLike, kind: Kind, *, known: Mapping[str, str] | None = None,
                          overnight_im: Mapping[str, Decimal] | None = None,
                          progress: Callable[[int, int], None] | None = None,
                          cancel: threading.Event | None = None,
                          live: Mapping[str, Mapping[str, Any]] | None = None) -> MarginReadResult:
    """read_margin_workbook in a child process; ``progress`` runs on this loop's thread;
    setting ``cancel`` kills the child and raises ReadCancelled."""
    context = multiprocessing.get_context("spawn")  # no forked copy of a Qt application
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, str(Path(path)), kind, dict(known) if known else None,
                                                 dict(overnight_im) if overnight_im else None,
                                                 None if live is None else dict(live)), daemon=True)
    loop = asyncio.get_running_loop()
    # start() hands the arguments to the child through a pipe and waits while the child imports
    # its modules: in a thread, not on this loop.
    await loop.run_in_executor(None, child.start)
    sender.close()
    model = SHEETS[kind].model
    rows: list = []
    finished = False
    try:
        while True:
            if cancel is not None and cancel.is_set():
                raise ReadCancelled()
            ready = await loop.run_in_executor(None, receiver.poll, POLL_SECONDS)
            if not ready:
                if not child.is_alive() and not receiver.poll():
                    raise ReadFailed(f"the reading process ended with code {child.exitcode}")
                continue
            try:
                message = receiver.recv()
            except EOFError:
                raise ReadFailed(f"the reading process ended with code {child.exitcode}") from None
            if message[0] == "progress":
                if progress is not None:
                    progress(message[1], message[2])
            elif message[0] == "rows":
                # Validated in the child already: construct, do not validate twice.
                rows += [model.model_construct(**values) for values in message[1]]
                await asyncio.sleep(0)
            elif message[0] == "done":
                result: MarginReadResult = message[1]
                result.rows = rows
                finished = True
                return result
            else:
                raise ReadFailed(message[1])
    finally:
        if finished:  # killed now, it could leave what its exit handlers write half-written
            await loop.run_in_executor(None, child.join, EXIT_GRACE_SECONDS)
        if child.is_alive():
            child.kill()
        await loop.run_in_executor(None, child.join)
        receiver.close()
