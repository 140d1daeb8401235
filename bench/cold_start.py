"""Cold start of the desktop: process start to the sign-in dialog shown, embedded backend included.

Baseline, same run: a bare PySide6 program that shows an empty QDialog (interpreter + Qt start).
Two figures: the first start of a new user (migrations and 20,000 demo accounts are created)
and a later start (the data folder exists). Run: .venv/bin/python bench/cold_start.py
"""

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import ROOT, header, median_ms  # noqa: E402

MARKER = "sign-in dialog shown"
BASELINE = ("import logging, sys\n"
            "from PySide6.QtWidgets import QApplication, QDialog\n"
            "app = QApplication(sys.argv); d = QDialog(); d.show(); app.processEvents()\n"
            f"print('{MARKER}', file=sys.stderr, flush=True)\n")


def time_to_marker(args: list[str], timeout: float = 180) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, start_new_session=True)
    try:
        while True:
            line = process.stderr.readline()
            if not line:
                raise RuntimeError(f"{args} ended before showing the dialog")
            if MARKER.encode() in line:
                return time.perf_counter() - started
            if time.perf_counter() - started > timeout:
                raise RuntimeError("timed out")
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # the embedded backend goes with its group
        process.wait(30)


def main() -> None:
    runs = int(os.environ.get("BENCH_RUNS", "5"))
    desktop = [sys.executable, "main.py", "--lang", "en", "--log-level", "INFO"]
    with tempfile.TemporaryDirectory() as tmp:
        baseline, first, later = [], [], []
        for index in range(runs):
            baseline.append(time_to_marker([sys.executable, "-c", BASELINE]))
            if index < 2:  # the first start of a new user seeds 20,000 accounts: two samples
                first.append(time_to_marker([*desktop, "--data-dir", f"{tmp}/new{index}"]))
            later.append(time_to_marker([*desktop, "--data-dir", f"{tmp}/new0"]))
    b = median_ms(baseline)
    print(header("Cold start to the sign-in dialog", "python bench/cold_start.py"))
    print("| start | median | × bare Qt dialog |\n|---|---:|---:|")
    print(f"| bare PySide6 QDialog (baseline) | {b:.0f} ms | 1.0 |")
    print(f"| OpsDesk, data folder exists | {median_ms(later):.0f} ms | {median_ms(later) / b:.1f} |")
    print(f"| OpsDesk, first start (migrate + 20,000 demo accounts) | {median_ms(first):.0f} ms "
          f"| {median_ms(first) / b:.1f} |")
    print(f"\n{runs} runs (2 for the first start), QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', 'offscreen')}.")


if __name__ == "__main__":
    main()
