"""What writing every keystroke of the draft editor to the workstation's database costs.

The real Draft Batches editor (offscreen) on a batch of 10 rows and one of 5,000; a cell's editor is
open and keys are sent to it as a user types ('5' and Backspace in turn, each changing the cell).
Each key is timed from its press until the editor has handled it: committed to the grid model, an
undoable command, and (journal on) its op INSERTed and committed in the journal
(services/offline/pending.py). Baseline, same run and interleaved: the same keys with the journal
write switched off. For scale: what saving the whole grid on every key would cost instead
(conflicts.save_rows), and the journal's INSERT alone with synchronous=NORMAL (what the store uses:
it survives a killed process) and with synchronous=FULL (an fsync per key: it would survive a power
cut too). After every 100 keys the grid is saved and judged, untimed, as the autosave does in a
pause (a big batch's judgement runs in a worker thread: it ends before the next keys).
Run: QT_QPA_PLATFORM=offscreen python bench/draft_keystroke.py
"""

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from harness import header  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QItemSelectionModel, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit  # noqa: E402
from sqlalchemy import create_engine, event  # noqa: E402

from desktop import event_loop  # noqa: E402
from services.api_client import ApiClient  # noqa: E402
from services.contract.schemas import MeOut  # noqa: E402
from services.offline import drafts, pending  # noqa: E402
from services.offline.conflicts import save_rows  # noqa: E402
from services.offline.store import LocalStore, open_store  # noqa: E402
from ui.common.page_context import PageContext  # noqa: E402
from ui.risk.draft_editor import DraftEditor  # noqa: E402

SIZES = (10, 5_000)
ROUNDS = int(os.environ.get("BENCH_RUNS", "10"))
KEYS = 100  # per round and way
FULL_SAVES = 5
INSERTS = 300


def row(n: int) -> dict:
    return {"symbol": f"{n:05d}.HK", "im": "50%", "mcm": "45%", "mm": "40%", "fm": "35%"}


def percentile(samples: list[float], q: float) -> float:
    return sorted(samples)[min(len(samples) - 1, int(len(samples) * q))]


def type_keys(cell: QLineEdit, keys: int) -> list[float]:
    out = []
    for i in range(keys):
        key = Qt.Key.Key_5 if i % 2 == 0 else Qt.Key.Key_Backspace
        started = time.perf_counter()
        QTest.keyClick(cell, key)
        out.append(time.perf_counter() - started)
    return out


async def keystrokes(folder: Path, size: int) -> dict[str, list[float]]:
    store = open_store(folder / f"keys{size}.db")
    batch = drafts.new_batch(store, "maker", "long", "upload")
    drafts.set_rows(store, batch, [row(n) for n in range(size)])
    me = MeOut(id=1, username="maker", display_name="Maker", roles=["ops_maker"], permissions=["risk.credit.draft"])
    ctx = PageContext(ApiClient("http://127.0.0.1:9"), me, lambda exc: None, ui_language=lambda: "en")
    editor = DraftEditor(ctx, SimpleNamespace(store=store, engine=None), None)
    editor.resize(1200, 500)
    editor.show()
    editor.controller.load(batch)
    await editor.controller.ops.wait_idle()
    model = editor.controller.model
    column = model.fields.index("fm")
    editor.grid.selectionModel().setCurrentIndex(model.index(0, column), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    QTest.keyClick(editor.grid, Qt.Key.Key_5)  # opens the cell's editor
    cell = editor.grid.indexWidget(model.index(0, column))
    assert isinstance(cell, QLineEdit)
    record = pending.record
    samples: dict[str, list[float]] = {"off": [], "on": []}
    for _round in range(ROUNDS):
        for way in ("off", "on"):
            pending.record = (lambda *_args: True) if way == "off" else record  # type: ignore[assignment]
            samples[way] += type_keys(cell, KEYS)
            pending.record = record  # type: ignore[assignment]
            editor.controller.flush()  # what the autosave does in a pause, untimed: save, judge
            await editor.controller.ops.wait_idle()  # a big batch's judgement ends before the next keys
    assert model.text(0, "fm") == "5"  # every key was handled
    rows = [(r.values, r.base) for r in model.rows()]
    saves = []
    for _ in range(FULL_SAVES):
        started = time.perf_counter()
        save_rows(store, batch, "long", rows)
        saves.append(time.perf_counter() - started)
    samples["full"] = saves
    editor.controller.load(None)
    editor.close()
    editor.deleteLater()
    await asyncio.sleep(0)
    store.close()
    return samples


def journal_inserts(folder: Path, synchronous: str) -> list[float]:
    path = folder / f"insert-{synchronous}.db"
    open_store(path).close()  # the schema
    engine = create_engine(f"sqlite:///{path.as_posix()}")

    def pragmas(dbapi_connection, _record) -> None:
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        dbapi_connection.execute(f"PRAGMA synchronous={synchronous}")
        dbapi_connection.execute("PRAGMA foreign_keys=ON")

    event.listen(engine, "connect", pragmas)
    store = LocalStore(engine, path)
    batch = drafts.new_batch(store, "maker", "long", "upload")
    out = []
    for i in range(INSERTS):
        op = pending.cells_op([(0, "fm", "5" * (1 + i % 2))])
        started = time.perf_counter()
        pending.record(store, batch, [op])
        out.append(time.perf_counter() - started)
    store.close()
    return out


async def measure(folder: Path) -> dict:
    out: dict = {size: await keystrokes(folder, size) for size in SIZES}
    out["NORMAL"] = journal_inserts(folder, "NORMAL")
    out["FULL"] = journal_inserts(folder, "FULL")
    return out


def main() -> None:
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)  # one editor closes before the next opens
    with tempfile.TemporaryDirectory() as folder:
        r = event_loop.run(measure(Path(folder)))
    del app
    us = 1e6
    print(header("Each keystroke of the draft editor written to the workstation's database",
                 "QT_QPA_PLATFORM=offscreen python bench/draft_keystroke.py"))
    print("| a key typed into an open cell | median | 95th percentile | median − baseline | × baseline |")
    print("|---|---:|---:|---:|---:|")
    for size in SIZES:
        off, on = r[size]["off"], r[size]["on"]
        base = statistics.median(off)
        print(f"| {size:,} rows, journal off (baseline) | {base * us:.0f} µs | {percentile(off, 0.95) * us:.0f} µs | | 1.0 |")
        print(f"| {size:,} rows, journal on (one INSERT, committed) | {statistics.median(on) * us:.0f} µs "
              f"| {percentile(on, 0.95) * us:.0f} µs | {(statistics.median(on) - base) * us:+.0f} µs "
              f"| {statistics.median(on) / base:.1f} |")
        full = statistics.median(r[size]["full"])
        print(f"| {size:,} rows, whole grid saved instead (save_rows) | {full * 1000:.1f} ms | | | {full / base:.0f} |")
    for sync in ("NORMAL", "FULL"):
        print(f"| the journal INSERT alone, synchronous={sync} | {statistics.median(r[sync]) * us:.0f} µs "
              f"| {percentile(r[sync], 0.95) * us:.0f} µs | | |")
    print(f"\n{ROUNDS} rounds of {KEYS} keys per way, interleaved; {FULL_SAVES} whole-grid saves; {INSERTS} INSERTs "
          f"per setting. QT_QPA_PLATFORM=offscreen; the temporary folder's file system; load average "
          f"{os.getloadavg()[0]:.1f} at the end.")


if __name__ == "__main__":
    main()
