"""The long stock margin rules of services/rules: ratios as people type them, the ladder, symbols."""

from datetime import UTC, datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from services.contract.schemas import ShortSellStatus
from services.rules.ratios import RatioError, lendable_share, parse_ratio
from services.rules.stock_margin import (
    MAX_BATCH_ROWS,
    BatchJudge,
    LongMargin,
    check_batch_size,
    check_batch_symbols,
    check_long,
    check_row,
    check_system_set,
    row_warnings,
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


def test_a_symbol_already_stored_is_itself_and_any_other_is_read_the_whole_way():
    for stored in ("00700.HK", "00001.HK", "99999.HK", "AAPL.US", "A.US", "BRK.B.US", "600519.SH", "000001.SZ",
                   "300750.SZ"):
        assert canonical(stored) == stored and market_of(stored) == stored[-2:]
    assert canonical("0700.HK") == "00700.HK" and canonical("brk.b.us") == "BRK.B.US"
    assert canonical("００７００．ＨＫ") == "00700.HK" and canonical(" AAPL.US") == "AAPL.US"
    for refused in ("00000.HK", "ABCDEFG.US", "100001.SZ", "500001.SH", "AAPL.US\n.US"):
        with pytest.raises(SymbolRefused):
            canonical(refused)
        assert market_of(refused) is None


def _long_rows():
    D = Decimal
    at = datetime(2026, 1, 2, 1, 30, tzinfo=UTC)  # 20:30 in New York, 09:30 in Hong Kong: open there only
    rows = [
        ("00700.HK", "HK", "0.5", "0.45", "0.4", "0.35", True, at),
        ("AAPL.US", "US", "0.5", "0.45", "0.4", "0.35", True, at),
        ("TSLA.US", "US", "0.4", "0.45", "0.2", "0.1", True, None),  # MCM above IM; both floors
        ("TSLA.US", "US", "0.40", "0.450", "0.20", "0.1", True, None),  # the same tiers, written otherwise
        ("700.HK", "HK", "0.4", "0.45", "0.2", "0.1", True, None),  # the same tiers, a malformed symbol
        ("AAPL.US", "HK", "1", "1", "1", "1", True, at),  # market mismatch; financeable at IM 1
        ("09988.HK", "HK", "1", "1", "1", "1", False, None),
        (None, None, None, "0.5", "0.6", "0", None, None),  # cells that could not be read
    ]
    return [SimpleNamespace(symbol=s, market=m, im=im and D(im), mcm=D(mcm), mm=D(mm), fm=D(fm), financeable=f,
                            effective_from=e) for s, m, im, mcm, mm, fm, f, e in rows]


def test_a_batch_is_judged_as_each_of_its_rows_alone_each_violation_on_its_own_row():
    """BatchJudge reaches a tier's verdict once and gives it to every row with that tier: the
    violations (code, field, message, params) are those of check_row and row_warnings row by row."""
    rows = _long_rows() * 3  # tiers met again, in later rows
    numbers = list(range(2, len(rows) + 2))
    judge = BatchJudge("long")
    one_by_one = [v for r, n in zip(rows, numbers, strict=True) for v in check_row("long", r, n)]
    assert judge.errors(rows, numbers) == one_by_one
    in_parts = BatchJudge("long")  # as a workbook's chunks: verdicts reached in one part serve the next
    assert in_parts.errors(rows[:8], numbers[:8]) + in_parts.errors(rows[8:], numbers[8:]) == one_by_one
    assert {(v.row, v.field, v.code) for v in one_by_one} >= {
        (4, "mcm", "above_im"), (5, "mcm", "above_im"), (6, "mcm", "above_im"), (6, "symbol", "malformed_symbol"),
        (7, "market", "market_mismatch"), (7, "financeable", "financeable_needs_im_below_one"), (9, "mm", "above_mcm"),
        (9, "fm", "must_be_positive"), (12, "mcm", "above_im"), (14, "symbol", "malformed_symbol")}
    assert not any(v.field == "symbol" for v in one_by_one if v.row in (4, 5))  # a tier's verdict names no symbol
    # Equal values written otherwise are quoted as written: 0.40 on row 5, 0.4 on row 4.
    assert [dict(v.params) for v in one_by_one if v.row in (4, 5)] == [{"value": "0.45", "limit": "0.4"},
                                                                        {"value": "0.450", "limit": "0.40"}]
    assert judge.warnings(rows, numbers) == [
        v for r, n in zip(rows, numbers, strict=True) for v in row_warnings("long", r, n)]
    assert {(v.row, v.field, v.code) for v in judge.warnings(rows[:5], numbers[:5])} == {
        (3, "effective_from", "effective_outside_session"), (4, "im", "below_reg_t_floor"),
        (4, "mm", "below_reg_t_floor"), (5, "im", "below_reg_t_floor"), (5, "mm", "below_reg_t_floor")}


def test_short_and_intraday_batches_are_judged_as_their_rows_alone():
    D = Decimal
    short = [SimpleNamespace(symbol=s, market="HK", im=D("0.6"), mcm=D("0.55"), mm=D(mm), fm=D("0.45"),
                             status=ShortSellStatus.ALLOWED, borrow_fee_rate=D(fee), available_qty=qty)
             for s, mm, fee, qty in [("00700.HK", "0.5", "0.03", 1), ("00005.HK", "0.6", "1.5", -1),
                                     ("09988.HK", "0.6", "1.5", -1), ("00700.HK", "0.5", "0.03", 1)]]
    numbers = [2, 3, 4, 5]
    assert BatchJudge("short").errors(short, numbers) == [
        v for r, n in zip(short, numbers, strict=True) for v in check_row("short", r, n)]
    assert BatchJudge("short").warnings(short, numbers) == []
    intraday = [SimpleNamespace(symbol=s, market="HK", im=D(im), mm=D("0.2"), fm=D("0.25"), active=True)
                for s, im in [("00700.HK", "0.3"), ("00005.HK", "0.3"), ("09988.HK", "0.1")]]
    overnight = [D("0.25"), D("0.5"), None]
    judge = BatchJudge("intraday")
    assert judge.errors(intraday, numbers[:3]) == [
        v for r, n in zip(intraday, numbers[:3], strict=True) for v in check_row("intraday", r, n)]
    assert [(v.row, v.code) for v in judge.warnings(intraday, numbers[:3], overnight)] == [(2, "above_overnight_im")]
    assert judge.warnings(intraday, numbers[:3]) == []


def test_a_us_row_whose_im_or_mm_could_not_be_read_is_warned_on_the_rest():
    row = SimpleNamespace(symbol="AAPL.US", market="US", im=None, mcm=None, mm=Decimal("0.2"), fm=Decimal("0.1"),
                          financeable=True, effective_from=None)
    assert [(v.field, v.code) for v in row_warnings("long", row, 2)] == [("mm", "below_reg_t_floor")]
