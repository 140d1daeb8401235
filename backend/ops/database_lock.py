"""A SQLite database file's lock of use: held by the backend serving it, and by a restore.

SQLite serves one backend process, and a restore must not write under a running one: each takes
an exclusive lock on ``<database>.lock`` (flock on POSIX, msvcrt on Windows), which the system
releases when the process ends, a kill -9 included, so no stale lock is ever left to clear.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt


class DatabaseInUse(RuntimeError):
    def __init__(self, database: Path):
        super().__init__(f"a backend is serving {database} (its lock {lock_file(database)} is held): "
                         "stop it first (close the desktop, or stop the service)")
        self.database = database


def lock_file(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


def _try_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


@contextmanager
def holding(database: Path) -> Iterator[None]:
    """The lock of ``database`` for the block; ``DatabaseInUse`` at once if another holds it."""
    path = lock_file(database)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if not _try_lock(fd):
            raise DatabaseInUse(database)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())  # for a person wondering who holds it
        yield
    finally:
        os.close(fd)  # releases the lock
