"""When a dated setting (a margin change with an effective time) takes hold, judged against its
market's trading calendar.

A time outside the market's trading session (a holiday, a weekend, the lunch break, outside
hours) is allowed but warned: nothing trades then, so the change first counts at the next open.
The times are named in the market's own zone. A time without a zone is Hong Kong time, as in the
workbooks and the drawer.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from services.rules import trading_calendar
from services.rules.violations import Violation

TYPED_ZONE = ZoneInfo("Asia/Hong_Kong")


def check_effective_time(market: str | None, effective_from: datetime | None, row: int | None = None) -> list[Violation]:
    """A warning when ``effective_from`` falls outside ``market``'s trading session; none for a
    market or a day the calendars do not cover."""
    if effective_from is None or market not in trading_calendar.MARKETS:
        return []
    at = effective_from if effective_from.tzinfo is not None else effective_from.replace(tzinfo=TYPED_ZONE)
    try:
        if trading_calendar.is_open(market, at):
            return []
        next_open = trading_calendar.next_open(market, at)
    except trading_calendar.OutsideCalendar:
        return []
    when, opens = trading_calendar.market_time(market, at), trading_calendar.market_time(market, next_open)
    return [Violation("effective_from", "effective_outside_session",
                      f"{when} is outside the {market} trading session; the change first counts at the "
                      f"next open, {opens}.", row, (("at", when), ("market", market), ("next_open", opens)))]
