"""Qt tests (tests/ui, tests/e2e) run their coroutines on one qasync loop bound to pytest-qt's
QApplication, shared by the whole session; registered as a plugin in tests/conftest.py.

``aio(coro)`` runs a coroutine to completion on that loop (Qt events keep flowing, so widgets
repaint and signals fire); ``until(predicate)`` awaits a condition the UI reaches on its own.
"""

import asyncio
import time
from collections.abc import Callable

import pytest
import qasync
from PySide6.QtCore import QSettings

from desktop import i18n
from desktop.app_settings import AppSettings


@pytest.fixture(scope="session")
def qasync_loop(qapp):
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    yield loop
    # Close while the QApplication still exists; qasync's close touches Qt objects.
    loop.close()
    asyncio.set_event_loop(None)


@pytest.fixture
def aio(qasync_loop):
    def run(coro, timeout: float = 60.0):
        return qasync_loop.run_until_complete(asyncio.wait_for(coro, timeout))
    return run


async def until(predicate: Callable[[], object], timeout: float = 20.0, message: str = "") -> None:
    """Awaits ``predicate()`` becoming true while the loop (and Qt) keep running."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {message or predicate}")
        await asyncio.sleep(0.02)


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


def no_pending_tasks(*expected: asyncio.Task) -> bool:
    # pytest-qt processes Qt events between test phases, outside the running loop; a task
    # stepped there fails, so every test leaves none behind.
    current = asyncio.current_task()
    # The ``aio`` fixture's wait_for wrapper is the one other task awaiting this check.
    return all(task.done() or task is current or task in expected
               or task.get_coro().__name__ == "wait_for" for task in asyncio.all_tasks())
