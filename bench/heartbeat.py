"""A timer on the UI thread whose beats show how long the window could not paint or take a key.

The gaps between its ticks are the event loop's pauses: with nothing running each is about the
interval; a longer one is a stall the user would feel.
"""

import time

from PySide6.QtCore import QTimer


class Heartbeat:
    def __init__(self, interval_ms: int):
        self.gaps: list[float] = []
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    def start(self) -> None:
        self.gaps.clear()
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> list[float]:
        self.timer.stop()
        return list(self.gaps)

