"""Margin templates and exports: the layout the reader reads, validation for Excel users, and the
round trip export → edit → upload."""

import shutil
import subprocess
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from services.contract.schemas import IntradayMarginIn, LongMarginIn, ShortMarginIn, ShortSellStatus
from services.excel.margin_columns import KINDS, SHEETS
from services.excel.margin_preview import snapshot_row
from services.excel.margin_reader import read_margin_workbook
from services.excel.margin_template import INSTRUCTIONS_TITLE, write_rows, write_template
from services.excel.writer import PERCENT
from tests.fixtures.margin_workbooks import KNOWN

D = Decimal
LIVE_ROWS = {
    # Live rows as the backend's snapshots hold them: ratios as strings, UTC ISO times, extra fields.
    "long": [{"symbol": "00700.HK", "market": "HK", "name": "Tencent", "im": "0.4500", "mcm": "0.4000",
              "mm": "0.3500", "fm": "0.3000", "financeable": True, "effective_from": "2026-01-02T01:30:00+00:00",
              "remark": "=HYPERLINK(\"http://x\") stays text", "version": 3},
             LongMarginIn(symbol="AAPL.US", market="US", im=D("1"), mcm=D("1"), mm=D("1"), fm=D("1"),
                          financeable=False)],
    "short": [ShortMarginIn(symbol="TSLA.US", market="US", im=D("0.6"), mcm=D("0.55"), mm=D("0.5"), fm=D("0.45"),
                            status=ShortSellStatus.MANUAL_FORBIDDEN, borrow_fee_rate=D("0.0325"),
                            available_qty=1_500)],
    "intraday": [IntradayMarginIn(symbol="600519.SH", market="SH", im=D("0.3333"), mm=D("0.25"), fm=D("0.2"),
                                  active=False)],
}
FILLED = {
    "long": [["00700.HK", "HK", 0.45, 0.4, 0.35, 0.3, True, datetime(2026, 1, 2, 9, 30), "typed"]],
    "short": [["TSLA.US", None, 0.6, 0.55, 0.5, 0.45, "allowed", 0.0325, 100]],
    "intraday": [["09988.HK", "HK", 0.3, 0.25, 0.2, True]],
}


@pytest.mark.parametrize("kind", KINDS)
def test_the_template_has_the_reader_s_header_formats_validation_and_instructions(tmp_path, kind):
    path = tmp_path / f"{kind}.xlsx"
    write_template(kind, path)
    result = read_margin_workbook(path, kind)
    assert [v.code for v in result.errors] == ["empty_sheet"]  # every header recognised; no rows yet
    workbook = load_workbook(path)
    assert workbook.sheetnames == [SHEETS[kind].title, INSTRUCTIONS_TITLE]
    sheet = workbook.worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet["C1"].value.endswith("IM *") and sheet.column_dimensions["C"].width == 16
    validated = {str(v.sqref).split(":")[0]: v for v in sheet.data_validations.dataValidation}
    assert (validated["C2"].type, validated["C2"].formula1, validated["C2"].formula2) == ("decimal", "0", "1")
    assert validated["B2"].formula1 == '"HK,US,SH,SZ"'


@pytest.mark.parametrize("kind", KINDS)
def test_a_filled_in_template_reads_back_with_no_errors(tmp_path, kind):
    path = tmp_path / f"{kind}.xlsx"
    write_template(kind, path)
    workbook = load_workbook(path)  # as a desk user would: open, type, save
    sheet = workbook.worksheets[0]
    for row in FILLED[kind]:
        sheet.append(row)
    for cell in sheet["C"][1:]:
        cell.number_format = PERCENT
    workbook.save(path)
    result = read_margin_workbook(path, kind, known=KNOWN)
    assert result.ok, result.errors
    assert len(result.rows) == len(FILLED[kind])


@pytest.mark.parametrize("kind", KINDS)
def test_an_export_of_live_rows_reads_back_the_same_values(tmp_path, kind):
    path = tmp_path / f"{kind}.xlsx"
    assert write_rows(kind, LIVE_ROWS[kind], path) == len(LIVE_ROWS[kind])
    result = read_margin_workbook(path, kind, known=KNOWN)
    assert result.ok, result.errors
    assert [snapshot_row(kind, r) for r in result.rows] == [snapshot_row(kind, r) for r in LIVE_ROWS[kind]]


def test_exported_ratios_are_numbers_shown_as_percentages_and_text_is_never_a_formula(tmp_path):
    path = tmp_path / "long.xlsx"
    write_rows("long", LIVE_ROWS["long"], path)
    sheet = load_workbook(path).worksheets[0]
    assert sheet["C2"].value == 0.45 and sheet["C2"].number_format == PERCENT
    assert sheet["H2"].value == datetime(2026, 1, 2, 9, 30)  # Hong Kong wall time
    assert sheet["I2"].data_type == "s" and sheet["I2"].value.startswith("=HYPERLINK")
    long = read_margin_workbook(path, "long", known=KNOWN).rows[0]
    assert long.effective_from == datetime(2026, 1, 2, 1, 30, tzinfo=UTC)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("kind", KINDS)
def test_libreoffice_opens_the_export_and_saves_it_back_readable(tmp_path, kind):
    source = tmp_path / f"{kind}.xlsx"
    write_rows(kind, LIVE_ROWS[kind], source)
    out = tmp_path / "converted"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=180)
    result = read_margin_workbook(out / source.name, kind, known=KNOWN)
    assert result.ok, result.errors
    assert [snapshot_row(kind, r) for r in result.rows] == [snapshot_row(kind, r) for r in LIVE_ROWS[kind]]
