"""A fund's settlement date is T+N in Hong Kong business days: holidays count as well as weekends."""

from datetime import date

import pytest

from backend.funds.reconciliation import settlement_date


@pytest.mark.parametrize(("trade_date", "days", "settles"), [
    (date(2026, 12, 22), 1, date(2026, 12, 23)),
    (date(2026, 12, 23), 2, date(2026, 12, 28)),  # Christmas and the day after are holidays
    (date(2026, 12, 24), 1, date(2026, 12, 28)),
    (date(2026, 9, 30), 2, date(2026, 10, 5)),  # National Day, then a weekend
    (date(2026, 12, 18), 3, date(2026, 12, 23)),  # a weekend only
    (date(2026, 12, 23), 0, date(2026, 12, 23)),
])
def test_settlement_skips_weekends_and_hong_kong_holidays(trade_date, days, settles):
    assert settlement_date(trade_date, days) == settles


def test_another_markets_calendar_can_be_named():
    assert settlement_date(date(2026, 11, 25), 1, market="US") == date(2026, 11, 27)  # Thanksgiving
    assert settlement_date(date(2026, 11, 25), 1) == date(2026, 11, 26)
