"""Does the window stay responsive while a 50,000-row upload workbook is read and judged?

The upload dialog reads in a child process (services/excel/read_in_process.py). A 10 ms QTimer
heartbeat on the UI thread records the gaps between its ticks while the read runs; the figure is
the longest gap (a stall the user would feel), against the same heartbeat with nothing running,
measured in the same run, and against reading in a worker thread of this process instead (what
the dialog did first). Goal: no gap over 100 ms.
Run: QT_QPA_PLATFORM=offscreen python bench/upload_stall.py
"""

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from harness import header  # noqa: E402
from heartbeat import Heartbeat  # noqa: E402
from workbook_read import symbol, write_workbook  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop import event_loop  # noqa: E402
from services.excel.margin_reader import read_margin_workbook  # noqa: E402
from services.excel.read_in_process import read_in_process  # noqa: E402

ROWS = 50_000
TICK_MS = 10
RUNS = int(os.environ.get("BENCH_RUNS", "3"))


async def _gaps(beat: Heartbeat, work) -> tuple[list[float], float]:
    beat.start()
    started = time.perf_counter()
    result = await work()
    seconds = time.perf_counter() - started
    gaps = beat.stop()
    if result is not None:
        assert result.ok and len(result.rows) == ROWS, result.errors[:3]
    return gaps, seconds


async def measure(path: Path, known: dict[str, str]) -> dict[str, tuple[float, float, float]]:
    """way → (longest gap ms, 99th percentile gap ms, seconds), medians over RUNS."""
    beat = Heartbeat(TICK_MS)
    ways = {
        "idle": lambda: asyncio.sleep(2.0),
        "thread": lambda: asyncio.to_thread(read_margin_workbook, path, "long", known=known),
        "process": lambda: read_in_process(path, "long", known=known),
    }
    samples: dict[str, list[tuple[float, float, float]]] = {way: [] for way in ways}
    for _ in range(RUNS):
        for way, work in ways.items():
            gaps, seconds = await _gaps(beat, work)
            samples[way].append((max(gaps) * 1000, statistics.quantiles(gaps, n=100)[98] * 1000, seconds))
    return {way: tuple(statistics.median(s[i] for s in runs) for i in range(3)) for way, runs in samples.items()}


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 - the loop needs it
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.xlsx"
        write_workbook(path, ROWS)
        known = {symbol(i): "US" for i in range(ROWS)}
        r = event_loop.run(measure(path, known))
    print(header(f"The window while a {ROWS:,}-row workbook is read", "python bench/upload_stall.py"))
    print("| heartbeat every 10 ms on the UI thread | longest gap | 99th percentile gap | read time |")
    print("|---|---:|---:|---:|")
    for way, what in (("idle", "idle, nothing running (baseline)"),
                      ("thread", "reading in a worker thread of the app"),
                      ("process", "reading in a child process (what the dialog does)")):
        worst, p99, seconds = r[way]
        print(f"| {what} | {worst:.0f} ms | {p99:.0f} ms | {'' if way == 'idle' else f'{seconds:.1f} s'} |")
    print(f"\nMedians of {RUNS} reads, QT_QPA_PLATFORM=offscreen. Goal: no gap over 100 ms.")


if __name__ == "__main__":
    main()
