"""Hong Kong time: the desk's calendar for date filters (no daylight saving, UTC+8)."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from backend.kit.clock import utcnow

HK = ZoneInfo("Asia/Hong_Kong")


def hk_day_start(day: date) -> datetime:
    """Midnight of a Hong Kong calendar day, as an aware datetime (compared in UTC)."""
    return datetime.combine(day, time.min, tzinfo=HK)


def hk_now() -> datetime:
    return utcnow().astimezone(HK)


def hk_today() -> date:
    return hk_now().date()
