"""The trading calendars: sessions, lunch breaks, half days and holidays of Hong Kong (XHKG) and
New York (XNYS), on real dates, so a calendar that skipped only weekends would fail."""

import subprocess
import sys
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from services.rules import trading_calendar as tc

HK = ZoneInfo("Asia/Hong_Kong")
NY = ZoneInfo("America/New_York")


def hk(day: int, hour: int, minute: int = 0, month: int = 12) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=HK)


def ny(day: int, hour: int, minute: int = 0, month: int = 12) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=NY)


def test_a_hong_kong_day_has_a_lunch_break():
    morning, afternoon = tc.periods_on("HK", date(2026, 12, 23))
    assert (morning.opens, morning.closes) == (hk(23, 9, 30), hk(23, 12))
    assert (afternoon.opens, afternoon.closes) == (hk(23, 13), hk(23, 16))
    assert [tc.session_state("HK", hk(23, h, m)) for h, m in ((9, 29), (9, 30), (11, 59), (12, 0), (12, 30),
                                                              (13, 0), (15, 59), (16, 0))] == [
        "closed", "open", "open", "break", "break", "open", "open", "closed"]


def test_christmas_eve_is_a_half_day_in_both_and_christmas_a_holiday():
    assert [(p.opens, p.closes) for p in tc.periods_on("HK", date(2026, 12, 24))] == [(hk(24, 9, 30), hk(24, 12))]
    assert [(p.opens, p.closes) for p in tc.periods_on("US", date(2026, 12, 24))] == [(ny(24, 9, 30), ny(24, 13))]
    assert not tc.is_open("HK", hk(24, 14))  # a weekday afternoon, closed for the half day
    for market in ("HK", "US"):
        assert tc.periods_on(market, date(2026, 12, 25)) == ()
        assert not tc.is_session(market, date(2026, 12, 25))
    assert not tc.is_open("US", ny(25, 11))
    assert not tc.is_session("HK", date(2026, 12, 26)) and tc.is_session("HK", date(2026, 12, 28))


def test_holidays_of_one_market_are_trading_days_of_the_other():
    assert tc.is_session("US", date(2026, 10, 1)) and not tc.is_session("HK", date(2026, 10, 1))  # National Day
    assert tc.is_session("HK", date(2026, 11, 26)) and not tc.is_session("US", date(2026, 11, 26))  # Thanksgiving


def test_an_instant_in_any_zone_is_placed_in_the_markets_day():
    assert tc.is_open("HK", datetime(2026, 12, 23, 2, 0, tzinfo=UTC))  # 10:00 in Hong Kong
    assert tc.is_open("US", datetime(2026, 12, 23, 15, 0, tzinfo=UTC))  # 10:00 in New York
    assert tc.local_day("US", datetime(2026, 12, 23, 2, 0, tzinfo=UTC)) == date(2026, 12, 22)
    with pytest.raises(ValueError, match="zone"):
        tc.is_open("HK", datetime(2026, 12, 23, 10, 0))


def test_the_next_and_previous_sessions_skip_holidays():
    assert tc.next_session("HK", date(2026, 12, 24)) == date(2026, 12, 28)
    assert tc.previous_session("HK", date(2026, 12, 28)) == date(2026, 12, 24)
    assert tc.next_session("US", date(2026, 12, 24)) == date(2026, 12, 28)
    assert tc.next_open("HK", hk(23, 12, 30)) == hk(23, 13)  # after lunch
    assert tc.next_open("HK", hk(24, 12, 30)) == hk(28, 9, 30)  # after the half day, past Christmas
    assert tc.next_open("US", ny(24, 8)) == ny(24, 9, 30)


def test_t_plus_n_counts_trading_days_only():
    assert tc.add_business_days("HK", date(2026, 12, 23), 0) == date(2026, 12, 23)
    assert tc.add_business_days("HK", date(2026, 12, 23), 1) == date(2026, 12, 24)
    assert tc.add_business_days("HK", date(2026, 12, 23), 2) == date(2026, 12, 28)  # 25 and 26 are holidays
    assert tc.add_business_days("US", date(2026, 12, 24), 1) == date(2026, 12, 28)
    assert tc.add_business_days("HK", date(2026, 9, 30), 1) == date(2026, 10, 2)  # National Day


def test_the_regular_day_is_the_exchanges():
    assert tc.regular_periods("HK") == ((time(9, 30), time(12)), (time(13), time(16)))
    assert tc.regular_periods("US") == ((time(9, 30), time(16)),)
    assert tc.describe_periods(tc.regular_periods("HK")) == "09:30–12:00, 13:00–16:00"


def test_times_are_named_in_the_markets_zone():
    assert tc.market_time("US", datetime(2026, 12, 25, 14, 30, tzinfo=UTC)) == "2026-12-25 09:30 EST"
    assert tc.market_time("US", datetime(2026, 7, 1, 13, 30, tzinfo=UTC)) == "2026-07-01 09:30 EDT"
    assert tc.market_time("HK", datetime(2026, 12, 25, 1, 30, tzinfo=UTC)) == "2026-12-25 09:30 HKT"


def test_days_and_markets_beyond_the_calendars_are_refused():
    with pytest.raises(tc.OutsideCalendar):
        tc.is_session("HK", date(1999, 12, 31))
    with pytest.raises(tc.OutsideCalendar):
        tc.is_session("SG", date(2026, 12, 23))


def test_importing_the_module_does_not_load_the_calendars():
    probe = ("import sys; import services.rules.trading_calendar, services.rules.day_trade_window, "
             "services.rules.intraday_margin, services.rules.stock_margin; "
             "print(any(m in sys.modules for m in ('exchange_calendars', 'pandas')))")
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip() == \
        "False"
