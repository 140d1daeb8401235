"""Python's cycle collector runs on the window's thread, never on another.

The automatic collector runs on whichever thread happens to allocate when a generation's count runs
over, and frees every cycle it finds there, Qt wrappers included: a worker thread (the client's
modules loading behind the sign-in dialog, a key derivation, a database copy) could so delete a
widget of the window's thread, and Qt crashes (SIGSEGV) once in some hundred runs. So the automatic
collector is turned off, and a timer on the window's thread collects each generation when its count
says it is due, with the thresholds the automatic one had.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 250  # often enough that garbage never piles up between two looks


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_if_due)
        self._timer.start(INTERVAL_MS)

    def stop(self) -> None:
        """The automatic collector back, as before this one (and this one gone)."""
        self._timer.stop()
        gc.enable()
        self.setParent(None)
        self.deleteLater()

    def collect_if_due(self) -> None:
        """Each generation whose count is over its threshold, as the automatic collector would."""
        young, middle, old = gc.get_count()
        if young > self.threshold[0]:
            gc.collect(0)
            if middle > self.threshold[1]:
                gc.collect(1)
                if old > self.threshold[2]:
                    gc.collect(2)


def collect_on_the_gui_thread(app: QCoreApplication) -> GuiThreadCollector:
    """The application's collector, made the first time (it lives as long as ``app``)."""
    found = app.findChild(GuiThreadCollector)
    return found if found is not None else GuiThreadCollector(app)
