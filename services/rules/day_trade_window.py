"""Rules of the day-trade window (日內融時間) of a market: one implementation for every caller.

start < force-close ≤ end, each inside the market's trading session as its exchange calendar
sets it (services/rules/trading_calendar.py: Hong Kong 09:30–12:00 and 13:00–16:00, so not in the
lunch break; New York 09:30–16:00), in the market's own time zone (DOMAIN.md). The times are
wall-clock times of that zone.
"""

from dataclasses import dataclass
from datetime import time

from services.contract.reasons import named
from services.rules import trading_calendar
from services.rules.violations import Violation


@dataclass(frozen=True)
class DayTradeWindow:
    market: str
    time_zone: str
    start: time
    force_close: time
    end: time
    enabled: bool = True


def check_window(window: DayTradeWindow, row: int | None = None) -> list[Violation]:
    """Every broken rule of ``window``; an empty list means it may be submitted."""
    market = trading_calendar.MARKETS.get(window.market)
    if market is None:
        return [Violation("market", "unknown_market",
                          f"Unknown market {window.market!r}; expected one of "
                          f"{', '.join(trading_calendar.MARKETS)}.", row, named(market=window.market))]
    out: list[Violation] = []
    if window.time_zone != market.time_zone:
        out.append(Violation("time_zone", "wrong_time_zone",
                             f"{window.market} trades in {market.time_zone}, not {window.time_zone}.", row,
                             named(market=window.market, expected=market.time_zone, time_zone=window.time_zone)))
    periods = trading_calendar.regular_periods(window.market)
    for field in ("start", "force_close", "end"):
        value: time = getattr(window, field)
        if not any(opens <= value <= closes for opens, closes in periods):
            session = trading_calendar.describe_periods(periods)
            out.append(Violation(field, "outside_session",
                                 f"{trading_calendar.hm(value)} is outside the {window.market} session {session}.",
                                 row, named(time=trading_calendar.hm(value), market=window.market, session=session)))
    if not window.start < window.force_close:
        out.append(Violation("force_close", "force_close_not_after_start",
                             f"Force-close {trading_calendar.hm(window.force_close)} must be after the start "
                             f"{trading_calendar.hm(window.start)}.", row,
                             named(force_close=trading_calendar.hm(window.force_close),
                                   start=trading_calendar.hm(window.start))))
    if not window.force_close <= window.end:
        out.append(Violation("force_close", "force_close_after_end",
                             f"Force-close {trading_calendar.hm(window.force_close)} must not be after the end "
                             f"{trading_calendar.hm(window.end)}.", row,
                             named(force_close=trading_calendar.hm(window.force_close),
                                   end=trading_calendar.hm(window.end))))
    return out
