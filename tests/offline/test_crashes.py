"""SIGKILL the workstation while it edits and while it pushes: after a restart no saved draft row is
lost or torn, and no work order exists twice (issue 5). The killed process runs the desktop's own
drafting and syncing modules (tests/offline/workstation_child.py), or the draft editor typed into
key by key (tests/offline/editor_child.py): no key it handled is lost."""

import json
import multiprocessing
import multiprocessing.forkserver
import os
import random
import select as fd_select
import signal
import sqlite3
import subprocess
import time
from contextlib import suppress

import pytest
from sqlalchemy import select, text

from services.offline import drafts, proof
from services.offline.batches import load_batch
from services.offline.models import DraftBatch, OutboxItem
from services.offline.store import open_store
from tests.offline import editor_child, typing_script, workstation_child
from tests.offline.workstation_child import ROWS

KILLS = 8
_CONTEXT = multiprocessing.get_context("forkserver")


@pytest.fixture(scope="module", autouse=True)
def _fork_server():
    """The fork server the children are forked from (``_Child``), this module's own: it has the
    workstation's drafting and syncing modules and the draft editor imported, so each child starts
    at once where a started ``python -m tests.offline.workstation_child`` spent about a second
    importing them (the editor several), some thirty times a module. multiprocessing has one fork
    server a process: one another module started is stopped first (it imported other modules),
    and this one is stopped after, so that a module forking after this one gets a server of the
    modules it asked for, not one with Qt loaded (tests/services/test_hostile_files.py bounds its
    children's address space)."""
    server = multiprocessing.forkserver._forkserver  # the process's one, of the context
    server._stop()
    _CONTEXT.set_forkserver_preload(["tests.offline.workstation_child", "tests.offline.editor_child"])
    yield
    server._stop()
    _CONTEXT.set_forkserver_preload(["__main__"])  # multiprocessing's default


class _Child:
    """A forked child's process, its stdout as subprocess.Popen's would read, and ``stdin``: the
    writing end of a pipe the child may wait on (it reads nothing more once the end is closed)."""

    def __init__(self, target, *args: str):
        context = _CONTEXT
        receiver, sender = context.Pipe(duplex=False)
        held, self.stdin = context.Pipe(duplex=False)
        self.process = context.Process(target=target, args=(sender, held, *args), daemon=True)
        self.process.start()
        sender.close()
        held.close()
        self.stdout = os.fdopen(os.dup(receiver.fileno()), "r")
        receiver.close()
        self.pid = self.process.pid

    def wait(self, timeout: float | None = None) -> int:
        self.process.join(timeout)
        if self.process.exitcode is None:
            raise subprocess.TimeoutExpired("child", timeout or 0)
        return self.process.exitcode

    def communicate(self, timeout: float) -> tuple[str, None]:
        """Its output to the end (the child has ended), then its end."""
        deadline, out = time.monotonic() + timeout, []
        while line := self.stdout.readline() if fd_select.select([self.stdout], [], [], max(
                0.0, deadline - time.monotonic()))[0] else None:
            out.append(line)
        self.wait(max(0.0, deadline - time.monotonic()))
        self.stdout.close()
        self.stdin.close()
        return "".join(out), None


def _child(*args: str) -> _Child:
    return _Child(workstation_child.forked, *args)


def _kill_after(child: _Child, lines: int) -> list[str]:
    """Reads ``lines`` lines of progress, then SIGKILLs the child in the middle of its next step;
    a child that has said its last line ("empty", or none: the pusher's outbox ran dry) is ending
    and is waited for instead, or the kill could tear what its exit handlers write. A pusher can
    also send its last item and end within the pause: then there is no process left to kill."""
    seen = [child.stdout.readline().strip() for _ in range(lines)]
    if seen[-1] not in ("", "empty"):
        time.sleep(random.uniform(0, 0.02))
        with suppress(ProcessLookupError):  # it finished its last step and ended meanwhile: nothing to tear
            os.kill(child.pid, signal.SIGKILL)
    child.wait(60)
    child.stdout.close()
    child.stdin.close()
    return seen


def test_a_draft_killed_while_autosaving_keeps_its_last_saved_grid_whole(tmp_path):
    path = tmp_path / "local.db"
    store = open_store(path)
    batch = drafts.new_batch(store, "maker", "long", "upload")
    store.close()
    last_saved = 0
    for _ in range(KILLS):
        seen = _kill_after(_child("edit", str(path), batch), random.randint(1, 5))
        last_saved = int(seen[-1].split()[1])
        store = open_store(path)  # reopens (and recovers the WAL) after the kill
        with store.session() as session:
            rows = session.get(DraftBatch, batch).rows
            remarks = {r.values["remark"] for r in rows}
        store.close()
        assert len(rows) == ROWS and len(remarks) == 1  # one whole save, never a torn mix
        assert int(remarks.pop()[1:]) >= last_saved  # nothing the child reported saved is lost


def test_a_submit_killed_midway_leaves_a_draft_or_one_queued_submission_never_half(tmp_path):
    path = tmp_path / "local.db"
    for _ in range(KILLS):
        _kill_after(_child("submit", str(path)), random.randint(1, 5))
    store = open_store(path)
    with store.session() as session:
        items = {}
        for item in session.scalars(select(OutboxItem)):
            items.setdefault(item.batch_id, []).append(item)
        for batch in session.scalars(select(DraftBatch)):
            assert (batch.state, len(items.get(batch.id, []))) in (("draft", 0), ("queued", 1)), batch.title
    store.close()


def test_pushes_killed_at_any_moment_make_each_work_order_exactly_once(tmp_path, live_backend):
    path = tmp_path / "local.db"
    store = open_store(path)
    proof.unlock_with_password(store, "maker", "maker-demo")  # the maker signed in: their items carry proof
    engine = live_backend.engine()
    with engine.connect() as conn:
        free = conn.execute(text(
            "SELECT s.symbol FROM risk_securities s LEFT JOIN risk_stock_margins m ON m.symbol = s.symbol "
            "LEFT JOIN work_order_locks l ON l.target_key = 'stock_margin:' || s.symbol "
            "WHERE m.symbol IS NULL AND l.target_key IS NULL AND s.market = 'US' ORDER BY s.symbol DESC LIMIT 24"
        )).scalars().all()
    for symbol in free:
        batch = drafts.new_batch(store, "maker", "long", "upload")
        drafts.set_rows(store, batch, [{"symbol": symbol, "im": "0.5", "mcm": "0.45", "mm": "0.4", "fm": "0.35"}])
        drafts.submit(store, batch, "maker")
    with store.session() as session:
        keys = list(session.scalars(select(OutboxItem.idempotency_key)))
    store.close()
    for _ in range(KILLS):
        _kill_after(_child("push", str(path), live_backend.url), random.randint(1, 3))
    finisher = _child("push", str(path), live_backend.url)
    out, _ = finisher.communicate(timeout=120)
    assert out.strip().endswith("empty")
    with engine.connect() as conn:
        made = conn.execute(text("SELECT idempotency_key, count(*) FROM work_orders GROUP BY idempotency_key")).all()
    engine.dispose()
    counts = {key: n for key, n in made if key in set(keys)}
    assert counts == {key: 1 for key in keys}  # every submission exactly once
    store = open_store(path)
    with store.session() as session:
        states = {b.state for b in session.scalars(select(DraftBatch))}
        ids = [b.work_order_id for b in session.scalars(select(DraftBatch))]
    store.close()
    assert states == {"submitted"} and len(set(ids)) == len(keys)


def _editor_child(path, batch: str, keys: int) -> _Child:
    return _Child(editor_child.forked, str(path), batch, str(keys))


def _kill(child: _Child) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    for stream in (child.stdin, child.stdout):
        stream.close()


def _typed_batch(path) -> str:
    store = open_store(path)
    batch = drafts.new_batch(store, "maker", "long", "upload")
    store.close()
    return batch


def _reopened(path, batch: str) -> list[dict]:
    """The draft's cells as the editor finds them when the batch is opened again (empty ones left out)."""
    store = open_store(path)
    try:
        return [{f: t for f, t in r.values.items() if t} for r in load_batch(store, batch).rows]
    finally:
        store.close()


def test_the_draft_editor_killed_right_after_the_last_key_keeps_every_cell_typed(tmp_path):
    """Completed cells and the text still in the open cell: all there, though no autosave ran."""
    path = tmp_path / "local.db"
    batch = _typed_batch(path)
    row, typed = random.randint(0, 2), random.randint(1, 4)  # ends in row's IM cell, still open
    keys = next(n for n, step in enumerate(typing_script.script(), start=1)
                if step[:2] == (row, "im") and len(step[3]) == typed)
    child = _editor_child(path, batch, keys)
    lines = []
    while (line := child.stdout.readline()) not in ("done\n", ""):  # "": the child died (stderr hidden)
        lines.append(line.strip())
    _kill(child)  # the child stopped handling events after the last key: no autosave since
    assert len(lines) == keys and json.loads(lines[-1]) == [keys, row, "im", f"{50 + row}.5%"[:typed], True]
    with sqlite3.connect(path) as raw:  # before anything folds it: the last keys are in the journal only
        assert raw.execute("SELECT count(*) FROM draft_pending_edits").fetchone()[0] > 0
    raw.close()
    reopened = _reopened(path, batch)
    assert reopened == typing_script.grid_after(keys)
    assert reopened[row] == {"symbol": typing_script.symbol(row), "im": f"{50 + row}.5%"[:typed]}


def test_the_draft_editor_killed_at_any_key_while_typing_loses_no_key_it_handled(tmp_path):
    path = tmp_path / "local.db"
    batch = _typed_batch(path)
    for _ in range(KILLS // 2):
        handled = random.randint(2, 60)
        child = _editor_child(path, batch, -1)
        lines = [child.stdout.readline() for _line in range(handled)]  # a line a key handled: so journaled
        _kill(child)  # while it handles the next keys
        assert json.loads(lines[-1])[0] == handled  # no line missing: the child typed as the script says
        reopened = _reopened(path, batch)
        # The grid after some key at or after the last one reported: none lost, none torn.
        assert typing_script.keys_to(reopened, handled) is not None, reopened
        store = open_store(path)
        drafts.set_rows(store, batch, [])  # the next child starts from an empty grid again
        store.close()
