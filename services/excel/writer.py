"""Streaming xlsx writer (openpyxl write-only mode) for exports of any length.

Cells that a spreadsheet would run as a formula are written as text, so a customer name such
as ``=HYPERLINK(...)`` stays a name (CSV/formula injection).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, TYPE_CHECKING, Any

from services.excel.wall_time import HK

if TYPE_CHECKING:
    from openpyxl import Workbook

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

MONEY = "#,##0.00"
PERCENT = "0.00%"
DATETIME = "yyyy-mm-dd hh:mm"
DATE = "yyyy-mm-dd"


@dataclass(frozen=True)
class SheetColumn:
    header: str
    width: int = 14
    number_format: str | None = None


def bilingual_columns(spec: Iterable[tuple[str, str, int, str | None]], chinese: bool) -> list[SheetColumn]:
    """Columns from (English, Traditional Chinese, width, number format) rows, in the reader's language."""
    return [SheetColumn(zh if chinese else en, width, fmt) for en, zh, width, fmt in spec]


def safe_text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _cell_value(value: Any) -> Any:
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        # Excel has no time zones: write Hong Kong wall time, as the desk reads it.
        return value.astimezone(HK).replace(tzinfo=None)
    return value


def write_table(target: IO[bytes] | str, sheet_title: str, columns: Sequence[SheetColumn],
                rows: Iterable[Sequence[Any]]) -> int:
    """Writes one sheet with a bold frozen header row; returns the number of data rows."""
    return write_sheets(target, [(sheet_title, columns, rows)])


def write_sheets(target: IO[bytes] | str,
                 sheets: Sequence[tuple[str, Sequence[SheetColumn], Iterable[Sequence[Any]]]]) -> int:
    """Writes (title, columns, rows) sheets in order, each with a bold frozen header row; returns
    the number of data rows of them all."""
    # openpyxl (and the numpy it loads) only when a sheet is written: a backend process that
    # imports this module for its export routes starts a second sooner without it.
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    count = 0
    for sheet_title, columns, rows in sheets:
        count += _write_sheet(workbook, sheet_title, columns, rows)
    workbook.save(target)
    return count


def _write_sheet(workbook: "Workbook", sheet_title: str, columns: Sequence[SheetColumn],
                 rows: Iterable[Sequence[Any]]) -> int:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(sheet_title[:31])
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        cells = []
        for column, value in zip(columns, row, strict=True):
            cell = WriteOnlyCell(sheet, value=_cell_value(value))
            if column.number_format and value is not None:
                cell.number_format = column.number_format
            elif isinstance(value, date) and value is not None:
                cell.number_format = DATETIME if isinstance(value, datetime) else DATE
            cells.append(cell)
        sheet.append(cells)
        count += 1
    return count
