"""Corrections typed in the upload preview, written into a copy of the workbook so that the copy
is read and judged again exactly as a file fixed in Excel would be.

The user's file is never changed; the corrected copy lives in a temporary folder and is what gets
read, previewed and submitted.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path

from openpyxl import load_workbook

from services.excel.margin_columns import Kind, match_header

HEADER_SEARCH_ROWS = 20  # the header is the first row whose cells name columns, near the top


def write_fixes(source: Path, kind: Kind, fixes: Mapping[tuple[int, str], str]) -> Path:
    """A copy of ``source`` with ``fixes`` ((workbook row, field) → text) written in; returns its path.
    Fields whose column the header does not name are left alone (the reader reports them)."""
    workbook = load_workbook(source)
    sheet = workbook.worksheets[0]
    columns: dict[str, int] = {}
    for row in sheet.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS):
        found = {column.field: cell.column for cell in row if isinstance(cell.value, str)
                 for column in [match_header(kind, cell.value)] if column is not None}
        if len(found) >= 2:
            columns = found
            break
    for (row_number, field), text in fixes.items():
        if field in columns:
            sheet.cell(row=row_number, column=columns[field]).value = text
    folder = Path(tempfile.mkdtemp(prefix="opsdesk-upload-"))
    target = folder / f"{source.stem}.fixed.xlsx"
    workbook.save(target)
    return target
