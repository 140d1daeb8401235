"""Reading a fund house's confirmation (.xlsx or .csv): bilingual headers, every bad cell by row,
column and reason, nothing returned while any error remains, unsafe files refused."""

from datetime import date
from decimal import Decimal

from services.contract.fund_clearing import Side
from services.excel.fund_confirmation import read_confirmation
from tests.fixtures.fund_confirmations import HEADER_ZH, csv_bytes, xlsx_bytes

GOOD = [
    ["S1", "Subscription", 12.3456, 810.0052, 10000],
    ["R1", "贖回", 12.3456, None, "12,345.60"],
    ["S2", "申購", "12.3456", "40.5", None],
]


def _read(tmp_path, data: bytes, name: str, **kw):
    path = tmp_path / name
    path.write_bytes(data)
    return read_confirmation(path, name, **kw)


def test_a_good_workbook_reads_every_row_exactly(tmp_path):
    result = _read(tmp_path, xlsx_bytes(GOOD), "confirm.xlsx")
    assert result.ok, result.errors
    assert [(r.row, r.side, r.order_ref, r.nav, r.confirmed_units, r.confirmed_amount) for r in result.rows] == [
        (2, Side.SUBSCRIPTION, "S1", Decimal("12.3456"), Decimal("810.0052"), Decimal("10000")),
        (3, Side.REDEMPTION, "R1", Decimal("12.3456"), None, Decimal("12345.60")),
        (4, Side.SUBSCRIPTION, "S2", Decimal("12.3456"), Decimal("40.5"), None)]


def test_a_csv_with_chinese_headers_reads_the_same(tmp_path):
    result = _read(tmp_path, csv_bytes(GOOD, HEADER_ZH), "confirm.CSV")
    assert result.ok, result.errors
    assert [r.order_ref for r in result.rows] == ["S1", "R1", "S2"]


def test_every_bad_cell_is_reported_by_row_column_and_reason_and_nothing_is_returned(tmp_path):
    rows = [
        ["S1", "Subscription", 12.3456, 810.0052, None],
        ["S2", "Switch", 12.3456, 1, None],  # not a type
        ["S3", "Subscription", 0, 1, None],  # NAV zero
        ["S4", "Subscription", 12.3456, None, None],  # units missing
        ["R1", "Redemption", 12.3456, 10, "abc"],  # amount not a number
        ["S1", "Subscription", 12.3456, 1, None],  # repeats row 2
        ["S5", "Subscription", 12.5, 1, None],  # another NAV for the subscriptions
        ["R2", "Redemption", 12.5, 1, 12],  # the redemptions' own NAV: fine
        [None, "Subscription", 12.3456, 1, None],  # no reference
        ["S6", "Subscription", 12.3456, "-1", None],
        ["S7", "Subscription", 12.3456, "1.1234567", None],
    ]
    result = _read(tmp_path, xlsx_bytes(rows), "bad.xlsx")
    assert result.rows == []
    found = [(e.row, e.field, e.code) for e in result.errors]
    assert found == [
        (3, "side", "not_a_choice"), (4, "nav", "not_positive"), (5, "confirmed_units", "units_required"),
        (6, "confirmed_amount", "not_a_number"), (7, "order_ref", "duplicate_ref"), (8, "nav", "nav_differs"),
        (10, "order_ref", "required"), (11, "confirmed_units", "below_zero"),
        (12, "confirmed_units", "too_many_decimals")]
    assert result.errors[0].message.startswith("Column B (Type): 'Switch' is not Subscription (申購)")
    assert "row 2" in result.errors[4].message


def test_a_row_whose_type_disagrees_with_our_order_is_an_error(tmp_path):
    result = _read(tmp_path, xlsx_bytes(GOOD), "confirm.xlsx", known={"S1": Side.REDEMPTION, "R1": Side.REDEMPTION})
    assert [(e.row, e.field, e.code) for e in result.errors] == [(2, "side", "side_differs")]


def test_missing_and_unknown_columns_stop_the_read(tmp_path):
    result = _read(tmp_path, xlsx_bytes([["S1", 1]], ["Order Ref", "Price"]), "x.xlsx")
    assert {(e.field, e.code) for e in result.errors} == {
        ("header", "unknown_column"), ("side", "missing_column"), ("nav", "missing_column")}
    assert not result.rows


def test_formulas_and_non_workbooks_are_refused(tmp_path):
    formula = _read(tmp_path, xlsx_bytes(GOOD, formula_at="D2"), "f.xlsx")
    assert [(e.row, e.field, e.code) for e in formula.errors] == [(2, "confirmed_units", "formula_cell")]
    text = _read(tmp_path, csv_bytes(GOOD), "renamed.xlsx")
    assert [e.code for e in text.errors] == ["not_a_workbook"]
    assert [e.code for e in _read(tmp_path, b"", "empty.xlsx").errors] == ["not_a_workbook"]
    latin = _read(tmp_path, "Order Ref,Type,NAV\nS1,Subscription,1\n".encode("utf-16"), "x.csv")
    assert [e.code for e in latin.errors] == ["not_a_csv"]
    assert [e.code for e in _read(tmp_path, "Order Ref,Type,NAV\n\xe9".encode("latin-1"), "y.csv").errors] == [
        "not_utf8"]


def test_too_many_rows_are_refused_unread(tmp_path):
    rows = [[f"S{i}", "Subscription", 1, 1, None] for i in range(12)]
    assert [e.code for e in _read(tmp_path, xlsx_bytes(rows), "big.xlsx", max_rows=10).errors] == ["too_many_rows"]
    assert [e.code for e in _read(tmp_path, csv_bytes(rows), "big.csv", max_rows=10).errors] == ["too_many_rows"]


def test_an_empty_file_or_a_header_without_rows(tmp_path):
    assert [e.code for e in _read(tmp_path, b"", "e.csv").errors] == ["empty_sheet"]
    assert [e.code for e in _read(tmp_path, csv_bytes([]), "h.csv").errors] == ["empty_sheet"]


def test_each_side_has_its_own_nav_and_nav_date_never_before_the_trade_date(tmp_path):
    header = ["委託編號", "交易方向", "基金淨值", "淨值日期", "確認份額", "確認金額"]
    rows = [["S1", "申購", "12.5", date(2024, 9, 23), "800", None],
            ["R1", "贖回", "12.6", "2024/09/24", None, "12550"],
            ["S2", "申購", "12.5", "20240923", "400", None]]
    result = _read(tmp_path, xlsx_bytes(rows, header), "sides.xlsx", trade_date=date(2024, 9, 23))
    assert result.ok, result.errors
    assert [(r.order_ref, r.nav, r.nav_date) for r in result.rows] == [
        ("S1", Decimal("12.5"), date(2024, 9, 23)), ("R1", Decimal("12.6"), date(2024, 9, 24)),
        ("S2", Decimal("12.5"), date(2024, 9, 23))]
    early = _read(tmp_path, xlsx_bytes(rows, header), "early.xlsx", trade_date=date(2024, 9, 24))
    assert [(e.row, e.field, e.code) for e in early.errors] == [
        (2, "nav_date", "nav_date_before_trade_date"), (4, "nav_date", "nav_date_before_trade_date")]
    mixed = [["S1", "申購", "12.5", "2024-09-23", "800", None], ["S2", "申購", "12.5", "2024-09-24", "400", None],
             ["S3", "申購", "12.5", "23/09/2024", "1", None]]
    assert [(e.row, e.field, e.code) for e in _read(tmp_path, csv_bytes(mixed, header), "m.csv").errors] == [
        (3, "nav_date", "nav_date_differs"), (4, "nav_date", "not_a_date")]


def test_an_offer_period_subscription_and_a_confirmed_side_are_refused_by_row(tmp_path):
    rows = [["S1", "認購", "12.5", "800", None], ["S2", "Subscription", "12.5", "400", None],
            ["R1", "Redemption", "12.5", None, "12450"]]
    result = _read(tmp_path, xlsx_bytes(rows), "x.xlsx", confirmed=[Side.REDEMPTION])
    assert [(e.row, e.field, e.code) for e in result.errors] == [
        (2, "side", "offer_period_subscription"), (4, "side", "side_confirmed")]
    assert "申購" in result.errors[0].message and "redemptions of this batch are confirmed" in result.errors[1].message
