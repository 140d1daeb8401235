"""A dated margin setting whose time falls outside its market's session is warned, never refused,
and the warning names the time in the market's own zone."""

from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from services.contract.schemas import LongMarginIn
from services.rules.effective_time import check_effective_time
from services.rules.stock_margin import check_row, row_warnings

HK = ZoneInfo("Asia/Hong_Kong")


def long_row(symbol: str, effective_from: datetime | None) -> LongMarginIn:
    return LongMarginIn(symbol=symbol, market=symbol.rsplit(".", 1)[1], im=Decimal("0.6"), mcm=Decimal("0.5"),
                        mm=Decimal("0.5"), fm=Decimal("0.4"), effective_from=effective_from)


def test_a_time_inside_the_session_is_quiet():
    assert check_effective_time("HK", datetime(2026, 12, 23, 10, 0, tzinfo=HK)) == []
    assert check_effective_time("US", datetime(2026, 12, 23, 15, 0, tzinfo=UTC)) == []  # 10:00 in New York
    assert check_effective_time("HK", None) == []
    assert check_effective_time("SH", datetime(2026, 12, 25, 10, 0, tzinfo=HK)) == []  # no calendar: no opinion


def test_christmas_is_warned_with_the_next_open_in_hong_kong_time():
    [warning] = check_effective_time("HK", datetime(2026, 12, 25, 10, 0, tzinfo=HK), row=2)
    assert (warning.field, warning.code, warning.row) == ("effective_from", "effective_outside_session", 2)
    assert dict(warning.params) == {"at": "2026-12-25 10:00 HKT", "market": "HK", "next_open": "2026-12-28 09:30 HKT"}


def test_the_lunch_break_and_a_half_days_afternoon_are_warned():
    [lunch] = check_effective_time("HK", datetime(2026, 12, 23, 12, 30, tzinfo=HK))
    assert dict(lunch.params)["next_open"] == "2026-12-23 13:00 HKT"
    [half_day] = check_effective_time("HK", datetime(2026, 12, 24, 14, 0, tzinfo=HK))
    assert dict(half_day.params)["next_open"] == "2026-12-28 09:30 HKT"


def test_a_us_time_is_named_in_new_york_time_and_a_time_without_zone_is_hong_kongs():
    # 2026-12-24 22:30 in Hong Kong is 09:30 in New York on a half day: open.
    assert check_effective_time("US", datetime(2026, 12, 24, 22, 30)) == []
    [warning] = check_effective_time("US", datetime(2026, 12, 25, 22, 30))  # Christmas in New York
    assert dict(warning.params) == {"at": "2026-12-25 09:30 EST", "market": "US", "next_open": "2026-12-28 09:30 EST"}
    assert warning.message == ("2026-12-25 09:30 EST is outside the US trading session; the change first counts "
                               "at the next open, 2026-12-28 09:30 EST.")


def test_a_long_row_warns_of_it_but_is_not_refused():
    row = long_row("00700.HK", datetime(2026, 12, 25, 10, 0, tzinfo=HK))
    assert check_row("long", row) == []
    assert [v.code for v in row_warnings("long", row, 4)] == ["effective_outside_session"]
    assert row_warnings("long", long_row("00700.HK", None)) == []


def test_the_error_entry_carries_the_values():
    [warning] = check_effective_time("HK", datetime(2026, 12, 26, 10, 0, tzinfo=HK))
    assert warning.as_error()["params"] == {"at": "2026-12-26 10:00 HKT", "market": "HK",
                                            "next_open": "2026-12-28 09:30 HKT"}
