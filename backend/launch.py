"""Runs ``python -m backend`` as a child process and waits for its ready line (tests, bench).

The desktop does the same through QProcess (desktop/embedded_backend.py), which its qasync
loop needs; this plain-subprocess version serves code that has no Qt loop.
"""

import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, cast

from services.contract.launch import ready_url

ROOT = Path(__file__).resolve().parent.parent


def start(database_url: str, *extra: str, stderr: IO[bytes] | int = subprocess.DEVNULL,
          timeout: float = 120) -> tuple[subprocess.Popen, str | None]:
    """Starts the backend on a free loopback port; returns the process and its URL (None: it did
    not announce itself in time, and has been killed)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "backend", "--port", "0", "--announce", "--exit-with-parent",
         "--database-url", database_url, "--log-level", "warning", *extra],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr)
    line: list[bytes] = []
    announced = cast(IO[bytes], process.stdout)  # stdout=PIPE gives one
    # readline has no timeout of its own: a thread reads, the caller waits at most ``timeout``.
    reader = threading.Thread(target=lambda: line.append(announced.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    url = ready_url(line[0].decode(errors="replace")) if line else None
    if url is None:
        process.kill()
        process.wait()
    return process, url


def stop(process: subprocess.Popen, grace: float = 15) -> None:
    """Closes stdin (``--exit-with-parent`` then stops the server), kills it if it lingers."""
    if process.stdin is not None:
        process.stdin.close()
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout is not None:
        process.stdout.close()
