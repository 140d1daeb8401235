"""What every benchmark shares: a real backend process, timing statistics, and the report line.

Figures are ratios against a baseline measured in the same run, because the machine is shared.
"""

import os
import platform
import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import text

from backend import launch
from backend.db.scratch_database import admin_engine, create_scratch_database

ROOT = launch.ROOT


@contextmanager
def backend_process(database_url: str, *extra: str, timeout: float = 180):
    """Runs ``python -m backend`` on a free port; yields its URL; stops it on exit."""
    process, url = launch.start(database_url, *extra, timeout=timeout)
    if url is None:
        raise RuntimeError("backend did not start")
    try:
        yield url
    finally:
        launch.stop(process)


@contextmanager
def scratch_postgres_database(server_url: str, prefix: str = "opsdesk_bench") -> Iterator[str]:
    """Yields the URL of a fresh database on the server of ``server_url``; drops it on exit."""
    admin = admin_engine(server_url)
    name, url = create_scratch_database(admin, server_url, prefix)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def p95_ms(samples: list[float]) -> float:
    """The 95th percentile (nearest rank): with fewer than 20 samples, the slowest."""
    ordered = sorted(samples)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)] * 1000


def load() -> str:
    """The 1-minute load average, to read a figure against (the machine is shared)."""
    return f"{os.getloadavg()[0]:.1f}"


def machine() -> str:
    cpus = len(os.sched_getaffinity(0))
    return f"{platform.machine()}, {cpus} cores, Python {platform.python_version()}, {platform.system()}"


def header(title: str, command: str) -> str:
    return f"### {title}\n\n`{command}` — {date.today().isoformat()}, {machine()}\n"
