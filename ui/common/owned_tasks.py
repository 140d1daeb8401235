"""Coroutines started on behalf of a QObject: kept alive while they run, cancelled with it.

asyncio holds only weak references to tasks, and a task that outlives its widget would touch a
deleted C++ object when it resumes; this holder prevents both.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any, TypeVar

from PySide6.QtCore import QObject

T = TypeVar("T")
log = logging.getLogger(__name__)


class OwnedTasks:
    def __init__(self, owner: QObject):
        tasks: set[asyncio.Task] = set()
        self._tasks = tasks
        self._owner_name = type(owner).__name__
        # The closure holds the set, not the owner, so it still works while the owner is deleted.
        owner.destroyed.connect(lambda *_: [task.cancel() for task in list(tasks)])

    def start(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        task.add_done_callback(self._log_failure)
        return task

    def _log_failure(self, task: asyncio.Task) -> None:
        # The coroutines report expected errors themselves; anything arriving here is a bug.
        if not task.cancelled() and task.exception() is not None:
            log.error("task of %s failed", self._owner_name, exc_info=task.exception())

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()
