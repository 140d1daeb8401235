"""The trading calendars of the markets the broker trades: when a market is open, its sessions,
and T+N in business days. HK is the Hong Kong exchange (XHKG: lunch break, half days, holidays),
US the New York Stock Exchange (XNYS); both from exchange_calendars, which is maintained, so a
new holiday is a library upgrade rather than an edit here.

exchange_calendars pulls in pandas (about 0.3 s): it is imported on first use, never at import
time, so neither program pays for it at start-up. ``load()`` builds the calendars ahead, in a
worker thread, before a page needs them. Every answer about a day is cached.

Times are aware datetimes (any zone); answers are in the market's own zone.
"""

from __future__ import annotations

import threading
import warnings
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any, Literal
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Market:
    code: str
    exchange: str  # the exchange's ISO 10383 code, exchange_calendars' name of its calendar
    time_zone: str


MARKETS: dict[str, Market] = {
    "HK": Market("HK", "XHKG", "Asia/Hong_Kong"),
    "US": Market("US", "XNYS", "America/New_York"),
}
# The days the calendars are built for; a question about another day is refused (OutsideCalendar).
FIRST_DAY = date(2000, 1, 3)
LAST_DAY = date(2045, 12, 29)

SessionState = Literal["open", "break", "closed"]


class OutsideCalendar(ValueError):
    """A day before FIRST_DAY or after LAST_DAY, or a market without a calendar."""


@dataclass(frozen=True)
class Period:
    """A stretch of continuous trading, in the market's zone (a day with a lunch break has two)."""

    opens: datetime
    closes: datetime


_lock = threading.Lock()
_calendars: dict[str, Any] = {}  # market → exchange_calendars.ExchangeCalendar


def time_zone(market: str) -> str:
    return _market(market).time_zone


def _market(market: str) -> Market:
    found = MARKETS.get(market)
    if found is None:
        raise OutsideCalendar(f"no trading calendar for market {market!r}")
    return found


def _calendar(market: str) -> Any:
    calendar = _calendars.get(market)
    if calendar is None:
        with _lock:  # two threads asking at once build it once
            calendar = _calendars.get(market)
            if calendar is None:
                import exchange_calendars  # pandas comes with it: only when a calendar is first needed

                # Building one trips newer pandas' deprecation notices inside the library; they say
                # nothing to a user of this program, and answers read afterwards raise none.
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", DeprecationWarning)
                    calendar = exchange_calendars.get_calendar(_market(market).exchange,
                                                               start=FIRST_DAY.isoformat(), end=LAST_DAY.isoformat())
                _calendars[market] = calendar
    return calendar


def load(markets: tuple[str, ...] = tuple(MARKETS)) -> None:
    """Builds the calendars of ``markets`` now (call it in a worker thread ahead of use)."""
    for market in markets:
        _calendar(market)


def is_loaded(market: str) -> bool:
    return market in _calendars


def _check_day(day: date) -> None:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise OutsideCalendar(f"{day.isoformat()} is outside the trading calendars "
                              f"({FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()})")


@lru_cache(maxsize=8192)
def is_session(market: str, day: date) -> bool:
    """Whether the market trades on ``day`` (its own calendar day)."""
    _check_day(day)
    return bool(_calendar(market).is_session(day.isoformat()))


@lru_cache(maxsize=4096)
def periods_on(market: str, day: date) -> tuple[Period, ...]:
    """The trading periods of ``day`` in the market's zone: none on a holiday or weekend, two on a
    Hong Kong day with a lunch break, one on a half day."""
    if not is_session(market, day):
        return ()
    calendar, zone = _calendar(market), ZoneInfo(time_zone(market))
    session = day.isoformat()

    def at(timestamp: Any) -> datetime:
        return datetime.fromtimestamp(timestamp.timestamp(), zone)

    opens, closes = at(calendar.session_open(session)), at(calendar.session_close(session))
    if bool(calendar.session_has_break(session)):
        breaks, resumes = at(calendar.session_break_start(session)), at(calendar.session_break_end(session))
        return Period(opens, breaks), Period(resumes, closes)
    return (Period(opens, closes),)


def local_day(market: str, at: datetime) -> date:
    """The market's calendar day at instant ``at``."""
    if at.tzinfo is None:
        raise ValueError("a time without a zone cannot be placed in a market's day")
    return at.astimezone(ZoneInfo(time_zone(market))).date()


def session_state(market: str, at: datetime) -> SessionState:
    """"open" inside a trading period, "break" between two periods of a day (HK lunch), else "closed"."""
    periods = periods_on(market, local_day(market, at))
    if any(p.opens <= at < p.closes for p in periods):
        return "open"
    if periods and periods[0].opens <= at < periods[-1].closes:
        return "break"
    return "closed"


def is_open(market: str, at: datetime) -> bool:
    return session_state(market, at) == "open"


def next_session(market: str, day: date) -> date:
    """The first trading day after ``day``."""
    day += timedelta(days=1)
    while not is_session(market, day):
        day += timedelta(days=1)
    return day


def previous_session(market: str, day: date) -> date:
    """The last trading day before ``day``."""
    day -= timedelta(days=1)
    while not is_session(market, day):
        day -= timedelta(days=1)
    return day


def next_open(market: str, at: datetime) -> datetime:
    """When trading next starts after ``at`` (a period's opening, lunch's end included)."""
    day = local_day(market, at)
    for period in periods_on(market, day):
        if period.opens > at:
            return period.opens
    return periods_on(market, next_session(market, day))[0].opens


def add_business_days(market: str, day: date, days: int) -> date:
    """T+N: the ``days``-th trading day after ``day`` (``day`` itself for 0)."""
    for _ in range(days):
        day = next_session(market, day)
    return day


def regular_periods(market: str) -> tuple[tuple[time, time], ...]:
    """A full trading day's periods in the market's wall-clock time, as the exchange sets them today
    (HK 09:30–12:00 and 13:00–16:00, US 09:30–16:00); half days and holidays are not regular."""
    calendar = _calendar(market)
    opens, closes = calendar.open_times[-1][1], calendar.close_times[-1][1]
    if calendar.break_start_times:
        return (opens, calendar.break_start_times[-1][1]), (calendar.break_end_times[-1][1], closes)
    return ((opens, closes),)


def hm(value: time) -> str:
    return value.strftime("%H:%M")


def describe_periods(periods: tuple[tuple[time, time], ...]) -> str:
    """"09:30–12:00, 13:00–16:00"."""
    return ", ".join(f"{hm(opens)}–{hm(closes)}" for opens, closes in periods)


def market_time(market: str, at: datetime) -> str:
    """``at`` as the market's wall clock with its zone's abbreviation: "2026-12-25 09:30 HKT"."""
    local = at.astimezone(ZoneInfo(time_zone(market)))
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()}"
