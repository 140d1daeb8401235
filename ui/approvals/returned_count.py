"""The status bar's "Returned to me: N", for whoever submits work orders: their orders decided
(approved, applied, rejected, stale) since they last looked. Its number comes with the inbox's
(``show_counts``); a click opens My Requests, which is looking (``mark_seen``). Shown only while
some came back, as an unread mark is: a "0" would only crowd the status bar."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QToolButton, QWidget

from services.clients.approvals import ApprovalsClient
from services.contract.schemas import WorkOrderCounts
from ui.common.op_runner import OpRunner


class ReturnedCount(QToolButton):
    countChanged = Signal(int)

    def __init__(self, approvals: ApprovalsClient, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("returnedCount")
        self.setAutoRaise(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._approvals = approvals
        self._count: int | None = None
        self.ops = OpRunner(self)  # a failed mark keeps the count: the next look marks again
        self.retranslate_ui()
        self.setVisible(False)

    @property
    def count(self) -> int | None:
        return self._count

    def show_counts(self, counts: WorkOrderCounts) -> None:
        if counts.returned_to_me != self._count:
            self._count = counts.returned_to_me
            self.retranslate_ui()
            self.setVisible(counts.returned_to_me > 0)
            self.countChanged.emit(counts.returned_to_me)

    def mark_seen(self) -> None:
        """The user looks at My Requests: nothing counts as returned from now on."""
        self.ops.run(self._approvals.mark_returned_seen(), key="seen", on_success=self.show_counts,
                     on_failure=lambda _exc: True)

    def stop(self) -> None:
        self.ops.cancel_all()

    def retranslate_ui(self) -> None:
        shown = "…" if self._count is None else f"{self._count:,}"
        self.setText(QCoreApplication.translate("ReturnedCount", "Returned to me: {count}").format(count=shown))
        self.setToolTip(QCoreApplication.translate(
            "ReturnedCount", "Your work orders decided since you last looked; click to open My Requests"))
        # Highlighted while some came back (resources/style.qss).
        self.setProperty("waiting", bool(self._count))
        self.style().unpolish(self)
        self.style().polish(self)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
