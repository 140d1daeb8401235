"""The five long stock margin flows (多頭股票保證金): create, update, delete, batch delete, upload.

Every row is judged by services/rules/stock_margin.py; the securities master decides which
symbols exist. Each symbol is one work-order target, ``stock_margin:<symbol>``.
"""

from decimal import Decimal

from sqlalchemy.orm import Session

from backend.risk.margin_table import LONG_TABLE
from backend.work_orders.catalogue import FlowDef
from services.contract.schemas import LongMarginIn, LongMarginUpload, SymbolIn, SymbolsIn, UploadMode
from services.rules.stock_margin import (
    LONG_RATIOS,
    TWO_LEVEL_THRESHOLD,
    LongMargin,
    check_batch_size,
    check_batch_symbols,
    check_long,
)
from services.rules.violations import Violation


def _rule_row(row: LongMarginIn) -> LongMargin:
    return LongMargin(row.symbol, row.market, row.im, row.mcm, row.mm, row.fm, row.financeable)


def _values(row: LongMarginIn) -> dict:
    """The row as the table stores it (ratios at four decimals)."""
    out = row.model_dump(include={"symbol", "market", "financeable", "effective_from", "remark"})
    out.update({f: Decimal(getattr(row, f)) for f in LONG_RATIOS})
    return out


def _proposed_row(row: LongMarginIn) -> dict:
    data = row.model_dump(mode="json")
    out = {"symbol": row.symbol, "market": row.market}
    out.update({f: LONG_TABLE.json_value(f, getattr(row, f)) for f in LONG_RATIOS})
    out.update({f: data[f] for f in ("financeable", "effective_from", "remark")})
    return out


def _check_rows(session: Session, rows: list[LongMarginIn], numbered: bool) -> list[Violation]:
    """Row rules, then the batch's symbols against the securities master; rows are 1-based."""
    out: list[Violation] = []
    for i, row in enumerate(rows, start=1):
        out += check_long(_rule_row(row), i if numbered else None)
    known = LONG_TABLE.known_markets(session, {r.symbol for r in rows})
    out += check_batch_symbols(((i if numbered else None, r.symbol, r.market) for i, r in enumerate(rows, 1)),
                               known)
    return out


def _missing(session: Session, symbols: list[str], numbered: bool) -> list[Violation]:
    live = LONG_TABLE.versions(session, symbols)
    return [Violation("symbol", "no_such_row", f"{s} has no long stock margin to change.", i if numbered else None)
            for i, s in enumerate(symbols, start=1) if s not in live]


class _LongFlow:
    diff_key = "symbol"

    def snapshot(self, session: Session, payload) -> dict:
        return {"rows": LONG_TABLE.row_dicts(session, self._symbols(session, payload))}

    def targets(self, session: Session, payload) -> dict[str, int | None]:
        symbols = self._symbols(session, payload)
        live = LONG_TABLE.versions(session, symbols)
        return {LONG_TABLE.target(s): live.get(s) for s in symbols}

    def _symbols(self, session: Session, payload) -> list[str]:
        raise NotImplementedError


class _SaveOne(_LongFlow):
    """Create and update: one row, created or replaced (creating an existing symbol replaces it)."""

    payload_model = LongMarginIn

    def __init__(self, must_exist: bool):
        self.must_exist = must_exist

    def _symbols(self, session, payload: LongMarginIn) -> list[str]:
        return [payload.symbol]

    def check(self, session: Session, payload: LongMarginIn) -> list[Violation]:
        out = _check_rows(session, [payload], numbered=False)
        if self.must_exist and not out:
            out = _missing(session, [payload.symbol], numbered=False)
        return out

    def proposed(self, payload: LongMarginIn, snapshot: dict) -> dict:
        return {"rows": [_proposed_row(payload)], "deleted": []}

    def summary(self, payload: LongMarginIn) -> str:
        return (f"{payload.symbol} IM {payload.im} MCM {payload.mcm} MM {payload.mm} FM {payload.fm}"
                f"{'' if payload.financeable else ' (not financeable)'}")

    def apply(self, session: Session, payload: LongMarginIn, actor_id: int) -> dict:
        LONG_TABLE.upsert(session, [_values(payload)], LONG_TABLE.versions(session, [payload.symbol]), actor_id)
        return {"rows": [_proposed_row(payload)]}


class _DeleteOne(_LongFlow):
    payload_model = SymbolIn

    def _symbols(self, session, payload: SymbolIn) -> list[str]:
        return [payload.symbol]

    def check(self, session: Session, payload: SymbolIn) -> list[Violation]:
        return _missing(session, [payload.symbol], numbered=False)

    def proposed(self, payload: SymbolIn, snapshot: dict) -> dict:
        return {"rows": [], "deleted": [payload.symbol]}

    def summary(self, payload: SymbolIn) -> str:
        return f"Delete {payload.symbol}"

    def apply(self, session: Session, payload: SymbolIn, actor_id: int) -> dict:
        LONG_TABLE.delete(session, [payload.symbol])
        return {"deleted": [payload.symbol]}


class _DeleteMany(_LongFlow):
    payload_model = SymbolsIn

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
                                     f"{symbol} appears twice in this batch (first on row {seen[symbol]}).", i))
            seen.setdefault(symbol, i)
        return out + _missing(session, payload.symbols, numbered=True)

    def proposed(self, payload: SymbolsIn, snapshot: dict) -> dict:
        return {"rows": [], "deleted": list(payload.symbols)}

    def summary(self, payload: SymbolsIn) -> str:
        head = ", ".join(payload.symbols[:3])
        more = f" and {len(payload.symbols) - 3:,} more" if len(payload.symbols) > 3 else ""
        return f"Delete {len(payload.symbols):,} symbols: {head}{more}"

    def apply(self, session: Session, payload: SymbolsIn, actor_id: int) -> dict:
        LONG_TABLE.delete(session, payload.symbols)
        return {"deleted": list(payload.symbols)}


class _Upload(_LongFlow):
    """Upsert: the file's rows are created or replaced. Replace: the file becomes the whole table
    of the markets it names, so live rows of those markets missing from it are deleted."""

    payload_model = LongMarginUpload

    def _symbols(self, session, payload: LongMarginUpload) -> list[str]:
        symbols = [r.symbol for r in payload.rows]
        if payload.mode == UploadMode.REPLACE:
            in_file = set(symbols)
            markets = {r.market for r in payload.rows}
            symbols += sorted(s for s in LONG_TABLE.market_versions(session, markets) if s not in in_file)
        return symbols

    def check(self, session: Session, payload: LongMarginUpload) -> list[Violation]:
        return check_batch_size(len(payload.rows)) or _check_rows(session, payload.rows, numbered=True)

    def proposed(self, payload: LongMarginUpload, snapshot: dict) -> dict:
        in_file = {r.symbol for r in payload.rows}
        deleted = ([row["symbol"] for row in snapshot["rows"] if row["symbol"] not in in_file]
                   if payload.mode == UploadMode.REPLACE else [])
        return {"rows": [_proposed_row(r) for r in payload.rows], "deleted": deleted}

    def summary(self, payload: LongMarginUpload) -> str:
        markets = "/".join(sorted({r.market for r in payload.rows}))
        return f"{payload.mode.value.capitalize()} {len(payload.rows):,} rows ({markets})"

    def apply(self, session: Session, payload: LongMarginUpload, actor_id: int) -> dict:
        symbols = self._symbols(session, payload)
        live = LONG_TABLE.versions(session, symbols)
        LONG_TABLE.upsert(session, (_values(r) for r in payload.rows), live, actor_id)
        in_file = {r.symbol for r in payload.rows}
        doomed = [s for s in symbols if s not in in_file and s in live]
        LONG_TABLE.delete(session, doomed)
        return {"written": len(payload.rows), "deleted": doomed}


def _upload_levels(payload: LongMarginUpload) -> int:
    return 2 if len(payload.rows) > TWO_LEVEL_THRESHOLD else 1


def _batch_delete_levels(payload: SymbolsIn) -> int:
    return 2 if len(payload.symbols) > TWO_LEVEL_THRESHOLD else 1


LONG_MARGIN_FLOWS: tuple[FlowDef, ...] = (
    FlowDef("risk.credit.create_stock_margin_task", _SaveOne(must_exist=False)),
    FlowDef("risk.credit.update_stock_margin_task", _SaveOne(must_exist=True)),
    FlowDef("risk.credit.delete_stock_margin_ratio", _DeleteOne()),
    FlowDef("risk.credit.batch_delete_stock_margin_ratio", _DeleteMany(), _batch_delete_levels),
    FlowDef("risk.credit.upload_stock_margin_ratio", _Upload(), _upload_levels),
)
