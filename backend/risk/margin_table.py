"""Reading and writing a per-symbol margin table in bulk, for its work-order flows.

A batch may name 50,000 symbols: asking the database for them with one huge ``IN`` list is slow
on SQLite and PostgreSQL alike, so above ``IN_LIST_LIMIT`` a whole table (two narrow columns,
a few thousand rows) is read once and filtered here. Writes go through executemany.
"""

from collections.abc import Collection, Iterable
from decimal import Decimal

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from backend.kit.clock import utcnow
from backend.risk.models import IntradayMarginRow, LongMarginRow, Security, ShortMarginRow
from services.contract.flows import MARGIN_TARGET_PREFIX
from services.rules.ratios import QUANTUM
from services.rules.stock_margin import INTRADAY_RATIOS, LONG_RATIOS, SHORT_RATIOS

IN_LIST_LIMIT = 500


def _ratio_text(value: Decimal) -> str:
    """Ratios in snapshots and proposals always have four decimals, so the diff compares like
    with like ("0.4500", never "0.45" against "0.4500")."""
    return str(Decimal(value).quantize(QUANTUM))


def _same(proposed, live) -> bool:
    """Equal as values: 0.45 is 0.4500, an instant is the same in any zone, no text is no text."""
    if proposed in ("", None) or live in ("", None):
        return proposed in ("", None) and live in ("", None)
    return bool(proposed == live)


class MarginTable:
    """One ORM model of per-symbol margin rows (primary key ``symbol``, a ``market`` and a
    ``version``), its ratio fields and the prefix of its work-order targets."""

    def __init__(self, model, ratio_fields: tuple[str, ...], value_fields: tuple[str, ...], target_prefix: str):
        self.model = model
        self.ratio_fields = ratio_fields
        # Every field a maker sets, in display order (ratios included).
        self.value_fields = value_fields
        self.target_prefix = target_prefix

    def target(self, symbol: str) -> str:
        return f"{self.target_prefix}:{symbol}"

    # --- reading --------------------------------------------------------------------------------

    def _where_symbols(self, stmt, column, symbols: Collection[str]):
        return stmt.where(column.in_(list(symbols))) if len(symbols) <= IN_LIST_LIMIT else stmt

    def versions(self, session: Session, symbols: Collection[str]) -> dict[str, int]:
        """symbol → version of the live rows among ``symbols``."""
        stmt = self._where_symbols(select(self.model.symbol, self.model.version), self.model.symbol, symbols)
        wanted = set(symbols)
        return {s: v for s, v in session.execute(stmt) if s in wanted}

    def market_versions(self, session: Session, markets: Collection[str]) -> dict[str, int]:
        """symbol → version of every live row of ``markets`` (what a replacing upload replaces)."""
        stmt = select(self.model.symbol, self.model.version).where(self.model.market.in_(list(markets)))
        return dict(session.execute(stmt).all())

    def known_markets(self, session: Session, symbols: Collection[str]) -> dict[str, str]:
        """symbol → market of the securities master, among ``symbols``."""
        stmt = self._where_symbols(select(Security.symbol, Security.market), Security.symbol, symbols)
        wanted = set(symbols)
        return {s: m for s, m in session.execute(stmt) if s in wanted}

    def row_dicts(self, session: Session, symbols: Collection[str]) -> list[dict]:
        """The live rows among ``symbols`` as the diff shows them, in symbol order."""
        if not symbols:
            return []
        stmt = self._where_symbols(select(self.model), self.model.symbol, symbols).order_by(self.model.symbol)
        wanted = set(symbols)
        return [self.as_dict(row) for row in session.scalars(stmt) if row.symbol in wanted]

    def as_dict(self, row) -> dict:
        out = {"symbol": row.symbol, "market": row.market}
        for field in self.value_fields:
            out[field] = self.json_value(field, getattr(row, field))
        out["version"] = row.version
        return out

    def json_value(self, field: str, value):
        if value is None:
            return None
        if field in self.ratio_fields:
            return _ratio_text(value)
        return value.isoformat() if hasattr(value, "isoformat") else value

    # --- writing --------------------------------------------------------------------------------

    def _same_values(self, session: Session, rows: list[dict], live: dict[str, int]) -> set[str]:
        """The symbols among ``rows`` whose live row already holds exactly these values."""
        existing = [r["symbol"] for r in rows if r["symbol"] in live]
        if not existing:
            return set()
        fields = ("market", *self.value_fields)
        columns = [getattr(self.model, f) for f in fields]
        stmt = self._where_symbols(select(self.model.symbol, *columns), self.model.symbol, existing)
        wanted = set(existing)
        now = {found[0]: dict(zip(fields, found[1:], strict=True)) for found in session.execute(stmt)
               if found[0] in wanted}
        return {r["symbol"] for r in rows if r["symbol"] in now
                and all(_same(r.get(f), now[r["symbol"]][f]) for f in fields)}

    def upsert(self, session: Session, rows: Iterable[dict], live: dict[str, int], actor_id: int) -> list[str]:
        """Creates or replaces rows (dicts of symbol, market and the value fields); ``live`` holds
        the versions read in this transaction. A row whose live values are already these is not
        written: its version stays, so drafts based on it stay valid. Returns the symbols written."""
        rows = list(rows)
        unchanged = self._same_values(session, rows, live)
        now = utcnow()
        new, changed = [], []
        for row in rows:
            if row["symbol"] in unchanged:
                continue
            values = {**row, "updated_at": now, "updated_by": actor_id}
            if row["symbol"] in live:
                changed.append({**values, "version": live[row["symbol"]] + 1})
            else:
                new.append({**values, "version": 1})
        if new:
            session.execute(insert(self.model), new)
        if changed:
            # ORM bulk UPDATE by primary key: one executemany, no objects loaded.
            session.execute(update(self.model), changed)
        return [r["symbol"] for r in new + changed]

    def delete(self, session: Session, symbols: Collection[str]) -> None:
        if symbols:
            table = self.model.__table__
            session.execute(delete(table).where(table.c.symbol == bindparam("doomed")),
                            [{"doomed": s} for s in symbols])


LONG_TABLE = MarginTable(LongMarginRow, LONG_RATIOS,
                         (*LONG_RATIOS, "financeable", "effective_from", "remark"), MARGIN_TARGET_PREFIX["long"])
SHORT_TABLE = MarginTable(ShortMarginRow, (*SHORT_RATIOS, "borrow_fee_rate"),
                          (*SHORT_RATIOS, "status", "borrow_fee_rate", "available_qty"), MARGIN_TARGET_PREFIX["short"])
INTRADAY_TABLE = MarginTable(IntradayMarginRow, INTRADAY_RATIOS, (*INTRADAY_RATIOS, "active"),
                             MARGIN_TARGET_PREFIX["intraday"])
