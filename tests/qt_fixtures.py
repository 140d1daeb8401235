"""Qt tests (tests/ui, tests/e2e) run their coroutines on one qasync loop bound to pytest-qt's
QApplication, shared by the whole session; registered as a plugin in tests/conftest.py.

``aio(coro)`` runs a coroutine to completion on that loop (Qt events keep flowing, so widgets
repaint and signals fire); ``until(predicate)`` awaits a condition the UI reaches on its own;
``next_emission(signal)`` is pytest-qt's ``waitSignal`` for code on the loop (``qtbot.waitSignal``
spins a nested Qt loop in which asyncio tasks cannot step). As in the app, the loop counts as
running for the whole test: a task that Qt steps between two ``aio`` calls (or pytest-qt between
test phases) runs normally; a test still awaits the widget's ``wait_idle`` before it checks what
an operation did.
"""

import asyncio
import contextlib
import time
from collections.abc import Callable

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QSettings

from desktop import i18n
from desktop.app_settings import AppSettings
from desktop.event_loop import DesktopEventLoop
from ui.common.op_runner import STANDING


@pytest.fixture(scope="session")
def qasync_loop(qapp):
    loop = DesktopEventLoop(qapp)  # as the app's loop (desktop/event_loop.py)
    asyncio.set_event_loop(loop)
    yield loop
    # Close while the QApplication still exists; qasync's close touches Qt objects.
    loop.close()
    asyncio.set_event_loop(None)


@pytest.fixture
def aio(qasync_loop):
    def run(coro, timeout: float = 60.0):
        future = asyncio.ensure_future(asyncio.wait_for(coro, timeout), loop=qasync_loop)
        future.add_done_callback(lambda _done: qasync_loop.stop())
        try:
            qasync_loop.run_forever()
        finally:
            asyncio.events._set_running_loop(qasync_loop)  # qasync's run_forever unsets it
        if not future.done():
            raise RuntimeError("the loop stopped before the coroutine ended")
        return future.result()

    # The app's loop runs for the app's whole life: here it counts as running for the whole test,
    # between two ``aio`` calls too, so a task that Qt steps there (pytest-qt processes events
    # between phases) runs as it does in the app instead of failing for want of a running loop.
    asyncio.events._set_running_loop(qasync_loop)
    yield run
    asyncio.events._set_running_loop(None)


async def _cancel_leftovers() -> None:
    """Cancels what a test left in flight (as closing the app cancels a page's operations) and
    awaits the cancellations, so that nothing of one test steps in the next."""
    leftovers = _others_running()
    for task in leftovers:
        task.cancel()
    if leftovers:
        await asyncio.wait(leftovers)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After a test that ran the loop, before its fixtures are torn down (its backend's database
    first): nothing it started is still running."""
    try:
        return (yield)
    finally:
        run = item.funcargs.get("aio")
        if run is not None:
            run(_cancel_leftovers(), 30)


async def until(predicate: Callable[[], object], timeout: float = 20.0, message: str = "") -> None:
    """Awaits ``predicate()`` becoming true while the loop (and Qt) keep running."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {message or predicate}")
        await asyncio.sleep(0.02)


def next_emission(signal, check: Callable[..., bool] | None = None) -> asyncio.Future:
    """A future of the arguments of ``signal``'s next emission that passes ``check``; connected at
    once, so create it before starting what emits, then ``aio(future)`` or ``await future``."""
    future = asyncio.get_event_loop().create_future()

    def seen(*args: object) -> None:
        if not future.done() and (check is None or check(*args)):
            future.set_result(args)

    def disconnect(_future: asyncio.Future) -> None:
        with contextlib.suppress(RuntimeError):  # the sender is gone
            signal.disconnect(seen)

    signal.connect(seen)
    future.add_done_callback(disconnect)
    return future


async def delete_on_loop(*widgets) -> None:
    """Closes and deletes ``widgets`` on the loop, as the app does with a window: the requests of
    its pages are cancelled with them and end there."""
    for widget in widgets:
        if shiboken6.isValid(widget):
            widget.close()
            widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    await until(no_pending_tasks, message="cancelled tasks")


@pytest.fixture
def shell_app(qapp):
    """As desktop.app sets it up: English here, and closing a dialog does not quit the loop."""
    qapp.setQuitOnLastWindowClosed(False)
    i18n.set_language("en")
    yield qapp
    i18n.set_language("en")


@pytest.fixture
def settings(tmp_path):
    """Settings in a file of the test's own, never the user's."""
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def _others_running(*expected: asyncio.Task, standing: bool = True) -> list[asyncio.Task]:
    """Tasks still running besides the caller, ``expected`` and the ``aio`` fixture's wait_for
    wrapper (the one other task awaiting the caller); ``standing=False`` leaves out the tasks that
    run for their window's life (an event stream: ui/common/op_runner.py STANDING)."""
    current = asyncio.current_task()
    return [task for task in asyncio.all_tasks()
            if not (task.done() or task is current or task in expected or task.get_coro().__name__ == "wait_for"
                    or (not standing and task.get_name() == STANDING))]


def no_pending_tasks(*expected: asyncio.Task) -> bool:
    """Nothing in flight but ``expected`` (and a window's event stream, which never ends): a test
    checks what its operations did once they ended."""
    return not _others_running(*expected, standing=False)
