"""The download template of each margin kind and the export of live rows in the same layout, so
that an export can be edited and uploaded back (services/excel/margin_reader.py reads both).

Written in openpyxl's write-only mode (an export may hold 50,000 rows); it still carries data
validation, column formats and widths. Ratios are numbers formatted as percentages: the cell
holds 0.45 and shows 45.00%, and Excel turns 45 typed into such a cell into 45%.
"""

from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from pydantic import BaseModel

from services.contract.schemas import IntradayMarginIn, LongMarginIn, ShortMarginIn, ShortSellStatus
from services.excel.margin_columns import SHEETS, CellType, Kind, MarginColumn, MarginSheet, field_value
from services.excel.writer import DATETIME, HK, PERCENT
from services.rules.stock_margin import MAX_BATCH_ROWS
from services.rules.symbols import MARKETS

TEXT = "@"
NUMBER_FORMATS = {CellType.SYMBOL: TEXT, CellType.MARKET: TEXT, CellType.TEXT: TEXT, CellType.ENUM: TEXT,
                  CellType.RATIO: PERCENT, CellType.DATETIME: DATETIME, CellType.INT: "0"}
INSTRUCTIONS_TITLE = "說明 Instructions"
FORMATS = {
    CellType.SYMBOL: "代碼連市場後綴，只用英文字母及數字（700.HK 即 00700.HK）/ symbol with its market suffix, "
                     "letters and digits only (700.HK is 00700.HK): 00700.HK, AAPL.US, 600519.SH",
    CellType.MARKET: "HK, US, SH, SZ；留空則按代碼後綴 / blank: the symbol's suffix",
    CellType.RATIO: "比率：45%、0.45 或 45 均為 45% / a ratio: 45%, 0.45 and 45 all mean 45%",
    CellType.BOOL: "TRUE / FALSE",
    CellType.INT: "整數 / a whole number",
    CellType.DATETIME: "香港時間 / Hong Kong time: 2026-01-02 09:30",
    CellType.TEXT: "文字 / text",
}
NOTES = (
    "第一張工作表的第一行是標題；欄位次序不限，標題可用中文或英文。",
    "The first sheet's first row is the header; columns may be in any order, headers in Chinese or English.",
    "比率須 0 < FM ≤ MM ≤ MCM ≤ IM ≤ 1，最多四位小數；請輸入數值，不要公式或合併儲存格。",
    "Ratios must keep 0 < FM ≤ MM ≤ MCM ≤ IM ≤ 1, four decimals at most; type values: no formulas, no merged cells.",
    f"每次最多 {MAX_BATCH_ROWS:,} 行；任何一行有錯，整個檔案都不會提交。",
    f"At most {MAX_BATCH_ROWS:,} rows per upload; if any row is in error, nothing is submitted.",
)
EXAMPLES: dict[Kind, BaseModel] = {
    "long": LongMarginIn(symbol="00700.HK", market="HK", im=Decimal("0.5"), mcm=Decimal("0.45"),
                         mm=Decimal("0.4"), fm=Decimal("0.35"), financeable=True, remark="例子 example"),
    "short": ShortMarginIn(symbol="AAPL.US", market="US", im=Decimal("0.5"), mcm=Decimal("0.45"),
                           mm=Decimal("0.4"), fm=Decimal("0.35"), status=ShortSellStatus.ALLOWED,
                           borrow_fee_rate=Decimal("0.0325"), available_qty=100_000),
    "intraday": IntradayMarginIn(symbol="00700.HK", market="HK", im=Decimal("0.25"), mm=Decimal("0.2"),
                                 fm=Decimal("0.15"), active=True),
}


def write_template(kind: Kind, target: IO[bytes] | str) -> None:
    """An empty sheet of ``kind`` with its header, formats and validation, and the instructions."""
    write_rows(kind, (), target)


def write_rows(kind: Kind, rows: Iterable[BaseModel | Mapping[str, Any]], target: IO[bytes] | str) -> int:
    """``rows`` (upload models, live rows or their dicts) in the template's layout; returns how many."""
    spec = SHEETS[kind]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(spec.title[:31])
    sheet.freeze_panes = "A2"
    for index, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.type in NUMBER_FORMATS:
            sheet.column_dimensions[letter].number_format = NUMBER_FORMATS[column.type]
        validation = _validation(column)
        if validation is not None:
            validation.add(f"{letter}2:{letter}{MAX_BATCH_ROWS + 1}")
            sheet.data_validations.append(validation)
    sheet.append(_header(sheet, spec))
    count = 0
    for row in rows:
        sheet.append(_cells(sheet, spec, row))
        count += 1
    _instructions(workbook, spec)
    workbook.save(target)
    return count


def _header(sheet, spec: MarginSheet) -> list[WriteOnlyCell]:
    bold = Font(bold=True)
    cells = []
    for column in spec.columns:
        cell = WriteOnlyCell(sheet, value=column.header + (" *" if column.required else ""))
        cell.font = bold
        cells.append(cell)
    return cells


def _cells(sheet, spec: MarginSheet, row: BaseModel | Mapping[str, Any]) -> list[WriteOnlyCell]:
    cells = []
    for column in spec.columns:
        value = _excel_value(column, field_value(row, column.field))
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # text stays text: a remark "=1+1" is never run, and reads back the same
        if value is not None and column.type in NUMBER_FORMATS:
            cell.number_format = NUMBER_FORMATS[column.type]
        cells.append(cell)
    return cells


def _excel_value(column: MarginColumn, value: Any) -> Any:
    if value is None:
        return None
    if column.type is CellType.RATIO:
        return Decimal(value)  # live rows in snapshots carry ratios as "0.4500"
    if column.type is CellType.DATETIME:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else value
        # Excel has no time zones: Hong Kong wall time, as services/excel/writer.py writes it.
        return moment.astimezone(HK).replace(tzinfo=None) if moment.tzinfo else moment
    if column.type is CellType.ENUM:
        return str(value)
    return value


def _validation(column: MarginColumn) -> DataValidation | None:
    common = {"allow_blank": not column.required, "showErrorMessage": True, "errorStyle": "stop",
              "errorTitle": column.header}
    if column.type is CellType.RATIO:
        return DataValidation(type="decimal", operator="between", formula1="0", formula2="1",
                              error="請輸入 0% 至 100% / a ratio between 0% and 100%", **common)
    if column.type is CellType.INT:
        return DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                              error="請輸入整數 / a whole number", **common)
    choices = {CellType.MARKET: MARKETS, CellType.ENUM: column.listed, CellType.BOOL: ("TRUE", "FALSE")}
    if column.type in choices:
        listed = ",".join(str(c) for c in choices[column.type])
        return DataValidation(type="list", formula1=f'"{listed}"', error=f"{listed}", **common)
    return None


def _instructions(workbook: Workbook, spec: MarginSheet) -> None:
    sheet = workbook.create_sheet(INSTRUCTIONS_TITLE)
    for letter, width in zip("ABCD", (34, 10, 70, 20), strict=True):
        sheet.column_dimensions[letter].width = width
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")

    def line(*values: Any, font: Font | None = None) -> None:
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
            cell.alignment = wrap
            if font is not None:
                cell.font = font
            cells.append(cell)
        sheet.append(cells)

    line(spec.title, font=bold)
    for note in NOTES:
        line(note)
    line()
    line("欄位 Column", "必填 Required", "格式 Format", "例子 Example", font=bold)
    example = EXAMPLES[spec.kind]
    for column in spec.columns:
        value = _excel_value(column, getattr(example, column.field))
        described = FORMATS.get(column.type) or " / ".join(f"{c.value} {c.zh}" for c in column.choices
                                                           if c.value in column.listed)
        line(column.header, "✓" if column.required else "", described, _shown(column, value))


def _shown(column: MarginColumn, value: Any) -> str:
    if value is None:
        return ""
    if column.type is CellType.RATIO:
        return f"{value:.2%}"
    if column.type is CellType.BOOL:
        return "TRUE" if value else "FALSE"
    return str(value)
