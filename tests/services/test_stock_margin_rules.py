"""The long stock margin rules of services/rules: ratios as people type them, the ladder, symbols."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from services.contract.schemas import ShortSellStatus
from services.rules.ratios import RatioError, lendable_share, parse_ratio
from services.rules.stock_margin import (
    MAX_BATCH_ROWS,
    LongMargin,
    check_batch_size,
    check_batch_symbols,
    check_long,
    check_system_set,
    warnings_long,
)
from services.rules.symbols import SymbolRefused, canonical, market_of, normalise


@pytest.mark.parametrize(("typed", "ratio"), [
    ("0.45", "0.4500"), ("45%", "0.4500"), (" 45 % ", "0.4500"), ("45", "0.4500"), (45, "0.4500"),
    (0.45, "0.4500"), (1, "1.0000"), ("100%", "1.0000"), ("12.5%", "0.1250"), (Decimal("0.3333"), "0.3333"),
    ("0", "0.0000"),
])
def test_a_ratio_is_read_as_a_decimal_fraction_or_a_percentage(typed, ratio):
    assert parse_ratio(typed) == Decimal(ratio)


@pytest.mark.parametrize(("typed", "code"), [
    (None, "required"), ("  ", "required"), ("abc", "not_a_number"), (True, "not_a_number"),
    ("nan", "not_a_number"), ("-0.1", "below_zero"), ("101", "above_one"), ("150%", "above_one"),
    ("0.12345", "too_many_decimals"), ("12.345%", "too_many_decimals"), ([0.4], "not_a_number"),
])
def test_a_bad_ratio_names_its_reason(typed, code):
    with pytest.raises(RatioError) as caught:
        parse_ratio(typed)
    assert caught.value.code == code


def test_the_lendable_share_is_one_minus_the_initial_margin():
    assert lendable_share(Decimal("0.35")) == Decimal("0.65")


def long(symbol="00700.HK", market="HK", im="0.4", mcm="0.35", mm="0.3", fm="0.25", financeable=True):
    return LongMargin(symbol, market, Decimal(im), Decimal(mcm), Decimal(mm), Decimal(fm), financeable)


def test_a_usual_row_and_a_not_financeable_row_are_valid():
    assert check_long(long()) == []
    assert check_long(long(im="1", mcm="1", mm="1", fm="1", financeable=False)) == []
    assert check_long(long(im="0.4", mcm="0.4", mm="0.4", fm="0.4")) == []  # equal steps are allowed


@pytest.mark.parametrize(("changes", "field", "code"), [
    ({"mm": "0.5"}, "mm", "above_mcm"),
    ({"mcm": "0.45"}, "mcm", "above_im"),
    ({"fm": "0.31"}, "fm", "above_mm"),
    ({"fm": "0"}, "fm", "must_be_positive"),
    ({"im": "1.2"}, "im", "out_of_range"),
    ({"im": "-0.1"}, "im", "out_of_range"),
    ({"fm": "0.12345"}, "fm", "too_many_decimals"),
    ({"im": "1", "mcm": "1", "mm": "1", "fm": "1"}, "financeable", "financeable_needs_im_below_one"),
    ({"financeable": False}, "im", "not_financeable_needs_im_one"),
    ({"symbol": "700.HK"}, "symbol", "malformed_symbol"),
    ({"symbol": "AAPL.US"}, "market", "market_mismatch"),
])
def test_each_broken_rule_names_its_field(changes, field, code):
    violations = check_long(long(**changes), row=7)
    assert [(v.field, v.code, v.row) for v in violations] == [(field, code, 7)]


def test_us_rows_below_the_reg_t_floors_are_warned_not_refused():
    row = long("AAPL.US", "US", im="0.4", mcm="0.3", mm="0.2", fm="0.15")
    assert check_long(row) == []
    assert {w.field for w in warnings_long(row)} == {"im", "mm"}
    assert warnings_long(long()) == []  # HK has no such floor


def test_a_batch_names_duplicates_unknown_symbols_and_market_disagreements_by_row():
    known = {"00700.HK": "HK", "AAPL.US": "US", "00005.HK": "HK"}
    violations = check_batch_symbols([(1, "00700.HK", "HK"), (2, "00700.HK", "HK"), (3, "09999.HK", "HK"),
                                      (4, "AAPL.US", "HK"), (5, "00005.HK", "HK")], known)
    assert [(v.row, v.field, v.code) for v in violations] == [
        (2, "symbol", "duplicate_symbol"), (3, "symbol", "unknown_symbol"), (4, "market", "market_mismatch")]
    assert "first on row 1" in violations[0].message


def test_an_empty_or_oversized_batch_is_refused_before_its_rows():
    assert [v.code for v in check_batch_size(0)] == ["empty_batch"]
    assert [v.code for v in check_batch_size(MAX_BATCH_ROWS + 1)] == ["too_many_rows"]
    assert check_batch_size(MAX_BATCH_ROWS) == []


@pytest.mark.parametrize(("symbol", "market"), [
    ("00700.HK", "HK"), ("AAPL.US", "US"), ("BRK.B.US", "US"), ("600519.SH", "SH"), ("000001.SZ", "SZ"),
    ("700.HK", None), ("aapl.us", None), ("600519.SZ", None), ("AAPL", None),
])
def test_the_suffix_names_the_market(symbol, market):
    assert market_of(symbol) == market


def test_symbols_are_stored_upper_case_without_blanks():
    assert normalise(" aapl.us ") == "AAPL.US"
    assert market_of(normalise(" 00700.hk\t")) == "HK"
    assert normalise("700.hk") == "00700.HK" and normalise(" no symbol ") == "NO SYMBOL"  # kept to be refused


@pytest.mark.parametrize(("typed", "reason"), [
    ("AAPL", "has no market suffix"),
    ("٧٠٠.HK", "holds '٧', which is not a letter A-Z or a digit 0-9"),
    ("700.XX", "ends in 'XX', not a market of HK, US, SH, SZ"),
    ("000700.HK", "HK codes are 1 to 5 digits such as 00700"),
    ("", "No symbol"),
])
def test_a_refused_symbol_says_why_and_what_was_expected(typed, reason):
    with pytest.raises(SymbolRefused) as refused:
        canonical(typed)
    assert reason in str(refused.value) and "expected CODE.MARKET such as 00700.HK or AAPL.US" in str(refused.value)
    assert refused.value.code == "malformed_symbol"


def test_a_short_row_keeps_the_status_the_system_set_but_never_sets_it():
    forbidden = {"status": ShortSellStatus.SYSTEM_FORBIDDEN}
    row = SimpleNamespace(**forbidden)
    assert check_system_set("short", row, {"symbol": "00700.HK", "status": "system_forbidden"}) == []
    for live in (None, {"status": "allowed"}):
        [refused] = check_system_set("short", row, live, row=4)
        assert (refused.field, refused.code, refused.row) == ("status", "status_set_by_system", 4)
    assert check_system_set("short", SimpleNamespace(status=ShortSellStatus.ALLOWED), None) == []
    assert check_system_set("long", SimpleNamespace(), None) == []


def test_values_that_could_not_be_read_leave_out_the_rules_on_them_and_no_others():
    """None: a cell the reader refused (reported apart); the row's other problems still show."""
    D = Decimal
    unread_mcm = LongMargin("00700.HK", "HK", D("0.4"), None, D("0.5"), D("0.3"), True)
    assert [(v.field, v.code) for v in check_long(unread_mcm)] == [("mm", "above_im")]  # beside the nearest read
    unread_symbol = LongMargin(None, None, D("0.5"), D("0.45"), D("0.4"), D("0"), None)
    assert [(v.field, v.code) for v in check_long(unread_symbol)] == [("fm", "must_be_positive")]
    nothing_read = LongMargin(None, None, None, None, None, None, None)
    assert check_long(nothing_read) == []
