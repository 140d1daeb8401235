"""The status bar's "Awaiting me: N": polled on a timer, refreshed at once after a decision.

A click opens the Inbox. When the count rises the shell is told how many arrived, so it can say
so; a failed poll keeps the last count (the connection indicator already tells about outages).
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
    arrived = Signal(int)  # how many more orders await me than at the previous poll

    def __init__(self, approvals: ApprovalsClient, *, interval_ms: int = POLL_INTERVAL_MS, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("inboxCount")
        self.setAutoRaise(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._approvals = approvals
        self._count: int | None = None  # None until the first answer
        self.ops = OpRunner(self)  # a failed poll keeps the last count: the next one tries again
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll_now)
        self.retranslate_ui()

    @property
    def count(self) -> int | None:
        return self._count

    def start(self) -> None:
        self.poll_now()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.ops.cancel_all()

    def poll_now(self) -> asyncio.Task:
        """Asks the server now (a poll in flight is reused, so bursts cost one request)."""
        return self.ops.run(self._approvals.counts(), key=POLL, if_running="keep", on_success=self._counted,
                            on_failure=lambda _exc: True)

    def _counted(self, counts: WorkOrderCounts) -> None:
        previous, self._count = self._count, counts.awaiting_me
        self.retranslate_ui()
        if counts.awaiting_me != previous:
            self.countChanged.emit(counts.awaiting_me)
        if previous is not None and counts.awaiting_me > previous:
            self.arrived.emit(counts.awaiting_me - previous)

    def retranslate_ui(self) -> None:
        shown = "…" if self._count is None else f"{self._count:,}"
        self.setText(QCoreApplication.translate("InboxCount", "Awaiting me: {count}").format(count=shown))
        self.setToolTip(QCoreApplication.translate(
            "InboxCount", "Work orders awaiting your approval; click to open the Inbox"))
        # The style sheet highlights a non-empty inbox by this property (resources/style.qss).
        self.setProperty("waiting", bool(self._count))
        self.style().unpolish(self)
        self.style().polish(self)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
