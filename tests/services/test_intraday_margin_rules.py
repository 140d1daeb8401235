"""What an intraday margin row asks at a moment: its own ratios inside the day-trade window while
the market trades, 100 % (失效) otherwise, never the overnight ratio."""

from datetime import datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from services.rules.day_trade_window import DayTradeWindow
from services.rules.intraday_margin import IntradayState, effective, market_state

HK = ZoneInfo("Asia/Hong_Kong")
NY = ZoneInfo("America/New_York")
HK_WINDOW = DayTradeWindow("HK", "Asia/Hong_Kong", time(9, 30), time(15, 45), time(16, 0))
US_WINDOW = DayTradeWindow("US", "America/New_York", time(9, 45), time(15, 45), time(15, 55))
RATIOS = (Decimal("0.25"), Decimal("0.2"), Decimal("0.15"))


@pytest.mark.parametrize(("at", "state"), [
    (datetime(2026, 12, 23, 10, 0, tzinfo=HK), IntradayState.ACTIVE),
    (datetime(2026, 12, 23, 12, 30, tzinfo=HK), IntradayState.LUNCH_BREAK),
    (datetime(2026, 12, 23, 16, 0, tzinfo=HK), IntradayState.MARKET_CLOSED),  # the end is not in the window
    (datetime(2026, 12, 24, 11, 59, tzinfo=HK), IntradayState.ACTIVE),
    (datetime(2026, 12, 24, 14, 0, tzinfo=HK), IntradayState.MARKET_CLOSED),  # a half day: closed at noon
    (datetime(2026, 12, 25, 10, 0, tzinfo=HK), IntradayState.MARKET_CLOSED),  # Christmas
    (datetime(2026, 12, 26, 10, 0, tzinfo=HK), IntradayState.MARKET_CLOSED),  # a Saturday
])
def test_a_hong_kong_row_follows_the_session(at, state):
    assert market_state(HK_WINDOW, at) == state


def test_a_window_narrower_than_the_session_limits_it():
    assert market_state(US_WINDOW, datetime(2026, 12, 23, 9, 35, tzinfo=NY)) == IntradayState.OUTSIDE_WINDOW
    assert market_state(US_WINDOW, datetime(2026, 12, 23, 9, 45, tzinfo=NY)) == IntradayState.ACTIVE
    assert market_state(US_WINDOW, datetime(2026, 12, 23, 15, 55, tzinfo=NY)) == IntradayState.OUTSIDE_WINDOW
    assert market_state(US_WINDOW, datetime(2026, 12, 25, 10, 0, tzinfo=NY)) == IntradayState.MARKET_CLOSED


def test_no_window_or_a_disabled_one_means_no_day_trading():
    at = datetime(2026, 12, 23, 10, 0, tzinfo=HK)
    assert market_state(None, at) == IntradayState.NO_DAY_TRADING
    disabled = DayTradeWindow("HK", "Asia/Hong_Kong", time(9, 30), time(15, 45), time(16, 0), enabled=False)
    assert market_state(disabled, at) == IntradayState.NO_DAY_TRADING


def test_an_active_row_asks_its_own_ratios():
    now = effective(True, *RATIOS, IntradayState.ACTIVE)
    assert now.active and (now.im, now.mm, now.fm) == RATIOS


@pytest.mark.parametrize("market", [s for s in IntradayState if s != IntradayState.ACTIVE])
def test_an_inactive_row_asks_one_hundred_percent(market):
    now = effective(True, *RATIOS, market)
    assert not now.active and now.state == market
    assert (now.im, now.mm, now.fm) == (Decimal(1), Decimal(1), Decimal(1))


def test_a_switched_off_row_is_inactive_even_while_trading():
    now = effective(False, *RATIOS, IntradayState.ACTIVE)
    assert now.state == IntradayState.SWITCHED_OFF and now.im == Decimal(1)
