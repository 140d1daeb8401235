"""One runner for everything a widget does in the background (after Anki's ``aqt/operations``).

A widget owns an ``OpRunner`` and hands it coroutines::

    self.ops = OpRunner(self, report_error=ctx.report_error)
    self.ops.busyChanged.connect(self.busy.setVisible)
    self.ops.run(api.get_model(path, Detail), key="detail", on_success=self.show_detail)

- ``key`` names a kind of operation: a newer op of the same key cancels the older one (a new
  search replaces the search in flight), unless ``if_running="keep"``, which keeps the older one.
- The runner holds every task (asyncio keeps only weak references) and cancels them all when its
  owner is destroyed; a cancelled op calls back nobody.
- ``busy``/``running(key)`` and the ``busyChanged``/``runningChanged`` signals say what runs.
- An expected failure (``EXPECTED``: the server's or the network's ``ApiError``, a file's
  ``OSError``) goes to the op's ``on_failure``; unless that returns True (it showed the error
  itself, say next to a field), it goes to ``report_error``, the shell's one way of telling the
  user in their language. Anything else is a bug: reported, then raised to ``sys.excepthook``,
  which logs it in the app and fails a pytest-qt test.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from typing import Any, Literal, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal

from services.api_errors import ApiError

T = TypeVar("T")
log = logging.getLogger(__name__)

EXPECTED: tuple[type[BaseException], ...] = (ApiError, OSError)

# The name of an op's task that runs for its owner's whole life (an event stream, ``standing=True``):
# tests that wait for every operation to end leave such a task out (tests/qt_fixtures.py).
STANDING = "standing"

# Returns True when it showed the failure itself; otherwise the runner reports it.
FailureHandler = Callable[[BaseException], "bool | None"]


class OpRunner(QObject):
    busyChanged = Signal(bool)  # some op runs / none does
    runningChanged = Signal(str, bool)  # an op of this key started / none of it runs any more

    def __init__(self, owner: QObject, report_error: Callable[[BaseException], None] | None = None):
        super().__init__(owner)
        self._report_error = report_error
        self._owner_name = type(owner).__name__
        tasks: set[asyncio.Task] = set()
        self._tasks = tasks
        self._by_key: dict[str, asyncio.Task] = {}
        self._said_busy = False  # what busyChanged said last
        # The closure holds the set, never the owner or the runner: it works while both are deleted.
        owner.destroyed.connect(lambda *_: [task.cancel() for task in list(tasks)])

    # --- state --------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """Some op runs, a standing one aside (it never ends: nothing waits for it)."""
        return any(not task.done() and task.get_name() != STANDING for task in self._tasks)

    def running(self, key: str) -> bool:
        """An op of ``key`` runs and nobody cancelled it (a cancelled one is winding down)."""
        task = self._by_key.get(key)
        return task is not None and not task.done() and not task.cancelling()

    def __len__(self) -> int:
        return sum(not task.done() for task in self._tasks)

    # --- running ------------------------------------------------------------------------------

    def run(self, op: Awaitable[T], *, key: str | None = None,
            on_success: Callable[[T], object] | None = None, on_failure: FailureHandler | None = None,
            expected: tuple[type[BaseException], ...] = EXPECTED,
            if_running: Literal["replace", "keep"] = "replace", standing: bool = False) -> asyncio.Task[T | None]:
        """Starts ``op``; the task's result is the op's, or None when it failed as expected.
        ``standing``: it runs until cancelled (named STANDING) and never counts as busy."""
        older = self._by_key.get(key) if key is not None else None
        if older is not None and not older.done():
            if if_running == "keep" and not older.cancelling():
                if asyncio.iscoroutine(op):
                    op.close()  # never started: no "was never awaited" warning
                return older
            older.cancel()
        task = asyncio.ensure_future(self._guard(op, on_success, on_failure, expected))
        if standing:
            task.set_name(STANDING)
        self._tasks.add(task)
        task.add_done_callback(lambda done: self._finished(done, key, op))
        if key is not None:
            self._by_key[key] = task
            self.runningChanged.emit(key, True)
        if self.busy:  # a standing op alone never makes the runner busy
            self._say_busy(True)
        return task

    def cancel(self, key: str) -> None:
        task = self._by_key.get(key)
        if task is not None:
            task.cancel()

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    async def wait_idle(self) -> None:
        """Awaits every op, including ops that ops start (for tests and shutdown); never raises."""
        while True:
            while pending := [task for task in self._tasks if not task.done()]:
                await asyncio.wait(pending)
            await asyncio.sleep(0)  # the done callbacks (busy, running) run, and what they start
            if not self.busy:
                return

    def report(self, exc: BaseException) -> None:
        """The one way a failure reaches the user (the shell's ``report_error``)."""
        if self._report_error is not None:
            self._report_error(exc)
        else:
            log.warning("%s: %s", self._owner_name, exc)

    # --- inside -------------------------------------------------------------------------------

    async def _guard(self, op: Awaitable[T], on_success: Callable[[T], object] | None,
                     on_failure: FailureHandler | None, expected: tuple[type[BaseException], ...]) -> T | None:
        try:
            result = await op
            if on_success is not None:
                on_success(result)
            return result
        except expected as exc:
            log.info("%s: operation failed: %s", self._owner_name, exc)
            if on_failure is None or not on_failure(exc):
                self.report(exc)
            return None
        except Exception as exc:
            self.report(exc)
            raise

    def _say_busy(self, busy: bool) -> None:
        """``busyChanged`` on a change only: two ops ending in one turn of the loop both find the
        runner idle in their done callbacks, and say so once."""
        if busy != self._said_busy:
            self._said_busy = busy
            self.busyChanged.emit(busy)

    def _finished(self, task: asyncio.Task, key: str | None, op: Awaitable[Any]) -> None:
        self._tasks.discard(task)
        if asyncio.iscoroutine(op):
            op.close()  # cancelled before it started: no "was never awaited" warning
        alive = shiboken6.isValid(self)  # the owner and its runner may be gone (cancelled with it)
        if key is not None and self._by_key.get(key) is task:
            del self._by_key[key]
            if alive:
                self.runningChanged.emit(key, False)
        if alive and not self.busy:
            self._say_busy(False)
        if not task.cancelled() and (exc := task.exception()) is not None:
            sys.excepthook(type(exc), exc, exc.__traceback__)


async def wait_all_idle(*runners: OpRunner) -> None:
    """Awaits every op of ``runners``, including ops that one starts on another."""
    while any(runner.busy for runner in runners):
        for runner in runners:
            await runner.wait_idle()
