"""Rules of stock margin ratios (股票保證金): one module for the backend, the drawer and the
Excel import, so a row is judged the same wherever it is typed.

Long rows: 0 < FM ≤ MM ≤ MCM ≤ IM ≤ 1, four decimals, not financeable ⇔ IM = 1. Short-sell
rows: the same ladder, a borrow fee rate between 0 and 1, an available quantity ≥ 0, and a
status a person may set (allowed or manually forbidden; the system alone forbids for a low
lending pool: a row may carry that status as it is live, as an export does, but never set it).
Intraday rows: 0 < FM ≤ MM ≤ IM ≤ 1; an intraday IM above the overnight IM is a
warning. A batch (upload, batch delete, draft) adds: no symbol twice, every symbol known, and its
market the one its suffix names. US floors of Reg T / FINRA 4210 are warnings (DOMAIN.md), and so is a
long row's effective time outside its market's trading session (services/rules/effective_time.py).

A value given as None is one that could not be read (a workbook's cell the reader refused, a
column the file lacks): it was reported already, and the rules that need it are left out, so
that a file's every other problem shows in the same reading instead of after that cell is fixed.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from itertools import chain, compress
from operator import attrgetter, itemgetter
from typing import Any

from services.contract.reasons import named
from services.contract.schemas import ShortSellStatus
from services.rules.effective_time import check_effective_time
from services.rules.ratios import ONE, PLACES, QUANTUM
from services.rules.symbols import MALFORMED, market_of, refusal
from services.rules.violations import Violation

# Highest first: each must be ≥ the next (IM ≥ MCM ≥ MM ≥ FM > 0).
LONG_RATIOS: tuple[str, ...] = ("im", "mcm", "mm", "fm")
SHORT_RATIOS = LONG_RATIOS
INTRADAY_RATIOS: tuple[str, ...] = ("im", "mm", "fm")
RATIO_LABELS = {"im": "IM", "mcm": "MCM", "mm": "MM", "fm": "FM"}
# Uploads above this are refused before any row is read further; more rows than the broker has
# symbols is a wrong file, not a batch.
MAX_BATCH_ROWS = 50_000
# Batches of more rows than this ask a second approval level in the chains the system starts with
# (backend/approval_chains/seed.py); after that, the chains say.
TWO_LEVEL_THRESHOLD = 1_000
REG_T_FLOORS = {"im": Decimal("0.5"), "mm": Decimal("0.25")}
_ABOVE = {"im": "above_im", "mcm": "above_mcm", "mm": "above_mm"}  # the code of a ratio above the next higher


@dataclass(frozen=True)
class LongMargin:  # None: a value that could not be read (see the module's notes)
    symbol: str | None
    market: str | None
    im: Decimal | None
    mcm: Decimal | None
    mm: Decimal | None
    fm: Decimal | None
    financeable: bool | None


def check_ratio_order(values: Mapping[str, Decimal | None], fields: tuple[str, ...], row: int | None) -> list[Violation]:
    """The ordering rule on any ladder of ratios, highest first; a ratio that could not be read
    (None) is left out, each other compared with the nearest higher one that was read."""
    out: list[Violation] = []
    read = {f: value for f in fields if (value := values[f]) is not None}
    for field, value in read.items():
        if not Decimal(0) <= value <= ONE:
            out.append(Violation(field, "out_of_range", f"{RATIO_LABELS[field]} {value} must be between 0 and 1.",
                                 row, named(value=value)))
        elif value != value.quantize(QUANTUM):
            out.append(Violation(field, "too_many_decimals",
                                 f"{RATIO_LABELS[field]} {value} has more than {PLACES} decimals.", row,
                                 named(value=value, places=PLACES)))
    if out:
        return out
    lowest = fields[-1]
    if lowest in read and read[lowest] <= 0:
        out.append(Violation(lowest, "must_be_positive", f"{RATIO_LABELS[lowest]} must be above 0.", row,
                             named(value=read[lowest])))
    ladder = list(read)
    for higher, lower in zip(ladder, ladder[1:], strict=False):
        if read[lower] > read[higher]:
            out.append(Violation(lower, _ABOVE[higher],
                                 f"{RATIO_LABELS[lower]} {read[lower]} is above {RATIO_LABELS[higher]} "
                                 f"{read[higher]}.", row, named(value=read[lower], limit=read[higher])))
    return out


def check_symbol_text(symbol: str, row: int | None = None) -> list[Violation]:
    """A symbol as stored (services/rules/symbols.py ``canonical``), or why it is not one."""
    reason = refusal(symbol)
    return [Violation("symbol", MALFORMED, reason, row, named(text=symbol))] if reason else []


def check_symbol(symbol: str | None, market: str | None, row: int | None = None) -> list[Violation]:
    if symbol is None:
        return []
    suffix_market = market_of(symbol)  # None exactly when the symbol is not as stored
    if suffix_market is None:
        return check_symbol_text(symbol, row)
    if market is not None and suffix_market != market:
        return [Violation("market", "market_mismatch", f"{symbol} trades in {suffix_market}, not {market}.", row,
                          named(symbol=symbol, listed=suffix_market, market=market))]
    return []


def check_long(m: LongMargin, row: int | None = None) -> list[Violation]:
    """Every broken rule of one long stock margin row."""
    return check_symbol(m.symbol, m.market, row) + _long_values(m.im, m.mcm, m.mm, m.fm, m.financeable, row)


def _long_values(im: Decimal | None, mcm: Decimal | None, mm: Decimal | None, fm: Decimal | None,
                 financeable: bool | None, row: int | None = None) -> list[Violation]:
    """The broken rules of a long row but its symbol's: they depend on these values alone."""
    out = check_ratio_order({"im": im, "mcm": mcm, "mm": mm, "fm": fm}, LONG_RATIOS, row)
    if not any(v.field == "im" for v in out) and im is not None and financeable is not None:
        if financeable and im == ONE:
            out.append(Violation("financeable", "financeable_needs_im_below_one",
                                 "A financeable symbol needs IM below 1; IM = 1 means not financeable.", row))
        elif not financeable and im != ONE:
            out.append(Violation("im", "not_financeable_needs_im_one",
                                 f"A symbol that is not financeable needs IM = 1, not {im}.", row,
                                 named(value=im)))
    return out


@dataclass(frozen=True)
class ShortMargin:  # None: a value that could not be read
    symbol: str | None
    market: str | None
    im: Decimal | None
    mcm: Decimal | None
    mm: Decimal | None
    fm: Decimal | None
    status: ShortSellStatus | None
    borrow_fee_rate: Decimal | None
    available_qty: int | None


@dataclass(frozen=True)
class IntradayMargin:  # None: a value that could not be read
    symbol: str | None
    market: str | None
    im: Decimal | None
    mm: Decimal | None
    fm: Decimal | None
    active: bool | None


def check_short(m: ShortMargin, row: int | None = None) -> list[Violation]:
    return check_symbol(m.symbol, m.market, row) + _short_values(m.im, m.mcm, m.mm, m.fm, m.borrow_fee_rate,
                                                                 m.available_qty, row)


def _short_values(im: Decimal | None, mcm: Decimal | None, mm: Decimal | None, fm: Decimal | None,
                  borrow_fee_rate: Decimal | None, available_qty: int | None,
                  row: int | None = None) -> list[Violation]:
    """The broken rules of a short-sell row but its symbol's."""
    out = check_ratio_order({"im": im, "mcm": mcm, "mm": mm, "fm": fm}, SHORT_RATIOS, row)
    if borrow_fee_rate is None:
        pass
    elif not Decimal(0) <= borrow_fee_rate <= ONE:
        out.append(Violation("borrow_fee_rate", "out_of_range",
                             f"Borrow fee rate {borrow_fee_rate} must be between 0 and 1.", row,
                             named(value=borrow_fee_rate)))
    elif borrow_fee_rate != borrow_fee_rate.quantize(QUANTUM):
        out.append(Violation("borrow_fee_rate", "too_many_decimals",
                             f"Borrow fee rate {borrow_fee_rate} has more than {PLACES} decimals.", row,
                             named(value=borrow_fee_rate, places=PLACES)))
    if available_qty is not None and available_qty < 0:
        out.append(Violation("available_qty", "below_zero", "The available quantity cannot be negative.", row,
                             named(value=available_qty)))
    return out


# Values only the system sets: a maker's row may keep one its live row holds (an export uploaded
# back unedited), never set it (空頭保證金: 系統自動禁止 follows the lending pool).
SYSTEM_SET_VALUES: dict[str, dict[str, frozenset[str]]] = {
    "short": {"status": frozenset({ShortSellStatus.SYSTEM_FORBIDDEN})},
}
_SYSTEM_SET_REASONS = {
    "status": "Only the system forbids short selling for a low lending pool; a row may keep that status as it is "
              "live, or choose allowed or manually forbidden.",
}


def carries_system_value(kind: str, r: Any) -> bool:
    """The row holds a value only the system sets (so its live row must be looked at)."""
    return any(getattr(r, name) in values for name, values in SYSTEM_SET_VALUES.get(kind, {}).items())


def check_system_set(kind: str, r: Any, live: Mapping[str, Any] | None,
                     row: int | None = None) -> list[Violation]:
    """A system-set value in ``r`` is refused unless ``live`` (its live row's values, None when it
    has none) holds the same."""
    out: list[Violation] = []
    for name, values in SYSTEM_SET_VALUES.get(kind, {}).items():
        value = getattr(r, name)
        if value in values and (live is None or live.get(name) != value):
            out.append(Violation(name, "status_set_by_system", _SYSTEM_SET_REASONS[name], row))
    return out


def check_intraday(m: IntradayMargin, row: int | None = None) -> list[Violation]:
    return check_symbol(m.symbol, m.market, row) + _intraday_values(m.im, m.mm, m.fm, row)


def _intraday_values(im: Decimal | None, mm: Decimal | None, fm: Decimal | None,
                     row: int | None = None) -> list[Violation]:
    """The broken rules of an intraday row but its symbol's."""
    return check_ratio_order({"im": im, "mm": mm, "fm": fm}, INTRADAY_RATIOS, row)


def warnings_intraday(m: IntradayMargin, overnight_im: Decimal | None, row: int | None = None) -> list[Violation]:
    """An intraday IM above the overnight IM asks more during the day than overnight: allowed,
    but rarely meant."""
    return _above_overnight(m.im, overnight_im, row)


def _above_overnight(im: Decimal | None, overnight_im: Decimal | None, row: int | None = None) -> list[Violation]:
    if overnight_im is None or im is None or im <= overnight_im:
        return []
    return [Violation("im", "above_overnight_im",
                      f"Intraday IM {im} is above the overnight IM {overnight_im}.", row,
                      named(value=im, overnight=overnight_im))]


def warnings_long(m: LongMargin, row: int | None = None) -> list[Violation]:
    """Reg T / FINRA 4210 floors for US symbols: shown to the maker and checker, not refused."""
    return _below_floors(m.market, m.financeable, m.im, m.mm, row)


def _below_floors(market: str | None, financeable: bool | None, im: Decimal | None, mm: Decimal | None,
                  row: int | None = None) -> list[Violation]:
    if market != "US" or not financeable:
        return []
    read = {f: value for f, value in (("im", im), ("mm", mm)) if value is not None}  # an unread one is left out
    return [Violation(f, "below_reg_t_floor", f"{RATIO_LABELS[f]} {read[f]} is below the US floor {floor}.", row,
                      named(value=read[f], floor=floor))
            for f, floor in REG_T_FLOORS.items() if f in read and read[f] < floor]


def _long_warnings(market: str | None, financeable: bool | None, im: Decimal | None, mm: Decimal | None,
                   effective_from: datetime | None, row: int | None = None) -> list[Violation]:
    """row_warnings of a long row: they depend on these values alone."""
    return _below_floors(market, financeable, im, mm, row) + check_effective_time(market, effective_from, row)


def check_batch_symbols(symbols: Iterable[tuple[int | None, str, str]],
                        known: Mapping[str, str] | None) -> list[Violation]:
    """(row, symbol, market) of a batch against the securities master ``known`` (symbol → market):
    duplicates and unknown symbols are row errors. With no master at hand (``None``: a workstation
    that has not yet cached it) only duplicates are; the backend judges the rest on submit."""
    symbols = list(symbols)
    if symbols:
        _, names, markets = zip(*symbols, strict=True)
        if len(set(names)) == len(names) and (known is None or (
                None not in markets and list(map(known.get, names)) == list(markets))):
            return []  # no symbol twice, each listed where the batch says: the usual batch, at once
    out: list[Violation] = []
    first_row: dict[str, int | None] = {}
    for row, symbol, market in symbols:
        if symbol in first_row:
            first = first_row[symbol]
            where = f" (first on row {first})" if first is not None else ""
            out.append(Violation("symbol", "duplicate_symbol", f"{symbol} appears twice in this batch{where}.", row,
                                 named(symbol=symbol, first="?" if first is None else first)))
            continue
        first_row[symbol] = row
        if known is None:
            continue
        listed = known.get(symbol)
        if listed is None:
            if market_of(symbol) is not None:
                out.append(Violation("symbol", "unknown_symbol", f"{symbol} is not a listed symbol.", row,
                                     named(symbol=symbol)))
        elif listed != market:
            out.append(Violation("market", "market_mismatch", f"{symbol} trades in {listed}, not {market}.", row,
                                 named(symbol=symbol, listed=listed, market=market)))
    return out


def check_batch_size(count: int) -> list[Violation]:
    if count == 0:
        return [Violation("rows", "empty_batch", "The batch has no rows.")]
    if count > MAX_BATCH_ROWS:
        return [Violation("rows", "too_many_rows",
                          f"{count:,} rows is more than the {MAX_BATCH_ROWS:,} a batch may hold.",
                          params=named(max=f"{MAX_BATCH_ROWS:,}"))]
    return []


# A row of any of the three tables: which fields it has depends on ``kind``, so no one type fits.
MarginFields = Any


def check_row(kind: str, r: MarginFields, row: int | None = None) -> list[Violation]:
    """Every broken rule of a row of margin table ``kind`` ("long", "short" or "intraday"); ``r`` is
    anything with the table's fields as attributes (a contract model, a form's values)."""
    if kind == "long":
        return check_long(LongMargin(r.symbol, r.market, r.im, r.mcm, r.mm, r.fm, r.financeable), row)
    if kind == "short":
        return check_short(ShortMargin(r.symbol, r.market, r.im, r.mcm, r.mm, r.fm, r.status, r.borrow_fee_rate,
                                       r.available_qty), row)
    return check_intraday(IntradayMargin(r.symbol, r.market, r.im, r.mm, r.fm, r.active), row)


def row_warnings(kind: str, r: MarginFields, row: int | None = None, overnight_im: Decimal | None = None) -> list[Violation]:
    """What a maker and a checker should see but that does not refuse the row."""
    if kind == "long":
        return _long_warnings(r.market, r.financeable, r.im, r.mm, r.effective_from, row)
    if kind == "intraday":
        return _above_overnight(r.im, overnight_im, row)
    return []


# What a row's verdict depends on besides its symbol, and the rule that reaches it (the row last).
_VALUE_RULES: dict[str, tuple[tuple[str, ...], Callable[..., list[Violation]]]] = {
    "long": (("im", "mcm", "mm", "fm", "financeable"), _long_values),
    "short": (("im", "mcm", "mm", "fm", "borrow_fee_rate", "available_qty"), _short_values),
    "intraday": (("im", "mm", "fm"), _intraday_values),
}
_LONG_WARNING_VALUES = attrgetter("market", "financeable", "im", "mm", "effective_from")
_SYMBOL, _MARKET, _IM = attrgetter("symbol"), attrgetter("market"), attrgetter("im")


Values = tuple[Any, ...]  # a row's values that a verdict depends on


class _Verdicts(dict[Values, tuple[Values, tuple[Violation, ...]]]):
    """What ``judge`` says of each distinct tuple of values, reached once (with no row) and then
    re-located to each row that holds them: a batch repeats a few tiers of ratios over thousands
    of rows. A verdict quotes its values, so one with violations is reused only for values
    written alike (0.5 and 0.50 are equal, but not the same text)."""

    def __init__(self, judge: Callable[..., list[Violation]], worded: Callable[[Violation], Violation]):
        super().__init__()
        self._judge, self._worded = judge, worded

    def judge(self, *values: Any) -> list[Violation]:
        return list(map(self._worded, self._judge(*values)))

    def __missing__(self, values: Values) -> tuple[Values, tuple[Violation, ...]]:
        found = self[values] = (values, tuple(self.judge(*values)))
        return found

    def located(self, values: list[Values], rows: Sequence[int | None]) -> dict[int, list[Violation]]:
        """The violations of each of ``values`` on its row (``rows``, alike), by index, for those
        with any: the verdicts are looked up in one pass, and only the broken ones re-located."""
        try:
            found = list(map(self.__getitem__, values))
        except TypeError:  # a value that is no key: each judged by ``at``
            return {i: out for i, (v, row) in enumerate(zip(values, rows, strict=True)) if (out := self.at(v, row))}
        return {i: self.at(values[i], rows[i]) for i in compress(range(len(found)), map(itemgetter(1), found))}

    def at(self, values: Values, row: int | None) -> list[Violation]:
        try:
            judged, verdict = self[values]
        except TypeError:  # a value that is no key (a signalling NaN): judged on its own
            return self.judge(*values, row)
        if not verdict:
            return []
        if judged is not values and list(map(str, judged)) != list(map(str, values)):
            return self.judge(*values, row)
        return [replace(v, row=row) for v in verdict]


def _as_given(violation: Violation) -> Violation:
    return violation


class BatchJudge:
    """check_row and row_warnings over the rows of one batch, with the same violations in the
    same order, each on its row: a row's symbol is judged row by row, the rest of its verdict once
    per distinct values in the batch (services/excel/margin_reader.py reads 50,000 rows through
    it). One judge per batch: nothing it remembers outlives it.

    ``worded`` rewords a violation as the caller shows it (the reader names its column in the
    message), once per verdict rather than once per row."""

    def __init__(self, kind: str, worded: Callable[[Violation], Violation] = _as_given):
        self.kind, self._worded = kind, worded
        fields, judge = _VALUE_RULES[kind]
        self._values, self._verdicts = attrgetter(*fields), _Verdicts(judge, worded)
        self._warnings = _Verdicts(_long_warnings if kind == "long" else _above_overnight, worded)

    def errors(self, rows: Sequence[MarginFields], numbers: Sequence[int | None]) -> list[Violation]:
        """check_row of each row (numbered ``numbers``), in one list."""
        symbols = list(map(check_symbol, map(_SYMBOL, rows), map(_MARKET, rows), numbers))
        values = self._verdicts.located(list(map(self._values, rows)), numbers)
        out: list[Violation] = []
        for i in sorted(values.keys() | set(compress(range(len(symbols)), symbols))):
            out += [*map(self._worded, symbols[i]), *values.get(i, [])]
        return out

    def warnings(self, rows: Sequence[MarginFields], numbers: Sequence[int | None],
                 overnight_ims: Sequence[Decimal | None] | None = None) -> list[Violation]:
        """row_warnings of each row; ``overnight_ims`` (intraday) the overnight IM of each."""
        if self.kind == "long":
            values = list(map(_LONG_WARNING_VALUES, rows))
        elif self.kind == "intraday" and overnight_ims is not None:
            values = list(zip(map(_IM, rows), overnight_ims, strict=True))
        else:
            return []
        return list(chain.from_iterable(self._warnings.located(values, numbers).values()))
