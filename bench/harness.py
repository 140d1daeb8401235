"""What every benchmark shares: a real backend process, timing statistics, and the report line.

Figures are ratios against a baseline measured in the same run, because the machine is shared.
"""

import platform
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READY = "OPSDESK_BACKEND_READY"


@contextmanager
def backend_process(database_url: str, *extra: str, timeout: float = 180):
    """Runs ``python -m backend`` on a free port; yields its URL; stops it on exit."""
    process = subprocess.Popen(
        [sys.executable, "-m", "backend", "--port", "0", "--announce", "--exit-with-parent",
         "--database-url", database_url, "--log-level", "warning", *extra],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    line: list[bytes] = []
    reader = threading.Thread(target=lambda: line.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    if not line or not line[0].startswith(READY.encode()):
        process.kill()
        raise RuntimeError("backend did not start")
    try:
        yield line[0].decode().split()[1]
    finally:
        process.stdin.close()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


def machine() -> str:
    cpus = len(__import__("os").sched_getaffinity(0))
    return f"{platform.machine()}, {cpus} cores, Python {platform.python_version()}, {platform.system()}"


def header(title: str, command: str) -> str:
    return f"### {title}\n\n`{command}` — {date.today().isoformat()}, {machine()}\n"
