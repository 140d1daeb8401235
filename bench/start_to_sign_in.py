"""Process start to the sign-in dialog painted, embedded backend included, and to the server ready.

``python main.py`` is spawned with ``OPSDESK_REPORT_FIRST_PAINT`` set: the dialog prints the
moment of its first paint on stderr (desktop/first_paint.py), measured here from the spawn. The
moment the embedded server announced itself (its log line) is the second figure: from then on the
demo users are listed and a sign-in goes through.
Baseline, same run: a bare PySide6 program that paints an empty QDialog (interpreter + Qt start),
timed the same way. Two cases: a later start (the data folder exists) and the first start of a new
user (migrations and 20,000 demo accounts to create).
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/start_to_sign_in.py (BENCH_RUNS=7)
"""

import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from harness import ROOT, header, load, median_ms, p95_ms  # noqa: E402

from desktop.first_paint import LINE, REPORT_ENV, parse_line  # noqa: E402

READY_LOG = "embedded backend ready at"
BASELINE = f"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog

class FirstPaint(QObject):  # as desktop/first_paint.py: once the first paint has been drawn
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, lambda: print(f"{LINE} sign-in {{time.time():.6f}}", file=sys.stderr, flush=True))
        return False

app = QApplication(sys.argv)
dialog = QDialog()
hook = FirstPaint()
dialog.installEventFilter(hook)
dialog.show()
app.exec()
"""


def spawn_to_marks(args: list[str], *, until_ready: bool, timeout: float = 300) -> tuple[float, float | None]:
    """Seconds from spawn to the dialog's first paint, and to the server's ready line (if waited for)."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"), REPORT_ENV: "1"}
    started = time.time()
    process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               start_new_session=True)
    painted = ready = None
    try:
        assert process.stderr is not None
        while painted is None or (until_ready and ready is None):
            line = process.stderr.readline().decode(errors="replace")
            if not line:
                raise RuntimeError(f"{args} ended before showing the dialog")
            if (mark := parse_line(line)) is not None and mark[0] == "sign-in":
                painted = mark[1] - started
            elif READY_LOG in line:
                ready = time.time() - started
            if time.time() - started > timeout:
                raise RuntimeError("timed out")
        return painted, ready
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # the embedded backend goes with its group
        process.wait(30)


def main() -> None:
    runs = int(os.environ.get("BENCH_RUNS", "7"))
    desktop = [sys.executable, "main.py", "--lang", "en", "--log-level", "INFO"]
    load_before = load()
    with tempfile.TemporaryDirectory() as tmp:
        spawn_to_marks([*desktop, "--data-dir", f"{tmp}/kept"], until_ready=True)  # makes the data folder
        baseline, later, later_ready, first, first_ready = [], [], [], [], []
        for index in range(runs):
            baseline.append(spawn_to_marks([sys.executable, "-c", BASELINE], until_ready=False)[0])
            painted, ready = spawn_to_marks([*desktop, "--data-dir", f"{tmp}/kept"], until_ready=True)
            later.append(painted)
            later_ready.append(ready)
            painted, ready = spawn_to_marks([*desktop, "--data-dir", f"{tmp}/new{index}"], until_ready=True)
            first.append(painted)
            first_ready.append(ready)
    b = median_ms(baseline)
    print(header("Start to the sign-in dialog", "QT_QPA_PLATFORM=offscreen python bench/start_to_sign_in.py"))
    print("| from process start to | median | p95 | × bare Qt dialog (median) |\n|---|---:|---:|---:|")
    rows = [("bare PySide6 QDialog painted (baseline)", baseline),
            ("sign-in dialog painted, data folder exists", later),
            ("sign-in dialog painted, first start (migrate + 20,000 demo accounts)", first),
            ("local server ready (demo users listed), data folder exists", later_ready),
            ("local server ready, first start", first_ready)]
    for name, samples in rows:
        print(f"| {name} | {median_ms(samples):.0f} ms | {p95_ms(samples):.0f} ms | {median_ms(samples) / b:.1f} |")
    print(f"\n{runs} runs of each, QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', 'offscreen')}; "
          f"load average {load_before} before, {load()} after. Spread of the dialog (later start): "
          f"{min(later) * 1000:.0f}–{max(later) * 1000:.0f} ms, stdev {statistics.stdev(later) * 1000:.0f} ms.")


if __name__ == "__main__":
    main()
