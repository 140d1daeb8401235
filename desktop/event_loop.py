"""The desktop's event loop: qasync's loop on the QApplication, with plain Python threads for work
sent off the GUI thread (``asyncio.to_thread``, ``run_in_executor(None, ...)``).

qasync's own default executor runs that work in QThreads. With PySide6 6.11 a garbage collection
on the GUI thread while such a QThread ran SQLAlchemy work crashed the process (a segmentation
fault, seen under load in the offline sign-in); the work holds no Qt object, so it needs no QThread.
Python's threads also carry ``threading.settrace``, so coverage measures that work too.
"""

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import qasync  # binds to PySide6 through QT_API (set in desktop/__init__.py)

T = TypeVar("T")
WORKERS = 4  # argon2 hashing, workbook reading, the workstation's database: a few at a time


def use_python_threads(loop: asyncio.AbstractEventLoop) -> None:
    """Gives ``loop`` a thread pool of its own as its default executor (the loop shuts it down
    when it closes)."""
    loop.set_default_executor(ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="opsdesk-work"))


async def _with_python_threads(main: Coroutine[Any, Any, T]) -> T:
    use_python_threads(asyncio.get_running_loop())
    return await main


def run(main: Coroutine[Any, Any, T]) -> T:
    """``qasync.run(main)`` (a QApplication must exist) on a loop with Python threads."""
    return qasync.run(_with_python_threads(main))
