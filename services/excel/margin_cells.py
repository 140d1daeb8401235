"""One cell of a margin workbook turned into a field value, or a CellError saying why not.

Cells arrive as calamine gives them: str, float, bool, datetime or date; an empty cell is "".
Ratios go through services/rules/ratios.parse_ratio (0.45, "45%" and 45 all mean 0.45). A time
without a zone is Hong Kong wall time, as services/excel/writer.py writes it; it is kept in UTC.
"""

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from services.contract.reasons import named
from services.excel.margin_columns import SHEETS, CellType, Kind, MarginColumn, MarginSheet, header_key
from services.excel.margin_preview import Row, snapshot_row
from services.excel.wall_time import HK
from services.rules.ratios import RatioError, parse_ratio
from services.rules.symbols import SymbolRefused, canonical, is_stored, normalise_market

CellParser = Callable[[object], object]

_TRUE = frozenset({"true", "yes", "y", "1", "是"})
_FALSE = frozenset({"false", "no", "n", "0", "否"})


class CellError(ValueError):
    """Why a cell holds no value of its column: a code of services/contract/reasons.py, the values
    its reason names (``params``), and the English sentence."""

    def __init__(self, code: str, message: str, params: tuple[tuple[str, str], ...] = ()):
        super().__init__(message)
        self.code = code
        self.params = params


def _text(raw: object) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))  # a code typed as a number: 700, not 700.0
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    return str(raw).strip()


def _ratio(raw: object) -> Decimal:
    try:
        return parse_ratio(raw)
    except RatioError as error:
        raise CellError(error.code, str(error), error.params) from None


def _bool(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    word = _text(raw).casefold()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise CellError("not_a_bool", f"{raw!r} is not TRUE or FALSE.", named(value=raw))


def _int(raw: object) -> int:
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str):
        try:
            return int(raw.strip().replace(",", ""))
        except ValueError:
            pass
    raise CellError("not_an_integer", f"{raw!r} is not a whole number.", named(value=raw))


def _datetime(raw: object) -> datetime:
    if isinstance(raw, str):
        try:
            raw = datetime.fromisoformat(raw.strip())
        except ValueError:
            raise CellError("not_a_date_time", f"{raw!r} is not a date and time such as 2026-01-02 09:30.",
                            named(value=raw)) from None
    elif isinstance(raw, date) and not isinstance(raw, datetime):
        raw = datetime(raw.year, raw.month, raw.day)
    if not isinstance(raw, datetime):
        raise CellError("not_a_date_time", f"{raw!r} is not a date and time such as 2026-01-02 09:30.",
                        named(value=raw))
    return (raw if raw.tzinfo else raw.replace(tzinfo=HK)).astimezone(UTC)


def _text_parser(limit: int | None) -> CellParser:
    def parse(raw: object) -> str:
        text = _text(raw)
        if limit is not None and len(text) > limit:
            raise CellError("too_long", f"The text has {len(text)} characters; at most {limit} are allowed.",
                            named(max=limit))
        return text
    return parse


def _enum_parser(column: MarginColumn) -> CellParser:
    words = {header_key(word): choice.value for choice in column.choices
             for word in (choice.value, choice.en, choice.zh, *choice.aliases)}
    allowed = ", ".join(column.listed)

    def parse(raw: object) -> object:
        value = words.get(header_key(_text(raw)))
        if value is None:
            raise CellError("not_a_choice", f"{raw!r} is not one of {allowed}.",
                            named(value=raw) + (("allowed", allowed),))
        return value
    return parse


def _symbol(raw: object) -> str:
    try:
        return canonical(raw if raw.__class__ is str else _text(raw))
    except SymbolRefused as refused:
        raise CellError(refused.code, str(refused), refused.params) from None


def _market(raw: object) -> str:
    return normalise_market(raw if raw.__class__ is str else _text(raw))


_PARSERS: dict[CellType, CellParser] = {
    CellType.SYMBOL: _symbol, CellType.MARKET: _market, CellType.RATIO: _ratio, CellType.BOOL: _bool,
    CellType.INT: _int, CellType.DATETIME: _datetime,
}
# Columns that hold a few distinct values (0.45, TRUE, HK...): each is parsed once per sheet.
_FEW_VALUES = frozenset({CellType.MARKET, CellType.RATIO, CellType.BOOL, CellType.INT, CellType.ENUM})


def cell_reader(sheet: MarginSheet, column: MarginColumn) -> Callable[[object], object]:
    """Reads any cell of the column into its value, or returns (never raises) the CellError that
    says why not. Blank ("" or only spaces) is an error if the column is required, else the
    model's default (market: None, derived later from the symbol's suffix)."""
    read = _cell_reader(sheet, column)
    return _remembered(read) if column.type in _FEW_VALUES else read


def column_reader(sheet: MarginSheet, column: MarginColumn) -> Callable[[Sequence[object]], list[object]]:
    """cell_reader over many cells of the column at once (a workbook's column, a chunk at a
    time): a column of few distinct values reads each of them once, in all the calls, and finds
    the rest by looking them up, with no call per cell."""
    read = _cell_reader(sheet, column)
    if column.type is CellType.SYMBOL:  # a symbol already as stored is itself
        return lambda cells: [cell if is_stored(cell) else read(cell) for cell in cells]
    if column.type not in _FEW_VALUES:  # a blank cell (most of an optional column) is one answer
        blank = read("")
        return lambda cells: [blank if cell == "" else read(cell) for cell in cells]
    # As _remembered, a value is known by its type too (True == 1 == 1.0): the values of each type
    # apart, found by the values alone when the cells are all of one type (as a column's mostly are).
    seen: dict[type, dict[object, object]] = {}

    def read_all(cells: Sequence[object]) -> list[object]:
        types = set(map(type, cells))
        if len(types) != 1:
            return [read_typed(cell) for cell in cells]
        known = seen.setdefault(types.pop(), {})
        for raw in set(cells).difference(known):
            known[raw] = read(raw)
        return list(map(known.__getitem__, cells))

    def read_typed(raw: object) -> object:
        known = seen.setdefault(type(raw), {})
        if raw not in known:
            known[raw] = read(raw)
        return known[raw]
    return read_all


def _cell_reader(sheet: MarginSheet, column: MarginColumn) -> Callable[[object], object]:
    if column.type is CellType.TEXT:
        parse = _text_parser(sheet.max_length(column.field))
    elif column.type is CellType.ENUM:
        parse = _enum_parser(column)
    else:
        parse = _PARSERS[column.type]
    if column.required:
        blank: object = CellError("required", f"{column.en} is required.")
    else:
        blank = None if column.type is CellType.MARKET else sheet.default(column.field)

    def read(raw: object) -> object:
        if raw.__class__ is str and (raw == "" or raw.isspace()):
            return blank
        try:
            return parse(raw)
        except CellError as error:
            return error
    return read


def _remembered(read: Callable[[object], object]) -> Callable[[object], object]:
    """``read`` once per distinct cell value. The key holds the type: True == 1 == 1.0, but only
    1 and 1.0 are ratios."""
    seen: dict[tuple[type, object], object] = {}
    unseen = object()

    def read_once(raw: object) -> object:
        key = (raw.__class__, raw)
        result = seen.get(key, unseen)
        if result is unseen:
            result = seen[key] = read(raw)
        return result
    return read_once


def cell_text(column: MarginColumn, value: Any) -> str:
    """A snapshot value (services/excel/margin_preview.snapshot_row) as a user would type it, so
    the cell readers read it back to the same value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if column.type is CellType.DATETIME:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else value
        local = moment.astimezone(HK)  # the readers take a time without a zone as Hong Kong's
        return local.strftime("%Y-%m-%d %H:%M:%S" if local.second else "%Y-%m-%d %H:%M")
    return str(value)


def row_texts(kind: Kind, row: Row | Mapping[str, Any]) -> dict[str, str]:
    """A row (a model, a live row, or a work order's payload row) as the text of each of the
    ``kind`` sheet's cells: what a workbook of it would hold."""
    snapshot = snapshot_row(kind, row)
    return {c.field: cell_text(c, snapshot.get(c.field)) for c in SHEETS[kind].columns}
