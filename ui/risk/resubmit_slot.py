"""The place at the top of a risk editor (the margin side drawer, the day-trade window editor) where
it shows the refused order it corrects: ui/common/resubmission.py's ResubmitBanner while it does,
nothing otherwise. Its ``resubmission()`` is what the editor's RiskClient submits with
(``client.resubmitting(slot.resubmission())``: an ordinary submission when None)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QBoxLayout, QWidget

from services.clients.resubmission import Resubmission
from services.contract.schemas import WorkOrderOut
from ui.common.resubmission import ResubmitBanner


class ResubmitSlot(QObject):
    noteEdited = Signal()  # the note changed: another proposal, with a new idempotency key

    def __init__(self, layout: QBoxLayout, parent: QWidget):
        super().__init__(parent)
        self._layout = layout
        self._parent = parent
        self.banner: ResubmitBanner | None = None  # made on first use, kept for the next order
        self.order: WorkOrderOut | None = None  # the order being corrected; None: an ordinary edit

    def show(self, order: WorkOrderOut) -> ResubmitBanner:
        if self.banner is None:
            self.banner = ResubmitBanner(order, self._parent)
            self.banner.title.setWordWrap(True)  # a narrow drawer: the flow's name wraps, never widens it
            self.banner.note_edit.textChanged.connect(self.noteEdited)
            self._layout.insertWidget(0, self.banner)
        self.order = self.banner.order = order
        self.banner.note_edit.clear()
        self.banner.retranslate()
        self.banner.show()
        return self.banner

    def clear(self) -> None:
        self.order = None
        if self.banner is not None:
            self.banner.hide()
            self.banner.note_edit.clear()

    def resubmission(self) -> Resubmission | None:
        return None if self.order is None or self.banner is None else self.banner.resubmission()

    def retranslate(self) -> None:
        if self.order is not None and self.banner is not None:
            self.banner.retranslate()
