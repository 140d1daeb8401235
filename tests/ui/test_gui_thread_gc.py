"""The cycle collector runs on the window's thread only (desktop/gui_thread_gc.py).

The suite's own processes keep the automatic collector (tests leave windows behind whose timers
would fire in later tests if they were collected less often): each test here puts it back."""

import gc
import threading
import weakref

import pytest

from desktop.app import create_application
from desktop.gui_thread_gc import GuiThreadCollector


@pytest.fixture(autouse=True)
def _automatic_collector_back(qapp):
    yield
    for collector in qapp.findChildren(GuiThreadCollector):
        collector.stop()
    assert gc.isenabled()


class _Held:
    pass


def _garbage_cycle() -> weakref.ref:
    """A cycle no one refers to: only a collection frees it."""
    held = _Held()
    cycle: list = [held]
    cycle.append(cycle)
    return weakref.ref(held)


def test_the_application_turns_the_automatic_collector_off_once(qapp):
    app = create_application([])
    collector = app.findChild(GuiThreadCollector)
    assert collector is not None and not gc.isenabled()
    create_application([])
    assert app.findChildren(GuiThreadCollector) == [collector]


def test_a_worker_thread_collects_nothing_and_the_windows_thread_collects_what_is_due(qapp, qtbot):
    create_application([])
    freed = _garbage_cycle()

    kept: list = []

    def allocate() -> None:  # far past every threshold: the automatic collector would have run here
        kept.extend([index] for index in range(200_000))

    worker = threading.Thread(target=allocate)
    worker.start()
    worker.join()
    assert freed() is not None
    qtbot.waitUntil(lambda: freed() is None)  # the timer, on the window's thread
