"""A draft against the live table: the live row each drafted row starts from (its ``base``), the
conflicts the sync engine finds when that row moves, and the user's way out of them.

A row that starts from a cached live row remembers it, with its version, and a row of a symbol
with no live row remembers that it started from none. When the live row moves, or one appears
(services/offline/sync.py ``mark_conflicts``), the row is merged with it three ways, field by
field: what changed on one side only takes that side, and the user chooses where both changed.
The merged row then starts from the live row as it is now, so the resubmission no longer
conflicts; a row left equal to the live one leaves the batch. Qt-free: the desktop only calls it.
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
from services.excel.wall_time import HK
from services.offline import drafts
from services.offline.models import BatchState, DraftBatch, RefMargin
from services.offline.store import LocalStore
from services.rules.symbols import market_of, normalise

# What a cell that does not parse compares as: equal to no value.
_UNREADABLE = object()

# Above this many symbols one scan of the kind's cache beats a long IN list (as drafts._known).
_IN_LIST_LIMIT = 500


class Choice(StrEnum):
    """For a field changed both in the draft and live: which value the row keeps."""

    KEEP_MINE = "keep_mine"  # the drafted value
    TAKE_LIVE = "take_live"  # the live value


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
    yet, starts from the cached live row of its symbol, or from none (said explicitly: a live
    row created later is then a conflict, never something to overwrite)."""
    symbols = [normalise(str(values.get("symbol", ""))) for values, _base in rows]
    kept = [base if base is not None and base.get("symbol") == symbol else None
            for symbol, (_values, base) in zip(symbols, rows, strict=True)]
    cache = cached_bases(store, kind, [s for s, base in zip(symbols, kept, strict=True) if base is None])
    saved = [base if base is not None else cache.get(symbol) or (drafts.absent_base(symbol) if symbol else None)
             for symbol, base in zip(symbols, kept, strict=True)]
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
    same: bool = False  # drafted and live now hold the same value

    @property
    def contested(self) -> bool:
        """Changed on both sides, to different values: only the user can choose."""
        return self.drafted_changed and self.live_changed and not self.same

    def merged(self, choice: Choice | None) -> str | None:
        """The value the row takes: the side that changed it, or ``choice`` where both did
        (None: not chosen yet)."""
        if self.contested:
            if choice is None:
                return None
            return self.drafted if choice is Choice.KEEP_MINE else self.live
        if self.live_changed and not self.drafted_changed:
            return self.live
        return self.drafted


# A row's choice: one for every field changed on both sides, or one per such field.
RowChoice = Choice | Mapping[str, Choice]


@dataclass(frozen=True)
class RowConflict:
    position: int  # 0-based, in the batch
    symbol: str
    base_version: int | None  # None: the draft started from no live row
    live_version: int | None  # None: the live row was deleted
    fields: tuple[FieldValues, ...]
    deletion: bool = False  # a row of a batch that deletes symbols

    @property
    def deleted(self) -> bool:
        return self.live_version is None

    @property
    def created(self) -> bool:
        """Drafted as a new row, and the symbol was created live meanwhile."""
        return self.base_version is None and self.live_version is not None

    @property
    def whole_row(self) -> bool:
        """The choice is the row's, not its fields': keep or drop a row whose live row is gone,
        or a deletion whose live row moved."""
        return self.deleted or self.deletion

    def changed_fields(self) -> list[str]:
        return [f.field for f in self.fields if f.live_changed]

    def contested_fields(self) -> list[str]:
        return [] if self.whole_row else [f.field for f in self.fields if f.contested]

    def field_choice(self, field: str, choice: RowChoice | None) -> Choice | None:
        if choice is None or isinstance(choice, Choice):
            return choice
        return choice.get(field)

    def ready(self, choice: RowChoice | None) -> bool:
        """Everything the user must choose for this row is chosen."""
        if self.whole_row:
            return isinstance(choice, Choice)
        return all(self.field_choice(f, choice) is not None for f in self.contested_fields())

    def merged(self, choice: RowChoice | None) -> dict[str, str] | None:
        """The row's values once merged field by field (None: a choice is missing)."""
        if self.whole_row or not self.ready(choice):
            return None
        return {f.field: str(f.merged(self.field_choice(f.field, choice))) for f in self.fields}


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


def _conflict(kind: Kind, action: str, position: int, symbol: str, values: Mapping[str, str],
              base: Mapping[str, Any] | None, live: Mapping[str, Any]) -> RowConflict:
    """One row three ways: what it started from (nothing, for a new row), what the draft holds,
    and what is live now."""
    deleted = bool(live.get("deleted"))
    absent = drafts.started_absent(base)
    typed = _typed_snapshot(kind, action, values)
    fields = []
    for column in draft_columns(kind, action):
        started = None if absent or base is None else base.get(column.field)
        now = None if deleted else live.get(column.field)
        drafted = typed.get(column.field, _UNREADABLE)
        fields.append(FieldValues(
            column.field, str(values.get(column.field, "")),
            None if absent else cell_text(column, started),
            None if deleted else cell_text(column, now),
            drafted_changed=drafted != started,
            live_changed=deleted or started != now,
            same=not deleted and drafted == now))
    return RowConflict(position, symbol, None if absent or base is None else base.get("version"),
                       None if deleted else live.get("version"), tuple(fields), deletion=action == "batch_delete")


def row_conflicts(store: LocalStore, batch_id: str) -> list[RowConflict]:
    """Every row of the batch that conflicts with the live table, each field three ways."""
    with store.session() as session:
        batch = session.get(DraftBatch, batch_id)
        if batch is None:
            raise KeyError(batch_id)
        kind, action = batch.kind, batch.action
        rows = [(r.position, r.symbol, dict(r.values), r.base, r.conflict) for r in batch.rows if r.conflict]
    return [_conflict(kind, action, *row) for row in rows]


def _equals_live(kind: Kind, action: str, values: Mapping[str, str], live: Mapping[str, Any]) -> bool:
    typed = _typed_snapshot(kind, action, values)
    return all(typed.get(c.field, _UNREADABLE) == live.get(c.field) for c in draft_columns(kind, action))


def resolve(store: LocalStore, batch_id: str, choices: Mapping[int, RowChoice]) -> int:
    """Merges each conflicting row (by position) with its live row; returns how many rows still
    conflict. With none left the batch is a draft again, ready to be submitted anew.

    Field by field: a field changed only live takes the live value, one changed only in the
    draft keeps the draft, one changed on both sides takes the user's choice; a row that still
    needs a choice stays in conflict (a row with nothing to choose needs none). The merged row
    starts from the live row as it is now, and a row that ends equal to it leaves the batch:
    there is nothing left to change. A row whose live row was deleted is kept as a new row
    (keep mine) or leaves (take live); so is a deletion whose live row moved (keep mine: delete
    it as it is now)."""
    with store.session() as session, session.begin():
        batch = session.get(DraftBatch, batch_id)
        if batch is None:
            raise KeyError(batch_id)
        if batch.state != BatchState.CONFLICT.value:
            raise ValueError(f"batch {batch_id} is {batch.state}, not in conflict")
        kept = []
        for row in list(batch.rows):
            if row.conflict is None:
                kept.append(row)
                continue
            live = dict(row.conflict)
            conflict = _conflict(batch.kind, batch.action, row.position, row.symbol, row.values, row.base, live)
            choice = choices.get(row.position)
            if not conflict.ready(choice):
                kept.append(row)
                continue
            if conflict.whole_row:
                if choice is Choice.TAKE_LIVE:
                    batch.rows.remove(row)  # delete-orphan: the row goes
                    continue
                row.base = drafts.absent_base(row.symbol) if conflict.deleted else live
            else:
                merged = conflict.merged(choice) or {}
                if _equals_live(batch.kind, batch.action, merged, live):
                    batch.rows.remove(row)
                    continue
                row.values = {**row.values, **merged}
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
