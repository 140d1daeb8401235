"""What each intraday margin row asks at this moment, for the Intraday Margin page: its status now
(生效 / 失效, and why) and the IM, MM and FM that apply now, 100 % while inactive.

The rule is the shared one (services/rules/intraday_margin.py); this controller feeds it the
markets' day-trade windows, the exchange calendars (built in a worker thread, as the windows
load) and the time from an injected clock. Each tick it judges each market once (every
switched-on row of a market is in the same state) and says so only when a market's state moved.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal

from services.clients.risk import RiskClient
from services.contract.schemas import DayTradeWindowOut
from services.rules import trading_calendar
from services.rules.day_trade_window import DayTradeWindow
from services.rules.intraday_margin import IntradayNow, IntradayState, effective, market_state
from ui.common import formatting
from ui.common.columns import RIGHT, Column
from ui.common.op_runner import OpRunner
from ui.common.wall_clock import WallClock

translate = QCoreApplication.translate  # the name lupdate recognises
CONTEXT = "MarginPage"
ACTIVE_COLOUR, INACTIVE_COLOUR = "#1b7a3a", "#9b1c1c"
NOW_KEYS = ("status_now", "im_now", "mm_now", "fm_now")

STATE_TEXTS: dict[IntradayState, str] = {
    IntradayState.ACTIVE: QT_TRANSLATE_NOOP("MarginPage", "In effect"),
    IntradayState.SWITCHED_OFF: QT_TRANSLATE_NOOP("MarginPage", "Inactive · switched off"),
    IntradayState.NO_DAY_TRADING: QT_TRANSLATE_NOOP("MarginPage", "Inactive · no day trading"),
    IntradayState.MARKET_CLOSED: QT_TRANSLATE_NOOP("MarginPage", "Inactive · market closed"),
    IntradayState.LUNCH_BREAK: QT_TRANSLATE_NOOP("MarginPage", "Inactive · lunch break"),
    IntradayState.OUTSIDE_WINDOW: QT_TRANSLATE_NOOP("MarginPage", "Inactive · outside the day-trade window"),
}


def _window(live: DayTradeWindowOut) -> DayTradeWindow:
    return DayTradeWindow(live.market, live.time_zone, live.start, live.force_close, live.end, live.enabled)


class IntradayNowController(QObject):
    changed = Signal()  # a market's state moved: the "now" columns read again
    ticked = Signal()  # judged again at the clock's new now, moved or not

    def __init__(self, client: RiskClient, clock: WallClock, report_error: Callable[[BaseException], None],
                 parent: QObject | None = None):
        super().__init__(parent)
        self.client = client
        self.ops = OpRunner(self, report_error)
        self.clock = clock
        self._windows: dict[str, DayTradeWindow] | None = None  # None until loaded
        self._states: dict[str, IntradayState] = {}
        clock.ticked.connect(self.tick)

    @property
    def ready(self) -> bool:
        return self._windows is not None

    def use_clock(self, clock: WallClock) -> None:
        """Another clock from now on (screenshots show a chosen moment)."""
        self.clock.ticked.disconnect(self.tick)
        self.clock = clock
        clock.ticked.connect(self.tick)
        self.tick()

    def load(self) -> asyncio.Task:
        """The markets' windows again, with the calendars built first (off the window's thread)."""
        return self.ops.run(self._load(), key="intraday_now", on_success=self._loaded)

    async def _load(self) -> list[DayTradeWindowOut]:
        await asyncio.to_thread(trading_calendar.load)
        return await self.client.day_trade_windows()

    def _loaded(self, windows: list[DayTradeWindowOut]) -> None:
        self._windows = {w.market: _window(w) for w in windows}
        self._states = {}
        self.tick()

    def tick(self) -> None:
        """Judges every market at the clock's now; ``changed`` when one moved."""
        if self._windows is None:
            return
        at = self.clock.now()
        markets = set(trading_calendar.MARKETS) | set(self._windows)
        states = {m: market_state(self._windows.get(m), at) for m in markets}
        if states != self._states:
            self._states = states
            self.changed.emit()
        self.ticked.emit()

    def state_of(self, market: str) -> IntradayState | None:
        if self._windows is None:
            return None
        # A market without a calendar has no day-trade window either.
        return self._states.get(market, IntradayState.NO_DAY_TRADING)

    def summary(self) -> str:
        """Each calendar market's wall clock now and the state its switched-on rows are in."""
        if self._windows is None:
            return ""
        at = self.clock.now()
        return "    ".join(
            translate("MarginPage", "{market} now: {time}, {state}").format(
                market=market, time=trading_calendar.market_time(market, at),
                state=translate(CONTEXT, STATE_TEXTS[self._states[market]]))
            for market in trading_calendar.MARKETS)

    def row_now(self, row: Any) -> IntradayNow | None:
        """What ``row`` (an IntradayMarginRow) asks now; None until the windows are here."""
        state = self.state_of(row.market)
        return None if state is None else effective(row.active, row.im, row.mm, row.fm, state)


def _status_text(now: IntradayNow | None) -> str:
    return "…" if now is None else translate(CONTEXT, STATE_TEXTS[now.state])


def _status_colour(now: IntradayNow | None) -> str | None:
    return None if now is None else ACTIVE_COLOUR if now.active else INACTIVE_COLOUR


def now_columns(controller: IntradayNowController) -> tuple[Column, ...]:
    """Status now, and IM / MM / FM now: the table's live figures, read at each tick."""

    def ratio(field: str) -> Callable[[Any], object]:
        def value(row: Any) -> object:
            now = controller.row_now(row)
            return None if now is None else getattr(now, field)
        return value

    return (
        Column(NOW_KEYS[0], QT_TRANSLATE_NOOP("MarginPage", "Status Now"), value=controller.row_now,
               format=_status_text, width_chars=22, color=_status_colour),
        *(Column(f"{field}_now", header, value=ratio(field), format=formatting.percent, align=RIGHT, width_chars=9)
          for field, header in (("im", QT_TRANSLATE_NOOP("MarginPage", "IM Now")),
                                ("mm", QT_TRANSLATE_NOOP("MarginPage", "MM Now")),
                                ("fm", QT_TRANSLATE_NOOP("MarginPage", "FM Now")))),
    )

