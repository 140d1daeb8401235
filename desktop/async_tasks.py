"""Starting coroutines from Qt slots on the qasync loop, safely.

asyncio keeps only weak references to tasks, so a task nobody holds can vanish mid-flight; and
an exception inside a task started from a slot reaches nobody. ``TaskGroup`` holds every task it
starts and routes unexpected exceptions to ``sys.excepthook`` (the app logs and shows them;
pytest-qt fails the test).
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Coroutine
from typing import Any

log = logging.getLogger(__name__)


class TaskGroup:
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task] = set()

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    def __len__(self) -> int:
        return len(self._tasks)

    def _finished(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            log.error("unhandled error in a background task", exc_info=exc)
            sys.excepthook(type(exc), exc, exc.__traceback__)
