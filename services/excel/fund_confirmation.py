"""Reading a fund house's confirmation of a clearing batch from .xlsx or .csv, judging every cell.

Columns (English or Traditional Chinese, alone or both, as margin workbooks accept them):
Order Ref (委託編號), Type (交易類別: Subscription 申購 / Redemption 贖回), NAV (基金淨值), NAV Date
(淨值日期, optional), Confirmed Units (確認份額), Confirmed Amount (確認金額). A subscription row
needs its units, a redemption row its amount; the other figure is optional. Each side takes the
NAV of its own NAV date, so every row of a side carries the same NAV (and NAV date, when given);
the two sides may differ. A NAV date before the trade date is refused (funds deal at a forward
price). 認購 (an offer-period subscription) is refused: only dealing-day subscriptions (申購) are
cleared. A row for a side the batch has already confirmed is refused: a corrected file holds only
the side still open.

A workbook goes through the same checks as a margin upload first (services/excel/margin_xlsx.py:
encrypted, legacy, corrupt and zip-bomb files refused, formulas refused, a row cap), and a
workbook with macros is refused (a confirmation is imported at once: there is no one to read a
warning), then calamine reads its first sheet. Every error names its row (the file's own numbering, the header
usually row 1), its field and, in the message, its column. Nothing is partial: ``rows`` are
filled only when there are no errors.
"""

import csv
import io
import logging
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from os import PathLike
from pathlib import Path
from typing import TypeVar

import python_calamine

from services.contract.fund_clearing import CONFIRMATION_MAX_ROWS, Side
from services.contract.reasons import named
from services.excel.margin_columns import header_key
from services.excel.margin_xlsx import WorkbookRefused, scan_workbook
from services.rules.violations import Violation

log = logging.getLogger(__name__)


def _column_letter(column: int) -> str:
    """openpyxl's letter of a column, imported only when an error names one: the backend process
    imports this module at start, and openpyxl (with numpy) costs it most of a second."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)

REF_MAX = 40
DECIMALS_MAX = 6  # the scale of the stored columns: nothing is silently rounded away
MESSAGE_MAX = 300  # what an error keeps of a message that quotes a cell
INTEGER_DIGITS_MAX = 14  # NUMERIC(20, 6): what the stored columns hold before the point
# A formula starts with one of these in Excel and in the spreadsheets a CSV is opened with.
_FORMULA_STARTS = ("=", "+", "-", "@")


@dataclass(frozen=True)
class ConfirmationColumn:
    field: str
    en: str
    zh: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    required: bool = False

    @property
    def header(self) -> str:
        return f"{self.zh[0]} {self.en}"


COLUMNS: tuple[ConfirmationColumn, ...] = (
    ConfirmationColumn("order_ref", "Order Ref", ("委託編號", "訂單編號", "交易編號"),
                       ("Order Reference", "Order No", "Reference"), required=True),
    ConfirmationColumn("side", "Type", ("交易類別", "類別", "交易類型", "交易方向"),
                       ("Transaction Type", "Order Type"), required=True),
    ConfirmationColumn("nav", "NAV", ("基金淨值", "單位資產淨值", "資產淨值", "淨值"), ("NAV per Unit",),
                       required=True),
    ConfirmationColumn("nav_date", "NAV Date", ("淨值日期", "基金淨值日期"), ("Valuation Date",)),
    ConfirmationColumn("confirmed_units", "Confirmed Units", ("確認份額", "確認單位", "確認單位數", "申購確認份額")),
    ConfirmationColumn("confirmed_amount", "Confirmed Amount", ("確認金額", "贖回確認金額")),
)
_SIDE_WORDS = {header_key(word): side for side, words in (
    (Side.SUBSCRIPTION, ("subscription", "subscribe", "sub", "s", "申購")),
    (Side.REDEMPTION, ("redemption", "redeem", "red", "r", "贖回")),
) for word in words}
_OFFER_PERIOD_WORDS = {header_key(word) for word in ("認購", "initial subscription", "ipo subscription")}
_SIDE_NAMES = {Side.SUBSCRIPTION: "subscriptions", Side.REDEMPTION: "redemptions"}
_SIDES_ALLOWED = "Subscription (申購), Redemption (贖回)"


def _keys(column: ConfirmationColumn) -> set[str]:
    names = {column.en, column.field, *column.aliases}
    for zh in column.zh:
        names |= {zh, zh + column.en, column.en + zh}
    return {header_key(n) for n in names}


_HEADERS = {key: column for column in COLUMNS for key in _keys(column)}


@dataclass(frozen=True)
class ConfirmationRow:
    row: int  # the file's row
    side: Side
    order_ref: str
    nav: Decimal
    confirmed_units: Decimal | None
    confirmed_amount: Decimal | None
    nav_date: date | None = None


@dataclass
class ConfirmationReadResult:
    rows: list[ConfirmationRow] = field(default_factory=list)  # empty while errors
    errors: list[Violation] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def read_confirmation(path: str | PathLike, file_name: str, *, known: Mapping[str, Side] | None = None,
                      confirmed: Collection[Side] = (), trade_date: date | None = None,
                      max_rows: int = CONFIRMATION_MAX_ROWS) -> ConfirmationReadResult:
    """Reads and judges a confirmation file; ``.csv`` by its name, anything else as a workbook.

    ``known`` maps the batch's order references to their side: a row whose type disagrees with
    the order of that reference is an error (a row for an unknown reference is not: it becomes a
    ``missing_ours`` line). A row of a ``confirmed`` side is an error; so is a NAV date before
    ``trade_date``."""
    formulas: list[tuple[int, int]]
    try:
        if file_name.lower().endswith(".csv"):
            grid, first_column, formulas = _csv_grid(Path(path), max_rows), 1, []
        else:
            grid, first_column, formulas = _workbook_grid(path, max_rows)
    except WorkbookRefused as refused:
        return ConfirmationReadResult(errors=[Violation("file", refused.code, str(refused), params=refused.params)])
    except python_calamine.PasswordError:
        return ConfirmationReadResult(errors=[Violation("file", "password_protected",
                                                        "The workbook is password-protected.")])
    except python_calamine.CalamineError as exc:
        log.info("calamine refused %s: %s", file_name, exc)
        return ConfirmationReadResult(errors=[Violation(
            "file", "corrupt_file", f"The file is damaged and cannot be read as a workbook ({exc}).")])
    return _Judge(grid, first_column, formulas, known or {}, frozenset(confirmed), trade_date).judge()


# --- the file as a grid of raw cells ----------------------------------------------------------


def _csv_grid(path: Path, max_rows: int) -> list[tuple[int, list]]:
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise WorkbookRefused("not_a_csv", "The file is UTF-16 text (Excel's \"Unicode Text\"), not a CSV file; save "
                                           "it as \"CSV UTF-8\" and upload it again.")
    # A NUL anywhere, not only in the head: no database column takes one.
    if data.startswith(b"PK") or b"\x00" in data:
        raise WorkbookRefused("not_a_csv", "The file is named .csv but is not text; upload the workbook as .xlsx.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise WorkbookRefused("not_utf8", "The CSV file is not UTF-8 text; save it as \"CSV UTF-8\" and upload "
                                          "it again.") from None
    grid, filled = [], 0
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for number, cells in enumerate(reader, start=1):
            if not any(x.strip() for x in cells):
                continue  # blank lines are skipped anyway; millions of them need not be kept
            grid.append((number, cells))
            filled += 1
            if filled > max_rows + 1:  # the header and max_rows rows
                raise WorkbookRefused("too_many_rows", f"The file has more than {max_rows:,} rows; it was not read "
                                                       "further.", named(max=f"{max_rows:,}"))
    except csv.Error as exc:  # a field over csv's limit (128 KB), a quote never closed
        raise WorkbookRefused("not_a_csv", f"The CSV file cannot be read at line {reader.line_num:,}: {exc}; it "
                                           "was not read further.") from None
    return grid


def _workbook_grid(path, max_rows: int) -> tuple[list[tuple[int, list]], int, list[tuple[int, int]]]:
    scan = scan_workbook(path, max_rows)
    if scan.has_macros:  # a confirmation is imported at once, with no one to read a warning first
        raise WorkbookRefused("macros_refused", "The workbook holds macros; save the confirmation as a plain Excel "
                                                "workbook (.xlsx) and upload it again.")
    if scan.too_many_rows:
        raise WorkbookRefused("too_many_rows", f"The sheet has more than {max_rows:,} rows; it was not read "
                                               "further.", named(max=f"{max_rows:,}"))
    with python_calamine.load_workbook(path) as workbook:
        sheet = workbook.get_sheet_by_name(scan.sheet_name)
        start = sheet.start or (0, 0)
        grid = [(start[0] + 1 + i, cells) for i, cells in enumerate(sheet.to_python(skip_empty_area=True))]
    return grid, start[1] + 1, scan.formula_cells


# --- judging ------------------------------------------------------------------------------------


class _CellError(ValueError):
    def __init__(self, code: str, message: str, **values: object):
        super().__init__(message)
        self.code = code
        self.params = named(**values)


def _blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _text(raw: object) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


def _decimal(raw: object, *, positive: bool) -> Decimal:
    if isinstance(raw, bool):
        raise _CellError("not_a_number", f"{raw!r} is not a number.", value=raw)
    if isinstance(raw, float):
        number = Decimal(repr(raw))  # the shortest repr is what was typed
    elif isinstance(raw, int):
        number = Decimal(raw)
    elif isinstance(raw, str):
        try:
            number = Decimal(raw.strip().replace(",", ""))
        except InvalidOperation:
            raise _CellError("not_a_number", f"{raw!r} is not a number.", value=raw) from None
    else:
        raise _CellError("not_a_number", f"{raw!r} is not a number.", value=raw)
    if not number.is_finite():
        raise _CellError("not_a_number", f"{raw!r} is not a number.", value=raw)
    if positive and number <= 0:
        raise _CellError("not_positive", f"{raw} must be above zero.", value=raw)
    if number < 0:
        raise _CellError("below_zero", f"{raw} is below zero.", value=raw)
    if number.adjusted() >= INTEGER_DIGITS_MAX:  # before quantize, which cannot hold 1E+308
        raise _CellError("too_many_digits", f"{raw} has more than {INTEGER_DIGITS_MAX} digits before the decimal "
                                            "point.", value=raw, digits=INTEGER_DIGITS_MAX)
    if number != number.quantize(Decimal(1).scaleb(-DECIMALS_MAX)):
        raise _CellError("too_many_decimals", f"{raw} has more than {DECIMALS_MAX} decimals.", value=raw,
                         places=DECIMALS_MAX)
    return number


def _side(raw: object) -> Side:
    key = header_key(_text(raw))
    if key in _OFFER_PERIOD_WORDS:
        raise _CellError("offer_period_subscription", f"{raw!r} is an offer-period subscription (認購), which is "
                                                      "not cleared here; a dealing-day subscription is Subscription "
                                                      "(申購).", value=raw)
    side = _SIDE_WORDS.get(key)
    if side is None:
        raise _CellError("not_a_choice", f"{raw!r} is not Subscription (申購) or Redemption (贖回).", value=raw,
                         allowed=_SIDES_ALLOWED)
    return side


def _date(raw: object) -> date:
    """A date cell, or its text as 2024-09-23, 2024/09/23 or 20240923."""
    if isinstance(raw, datetime):
        if raw.time() != time(0):
            raise _CellError("not_a_date", f"{raw} is a time of day, not a NAV date.", value=raw)
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise _CellError("not_a_date", f"{raw!r} is not a date such as 2024-09-23.", value=raw)
    text = _text(raw)
    for pattern in ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise _CellError("not_a_date", f"{raw!r} is not a date such as 2024-09-23.", value=raw)


def _ref(raw: object) -> str:
    if isinstance(raw, bool | date | time | timedelta):  # calamine's TRUE, dates and durations
        raise _CellError("not_a_reference", f"{raw!r} is not an order reference; a reference is text or a number.",
                         value=raw)
    ref = _text(raw)
    if ref.startswith(_FORMULA_STARTS):
        raise _CellError("formula_text", f"{ref!r} looks like a formula; an order reference is plain text.",
                         value=ref)
    if len(ref) > REF_MAX:
        raise _CellError("too_long", f"The reference has {len(ref)} characters; at most {REF_MAX} are allowed.",
                         max=REF_MAX)
    return ref


_PARSERS = {
    "order_ref": _ref,
    "side": _side,
    "nav": lambda raw: _decimal(raw, positive=True),
    "nav_date": _date,
    "confirmed_units": lambda raw: _decimal(raw, positive=False),
    "confirmed_amount": lambda raw: _decimal(raw, positive=False),
}


_T = TypeVar("_T")


def _of(value: object, kind: type[_T]) -> _T | None:
    """A parsed cell as the type its column parses to; None for an empty one."""
    return value if isinstance(value, kind) else None


class _Judge:
    def __init__(self, grid: list[tuple[int, list]], first_column: int,
                 formulas: list[tuple[int, int]], known: Mapping[str, Side], confirmed: frozenset[Side],
                 trade_date: date | None):
        self.grid = grid
        self.first_column = first_column
        self.formulas = formulas
        self.formula_cells = set(formulas)
        self.known = known
        self.confirmed = confirmed
        self.trade_date = trade_date
        self.navs: dict[Side, tuple[int, Decimal, date | None]] = {}  # each side's first row: row, NAV, NAV date
        self.columns: dict[int, ConfirmationColumn] = {}
        self.where: dict[str, str] = {}
        self.letters: dict[str, str] = {}  # field → its column's letter, for reasons
        self.errors: list[Violation] = []

    def judge(self) -> ConfirmationReadResult:
        rows = iter([(n, c) for n, c in self.grid if not all(map(_blank, c))])
        first = next(rows, None)
        if first is None:
            return ConfirmationReadResult(errors=[Violation("sheet", "empty_sheet", "The file is empty: it has no "
                                                                                    "header row.")])
        header_row, header = first
        self._header(header, header_row)
        for row, column in self.formulas:
            mapped = self.columns.get(column - self.first_column)
            cell = f"{_column_letter(column)}{row}"
            self.errors.append(Violation(mapped.field if mapped else "sheet", "formula_cell",
                                         f"Cell {cell} holds a formula; type its value instead (copy, paste values).",
                                         row, named(cell=cell)))
        if any(v.code in ("missing_column", "unknown_column", "duplicate_column") for v in self.errors):
            return self._finish([])
        out: list[ConfirmationRow] = []
        seen: dict[str, int] = {}
        count = 0
        for number, cells in rows:
            count += 1
            parsed = self._row(number, cells)
            if parsed is None:
                continue
            if parsed.order_ref in seen:
                self._error(number, "order_ref", "duplicate_ref", f"{parsed.order_ref} repeats row "
                            f"{seen[parsed.order_ref]}.", named(ref=parsed.order_ref, first=seen[parsed.order_ref]))
                continue
            seen[parsed.order_ref] = number
            self._judge_row(parsed)
            out.append(parsed)
        if not count:
            self.errors.append(Violation("sheet", "empty_sheet",
                                         f"The file has a header on row {header_row} but no rows under it."))
        return self._finish(out)

    def _judge_row(self, parsed: ConfirmationRow) -> None:
        """What a row must agree with: its side's NAV and NAV date, our order's side, the trade
        date, and the sides still open."""
        number, side = parsed.row, parsed.side
        if side in self.confirmed:
            self._error(number, "side", "side_confirmed",
                        f"The {_SIDE_NAMES[side]} of this batch are confirmed; a corrected file holds only the "
                        "side still open.")
        first = self.navs.setdefault(side, (number, parsed.nav, parsed.nav_date))
        if parsed.nav != first[1]:
            self._error(number, "nav", "nav_differs",
                        f"{parsed.nav} differs from the NAV {first[1]} of row {first[0]}; the {_SIDE_NAMES[side]} "
                        "of a batch take one NAV.", named(nav=parsed.nav, first_nav=first[1], first=first[0]))
        if parsed.nav_date != first[2]:
            self._error(number, "nav_date", "nav_date_differs",
                        f"{parsed.nav_date or 'No NAV date'} differs from the NAV date {first[2] or '(none)'} of row "
                        f"{first[0]}; the {_SIDE_NAMES[side]} of a batch take the NAV of one date.",
                        named(date=parsed.nav_date or "—", first_date=first[2] or "—", first=first[0]))
        if parsed.nav_date is not None and self.trade_date is not None and parsed.nav_date < self.trade_date:
            self._error(number, "nav_date", "nav_date_before_trade_date",
                        f"{parsed.nav_date} is before the trade date {self.trade_date}; a fund deals at the NAV of "
                        "the trade date or later.", named(date=parsed.nav_date, trade_date=self.trade_date))
        ours = self.known.get(parsed.order_ref)
        if ours is not None and ours is not side:
            self._error(number, "side", "side_differs",
                        f"{parsed.order_ref} is a {ours.value} order in this batch, not a {side.value}.",
                        named(ref=parsed.order_ref))

    def _header(self, cells: list, row: int) -> None:
        for index, raw in enumerate(cells):
            letter = _column_letter(self.first_column + index)
            title = _text(raw) if not _blank(raw) else ""
            if not title:
                continue
            column = _HEADERS.get(header_key(title))
            if column is None:
                expected = ", ".join(c.header for c in COLUMNS)
                self.errors.append(Violation("header", "unknown_column", f"Column {letter}: {title!r} is not a "
                                                                         f"column of a confirmation; expected "
                                                                         f"{expected}.", row,
                                             named(column=letter, title=title) + (("expected", expected),)))
            elif column.field in self.where:
                self.errors.append(Violation(column.field, "duplicate_column",
                                             f"Column {letter}: {title!r} repeats {self.where[column.field]}.",
                                             row, named(column=letter, title=title,
                                                        first=self.letters[column.field])))
            else:
                self.columns[index] = column
                self.where[column.field] = f"Column {letter} ({title})"
                self.letters[column.field] = letter
        for column in COLUMNS:
            if column.required and column.field not in self.where:
                self.errors.append(Violation(column.field, "missing_column",
                                             f"The column {column.header} is missing.", row,
                                             named(header=column.header)))

    def _error(self, row: int, name: str, code: str, message: str,
               params: tuple[tuple[str, str], ...] = ()) -> None:
        where = self.where.get(name)
        self.errors.append(Violation(name, code, f"{where}: {message}" if where else message, row, params))

    def _row(self, number: int, cells: list) -> ConfirmationRow | None:
        values: dict[str, object] = {c.field: None for c in COLUMNS}
        bad = False
        for index, raw in enumerate(cells):
            column = self.columns.get(index)
            if (number, self.first_column + index) in self.formula_cells:
                bad = True  # reported once, as a formula
                continue
            if column is None:
                if not _blank(raw):
                    letter = _column_letter(self.first_column + index)
                    self._error(number, "header", "column_without_header",
                                f"Column {letter} has a value but no header.", named(column=letter))
                    bad = True
                continue
            if _blank(raw):
                continue
            try:
                values[column.field] = _PARSERS[column.field](raw)
            except _CellError as error:
                self._error(number, column.field, error.code, str(error), error.params)
                bad = True
        for column in COLUMNS:
            if column.required and values[column.field] is None and column.field in self.where:
                if not any(v.row == number and v.field == column.field for v in self.errors):
                    self._error(number, column.field, "required", f"{column.en} is required.")
                    bad = True
        side = values["side"]
        if side is Side.SUBSCRIPTION and values["confirmed_units"] is None and not bad:
            self._error(number, "confirmed_units", "units_required", "A subscription's confirmed units are required.")
            bad = True
        if side is Side.REDEMPTION and values["confirmed_amount"] is None and not bad:
            self._error(number, "confirmed_amount", "amount_required", "A redemption's confirmed amount is required.")
            bad = True
        ref, nav = _of(values["order_ref"], str), _of(values["nav"], Decimal)
        if bad or not isinstance(side, Side) or ref is None or nav is None:  # a missing column is a file error
            return None
        return ConfirmationRow(number, side, ref, nav, _of(values["confirmed_units"], Decimal),
                               _of(values["confirmed_amount"], Decimal), _of(values["nav_date"], date))

    def _finish(self, rows: list[ConfirmationRow]) -> ConfirmationReadResult:
        order = {c.field: i for i, c in enumerate(COLUMNS)}
        errors = sorted(map(_clipped, self.errors), key=lambda v: (v.row or 0, order.get(v.field, -1)))
        return ConfirmationReadResult(rows=[] if errors else rows, errors=errors)


def _clipped(v: Violation) -> Violation:
    """A message that quotes a cell keeps only its start: a cell quoted whole could repeat
    megabytes in every error of the answer."""
    if len(v.message) <= MESSAGE_MAX:
        return v
    return Violation(v.field, v.code, v.message[:MESSAGE_MAX - 1] + "…", v.row, v.params)
