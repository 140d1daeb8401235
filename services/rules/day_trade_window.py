"""Rules of the day-trade window (日內融時間) of a market: one implementation for every caller.

start < force-close ≤ end, all inside the market's continuous session, in the market's own
time zone (DOMAIN.md). The times are wall-clock times of that zone.
"""

from dataclasses import dataclass
from datetime import time

from services.rules.violations import Violation


@dataclass(frozen=True)
class MarketSession:
    time_zone: str
    opens: time
    closes: time


SESSIONS: dict[str, MarketSession] = {
    "HK": MarketSession("Asia/Hong_Kong", time(9, 30), time(16, 0)),
    "US": MarketSession("America/New_York", time(9, 30), time(16, 0)),
}


@dataclass(frozen=True)
class DayTradeWindow:
    market: str
    time_zone: str
    start: time
    force_close: time
    end: time
    enabled: bool = True


def _hm(value: time) -> str:
    return value.strftime("%H:%M")


def check_window(window: DayTradeWindow, row: int | None = None) -> list[Violation]:
    """Every broken rule of ``window``; an empty list means it may be submitted."""
    session = SESSIONS.get(window.market)
    if session is None:
        return [Violation("market", "unknown_market",
                          f"Unknown market {window.market!r}; expected one of {', '.join(SESSIONS)}.", row)]
    out: list[Violation] = []
    if window.time_zone != session.time_zone:
        out.append(Violation("time_zone", "wrong_time_zone",
                             f"{window.market} trades in {session.time_zone}, not {window.time_zone}.", row))
    for field in ("start", "force_close", "end"):
        value: time = getattr(window, field)
        if not session.opens <= value <= session.closes:
            out.append(Violation(field, "outside_session",
                                 f"{_hm(value)} is outside the {window.market} session "
                                 f"{_hm(session.opens)}–{_hm(session.closes)}.", row))
    if not window.start < window.force_close:
        out.append(Violation("force_close", "force_close_not_after_start",
                             f"Force-close {_hm(window.force_close)} must be after the start "
                             f"{_hm(window.start)}.", row))
    if not window.force_close <= window.end:
        out.append(Violation("force_close", "force_close_after_end",
                             f"Force-close {_hm(window.force_close)} must not be after the end "
                             f"{_hm(window.end)}.", row))
    return out
