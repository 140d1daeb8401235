"""The margin upload reader: good workbooks read back exactly; every bad one names its row, field
and reason, and then no row is accepted."""

import gc
import types
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from services.contract.schemas import IntradayMarginIn, LongMarginIn, ShortMarginIn, ShortSellStatus
from services.excel.margin_reader import PROGRESS_EVERY, ReadCancelled, read_margin_workbook
from tests.fixtures import margin_workbooks as books

D = Decimal


def long_in(symbol, market, im, mcm, mm, fm, financeable=True, effective_from=None, remark=None):
    return LongMarginIn(symbol=symbol, market=market, im=D(im), mcm=D(mcm), mm=D(mm), fm=D(fm),
                        financeable=financeable, effective_from=effective_from, remark=remark)


def codes(result) -> set[tuple[str, int | None, str]]:
    return {(v.code, v.row, v.field) for v in result.errors}


def test_a_long_workbook_reads_back_exactly(tmp_path):
    result = read_margin_workbook(books.good_long(tmp_path), "long", known=books.KNOWN)
    assert result.ok
    # 09:30 in Hong Kong is the evening before in New York: the US row's setting is warned, not refused.
    [warning] = result.warnings
    assert (warning.row, warning.field, warning.code) == (3, "effective_from", "effective_outside_session")
    assert dict(warning.params) == {"at": "2026-01-01 20:30 EST", "market": "US", "next_open": "2026-01-02 09:30 EST"}
    assert result.rows == [
        long_in("00700.HK", "HK", "0.5", "0.45", "0.4", "0.35", remark="騰訊"),
        # Hong Kong wall time 09:30 is 01:30 UTC.
        long_in("AAPL.US", "US", "0.5", "0.45", "0.4", "0.3", effective_from=datetime(2026, 1, 2, 1, 30, tzinfo=UTC)),
        long_in("09988.HK", "HK", "1", "1", "1", "1", financeable=False),
    ]
    assert result.row_numbers == [2, 3, 4]
    assert all(str(r.im) == "0.5000" for r in result.rows[:2])  # four decimals, as the backend stores them


def test_a_short_workbook_with_chinese_headers_reads_back_exactly(tmp_path):
    result = read_margin_workbook(books.good_short(tmp_path), "short", known=books.KNOWN)
    assert result.ok
    assert result.rows == [
        ShortMarginIn(symbol="00700.HK", market="HK", im=D("0.6"), mcm=D("0.55"), mm=D("0.5"), fm=D("0.45"),
                      status=ShortSellStatus.ALLOWED, borrow_fee_rate=D("0.0325"), available_qty=120_000),
        ShortMarginIn(symbol="TSLA.US", market="US", im=D("0.6"), mcm=D("0.55"), mm=D("0.5"), fm=D("0.45"),
                      status=ShortSellStatus.MANUAL_FORBIDDEN, borrow_fee_rate=D("0.0325"), available_qty=1_000),
    ]


def test_an_intraday_workbook_with_reordered_and_combined_headers_reads_back_exactly(tmp_path):
    result = read_margin_workbook(books.good_intraday(tmp_path), "intraday", known=books.KNOWN)
    assert result.ok
    assert result.rows == [
        IntradayMarginIn(symbol="00700.HK", market="HK", im=D("0.25"), mm=D("0.2"), fm=D("0.15"), active=True),
        IntradayMarginIn(symbol="600519.SH", market="SH", im=D("0.3"), mm=D("0.25"), fm=D("0.2"), active=False),
    ]


def test_percent_formatted_cells_hold_the_fraction_and_plain_numbers_above_one_are_percentages(tmp_path):
    result = read_margin_workbook(books.percent_formatted(tmp_path), "long", known=books.KNOWN)
    assert result.ok
    assert [(r.im, r.mcm, r.mm, r.fm) for r in result.rows] == [
        (D("0.45"), D("0.4"), D("0.35"), D("0.3")), (D("0.5"), D("0.45"), D("0.4"), D("0.3"))]


BAD_CASES = [
    # case, kind, code, row, field, words of the message
    (books.missing_column, "long", "missing_column", 1, "mm", "維持保證金比率 MM"),
    (books.unknown_column, "long", "unknown_column", 1, "header", "Column J: 'Name 名稱'"),
    (books.values_without_header, "long", "column_without_header", 3, "header", "Column K has values but no header"),
    (books.text_in_ratio, "long", "not_a_number", 3, "mcm", "Column D (MCM): 'abc' is not a number"),
    (books.ratio_above_one, "long", "above_one", 3, "im", "Column C (IM): 150% is above 100%"),
    (books.ratio_below_zero, "long", "below_zero", 3, "fm", "Column F (FM): -0.1 is below 0"),
    (books.maintenance_above_initial, "long", "above_mcm", 3, "mm", "Column E (MM): MM 0.4500 is above MCM"),
    (books.intraday_maintenance_above_initial, "intraday", "above_im", 3, "mm", "Column C (MM)"),
    (books.short_status_set_by_system, "short", "status_set_by_system", 3, "status", "Column G (賣空狀態)"),
    (books.short_unknown_status, "short", "not_a_choice", 3, "status", "'maybe' is not one of"),
    (books.duplicate_symbol, "long", "duplicate_symbol", 3, "symbol", "first on row 2"),
    (books.unknown_symbol, "long", "unknown_symbol", 3, "symbol", "01234.HK is not a listed symbol"),
    (books.symbol_of_another_market, "long", "market_mismatch", 3, "market", "AAPL.US trades in US, not HK"),
    (books.empty_sheet, "long", "empty_sheet", None, "sheet", "no header row"),
    (books.header_only, "long", "empty_sheet", None, "sheet", "no rows under it"),
    (books.too_many_rows, "long", "too_many_rows", None, "rows", "more than 50,000 rows"),
    (books.formula_cells, "long", "formula_cell", 3, "mm", "Cell E3 holds a formula"),
    (books.merged_cells, "long", "merged_cells", 3, "im", "Cells C3:D3 are merged"),
    (books.password_protected, "long", "password_protected", None, "file", "password-protected"),
    (books.legacy_xls, "long", "not_a_workbook", None, "file", "Excel 97–2003"),
    (books.csv_renamed, "long", "not_a_workbook", None, "file", "CSV or plain text, not an Excel workbook"),
    (books.zip_but_not_a_workbook, "long", "not_a_workbook", None, "file", "zip archive but not an Excel"),
    (books.truncated, "long", "corrupt_file", None, "file", "damaged"),
    (books.broken_sheet_xml, "long", "corrupt_file", None, "file", "damaged"),
    (books.zip_bomb, "long", "too_large", None, "file", "600 MB"),
    (books.xml_entity_bomb, "long", "corrupt_file", None, "file", "EntitiesForbidden"),
]


@pytest.mark.parametrize(("case", "kind", "code", "row", "field", "words"), BAD_CASES,
                         ids=[c[0].__name__ for c in BAD_CASES])
def test_a_bad_workbook_names_row_field_and_reason_and_nothing_is_accepted(tmp_path, case, kind, code, row,
                                                                          field, words):
    result = read_margin_workbook(case(tmp_path), kind, known=books.KNOWN, live={})
    assert not result.ok
    assert result.rows == [] and result.row_numbers == []
    found = [v for v in result.errors if (v.code, v.row, v.field) == (code, row, field)]
    assert found, result.errors
    assert words in found[0].message


def test_every_formula_cell_is_reported_by_its_reference(tmp_path):
    result = read_margin_workbook(books.formula_cells(tmp_path), "long", known=books.KNOWN)
    formulas = [(v.row, v.field, v.message.split()[1]) for v in result.errors if v.code == "formula_cell"]
    assert formulas == [(3, "mm", "E3"), (4, "remark", "I4")]


def test_true_and_false_saved_by_libreoffice_are_values_not_formulas(tmp_path):
    result = read_margin_workbook(books.libreoffice_booleans(tmp_path), "long", known=books.KNOWN)
    assert result.ok, result.errors
    assert result.rows[0].financeable is True


def test_rows_and_columns_are_numbered_as_excel_shows_them(tmp_path):
    """Header on row 3, data from column B: the bad IM of the second row is D5."""
    result = read_margin_workbook(books.below_a_blank_row(tmp_path), "long", known=books.KNOWN)
    assert codes(result) == {("not_a_number", 5, "im")}
    assert result.errors[0].message.startswith("Column D (IM)")


def test_rows_with_formatting_only_do_not_count_as_rows(tmp_path):
    result = read_margin_workbook(books.formatted_empty_rows(tmp_path), "long", known=books.KNOWN)
    assert result.ok and len(result.rows) == 1


def test_a_macro_enabled_workbook_is_read_for_its_values_only(tmp_path):
    result = read_margin_workbook(books.macro_enabled(tmp_path), "long", known=books.KNOWN)
    assert result.ok and [r.symbol for r in result.rows] == ["00700.HK"]
    assert [v.code for v in result.warnings] == ["macros_ignored"]


def test_us_floors_and_intraday_above_overnight_are_warnings_not_errors(tmp_path):
    path = books.long_workbook(tmp_path / "floors.xlsx", [books.long_row("TSLA.US", im=0.4, mm=0.2, fm=0.1)])
    result = read_margin_workbook(path, "long", known=books.KNOWN)
    assert result.ok and len(result.rows) == 1
    assert {(v.code, v.row, v.field) for v in result.warnings} == {("below_reg_t_floor", 2, "im"),
                                                                   ("below_reg_t_floor", 2, "mm")}
    intraday = read_margin_workbook(books.good_intraday(tmp_path), "intraday", known=books.KNOWN,
                                    overnight_im={"00700.HK": D("0.2")})
    assert intraday.ok and [(v.code, v.row) for v in intraday.warnings] == [("above_overnight_im", 2)]


def test_without_a_securities_master_only_duplicates_are_checked(tmp_path):
    assert read_margin_workbook(books.unknown_symbol(tmp_path), "long").ok
    assert codes(read_margin_workbook(books.duplicate_symbol(tmp_path), "long")) == {("duplicate_symbol", 3, "symbol")}


def test_progress_is_reported_every_few_thousand_rows(tmp_path):
    count = 2 * PROGRESS_EVERY + 10
    known = {books.synthetic_symbol(n): "US" for n in range(count)}
    calls = []
    result = read_margin_workbook(books.many_rows(tmp_path, count), "long", known=known,
                                  progress=lambda done, total: calls.append((done, total)))
    assert result.ok and len(result.rows) == count
    assert calls == [(PROGRESS_EVERY, count), (2 * PROGRESS_EVERY, count), (count, count)]


def test_a_cancelled_read_stops(tmp_path):
    asked = []

    def cancelled() -> bool:
        asked.append(True)
        return True

    with pytest.raises(ReadCancelled):
        read_margin_workbook(books.many_rows(tmp_path, PROGRESS_EVERY + 1), "long", cancelled=cancelled)
    assert asked == [True]


def test_rows_given_as_cell_texts_are_judged_as_the_same_workbook_would_be(tmp_path):
    """A refused order's rows, corrected with no file: the same cell readers and rules, rows
    numbered from 1 as the backend numbers a payload's; an order's row reads back as itself."""
    from services.excel.margin_cells import row_texts
    from services.excel.margin_reader import read_margin_rows

    rows = [["00700.HK", "HK", "50%", "45%", "50%", "35%", "TRUE", "", "騰訊"],  # MM above MCM
            ["AAPL.US", "", "0.5", "0.45", "0.4", "abc", "", "2026-01-02 09:30", ""],  # FM is no number
            ["00700.HK", "HK", "0.5", "0.45", "0.4", "0.35", "", "", ""]]  # twice
    workbook = read_margin_workbook(books.write_sheet(tmp_path / "rows.xlsx", [books.LONG_HEADER, *rows]), "long",
                                    known=books.KNOWN)
    fields = ["symbol", "market", "im", "mcm", "mm", "fm", "financeable", "effective_from", "remark"]
    given = read_margin_rows([dict(zip(fields, r, strict=True)) for r in rows], "long", known=books.KNOWN)
    assert {(v.code, v.row - 1, v.field) for v in workbook.errors} == {(v.code, v.row, v.field) for v in given.errors}
    assert codes(given) >= {("above_mcm", 1, "mm"), ("duplicate_symbol", 3, "symbol")}
    assert not given.rows

    order_row = long_in("AAPL.US", "US", "0.5", "0.45", "0.4", "0.3",
                        effective_from=datetime(2026, 1, 2, 14, 30, tzinfo=UTC))
    again = read_margin_rows([row_texts("long", order_row.model_dump(mode="json"))], "long", known=books.KNOWN)
    assert again.ok and again.rows == [order_row]
    assert again.row_numbers == [1]
    assert read_margin_rows([], "long").errors[0].code == "empty_batch"


def test_every_problem_of_a_file_is_found_in_one_reading(tmp_path):
    """Not in rounds: an unknown column does not hide the rows, a cell that is no number does not
    hide its row's other problems, and a batch rule speaks beside them."""
    header = [*books.LONG_HEADER, "Name 名稱"]
    rows = [["00700.HK", "HK", 0.5, 0.45, 0.4, 0.35, True, None, None, "Tencent"],
            ["09988.HK", "HK", 0.5, "abc", 0.45, 0.35, True, None, None, ""],  # MCM is no number
            ["00005.HK", "HK", 0.5, 0.45, 0.5, "zz", True, None, None, ""],  # MM above MCM, and FM no number
            ["00005.HK", "HK", 0.4, 0.45, 0.4, 0.35, "maybe", None, None, ""]]  # twice; MCM above IM; no bool
    result = read_margin_workbook(books.write_sheet(tmp_path / "many.xlsx", [header, *rows]), "long",
                                  known=books.KNOWN)
    assert codes(result) == {("unknown_column", 1, "header"), ("not_a_number", 3, "mcm"),
                             ("above_mcm", 4, "mm"), ("not_a_number", 4, "fm"), ("duplicate_symbol", 5, "symbol"),
                             ("above_im", 5, "mcm"), ("not_a_bool", 5, "financeable")}
    assert result.rows == []


def test_a_missing_column_leaves_the_other_columns_judged(tmp_path):
    header = [h for h in books.LONG_HEADER if h != "MCM"]
    rows = [["00700.HK", "HK", 0.5, 0.6, 0.35, True, None, None],  # MM above IM, with no MCM to stand between
            ["01234.HK", "HK", 0.5, 0.4, "x", True, None, None]]
    result = read_margin_workbook(books.write_sheet(tmp_path / "no_mcm.xlsx", [header, *rows]), "long",
                                  known=books.KNOWN)
    assert codes(result) == {("missing_column", 1, "mcm"), ("above_im", 2, "mm"), ("unknown_symbol", 3, "symbol"),
                             ("not_a_number", 3, "fm")}


def test_rows_with_the_same_bad_tiers_each_report_it_on_their_own_row(tmp_path):
    """A tier's verdict is reached once and given to each row that holds it: with that row's
    number, the column in its message once, and nothing of another row's symbol."""
    rows = [books.long_row("00700.HK", im=0.4, mcm=0.45, mm=0.3, fm=0.25),  # MCM above IM
            books.long_row("09988.HK", im=0.4, mcm=0.45, mm=0.3, fm=0.25),
            books.long_row("7OO.HK", im=0.4, mcm=0.45, mm=0.3, fm=0.25),  # letters O: no symbol
            books.long_row("00005.HK"),
            books.long_row("AAPL.US", market="US", im="40%", mcm="45%", mm=0.3, fm=0.25)]
    result = read_margin_workbook(books.long_workbook(tmp_path / "tiers.xlsx", rows), "long", known=books.KNOWN)
    assert codes(result) == {("above_im", 2, "mcm"), ("above_im", 3, "mcm"), ("above_im", 4, "mcm"),
                             ("malformed_symbol", 4, "symbol"), ("above_im", 6, "mcm")}
    for v in result.errors:
        if v.code == "above_im":
            assert v.message == "Column D (MCM): MCM 0.4500 is above IM 0.4000."
            assert dict(v.params) == {"value": "0.4500", "limit": "0.4000"}
    assert [(v.row, v.field) for v in result.warnings] == [(6, "im")]  # the US floor, on the US row only
    assert result.rows == []


def test_a_us_sheet_without_its_im_column_says_so_and_judges_the_rest(tmp_path):
    header = [h for h in books.LONG_HEADER if h != "IM"]
    rows = [["AAPL.US", "US", 0.45, 0.2, 0.35, True, None, None],  # FM above MM; MM below the US floor
            ["TSLA.US", "US", 0.45, 0.4, 0.3, True, None, None]]
    result = read_margin_workbook(books.write_sheet(tmp_path / "no_im.xlsx", [header, *rows]), "long",
                                  known=books.KNOWN)
    assert codes(result) == {("missing_column", 1, "im"), ("above_mm", 2, "fm")}
    assert [(v.row, v.field, v.code) for v in result.warnings] == [(2, "mm", "below_reg_t_floor")]


def test_the_rows_read_are_the_models_the_contract_makes_of_them(tmp_path):
    result = read_margin_workbook(books.good_long(tmp_path), "long", known=books.KNOWN)
    assert result.ok
    for row in result.rows:
        again = LongMarginIn.model_validate(row.model_dump())
        assert row == again and row.model_fields_set == again.model_fields_set == set(LongMarginIn.model_fields)
    result.rows[0].remark = "changed"
    assert [r.remark for r in result.rows] == ["changed", None, None]


# The reader's code and its libraries, as module names; their files are found by the same names.
_READ_MODULES = ("services", "openpyxl", "python_calamine", "pydantic", "tests.fixtures.margin_workbooks")
_READ_FILES = tuple("/" + module.replace(".", "/") + ("/" if module.count(".") == 0 else ".py")
                    for module in _READ_MODULES)


def _made_by_a_read(obj) -> bool:
    """An object of the reader's code or its libraries: a frame or function of theirs, an instance
    of their classes, or a container holding one."""
    def ours(item) -> bool:
        if isinstance(item, types.FrameType):
            return _file_is_read_code(item.f_code.co_filename)
        if isinstance(item, types.FunctionType):
            return _file_is_read_code(item.__code__.co_filename)
        return type(item).__module__.startswith(_READ_MODULES)
    if isinstance(obj, dict):
        return any(ours(v) for v in obj.values())
    if isinstance(obj, (list, tuple, set)):
        return any(ours(v) for v in obj)
    return ours(obj)


def _file_is_read_code(filename: str) -> bool:
    return any(part in filename for part in _READ_FILES)


def test_a_read_leaves_no_cycles_and_the_cycle_collector_as_it_found_it(tmp_path):
    """The collector pauses while a sheet is read (it walked the rows' objects over and over), so
    a read must leave nothing that only it would free; a cancelled read resumes it too."""
    path = books.good_long(tmp_path)
    read_margin_workbook(path, "long", known=books.KNOWN)  # what a first read sets up (calendars) stays
    automatic = gc.isenabled()  # off where a Qt test has made the application (desktop/gui_thread_gc.py)
    gc.enable()
    gc.collect()
    gc.disable()
    try:
        result = read_margin_workbook(path, "long", known=books.KNOWN)
        assert result.ok and not gc.isenabled()
        gc.set_debug(gc.DEBUG_SAVEALL)  # what the collector finds is kept in gc.garbage to look at
        gc.collect()
        # Only what the read made: the collector sees the whole process, and a worker of the suite
        # has threads of other tests (database drops and copies) that leave garbage meanwhile.
        assert [repr(o)[:120] for o in gc.garbage if _made_by_a_read(o)] == []
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    try:
        with pytest.raises(ReadCancelled):
            read_margin_workbook(path, "long", cancelled=lambda: True)
        assert gc.isenabled()
        gc.disable()  # and a read leaves it off when it found it off
        assert read_margin_workbook(path, "long", known=books.KNOWN).ok and not gc.isenabled()
    finally:
        if automatic:
            gc.enable()
        else:
            gc.disable()
