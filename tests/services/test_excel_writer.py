"""The xlsx writer: values round-trip, formulas are neutralised, time shown in Hong Kong."""

from datetime import UTC, date, datetime
from decimal import Decimal

from openpyxl import load_workbook

from services.excel.writer import MONEY, SheetColumn, safe_text, write_table


def test_rows_round_trip_with_formats_and_hong_kong_wall_time(tmp_path):
    target = tmp_path / "out.xlsx"
    columns = [SheetColumn("Name"), SheetColumn("Amount", number_format=MONEY),
               SheetColumn("At"), SheetColumn("Day")]
    rows = [["CHAN Tai Man 陳大文", Decimal("-1234.50"), datetime(2026, 1, 2, 1, 30, tzinfo=UTC),
             date(2026, 1, 2)],
            ["=HYPERLINK(\"http://x\")", None, None, None]]
    assert write_table(target, "Sheet", columns, rows) == 2
    sheet = load_workbook(target).active
    assert [c.value for c in sheet[1]] == ["Name", "Amount", "At", "Day"]
    assert sheet["A2"].value == "CHAN Tai Man 陳大文"
    assert sheet["B2"].value == -1234.5 and sheet["B2"].number_format == MONEY
    assert sheet["C2"].value == datetime(2026, 1, 2, 9, 30)  # 01:30 UTC is 09:30 in Hong Kong
    assert sheet["D2"].value == datetime(2026, 1, 2)
    assert sheet["A3"].value == "'=HYPERLINK(\"http://x\")"
    assert sheet["A3"].data_type == "s"
    assert sheet.freeze_panes == "A2"


def test_only_formula_starts_are_prefixed():
    assert safe_text("-5") == "'-5"
    assert safe_text("@SUM(A1)") == "'@SUM(A1)"
    assert safe_text("CHAN") == "CHAN"
