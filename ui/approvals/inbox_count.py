"""The status bar's "Awaiting me: N": refreshed at once when an event says it moved (or after a
decision here), polled on a timer only while the event stream is down.

A click opens the Inbox. When the count rises the shell is told how many arrived, so it can say
so; a failed poll keeps the last count (the connection indicator already tells about outages).
Every answer also goes out whole (``countsChanged``): "Returned to me" shows its part of it.
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QToolButton, QWidget

from services.clients.approvals import ApprovalsClient
from services.contract.schemas import WorkOrderCounts
from ui.common.op_runner import OpRunner

POLL_INTERVAL_MS = 30_000
POLL = "poll"


class InboxCount(QToolButton):
    countChanged = Signal(int)
    arrived = Signal(int)  # how many more orders await me than at the previous answer
    countsChanged = Signal(object)  # WorkOrderCounts, at every answer
    polled = Signal()  # a timed poll answered: the server is there (while the stream was down)

    def __init__(self, approvals: ApprovalsClient, *, interval_ms: int = POLL_INTERVAL_MS, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("inboxCount")
        self.setAutoRaise(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._approvals = approvals
        self._count: int | None = None  # None until the first answer
        self._capped = False  # more await me than the count (the server counts no further than a cap)
        self._asked_again = False  # asked while a read was in flight: it reads once more
        self.ops = OpRunner(self)  # a failed poll keeps the last count: the next one tries again
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._timed_poll)
        self.retranslate_ui()

    @property
    def count(self) -> int | None:
        return self._count

    @property
    def polling(self) -> bool:
        return self.timer.isActive()

    def start(self) -> None:
        """Counts now, and polls until told the event stream is up (``set_polling(False)``)."""
        self.poll_now()
        self.set_polling(True)

    def stop(self) -> None:
        self.timer.stop()
        self.ops.cancel_all()

    def set_polling(self, on: bool) -> None:
        """Polls on the timer (the stream is down) or not (events say when to count)."""
        if on and not self.timer.isActive():
            self.timer.start()
        elif not on:
            self.timer.stop()
        self.retranslate_ui()

    def poll_now(self) -> asyncio.Task:
        """Asks the server now (a poll in flight is reused, so bursts cost one request)."""
        return self.ops.run(self._read(), key=POLL, if_running="keep", on_success=self._counted,
                            on_failure=lambda _exc: True)

    def refresh_now(self) -> asyncio.Task:
        """Asks the server now: an event says the count moved. A read in flight may have been
        answered before the change, so it reads once more; a burst of events costs two reads."""
        self._asked_again = True
        return self.poll_now()

    def _timed_poll(self) -> None:
        self.ops.run(self._read(), key=POLL, if_running="keep", on_failure=lambda _exc: True,
                     on_success=self._polled)

    async def _read(self) -> WorkOrderCounts:
        """The counts, read again while someone asked again during the read."""
        while True:
            self._asked_again = False
            counts = await self._approvals.counts()
            if not self._asked_again:
                return counts

    def _polled(self, counts: WorkOrderCounts) -> None:
        self._counted(counts)
        self.polled.emit()

    def _counted(self, counts: WorkOrderCounts) -> None:
        previous, self._count = self._count, counts.awaiting_me
        self._capped = counts.awaiting_capped
        self.retranslate_ui()
        self.countsChanged.emit(counts)
        if counts.awaiting_me != previous:
            self.countChanged.emit(counts.awaiting_me)
        if previous is not None and counts.awaiting_me > previous:
            self.arrived.emit(counts.awaiting_me - previous)

    def retranslate_ui(self) -> None:
        shown = "…" if self._count is None else f"{self._count:,}" + ("+" if self._capped else "")
        self.setText(QCoreApplication.translate("InboxCount", "Awaiting me: {count}").format(count=shown))
        tip = QCoreApplication.translate("InboxCount", "Work orders awaiting your approval; click to open the Inbox")
        if self.timer.isActive():
            tip += "\n" + QCoreApplication.translate(
                "InboxCount", "Live updates are unavailable: checked every 30 seconds.")
        self.setToolTip(tip)
        # The style sheet highlights a non-empty inbox by this property (resources/style.qss).
        self.setProperty("waiting", bool(self._count))
        self.style().unpolish(self)
        self.style().polish(self)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
