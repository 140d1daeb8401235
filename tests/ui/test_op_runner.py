"""OpRunner: replacement per key, cancellation with its owner, busy signals, and the two ways a
failure goes (expected: shown once; a bug: raised to sys.excepthook)."""

import asyncio
import gc
import weakref

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from services.api_client import ApiError
from ui.common.op_runner import OpRunner

NOT_FOUND = ApiError(404, "not_found", "Not found")


async def value_after(value, delay: float = 0.0):
    await asyncio.sleep(delay)
    return value


async def failing(exc: BaseException):
    await asyncio.sleep(0)
    raise exc


@pytest.fixture
def owner(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def runner(owner, errors):
    return OpRunner(owner, report_error=errors.append)


def test_a_newer_op_of_the_same_key_cancels_the_older(aio, runner):
    shown = []
    first = runner.run(value_after("old", 5), key="search", on_success=shown.append)
    second = runner.run(value_after("new"), key="search", on_success=shown.append)
    other = runner.run(value_after("detail"), key="detail", on_success=shown.append)
    aio(runner.wait_idle())
    assert first.cancelled()
    assert second.result() == "new" and other.result() == "detail"
    assert sorted(shown) == ["detail", "new"]
    assert not runner.busy and not runner.running("search")


def test_keep_leaves_the_op_in_flight_alone(aio, runner):
    first = runner.run(value_after("first", 0.05), key="action")
    again = runner.run(value_after("second"), key="action", if_running="keep")
    assert again is first
    assert aio(first) == "first"


def test_ops_end_with_their_owner_and_the_owner_is_not_kept(aio, qtbot, errors):
    owner = QObject()
    runner = OpRunner(owner, report_error=errors.append)
    shown = []
    task = runner.run(value_after("late", 5), key="load", on_success=shown.append)
    gone = weakref.ref(owner)
    del owner, runner
    gc.collect()
    assert gone() is None  # neither the runner's closure nor its task holds the owner
    aio(asyncio.wait([task]))
    assert task.cancelled() and shown == [] and errors == []


def test_busy_signals_follow_the_ops(aio, runner, qasync_loop):
    changes, keys = [], []
    runner.busyChanged.connect(changes.append)
    runner.runningChanged.connect(lambda key, running: keys.append((key, running)))
    first, second = qasync_loop.create_future(), qasync_loop.create_future()
    runner.run(first, key="a")
    runner.run(second, key="b")
    assert runner.busy and runner.running("a") and runner.running("b")

    async def end_in_order() -> None:
        first.set_result(1)
        while runner.running("a"):
            await asyncio.sleep(0)
        assert runner.busy and changes == [True]  # b still runs
        second.set_result(2)
        await runner.wait_idle()

    aio(end_in_order())
    assert changes == [True, False]
    assert keys == [("a", True), ("b", True), ("a", False), ("b", False)]


def test_ops_ending_in_one_turn_say_idle_once(aio, runner, qasync_loop):
    changes = []
    runner.busyChanged.connect(changes.append)
    shared = qasync_loop.create_future()  # both ops end when it does, in the same turn of the loop
    runner.run(asyncio.shield(shared), key="a")
    runner.run(asyncio.shield(shared), key="b")

    async def end_together() -> None:
        shared.set_result(None)
        await runner.wait_idle()

    aio(end_together())
    assert changes == [True, False]


def test_an_expected_failure_is_reported_once(aio, runner, errors):
    assert aio(runner.run(failing(NOT_FOUND), key="load")) is None
    assert errors == [NOT_FOUND]


def test_an_op_may_show_its_own_expected_failure(aio, runner, errors):
    inline = []
    aio(runner.run(failing(NOT_FOUND), on_failure=lambda exc: inline.append(exc) or True))
    assert inline == [NOT_FOUND] and errors == []
    # Declining (a falsy answer) leaves it to the runner's one report.
    aio(runner.run(failing(NOT_FOUND), on_failure=inline.append))
    assert inline == [NOT_FOUND, NOT_FOUND] and errors == [NOT_FOUND]


def test_a_bug_reaches_the_excepthook(aio, qtbot, runner, errors):
    bug = ZeroDivisionError("bug")
    with qtbot.captureExceptions() as exceptions:
        task = runner.run(failing(bug), key="load", on_failure=lambda exc: True)
        aio(asyncio.wait([task]))
        aio(asyncio.sleep(0))  # the done callback
    assert [exc for _type, exc, _tb in exceptions] == [bug]
    assert errors == [bug]  # the user hears of it too
    assert not runner.busy


def test_a_bug_in_on_success_reaches_the_excepthook(aio, qtbot, runner):
    with qtbot.captureExceptions() as exceptions:
        task = runner.run(value_after(0), on_success=lambda value: 1 / value)
        aio(asyncio.wait([task]))
        aio(asyncio.sleep(0))
    assert [type(exc) for _type, exc, _tb in exceptions] == [ZeroDivisionError]
