"""What an intraday real-time margin row (日內交易實時保證金) asks at a given moment.

The real system changes a row's status with the trading session, and a row whose status is
inactive (失效) asks 100 % margin (保證金比例默認為 100%), not the overnight ratio. A row is
active at an instant only when all hold: its own switch is on, its market's day-trade window
(日內融時間) is enabled, the market is in a trading period by its exchange calendar (not a
holiday, weekend, lunch break or outside hours), and the market's wall clock is inside the
window, start ≤ t < end. This module is the one place that says so.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo

from services.rules import trading_calendar
from services.rules.day_trade_window import DayTradeWindow
from services.rules.ratios import ONE


class IntradayState(StrEnum):
    """Why a row is or is not active now; the first that applies, in this order."""

    ACTIVE = "active"
    SWITCHED_OFF = "switched_off"  # the row's own switch
    NO_DAY_TRADING = "no_day_trading"  # the market has no window, or its window is disabled
    MARKET_CLOSED = "market_closed"  # a holiday, a weekend, before the open or after the close
    LUNCH_BREAK = "lunch_break"
    OUTSIDE_WINDOW = "outside_window"  # trading, but before the window's start or from its end


def market_state(window: DayTradeWindow | None, at: datetime) -> IntradayState:
    """The state every switched-on row of the window's market is in at ``at``."""
    if window is None or not window.enabled:
        return IntradayState.NO_DAY_TRADING
    session = trading_calendar.session_state(window.market, at)
    if session == "closed":
        return IntradayState.MARKET_CLOSED
    if session == "break":
        return IntradayState.LUNCH_BREAK
    wall = at.astimezone(ZoneInfo(window.time_zone)).time()
    if not window.start <= wall < window.end:
        return IntradayState.OUTSIDE_WINDOW
    return IntradayState.ACTIVE


@dataclass(frozen=True)
class IntradayNow:
    """The ratios that apply at one moment, and why."""

    state: IntradayState
    im: Decimal
    mm: Decimal
    fm: Decimal

    @property
    def active(self) -> bool:
        return self.state == IntradayState.ACTIVE


def effective(switched_on: bool, im: Decimal, mm: Decimal, fm: Decimal, market: IntradayState) -> IntradayNow:
    """A row's ratios at the moment its market is in state ``market``: its own when active,
    100 % each otherwise."""
    state = market if switched_on else IntradayState.SWITCHED_OFF
    if state == IntradayState.ACTIVE:
        return IntradayNow(state, im, mm, fm)
    return IntradayNow(state, ONE, ONE, ONE)
