"""What the exchange calendars would cost the desktop's start-up, and that start-up does not pay it.

Each sample is a fresh interpreter that imports what the desktop imports before its sign-in
dialog (desktop.app, the main window and every page's module) and times it; one kind of sample
stops there (the baseline), the other then touches the calendar as a page does on first use
(services.rules.trading_calendar.load(): exchange_calendars, pandas, the XHKG and XNYS
calendars built). Samples are interleaved; the figure to compare is the ratio. The baseline also
reports whether exchange_calendars or pandas were imported (they must not be).
Run: QT_QPA_PLATFORM=offscreen python bench/calendar_import.py
"""

import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import header, median_ms  # noqa: E402

CHECKOUT = Path(__file__).resolve().parent.parent  # the samples import this checkout's modules

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
PROBE = """
import json, sys, time
started = time.perf_counter()
import desktop.app, desktop.main_window, ui.pages
imported = time.perf_counter()
loaded_early = sorted(m for m in ("exchange_calendars", "pandas") if m in sys.modules)
if {touch}:
    from services.rules import trading_calendar
    trading_calendar.load()
print(json.dumps({{"startup": imported - started, "total": time.perf_counter() - started,
                  "loaded_early": loaded_early}}))
"""


def sample(touch: bool) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "PYTHONPATH": str(CHECKOUT)}
    done = subprocess.run([sys.executable, "-c", PROBE.format(touch=touch)], cwd=CHECKOUT, env=env,
                          capture_output=True, text=True, check=True, timeout=300)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    without, touched = [], []
    for _ in range(RUNS):
        without.append(sample(False))
        touched.append(sample(True))
    early = sorted({m for s in without + touched for m in s["loaded_early"]})
    base = median_ms([s["total"] for s in without])
    total = median_ms([s["total"] for s in touched])
    calendar = median_ms([s["total"] - s["startup"] for s in touched])
    print(header("Start-up imports of the desktop, with and without the exchange calendars",
                 "QT_QPA_PLATFORM=offscreen python bench/calendar_import.py"))
    print("| imports | median | × start-up imports |\n|---|---:|---:|")
    print(f"| desktop start-up imports (baseline; calendars untouched) | {base:.0f} ms | 1.0 |")
    print(f"| the same, then the calendars touched (exchange_calendars, pandas, XHKG + XNYS built) "
          f"| {total:.0f} ms | {total / base:.2f} |")
    print(f"| the calendars' part alone | {calendar:.0f} ms | {calendar / base:.2f} |")
    print(f"\n{RUNS} interleaved runs of each, a fresh interpreter each; modules of exchange_calendars or pandas "
          f"imported at start-up: {', '.join(early) or 'none'}; load average {os.getloadavg()[0]:.1f} at the end.")


if __name__ == "__main__":
    main()
