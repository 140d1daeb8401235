"""The day-trade window rules: each broken rule is named with its field and reason."""

from datetime import time

import pytest

from services.rules.day_trade_window import DayTradeWindow, check_window


def window(**changes) -> DayTradeWindow:
    base = dict(market="HK", time_zone="Asia/Hong_Kong", start=time(9, 30),
                force_close=time(15, 45), end=time(16, 0))
    return DayTradeWindow(**{**base, **changes})


def test_the_usual_windows_are_valid():
    assert check_window(window()) == []
    assert check_window(window(market="US", time_zone="America/New_York")) == []
    assert check_window(window(force_close=time(16, 0))) == []  # force-close may equal the end


@pytest.mark.parametrize(("changes", "field", "code"), [
    ({"market": "SG"}, "market", "unknown_market"),
    ({"time_zone": "America/New_York"}, "time_zone", "wrong_time_zone"),
    ({"start": time(9, 0)}, "start", "outside_session"),
    ({"end": time(16, 30)}, "end", "outside_session"),
    ({"start": time(12, 30)}, "start", "outside_session"),  # Hong Kong's lunch break is not the session
    ({"force_close": time(12, 15)}, "force_close", "outside_session"),
    ({"force_close": time(9, 30)}, "force_close", "force_close_not_after_start"),
    ({"force_close": time(9, 0), "start": time(9, 30)}, "force_close", "force_close_not_after_start"),
    ({"force_close": time(15, 59), "end": time(15, 30)}, "force_close", "force_close_after_end"),
])
def test_each_broken_rule_names_its_field(changes, field, code):
    found = check_window(window(**changes), row=3)
    assert (field, code) in {(v.field, v.code) for v in found}
    assert all(v.row == 3 for v in found)


def test_the_error_entry_carries_row_field_and_reason():
    [violation] = check_window(window(end=time(15, 30), force_close=time(15, 45)))
    assert violation.as_error() == {
        "row": None, "field": "force_close", "code": "force_close_after_end",
        "reason": "Force-close 15:45 must not be after the end 15:30.",
        "params": {"force_close": "15:45", "end": "15:30"}}


def test_the_session_is_the_exchange_calendars_with_hong_kongs_lunch_break():
    assert check_window(window(start=time(13, 0), force_close=time(15, 45))) == []  # the afternoon alone
    assert check_window(window(force_close=time(12, 0))) == []  # the morning's close
    assert check_window(window(market="US", time_zone="America/New_York", start=time(12, 30))) == []  # no lunch
    [violation] = check_window(window(start=time(12, 30)))
    assert violation.as_error() == {
        "row": None, "field": "start", "code": "outside_session",
        "reason": "12:30 is outside the HK session 09:30–12:00, 13:00–16:00.",
        "params": {"time": "12:30", "market": "HK", "session": "09:30–12:00, 13:00–16:00"}}
