"""Reading a margin upload workbook (多頭 / 空頭 / 日內) and judging every cell of it.

The file is checked first (services/excel/margin_xlsx.py), then calamine reads the values of its
first worksheet. Each cell is parsed (services/excel/margin_cells.py), each row judged by the
rules of services/rules/stock_margin.py (check_row, row_warnings), the batch by its symbol and
size rules. Every error names its workbook row (the header's own row, usually 1), its field and,
in the message, its column. Nothing is partial: ``rows`` are filled only when there are no errors.

Every problem of the file is found in one reading, not one kind after another: the rows are read
under a header with unknown or repeated columns, a row whose cell could not be read is still
judged by the rules on its other cells, and the contract's own checks run with the rules.
"""

import gc
import logging
from collections import namedtuple
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache, partial
from itertools import compress, islice, repeat
from operator import ne
from os import PathLike
from typing import Any, ClassVar, Protocol, cast

import python_calamine
from openpyxl.utils import get_column_letter
from pydantic import TypeAdapter, ValidationError

from services.contract.reasons import named
from services.excel.margin_cells import CellError, column_reader
from services.excel.margin_columns import SHEETS, Kind, MarginColumn, MarginIn, MarginSheet, match_header
from services.excel.margin_xlsx import SheetScan, WorkbookRefused, scan_workbook
from services.rules.stock_margin import (
    MAX_BATCH_ROWS,
    BatchJudge,
    carries_system_value,
    check_batch_size,
    check_batch_symbols,
    check_system_set,
)
from services.rules.symbols import market_of
from services.rules.violations import Violation

log = logging.getLogger(__name__)

PROGRESS_EVERY = 5_000
MESSAGE_MAX = 300  # what an error keeps of a message that quotes a cell
Progress = Callable[[int, int], None]


class ReadCancelled(Exception):
    """The caller's ``cancelled()`` said stop; nothing was read."""


@dataclass
class MarginReadResult:
    kind: Kind
    rows: list[MarginIn] = field(default_factory=list)  # empty while errors
    row_numbers: list[int] = field(default_factory=list)  # the workbook row of each of ``rows``
    errors: list[Violation] = field(default_factory=list)
    warnings: list[Violation] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def read_margin_workbook(path: str | PathLike, kind: Kind, *, known: Mapping[str, str] | None = None,
                         overnight_im: Mapping[str, Decimal] | None = None, progress: Progress | None = None,
                         cancelled: Callable[[], bool] | None = None, max_rows: int = MAX_BATCH_ROWS,
                         live: Mapping[str, Mapping[str, Any]] | None = None) -> MarginReadResult:
    """Reads and judges a ``kind`` workbook.

    ``known`` is the securities master (symbol → market); without it only duplicates are checked.
    ``overnight_im`` (symbol → long IM) lets intraday rows warn when they ask more than overnight.
    ``progress(done_rows, total_rows)`` is called every few thousand rows and ``cancelled()``
    asked as often (it raises ReadCancelled); both run on the reading thread. ``max_rows`` is the
    batch limit above which the file is refused unread (lifted only to measure). ``live`` (symbol →
    its live row's values) lets a row keep a value only the system sets as it is live (an export
    read back); without it such values are left for the backend to judge.
    """
    try:
        scan = scan_workbook(path, max_rows)
        if scan.too_many_rows:
            return _refused(kind, Violation("rows", "too_many_rows",
                                            f"The sheet has more than {max_rows:,} rows, the most a batch may "
                                            "hold; it was not read further.", params=named(max=f"{max_rows:,}")))
        with python_calamine.load_workbook(path) as workbook:  # the reader lets the sheet go once it is read
            return _SheetReader(SHEETS[kind], scan, workbook.get_sheet_by_name(scan.sheet_name), overnight_im,
                                live).read(known, progress, cancelled)
    except WorkbookRefused as refused:
        return _refused(kind, Violation("file", refused.code, str(refused), params=refused.params))
    except python_calamine.PasswordError:
        return _refused(kind, Violation("file", "password_protected", "The workbook is password-protected."))
    except python_calamine.CalamineError as exc:
        log.info("calamine refused %s: %s", path, exc)
        return _refused(kind, Violation("file", "corrupt_file",
                                        f"The file is damaged and cannot be read as a workbook ({exc})."))


def read_margin_rows(rows: Sequence[Mapping[str, str]], kind: Kind, *, known: Mapping[str, str] | None = None,
                     overnight_im: Mapping[str, Decimal] | None = None,
                     live: Mapping[str, Mapping[str, Any]] | None = None) -> MarginReadResult:
    """Judges ``rows`` (field → cell text, e.g. services/excel/margin_cells.row_texts of a work
    order's rows) exactly as the rows of a ``kind`` workbook holding them would be, with no file:
    the same cell readers, row and batch rules, and ``known``, ``overnight_im`` and ``live`` as
    read_margin_workbook takes them. Rows are numbered from 1 in the given order, as the backend
    numbers a payload's (the header counts as row 0)."""
    columns = SHEETS[kind].columns
    if not rows or len(rows) > MAX_BATCH_ROWS:
        return _refused(kind, check_batch_size(len(rows))[0])
    sheet = _TextSheet([c.header for c in columns], [[row.get(c.field, "") for c in columns] for row in rows])
    return _SheetReader(SHEETS[kind], SheetScan(sheet_name="rows", has_macros=False), sheet, overnight_im,
                        live).read(known, None, None)


class _TextSheet:
    """Rows of cell texts under a header, shaped as the calamine sheet _SheetReader reads."""

    merged_cell_ranges = None

    def __init__(self, header: list[str], rows: list[list[str]]):
        self._rows = [header, *rows]
        self.start = (-1, 0)  # the header is "row 0": the first row is row 1
        self.end = (len(rows) - 1, len(header) - 1)

    def iter_rows(self) -> Iterator[list[str]]:
        return iter(self._rows)


@cache
def _rows_adapter(model: type[MarginIn]) -> TypeAdapter[list[MarginIn]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]  # the sheet's own model, known at run time


class MarginRecord(Protocol):
    """A row as a named tuple of the sheet's fields: what the rules read (``r.im``), cheap to make
    and to keep for 50,000 rows, and what the models are validated from at the end."""

    _fields: ClassVar[tuple[str, ...]]

    @property
    def symbol(self) -> str: ...


@cache
def _record_type(spec: MarginSheet) -> type[MarginRecord]:
    fields = [c.field for c in spec.columns]
    return cast("type[MarginRecord]", namedtuple(f"{spec.kind.capitalize()}MarginRecord", fields))  # noqa: PYI024


def _refused(kind: Kind, violation: Violation) -> MarginReadResult:
    return MarginReadResult(kind, errors=[violation])


class _SheetReader:
    """One pass over one worksheet: the header, the rows chunk by chunk, then the batch.

    A chunk is judged column by column (each column's cells mapped through its reader, the rows
    through the rules), so that the loops over 50,000 rows run in C rather than in Python; rows
    stay plain tuples, and become pydantic models once, at the end, if every row passed."""

    def __init__(self, spec: MarginSheet, scan: SheetScan, sheet, overnight_im: Mapping[str, Decimal] | None,
                 live: Mapping[str, Mapping[str, Any]] | None = None):
        self.spec = spec
        self.live = live
        self.scan = scan
        self.sheet = sheet
        self.overnight_im = overnight_im
        self.first_column = sheet.start[1] + 1 if sheet.start else 1  # 1-based column of cells[0]
        self.columns: dict[int, MarginColumn] = {}  # index in a row → its column
        self.where: dict[str, str] = {}  # field → "Column C (IM)", for messages
        self.letters: dict[str, str] = {}  # field → "C", for reasons
        self.order: dict[str, int] = {}  # field → index, to sort errors as the sheet reads
        self.unnamed: set[int] = set()  # indexes with a blank header: any value under them is an error
        self.result = MarginReadResult(spec.kind)
        self.record = _record_type(spec)
        # A record from a tuple of its values, as tuple.__new__ makes it: no Python code runs per row.
        self.make_record = cast("Callable[[tuple[Any, ...]], MarginRecord]",
                                partial(tuple.__new__, cast("type[tuple[Any, ...]]", self.record)))
        # Each distinct tier of values judged once; its messages name their column (a function of
        # ``where``, which the header fills, not a method: the judge would hold the reader in a cycle).
        self.judge = BatchJudge(spec.kind, partial(_with_column, self.where))
        self.records: list[MarginRecord] = []  # judged rows, as plain tuples until they all pass
        self.numbers: list[int] = []
        self.symbols: list[tuple[int, str, str]] = []  # (row, symbol, market) for the batch rules
        self.count = 0  # rows that are not blank

    def read(self, known: Mapping[str, str] | None, progress: Progress | None,
             cancelled: Callable[[], bool] | None) -> MarginReadResult:
        with _collector_paused():
            return self._read(known, progress, cancelled)

    def _read(self, known: Mapping[str, str] | None, progress: Progress | None,
              cancelled: Callable[[], bool] | None) -> MarginReadResult:
        result = self.result
        if self.scan.has_macros:
            result.warnings.append(Violation("file", "macros_ignored", "The workbook holds macros; they were not "
                                                                        "run, only the values of its cells were read."))
        rows = self.sheet.iter_rows()
        header = next((cells for cells in rows if cells.count("") != len(cells)), None)
        if header is None:
            result.errors.append(Violation("sheet", "empty_sheet", "The sheet is empty: it has no header row."))
            return result
        # iter_rows may or may not yield the blank rows above the data; ``start`` says where it is.
        header_row = self.sheet.start[0] + 1
        result.errors += self._header(header, header_row)
        result.errors += self._formulas() + self._merged()
        # Rows are read under a header with problems too (its unknown or repeated columns are left
        # out, a missing column's values are unread), so that the rows' own problems show at once.
        missing = any(v.code == "missing_column" for v in result.errors)
        total = max(0, self.sheet.end[0] + 1 - header_row)
        readers = [(index, column.field, column_reader(self.spec, column)) for index, column in self.columns.items()]
        done = 0
        for chunk in iter(lambda: list(islice(rows, PROGRESS_EVERY)), []):
            if cancelled is not None and cancelled():
                raise ReadCancelled
            self._chunk(chunk, header_row + 1 + done, readers)
            done += len(chunk)
            if progress is not None:
                progress(done, total)
        # calamine holds every cell of the sheet until its last reference goes: freed now, before
        # the rows are built.
        self.sheet = rows = None
        if not self.count:
            result.errors.append(Violation("sheet", "empty_sheet",
                                           f"The sheet has a header on row {header_row} but no rows under it."))
            return self._finish()
        result.errors += check_batch_size(self.count)
        if known is None:  # no securities master: every symbol counts as listed where the file says
            known = {symbol: market for _, symbol, market in reversed(self.symbols)}
        result.errors += self._located(check_batch_symbols(self.symbols, known))
        # The contract's checks too, beside the rules' (not when a column is missing: no row can
        # be one then, and the header says why).
        models = [] if missing else self._models()
        if not result.errors:
            result.rows = models
            result.row_numbers = self.numbers if models else []
        return self._finish()

    # --- header and sheet-level problems -----------------------------------------------------------

    def _header(self, cells: list, row: int) -> list[Violation]:
        out = []
        for index, text in enumerate(cells):
            letter = get_column_letter(self.first_column + index)
            title = str(text).strip()
            if not title:
                self.unnamed.add(index)
                continue
            column = match_header(self.spec.kind, title)
            if column is None:
                out.append(Violation("header", "unknown_column",
                                     f"Column {letter}: {title!r} is not a column of this sheet; expected "
                                     f"{self._expected()}.", row,
                                     named(column=letter, title=title) + (("expected", self._expected()),)))
            elif column.field in self.where:
                out.append(Violation(column.field, "duplicate_column",
                                     f"Column {letter}: {title!r} repeats {self.where[column.field]}.", row,
                                     named(column=letter, title=title, first=self.letters[column.field])))
            else:
                self.columns[index] = column
                self.where[column.field] = f"Column {letter} ({title})"
                self.letters[column.field] = letter
                self.order[column.field] = index
        for column in self.spec.columns:
            if column.required and column.field not in self.where:
                out.append(Violation(column.field, "missing_column", f"The column {column.header} is missing.", row,
                                     named(header=column.header)))
        return out

    def _expected(self) -> str:
        return ", ".join(c.header for c in self.spec.columns)

    def _cell(self, row: int, column: int) -> tuple[str, str]:
        """(field or "sheet", "C5") of an absolute 1-based cell."""
        mapped = self.columns.get(column - self.first_column)
        return (mapped.field if mapped else "sheet"), f"{get_column_letter(column)}{row}"

    def _formulas(self) -> list[Violation]:
        out = []
        for row, column in self.scan.formula_cells:
            field_name, ref = self._cell(row, column)
            out.append(Violation(field_name, "formula_cell",
                                 f"Cell {ref} holds a formula; type its value instead (copy, paste values).", row,
                                 named(cell=ref)))
        return out

    def _merged(self) -> list[Violation]:
        out = []
        for (top, left), (bottom, right) in self.sheet.merged_cell_ranges or ():
            field_name, first = self._cell(top + 1, left + 1)
            _, last = self._cell(bottom + 1, right + 1)
            out.append(Violation(field_name, "merged_cells",
                                 f"Cells {first}:{last} are merged; unmerge them so that each cell holds its own "
                                 "value.", top + 1, named(first=first, last=last)))
        return out

    # --- rows ----------------------------------------------------------------------------------

    def _chunk(self, chunk: list[list], first_number: int, readers) -> None:
        """Parses and judges a few thousand rows; the first is workbook row ``first_number``."""
        # Blank rows between or after the data are harmless.
        kept = list(compress(enumerate(chunk, start=first_number),
                             map(ne, map(list.count, chunk, repeat("")), map(len, chunk))))
        if not kept:
            return
        numbers, rows = zip(*kept, strict=True)
        self.count += len(numbers)
        cells_by_column = list(zip(*rows, strict=True))
        values = {name: read(cells_by_column[index]) for index, name, read in readers}
        for name in self.record._fields:  # columns the file leaves out: an optional one's default, else unread
            if name not in values:
                column = self.spec.column(name)
                unread = name == "market" or column.required
                values[name] = [None if unread else self.spec.default(name)] * len(numbers)
        # A blank market is the one the symbol's suffix names.
        if not all(values["market"]):
            values["market"] = list(map(_market, values["market"], values["symbol"]))
        bad = self._cell_errors(values, numbers) | self._values_without_header(cells_by_column, numbers)
        symbols = zip(numbers, values["symbol"], values["market"], strict=True)
        self.symbols += (symbols if set(map(type, values["symbol"])) == {str}
                         else [entry for entry in symbols if entry[1].__class__ is str])
        records = list(map(self.make_record, zip(*(values[name] for name in self.record._fields), strict=True)))
        judged, judged_numbers = records, numbers
        if bad:
            # A row with a cell that could not be read is judged on the rest (that cell as unread,
            # None) but kept out of the rows: its other problems show now, not once it is fixed.
            judged = [_unread_as_none(r) if i in bad else r for i, r in enumerate(records)]
            records = [r for i, r in enumerate(records) if i not in bad]
            numbers = tuple(n for i, n in enumerate(numbers) if i not in bad)
        kind = self.spec.kind
        self.result.errors += self.judge.errors(judged, judged_numbers)
        if self.live is not None:
            live = self.live
            self.result.errors += self._located([
                v for r, n in zip(judged, judged_numbers, strict=True) if carries_system_value(kind, r)
                for v in check_system_set(kind, r, live.get(r.symbol), n)])
        overnight = [self.overnight_im.get(r.symbol) for r in records] if self.overnight_im else None
        self.result.warnings += self.judge.warnings(records, numbers, overnight)
        self.records += records
        self.numbers += numbers

    def _cell_errors(self, values: dict[str, list], numbers: tuple[int, ...]) -> set[int]:
        """Reports every cell that is a CellError; returns the indexes of their rows."""
        bad: set[int] = set()
        for name, column_values in values.items():
            if CellError in set(map(type, column_values)):
                for i, value in enumerate(column_values):
                    if value.__class__ is CellError:
                        bad.add(i)
                        self.result.errors.append(Violation(name, value.code, f"{self.where[name]}: {value}",
                                                            numbers[i], value.params))
        return bad

    def _values_without_header(self, cells_by_column: list[tuple], numbers: tuple[int, ...]) -> set[int]:
        bad: set[int] = set()
        for index in sorted(self.unnamed):
            i = next((i for i, raw in enumerate(cells_by_column[index]) if raw != ""), None)
            if i is not None:
                letter = get_column_letter(self.first_column + index)
                self.result.errors.append(Violation("header", "column_without_header",
                                                    f"Column {letter} has values but no header.", numbers[i],
                                                    named(column=letter)))
                self.unnamed.discard(index)  # once per column is enough
                bad.add(i)
        return bad

    def _models(self) -> list[MarginIn]:
        """The judged rows as pydantic models, validated a chunk at a time (pydantic-core loops over
        a list, several times faster than a model per row); a row the contract refuses is an error.
        Each judged row is let go once its model is made, and the models share one set of the
        fields they were given (every field: pydantic makes that set per model, more than half of
        its memory)."""
        adapter, records, fields = _rows_adapter(self.spec.model), self.records, set(self.record._fields)
        models: list[MarginIn] = []
        refused: list[tuple[int, str, str]] = []  # (index, field, pydantic's message)
        done = 0
        while records:
            try:
                made = adapter.validate_python(records[:PROGRESS_EVERY], from_attributes=True)
            except ValidationError as error:
                refused += [(done + int(p["loc"][0]), str(p["loc"][-1]), p["msg"])
                            for p in error.errors(include_url=False)]
            else:
                if not refused:
                    models += _sharing_fields_set(made, fields)
            done += len(records[:PROGRESS_EVERY])
            del records[:PROGRESS_EVERY]
        if not refused:
            return models
        said = {(v.row, v.field) for v in self.result.errors}  # a rule's reason is the clearer one
        for index, name, message in refused:
            if (self.numbers[index], name) not in said:
                self.result.errors.append(Violation(name, "invalid_value", f"{self.where.get(name, name)}: {message}.",
                                                    self.numbers[index]))
        return []

    def _located(self, violations: list[Violation]) -> list[Violation]:
        """The rules' violations with the column they concern in the message."""
        return [_with_column(self.where, v) for v in violations]

    def _finish(self) -> MarginReadResult:
        self.result.errors = self._sorted(self.result.errors)
        self.result.warnings = self._sorted(self.result.warnings)
        return self.result

    def _sorted(self, violations: list[Violation]) -> list[Violation]:
        """In sheet order, each (row, field, code) once: two rules may say the same thing."""
        unique: dict[tuple, Violation] = {}
        for v in violations:
            unique.setdefault((v.row, v.field, v.code), _clipped(v))
        return sorted(unique.values(), key=lambda v: (v.row or 0, self.order.get(v.field, -1)))


def _clipped(v: Violation) -> Violation:
    """A message that quotes a cell keeps only its start: a cell may hold 32,767 characters (in a
    hostile file, a hundred million), which would be repeated in every message."""
    if len(v.message) <= MESSAGE_MAX:
        return v
    return replace(v, message=v.message[:MESSAGE_MAX - 1] + "…")


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's collector of reference cycles paused (if it ran) while a sheet is read: the read
    makes a few hundred thousand objects that live until it ends, and no cycles, and the collector
    walked every object again each time they grew by a quarter (six times for 50,000 rows, a
    third of the read's time). What cycles a refused read leaves are collected once it resumes."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _with_column(where: Mapping[str, str], v: Violation) -> Violation:
    """``v`` with the column of its field (``where``: field → "Column C (IM)") in its message."""
    column = where.get(v.field)
    return v if column is None else replace(v, message=f"{column}: {v.message}")


def _sharing_fields_set(models: list[MarginIn], fields: set[str]) -> list[MarginIn]:
    """``models`` each given ``fields`` as the set of their fields that were set, where that is
    what validation set (every field, from a row that has them all): the same answers, one set."""
    for model in models:
        if model.__pydantic_fields_set__ == fields:
            object.__setattr__(model, "__pydantic_fields_set__", fields)
    return models


def _unread_as_none(record: Any) -> Any:
    """``record`` with each cell that could not be read (a CellError, reported) as None."""
    return record._replace(**{name: None for name, value in zip(record._fields, record, strict=True)
                              if value.__class__ is CellError})


def _market(typed: str | None, symbol: object) -> str | None:
    if typed or symbol.__class__ is not str:
        return typed
    return market_of(symbol) or ""
