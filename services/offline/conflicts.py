"""A draft against the live table: the live row each drafted row starts from (its ``base``), the
conflicts the sync engine finds when that row moves, and the user's way out of them.

A row that starts from a cached live row remembers it, with its version; when the live row moves
(services/offline/sync.py ``mark_conflicts``) the batch waits for the user to choose, per row, to
keep what they drafted or to take the live values. Either way the row then starts from the live
row as it is now, so the resubmission no longer conflicts. Qt-free: the desktop only calls it.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select

from services.excel.margin_cells import CellError, cell_reader
from services.excel.margin_columns import SHEETS, SYMBOL, CellType, Kind, MarginColumn
from services.excel.margin_preview import snapshot_row
from services.excel.writer import HK
from services.offline import drafts
from services.offline.models import BatchState, DraftBatch, RefMargin
from services.offline.store import LocalStore
from services.rules.symbols import market_of, normalise

# Above this many symbols one scan of the kind's cache beats a long IN list (as drafts._known).
_IN_LIST_LIMIT = 500


class Choice(StrEnum):
    KEEP_MINE = "keep_mine"  # the drafted values stay; the row now starts from the live row
    TAKE_LIVE = "take_live"  # the live values replace the drafted ones


def draft_columns(kind: Kind, action: str) -> tuple[MarginColumn, ...]:
    """The fields a batch's rows hold: the workbook's columns, or only the symbol of a deletion."""
    return (SYMBOL,) if action == "batch_delete" else SHEETS[kind].columns


def cell_text(column: MarginColumn, value: Any) -> str:
    """A snapshot value (services/excel/margin_preview.snapshot_row) as a user would type it, so
    the workbook's cell readers read it back to the same value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if column.type is CellType.DATETIME:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else value
        local = moment.astimezone(HK)  # the readers take a time without a zone as Hong Kong's
        return local.strftime("%Y-%m-%d %H:%M:%S" if local.second else "%Y-%m-%d %H:%M")
    return str(value)


def live_values(kind: Kind, action: str, live: Mapping[str, Any]) -> dict[str, str]:
    """A live row (snapshot form, or a live list row's dict) as the text a draft row holds."""
    snapshot = snapshot_row(kind, live)
    return {c.field: cell_text(c, snapshot.get(c.field)) for c in draft_columns(kind, action)}


def cached_bases(store: LocalStore, kind: Kind, symbols: Sequence[str]) -> dict[str, dict]:
    """symbol → the cached live row of ``kind`` (snapshot form with ``version``), for those of
    ``symbols`` the cache holds."""
    wanted = {normalise(s) for s in symbols if s and s.strip()}
    if not wanted:
        return {}
    stmt = select(RefMargin).where(RefMargin.kind == kind)
    if len(wanted) <= _IN_LIST_LIMIT:
        stmt = stmt.where(RefMargin.symbol.in_(wanted))
    with store.session() as session:
        return {m.symbol: {**m.values, "version": m.version} for m in session.scalars(stmt) if m.symbol in wanted}


def save_rows(store: LocalStore, batch_id: str, kind: Kind,
              rows: Sequence[tuple[Mapping[str, str], dict | None]]) -> list[dict | None]:
    """Saves the grid's rows (values as typed, the base each started from) and returns each row's
    base as saved. A base belongs to its symbol: a row whose symbol changed, or that has none
    yet, starts from the cached live row of its symbol, when there is one."""
    symbols = [normalise(str(values.get("symbol", ""))) for values, _base in rows]
    kept = [base if base is not None and base.get("symbol") == symbol else None
            for symbol, (_values, base) in zip(symbols, rows, strict=True)]
    cache = cached_bases(store, kind, [s for s, base in zip(symbols, kept, strict=True) if base is None])
    saved = [base if base is not None else cache.get(symbol) for symbol, base in zip(symbols, kept, strict=True)]
    bases = {symbol: base for symbol, base in zip(symbols, saved, strict=True) if base is not None}
    with store.session() as session:
        # set_rows clears every row's conflict; the engine may have marked some since the editor
        # last looked, and those must survive the save.
        batch = session.get(DraftBatch, batch_id)
        marked = {r.symbol: r.conflict for r in batch.rows if r.conflict is not None} if batch else {}
    drafts.set_rows(store, batch_id, [dict(values) for values, _base in rows], bases)
    if marked:
        with store.session() as session, session.begin():
            for row in session.get_one(DraftBatch, batch_id).rows:
                if row.symbol in marked:
                    row.conflict = marked[row.symbol]
    return saved


@dataclass(frozen=True)
class FieldValues:
    field: str
    drafted: str  # as typed
    started: str | None  # the live value the draft started from; None: a new row
    live: str | None  # the live value now; None: the live row is gone
    drafted_changed: bool  # the draft changes this field (compared as values: "45%" is 0.4500)
    live_changed: bool  # someone else changed it since


@dataclass(frozen=True)
class RowConflict:
    position: int  # 0-based, in the batch
    symbol: str
    base_version: int | None
    live_version: int | None  # None: the live row was deleted
    fields: tuple[FieldValues, ...]

    @property
    def deleted(self) -> bool:
        return self.live_version is None

    def changed_fields(self) -> list[str]:
        return [f.field for f in self.fields if f.live_changed]


def _typed_snapshot(kind: Kind, action: str, values: Mapping[str, str]) -> dict[str, Any]:
    """The drafted row in snapshot form where its cells parse; a cell that does not is absent."""
    parsed: dict[str, Any] = {}
    sheet = SHEETS[kind]
    for column in draft_columns(kind, action):
        value = cell_reader(sheet, column)(str(values.get(column.field, "")))
        if not isinstance(value, CellError):
            parsed[column.field] = value
    if parsed.get("market") is None and parsed.get("symbol"):
        parsed["market"] = market_of(parsed["symbol"])
    return {k: v for k, v in snapshot_row(kind, parsed).items() if k in parsed}


def row_conflicts(store: LocalStore, batch_id: str) -> list[RowConflict]:
    """Every row of the batch that conflicts with the live table, each field three ways."""
    with store.session() as session:
        batch = session.get(DraftBatch, batch_id)
        if batch is None:
            raise KeyError(batch_id)
        kind, action = batch.kind, batch.action
        rows = [(r.position, r.symbol, dict(r.values), r.base, r.conflict) for r in batch.rows if r.conflict]
    out = []
    for position, symbol, values, base, live in rows:
        deleted = bool(live.get("deleted"))
        typed = _typed_snapshot(kind, action, values)
        fields = []
        for column in draft_columns(kind, action):
            started = None if base is None else base.get(column.field)
            now = None if deleted else live.get(column.field)
            fields.append(FieldValues(
                column.field, str(values.get(column.field, "")),
                None if base is None else cell_text(column, started),
                None if deleted else cell_text(column, now),
                drafted_changed=column.field not in typed or typed[column.field] != started,
                live_changed=deleted or base is None or started != now))
        out.append(RowConflict(position, symbol, None if base is None else base.get("version"),
                               None if deleted else live.get("version"), tuple(fields)))
    return out


def resolve(store: LocalStore, batch_id: str, choices: Mapping[int, Choice]) -> int:
    """Applies the user's choice to each conflicting row (by position); returns how many rows
    still conflict. With none left the batch is a draft again, ready to be submitted anew.

    Keep mine: the drafted values stay. Take live: the live values replace them, and a row whose
    live row was deleted leaves the batch. Either way the row now starts from the live row (a
    deleted one: from nothing, a new row) and its conflict is cleared."""
    with store.session() as session, session.begin():
        batch = session.get(DraftBatch, batch_id)
        if batch is None:
            raise KeyError(batch_id)
        if batch.state != BatchState.CONFLICT.value:
            raise ValueError(f"batch {batch_id} is {batch.state}, not in conflict")
        kept = []
        for row in list(batch.rows):
            choice = choices.get(row.position)
            if row.conflict is None or choice is None:
                kept.append(row)
                continue
            live = dict(row.conflict)
            if live.get("deleted"):
                if Choice(choice) is Choice.TAKE_LIVE:
                    batch.rows.remove(row)  # delete-orphan: the row goes with the live one
                    continue
                row.base = None
            else:
                if Choice(choice) is Choice.TAKE_LIVE:
                    row.values = live_values(batch.kind, batch.action, live)
                    row.symbol = normalise(row.values.get("symbol", row.symbol))
                row.base = live
            row.conflict = None
            kept.append(row)
        for position, row in enumerate(kept):
            row.position = position
        remaining = sum(1 for row in kept if row.conflict is not None)
        if remaining == 0:
            batch.state, batch.reason = BatchState.DRAFT.value, None
        batch.updated_at = time.time()
    return remaining
