"""Now, for pages whose figures change with the time of day (what applies at this moment), and a
tick when it is worth looking again.

Injected, not read from the system: the app gives a page the SystemClock; tests and screenshots
give it a ManualClock and move it, so nothing waits for real time to pass.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal

TICK_MS = 5_000  # statuses change on the minute; a few seconds late is soon enough


class WallClock(QObject):
    ticked = Signal()  # time has moved: figures that depend on it may have changed

    def now(self) -> datetime:
        """An aware UTC datetime."""
        raise NotImplementedError


class SystemClock(WallClock):
    def __init__(self, parent: QObject | None = None, interval_ms: int = TICK_MS):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.ticked)
        self._timer.start()

    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock(WallClock):
    """A clock that stands still until moved; each move ticks."""

    def __init__(self, at: datetime, parent: QObject | None = None):
        super().__init__(parent)
        self._now = at.astimezone(UTC)

    def now(self) -> datetime:
        return self._now

    def set(self, at: datetime) -> None:
        self._now = at.astimezone(UTC)
        self.ticked.emit()

    def advance(self, delta: timedelta | None = None, **units: float) -> datetime:
        self.set(self._now + (delta if delta is not None else timedelta(**units)))
        return self._now
