"""The folder where several workers' metrics meet (prometheus-client's multiprocess mode).

Apart from backend/ops/metrics.py, which imports prometheus-client: a process decides between
one-process and multiprocess values when it first imports it, so the folder is prepared (and a
previous run's files removed) before anything in the serving process imports it.
"""

import contextlib
import glob
import os
import shutil
import tempfile
from collections.abc import Iterator

MULTIPROCESS_ENV = "PROMETHEUS_MULTIPROC_DIR"


@contextlib.contextmanager
def multiprocess_folder(workers: int) -> Iterator[None]:
    """Before the workers start: an empty folder for their metrics. The operator's
    ``PROMETHEUS_MULTIPROC_DIR`` is emptied of a previous run's files; without one, several
    workers get a temporary folder, removed when they have stopped. One worker alone needs none."""
    named = os.environ.get(MULTIPROCESS_ENV)
    if named:
        os.makedirs(named, exist_ok=True)
        for stale in glob.glob(os.path.join(named, "*.db")):
            os.remove(stale)
        yield
        return
    if workers <= 1:
        yield
        return
    folder = tempfile.mkdtemp(prefix="opsdesk-metrics-")
    os.environ[MULTIPROCESS_ENV] = folder  # the workers inherit it; they import prometheus_client after
    try:
        yield
    finally:
        os.environ.pop(MULTIPROCESS_ENV, None)
        shutil.rmtree(folder, ignore_errors=True)
