"""A widget's first paint, as a signal: the shell starts its heavy loading once the sign-in dialog
is on screen (desktop/preparation.py), and the benchmarks time the start up to it.

With ``OPSDESK_REPORT_FIRST_PAINT`` set, the moment is also printed on stderr as
``OPSDESK_FIRST_PAINT <name> <epoch seconds>`` (bench/start_to_sign_in.py,
bench/sign_in_to_first_page.py): measured from outside the process, from its spawn.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

REPORT_ENV = "OPSDESK_REPORT_FIRST_PAINT"
LINE = "OPSDESK_FIRST_PAINT"


def report_line(name: str, at: float) -> str:
    return f"{LINE} {name} {at:.6f}"


def parse_line(line: str) -> tuple[str, float] | None:
    """(name, epoch seconds) of a report line, or None for any other line."""
    parts = line.split()
    if len(parts) != 3 or parts[0] != LINE:
        return None
    return parts[1], float(parts[2])


class FirstPaint(QObject):
    painted = Signal()  # once, after the widget's first paint has been drawn

    def __init__(self, widget: QWidget, name: str):
        super().__init__(widget)
        self._name = name
        self._widget = widget
        self.done = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # The filter runs before the widget paints: the next turn of the loop comes after the
            # whole window has been painted and put on screen.
            QTimer.singleShot(0, self, self._painted)
        return False

    def _painted(self) -> None:
        self.done = True
        if os.environ.get(REPORT_ENV):
            print(report_line(self._name, time.time()), file=sys.stderr, flush=True)
        self.painted.emit()
