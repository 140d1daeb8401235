"""Risk › Credit › Intraday Margin (日內交易實時保證金): the margin page of intraday rows, with what each
row asks at this moment beside its own ratios.

A row's status follows its market's trading session and day-trade window, and an inactive
(失效) row asks 100 % (services/rules/intraday_margin.py). The "now" columns are judged by
intraday_now.py at each tick of the page's clock, so they move as the day does without a
request; a test or a screenshot gives the page a ManualClock.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from services.clients.risk import RiskClient
from ui.common.columns import Column
from ui.common.op_runner import wait_all_idle
from ui.common.page_context import PageContext
from ui.common.wall_clock import SystemClock, WallClock
from ui.risk.intraday_now import NOW_KEYS, IntradayNowController, now_columns
from ui.risk.margin_kinds import KINDS
from ui.risk.margin_page import MarginPage


class IntradayMarginPage(MarginPage):
    def __init__(self, ctx: PageContext, clock: WallClock | None = None, parent: QWidget | None = None):
        # Built before the page: its columns read it.
        self.now = IntradayNowController(RiskClient(ctx.api), clock or SystemClock(), ctx.report_error)
        super().__init__(ctx, KINDS["intraday"], parent)
        self.now.setParent(self)
        if self.now.clock.parent() is None:
            self.now.clock.setParent(self)
        self.now_line = QLabel(self)
        self.now_line.setObjectName("hint")
        self.layout().insertWidget(2, self.now_line)  # under the buttons, above the table
        self.now.changed.connect(self._now_changed)
        self.now.ticked.connect(self._show_now_line)
        self.now.load()

    def live_columns(self) -> tuple[Column, ...]:
        return now_columns(self.now)

    def _show_now_line(self) -> None:
        self.now_line.setText(self.now.summary())

    def _now_changed(self) -> None:
        shown = [i for i, c in enumerate(self.model.columns) if c.key in NOW_KEYS]
        if self.model.rowCount() and shown:
            self.model.dataChanged.emit(self.model.index(0, min(shown)),
                                        self.model.index(self.model.rowCount() - 1, max(shown)))

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if hasattr(self, "now_line"):  # not while the margin page builds itself
            self._show_now_line()

    def is_ready(self) -> bool:
        return super().is_ready() and self.now.ready

    def refresh(self) -> None:
        super().refresh()
        self.now.load()  # a window may have been approved since

    async def wait_idle(self) -> None:
        await wait_all_idle(self.model.ops, self.ops, self.now.ops)
