"""The twelve per-symbol margin flows of Risk › Credit, built from one set of flow shapes.

Long stock margin (多頭): create, update, delete, batch delete, upload. Short-sell (空頭): upload
and update (one or several rows). Intraday real-time (日內交易實時): the same five as long.
Every row is judged by services/rules/stock_margin.py; the securities master decides which
symbols exist. Each symbol is one work-order target, ``<table prefix>:<symbol>``.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel
from sqlalchemy.orm import Session

from backend.kit.clock import utcnow
from backend.risk import margin_settings
from backend.risk.margin_table import INTRADAY_TABLE, LONG_TABLE, SHORT_TABLE, MarginTable
from backend.work_orders.flow_def import FlowDef
from services.contract.flows import MARGIN_FLOW_IDS
from services.contract.reasons import named
from services.contract.schemas import (
    IntradayMarginIn,
    IntradayMarginUpload,
    LongMarginIn,
    LongMarginUpload,
    ShortMarginEdits,
    ShortMarginIn,
    ShortMarginUpload,
    SymbolIn,
    SymbolsIn,
    UploadMode,
)
from services.contract.summaries import Summary, listed
from services.excel.margin_columns import MarginIn
from services.rules.stock_margin import (
    RATIO_LABELS,
    carries_system_value,
    check_batch_size,
    check_batch_symbols,
    check_row,
    check_symbol_text,
    check_system_set,
    row_warnings,
)
from services.rules.violations import Violation


@dataclass(frozen=True)
class MarginKind:
    """One margin table and how its rows are judged."""

    name: str  # "long", "short" or "intraday": the rules' and the workbooks' name of the table
    table: MarginTable
    row_model: type[MarginIn]
    label: str  # for messages: "has no <label> to change"

    def values(self, row: MarginIn) -> dict[str, Any]:
        """The row as the table stores it (ratios as decimals)."""
        out: dict[str, Any] = {"symbol": row.symbol, "market": row.market}
        for field in self.table.value_fields:
            value = getattr(row, field)
            out[field] = Decimal(value) if field in self.table.ratio_fields else value
        return out

    def proposed_row(self, row: MarginIn) -> dict[str, Any]:
        """The row as the diff shows it, in the same form as the table's snapshot rows."""
        out: dict[str, Any] = {"symbol": row.symbol, "market": row.market}
        for field in self.table.value_fields:
            out[field] = self.table.json_value(field, getattr(row, field))
        return out

    def summary(self, row: MarginIn) -> Summary:
        ratios = " ".join(f"{RATIO_LABELS[f]} {getattr(row, f)}" for f in self.table.ratio_fields if f in RATIO_LABELS)
        return Summary("margin.row", {"symbol": row.symbol, "ratios": ratios})

    def check_rows(self, session: Session, rows: list, numbered: bool) -> list[Violation]:
        """Row rules, then the batch's symbols against the securities master; rows are 1-based."""
        out: list[Violation] = []
        for i, row in enumerate(rows, start=1):
            out += check_row(self.name, row, i if numbered else None)
        known = self.table.known_markets(session, {r.symbol for r in rows})
        out += check_batch_symbols(((i if numbered else None, r.symbol, r.market)
                                    for i, r in enumerate(rows, start=1)), known)
        carrying = [(i, r) for i, r in enumerate(rows, start=1) if carries_system_value(self.name, r)]
        if carrying:
            live = {row["symbol"]: row for row in self.table.row_dicts(session, [r.symbol for _, r in carrying])}
            for i, r in carrying:
                out += check_system_set(self.name, r, live.get(r.symbol), i if numbered else None)
        return out

    def malformed(self, symbols: list[str], numbered: bool) -> list[Violation]:
        """Symbols a deletion names that are no symbols at all (before asking for their rows)."""
        return [v for i, s in enumerate(symbols, start=1) for v in check_symbol_text(s, i if numbered else None)]

    def existing(self, session: Session, symbol: str) -> list[Violation]:
        """A create names a symbol that has a live row: an edit, not a new row."""
        if symbol not in self.table.versions(session, [symbol]):
            return []
        return [Violation("symbol", "symbol_exists", f"{symbol} already exists: edit it instead.",
                          params=named(symbol=symbol))]

    def missing(self, session: Session, symbols: list[str], numbered: bool) -> list[Violation]:
        live = self.table.versions(session, symbols)
        return [Violation("symbol", "no_such_row", f"{s} has no {self.label} to change.", i if numbered else None,
                          named(symbol=s))
                for i, s in enumerate(symbols, start=1) if s not in live]


LONG = MarginKind("long", LONG_TABLE, LongMarginIn, "long stock margin")
SHORT = MarginKind("short", SHORT_TABLE, ShortMarginIn, "short-sell stock margin")
INTRADAY = MarginKind("intraday", INTRADAY_TABLE, IntradayMarginIn, "intraday margin")
KINDS: dict[str, MarginKind] = {k.table.target_prefix: k for k in (LONG, SHORT, INTRADAY)}


def _write_or_schedule(session: Session, kind: MarginKind, rows: list, actor_id: int, order_id: int) -> dict:
    """Rows due now are written, except those equal to their live row (listed as unchanged);
    rows effective later wait as setting records. Either way the symbols' older pending
    settings are revoked first."""
    margin_settings.supersede(session, kind.table.target_prefix, [r.symbol for r in rows], actor_id, order_id)
    now = utcnow()
    later = [r for r in rows if margin_settings.is_future(r, now)]
    due = [r for r in rows if not margin_settings.is_future(r, now)] if later else rows
    written = set(kind.table.upsert(session, (kind.values(r) for r in due),
                                    kind.table.versions(session, [r.symbol for r in due]), actor_id))
    scheduled = margin_settings.schedule(session, kind, later, order_id) if later else []
    return {"written": len(written), "unchanged": [r.symbol for r in due if r.symbol not in written],
            "scheduled": scheduled}


class _Flow:
    """What every margin flow shares: targets are symbols, the diff matches on the symbol."""

    diff_key = "symbol"

    def __init__(self, kind: MarginKind, payload_model: type[BaseModel]):
        self.kind = kind
        self.payload_model = payload_model

    def _symbols(self, session: Session, payload) -> list[str]:
        raise NotImplementedError

    def snapshot(self, session: Session, payload) -> dict:
        return {"rows": self.kind.table.row_dicts(session, self._symbols(session, payload))}

    def targets(self, session: Session, payload) -> dict[str, int | None]:
        symbols = self._symbols(session, payload)
        live = self.kind.table.versions(session, symbols)
        return {self.kind.table.target(s): live.get(s) for s in symbols}

    def warnings(self, payload) -> list[Violation]:
        """The rows' warnings (US floors, effective times outside the session); rows numbered
        from 1 in a batch, none for a single row."""
        rows = getattr(payload, "rows", None)
        if rows is None:
            return row_warnings(self.kind.name, payload) if isinstance(payload, self.kind.row_model) else []
        return [v for i, r in enumerate(rows, start=1) for v in row_warnings(self.kind.name, r, i)]


class SaveOne(_Flow):
    """Create and update: one row. A create of a symbol with a live row is refused (edit it
    instead), so a checker never sees a new row whose diff is an edit; a row created while the
    order waits moves its target's version, so the order goes stale instead of applying."""

    def __init__(self, kind: MarginKind, payload_model: type[BaseModel], must_exist: bool):
        super().__init__(kind, payload_model)
        self.must_exist = must_exist

    def _symbols(self, session, payload) -> list[str]:
        return [payload.symbol]

    def check(self, session: Session, payload) -> list[Violation]:
        out = self.kind.check_rows(session, [payload], numbered=False)
        if not out:
            out = (self.kind.missing(session, [payload.symbol], numbered=False) if self.must_exist
                   else self.kind.existing(session, payload.symbol))
        return out

    def proposed(self, payload, snapshot: dict) -> dict:
        return {"rows": [self.kind.proposed_row(payload)], "deleted": []}

    def summary(self, payload) -> Summary:
        return self.kind.summary(payload)

    def apply(self, session: Session, payload, actor_id: int, order_id: int) -> dict:
        done = _write_or_schedule(session, self.kind, [payload], actor_id, order_id)
        return {"rows": [] if done["unchanged"] else [self.kind.proposed_row(payload)], **done}


class EditMany(_Flow):
    """Several live rows edited at once, all or nothing (short-sell ``update_..._ratios``)."""

    def _symbols(self, session, payload) -> list[str]:
        return [r.symbol for r in payload.rows]

    def check(self, session: Session, payload) -> list[Violation]:
        out = check_batch_size(len(payload.rows)) or self.kind.check_rows(session, payload.rows, numbered=True)
        return out or self.kind.missing(session, [r.symbol for r in payload.rows], numbered=True)

    def proposed(self, payload, snapshot: dict) -> dict:
        return {"rows": [self.kind.proposed_row(r) for r in payload.rows], "deleted": []}

    def summary(self, payload) -> Summary:
        if len(payload.rows) == 1:
            return self.kind.summary(payload.rows[0])
        return listed([r.symbol for r in payload.rows], "margin.edit_rows", "margin.edit_rows_more")

    def apply(self, session: Session, payload, actor_id: int, order_id: int) -> dict:
        return _write_or_schedule(session, self.kind, payload.rows, actor_id, order_id)


class DeleteOne(_Flow):
    def __init__(self, kind: MarginKind):
        super().__init__(kind, SymbolIn)

    def _symbols(self, session, payload: SymbolIn) -> list[str]:
        return [payload.symbol]

    def check(self, session: Session, payload: SymbolIn) -> list[Violation]:
        return (self.kind.malformed([payload.symbol], numbered=False)
                or self.kind.missing(session, [payload.symbol], numbered=False))

    def proposed(self, payload: SymbolIn, snapshot: dict) -> dict:
        return {"rows": [], "deleted": [payload.symbol]}

    def summary(self, payload: SymbolIn) -> Summary:
        return Summary("margin.delete", {"symbol": payload.symbol})

    def apply(self, session: Session, payload: SymbolIn, actor_id: int, order_id: int) -> dict:
        margin_settings.supersede(session, self.kind.table.target_prefix, [payload.symbol], actor_id, order_id)
        self.kind.table.delete(session, [payload.symbol])
        return {"deleted": [payload.symbol]}


class DeleteMany(_Flow):
    def __init__(self, kind: MarginKind):
        super().__init__(kind, SymbolsIn)

    def _symbols(self, session, payload: SymbolsIn) -> list[str]:
        return payload.symbols

    def check(self, session: Session, payload: SymbolsIn) -> list[Violation]:
        out = check_batch_size(len(payload.symbols))
        if out:
            return out
        seen: dict[str, int] = {}
        for i, symbol in enumerate(payload.symbols, start=1):
            if symbol in seen:
                out.append(Violation("symbol", "duplicate_symbol",
                                     f"{symbol} appears twice in this batch (first on row {seen[symbol]}).", i,
                                     named(symbol=symbol, first=seen[symbol])))
            seen.setdefault(symbol, i)
        return out + (self.kind.malformed(payload.symbols, numbered=True)
                      or self.kind.missing(session, payload.symbols, numbered=True))

    def proposed(self, payload: SymbolsIn, snapshot: dict) -> dict:
        return {"rows": [], "deleted": list(payload.symbols)}

    def summary(self, payload: SymbolsIn) -> Summary:
        return listed(list(payload.symbols), "margin.delete_many", "margin.delete_many_more")

    def apply(self, session: Session, payload: SymbolsIn, actor_id: int, order_id: int) -> dict:
        margin_settings.supersede(session, self.kind.table.target_prefix, payload.symbols, actor_id, order_id)
        self.kind.table.delete(session, payload.symbols)
        return {"deleted": list(payload.symbols)}


class Upload(_Flow):
    """Upsert: the file's rows are created or replaced. Replace: the file becomes the whole table
    of the markets it names, so live rows of those markets missing from it are deleted."""

    def _symbols(self, session, payload) -> list[str]:
        symbols = [r.symbol for r in payload.rows]
        if payload.mode == UploadMode.REPLACE:
            in_file = set(symbols)
            markets = {r.market for r in payload.rows}
            symbols += sorted(s for s in self.kind.table.market_versions(session, markets) if s not in in_file)
        return symbols

    def check(self, session: Session, payload) -> list[Violation]:
        return check_batch_size(len(payload.rows)) or self.kind.check_rows(session, payload.rows, numbered=True)

    def proposed(self, payload, snapshot: dict) -> dict:
        in_file = {r.symbol for r in payload.rows}
        deleted = ([row["symbol"] for row in snapshot["rows"] if row["symbol"] not in in_file]
                   if payload.mode == UploadMode.REPLACE else [])
        return {"rows": [self.kind.proposed_row(r) for r in payload.rows], "deleted": deleted}

    def summary(self, payload) -> Summary:
        markets = "/".join(sorted({r.market for r in payload.rows}))
        return Summary(f"margin.upload.{payload.mode.value}", {"count": f"{len(payload.rows):,}", "markets": markets})

    def apply(self, session: Session, payload, actor_id: int, order_id: int) -> dict:
        table = self.kind.table
        symbols = self._symbols(session, payload)
        in_file = {r.symbol for r in payload.rows}
        live = table.versions(session, symbols)
        doomed = [s for s in symbols if s not in in_file and s in live]
        margin_settings.supersede(session, table.target_prefix, doomed, actor_id, order_id)
        table.delete(session, doomed)
        return {**_write_or_schedule(session, self.kind, payload.rows, actor_id, order_id), "deleted": doomed}


_L, _S, _I = MARGIN_FLOW_IDS["long"], MARGIN_FLOW_IDS["short"], MARGIN_FLOW_IDS["intraday"]
MARGIN_FLOWS: tuple[FlowDef, ...] = (
    FlowDef(_L["create"], SaveOne(LONG, LongMarginIn, must_exist=False)),
    FlowDef(_L["update"], SaveOne(LONG, LongMarginIn, must_exist=True)),
    FlowDef(_L["delete"], DeleteOne(LONG)),
    FlowDef(_L["batch_delete"], DeleteMany(LONG)),
    FlowDef(_L["upload"], Upload(LONG, LongMarginUpload)),
    FlowDef(_S["upload"], Upload(SHORT, ShortMarginUpload)),
    FlowDef(_S["update"], EditMany(SHORT, ShortMarginEdits)),
    FlowDef(_I["create"], SaveOne(INTRADAY, IntradayMarginIn, must_exist=False)),
    FlowDef(_I["update"], SaveOne(INTRADAY, IntradayMarginIn, must_exist=True)),
    FlowDef(_I["delete"], DeleteOne(INTRADAY)),
    FlowDef(_I["batch_delete"], DeleteMany(INTRADAY)),
    FlowDef(_I["upload"], Upload(INTRADAY, IntradayMarginUpload)),
)
