"""What an upload would change, before it is submitted: the same before/after table the checker
will see (services/work_orders/diff.py), rows in the backend's snapshot form.

The backend's snapshots hold ratios as four-decimal strings ("0.4500") and times as UTC ISO
strings (backend/risk/margin_table.py ``json_value``); both sides are put in that form here, so
0.45 read from a cell and "0.4500" from the server compare equal.
"""

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from services.contract.schemas import UploadMode
from services.excel.margin_columns import SHEETS, CellType, Kind, MarginColumn, field_value
from services.rules.ratios import QUANTUM
from services.work_orders.diff import RowDiff, diff_rows

Row = BaseModel | Mapping[str, Any]


def snapshot_row(kind: Kind, row: Row) -> dict:
    """symbol, market and the value fields of ``row`` (a model, a live row or its dict) as the
    backend's snapshots and proposals hold them; other fields (name, version...) are left out."""
    return {column.field: _snapshot_value(column, field_value(row, column.field)) for column in SHEETS[kind].columns}


def _snapshot_value(column: MarginColumn, value: Any) -> Any:
    if value is None:
        return None
    if column.type is CellType.RATIO:
        return str(Decimal(value).quantize(QUANTUM))
    if column.type is CellType.DATETIME:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else value
        return moment.astimezone(UTC).isoformat()
    if column.type is CellType.ENUM:
        return str(value)
    return value


def preview(kind: Kind, rows: Iterable[Row], live: Mapping[str, Row], mode: UploadMode) -> list[RowDiff]:
    """The file's rows against ``live`` (symbol → live row): new, changed or unchanged, then, when
    the upload replaces, the live rows of the file's markets that it leaves out, as deleted."""
    after = [snapshot_row(kind, row) for row in rows]
    in_file = {row["symbol"] for row in after}
    before = [snapshot_row(kind, live[row["symbol"]]) for row in after if row["symbol"] in live]
    deleted: list[str] = []
    if mode == UploadMode.REPLACE:
        markets = {row["market"] for row in after}
        deleted = sorted(s for s, row in live.items() if s not in in_file and field_value(row, "market") in markets)
        before += [snapshot_row(kind, live[s]) for s in deleted]
    return diff_rows(before, after, deleted, key="symbol")
