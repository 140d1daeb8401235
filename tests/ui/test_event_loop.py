"""The desktop's event loop (desktop/event_loop.py) takes callbacks from other threads without a Qt
call in those threads: a queue and asyncio's self-pipe, watched on the GUI thread."""

import asyncio
import threading

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject

from desktop.event_loop import DesktopEventLoop

THREADS, EACH = 4, 500


class _QueuedCalls(QObject):
    """Counts the queued signal calls (QMetaCallEvent) qasync's own hand-over object receives on
    the GUI thread while installed (its ``call_soon_threadsafe`` emits one per callback)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.MetaCall and type(watched).__name__ == "Signaller":
            self.count += 1
        return False


def test_callbacks_from_other_threads_run_on_the_gui_thread_once_each_in_each_threads_order(aio, qasync_loop):
    assert isinstance(qasync_loop, DesktopEventLoop)  # the suite's loop is the app's
    gui_thread = threading.get_ident()
    ran: list[tuple[int, int, int]] = []
    queued = _QueuedCalls()
    app = QCoreApplication.instance()

    async def from_threads() -> None:
        all_ran = asyncio.Event()

        def note(sender: int, index: int) -> None:
            ran.append((sender, index, threading.get_ident()))
            if len(ran) == THREADS * EACH:
                all_ran.set()

        def send(sender: int) -> None:
            for index in range(EACH):
                qasync_loop.call_soon_threadsafe(note, sender, index)

        senders = [threading.Thread(target=send, args=(n,)) for n in range(THREADS)]
        for sender in senders:
            sender.start()
        for sender in senders:
            await asyncio.to_thread(sender.join)
        await asyncio.wait_for(all_ran.wait(), 30)  # nothing else wakes the loop: the pipe does

    app.installEventFilter(queued)
    try:
        aio(from_threads())
    finally:
        app.removeEventFilter(queued)
    assert {thread for _s, _i, thread in ran} == {gui_thread}
    for sender in range(THREADS):
        assert [index for s, index, _t in ran if s == sender] == list(range(EACH))
    assert queued.count == 0  # qasync's own call_soon_threadsafe: THREADS * EACH


def test_a_handle_cancelled_before_the_loop_takes_it_does_not_run(aio, qasync_loop):
    ran = []

    async def cancel_one() -> None:
        gate = threading.Event()

        def send() -> None:
            kept = qasync_loop.call_soon_threadsafe(ran.append, "kept")
            cancelled = qasync_loop.call_soon_threadsafe(ran.append, "cancelled")
            cancelled.cancel()
            assert kept is not None
            gate.set()

        await asyncio.to_thread(send)
        assert gate.is_set()
        while not ran:
            await asyncio.sleep(0)
        await asyncio.sleep(0)  # a turn more, for the cancelled one had it been taken

    aio(cancel_one())
    assert ran == ["kept"]


def test_a_closed_loop_refuses_callbacks_from_threads(qapp):
    loop = DesktopEventLoop(qapp)
    loop.close()
    with pytest.raises(RuntimeError, match="closed"):
        loop.call_soon_threadsafe(print, "late")
