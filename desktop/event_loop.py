"""The desktop's event loop: qasync's loop on the QApplication, with plain Python threads for work
sent off the GUI thread (``asyncio.to_thread``, ``run_in_executor(None, ...)``), and that work's
results handed back to the GUI thread without Qt.

qasync's own default executor runs that work in QThreads, and its ``call_soon_threadsafe`` (how
every finished thread, executor or ASGI call wakes the loop) emits a Qt signal carrying Python
objects from the calling thread. With PySide6 6.11 a garbage collection on the GUI thread while
other threads did such work crashed the process now and then (a segmentation fault, in the
offline sign-in under load and in test processes whose in-process backend answers from worker
threads). Here the work runs in Python threads, and a callback from another thread is queued in a
deque and the loop woken through asyncio's own self-pipe, which qasync watches with a socket
notifier made on the GUI thread: no Qt object is touched off the GUI thread. Python's threads also
carry ``threading.settrace``, so coverage measures that work too.
"""

import asyncio
from collections import deque
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from contextvars import Context
from typing import Any, TypeVar

import qasync  # binds to PySide6 through QT_API (set in desktop/__init__.py)
from PySide6.QtCore import QCoreApplication

T = TypeVar("T")
WORKERS = 4  # argon2 hashing, workbook reading, the workstation's database: a few at a time


class DesktopEventLoop(qasync.QEventLoop):  # type: ignore[misc, valid-type]  # qasync is untyped
    """qasync's loop whose ``call_soon_threadsafe`` leaves Qt out of the calling thread."""

    def __init__(self, app: QCoreApplication) -> None:
        # Before qasync's constructor: asyncio's makes the self-pipe whose reader drains this.
        self._from_threads: deque[asyncio.Handle] = deque()  # append/popleft are atomic
        super().__init__(app)
        # A Python thread pool of its own as the default executor (the loop shuts it down when it
        # closes), in place of qasync's QThreads.
        self.set_default_executor(ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="opsdesk-work"))

    def call_soon_threadsafe(self, callback: Callable[..., object], *args: Any,
                             context: Context | None = None) -> asyncio.Handle:
        self._check_closed()
        handle = asyncio.Handle(callback, args, self, context=context)
        self._from_threads.append(handle)
        self._write_to_self()  # a byte on the self-pipe: the GUI thread's notifier wakes the loop
        return handle

    def _process_self_data(self, data: bytes) -> None:
        """On the GUI thread, when the self-pipe is read: each queued callback runs in turn, as a
        ``call_soon`` of the loop's own thread would."""
        while self._from_threads:
            handle = self._from_threads.popleft()
            if not handle.cancelled():
                self._add_callback(handle)


def run(main: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(main)`` on a ``DesktopEventLoop`` of the QApplication, which must exist."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("the event loop needs the QApplication made first")
    loop = DesktopEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        with asyncio.Runner(loop_factory=lambda: loop) as runner:
            return runner.run(main)
    finally:
        asyncio.set_event_loop(None)
