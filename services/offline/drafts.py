"""Draft batches on the workstation: create, save rows as typed, judge them with the shared rules
against the cached reference data, and submit into the outbox.

Submitting writes the outbox item (with its idempotency key) and the batch's new state in one
local transaction: a crash leaves either a draft or a queued submission, never half of one.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import delete, insert, select

from services.contract.flows import MARGIN_FLOW_IDS, MARGIN_TARGET_PREFIX
from services.contract.reasons import named
from services.contract.schemas import ABSENT_VERSION, MAKER_NOTE_MAX
from services.excel.margin_cells import CellError, cell_reader
from services.excel.margin_columns import SHEETS, Kind, MarginIn
from services.offline import proof
from services.offline.models import BatchState, DraftBatch, DraftRow, OutboxItem, PendingEdit, RefSecurity
from services.offline.store import LocalStore
from services.rules.stock_margin import (
    check_batch_size,
    check_batch_symbols,
    check_row,
    check_symbol_text,
    check_system_set,
    row_warnings,
)
from services.rules.symbols import market_of, normalise
from services.rules.violations import Violation

# What a batch may be: the margin flows that take many rows (DOMAIN.md, issue 5).
BATCH_ACTIONS: dict[str, tuple[str, ...]] = {
    "long": ("upload", "batch_delete"), "short": ("upload", "update"), "intraday": ("upload", "batch_delete")}
EDITABLE_STATES = (BatchState.DRAFT.value, BatchState.CONFLICT.value, BatchState.REFUSED.value,
                   BatchState.REJECTED.value, BatchState.STALE.value, BatchState.SET_ASIDE.value)


def absent_base(symbol: str) -> dict[str, Any]:
    """What a row of a symbol with no live row starts from: nothing, said explicitly, so that a
    live row created meanwhile is a conflict rather than something to overwrite."""
    return {"symbol": symbol, "version": ABSENT_VERSION}


def base_version(base: Mapping[str, Any] | None) -> int:
    """The version of the live row a row started from; ABSENT_VERSION for none (a row saved
    before bases said so has no base at all)."""
    return ABSENT_VERSION if base is None else int(base.get("version") or ABSENT_VERSION)


def started_absent(base: Mapping[str, Any] | None) -> bool:
    """The row started from no live row."""
    return base_version(base) == ABSENT_VERSION


class NotSubmittable(ValueError):
    def __init__(self, violations: list[Violation]):
        super().__init__("; ".join(f"row {v.row}: {v.field}: {v.message}" for v in violations[:5]))
        self.violations = violations


@dataclass
class Judgement:
    rows: list[BaseModel] = field(default_factory=list)  # when nothing is wrong
    errors: list[Violation] = field(default_factory=list)
    warnings: list[Violation] = field(default_factory=list)  # shown on their cells; they never refuse


def new_batch(store: LocalStore, owner: str, kind: Kind, action: str, *, title: str = "",
              mode: str = "upsert") -> str:
    if action not in BATCH_ACTIONS[kind]:
        raise ValueError(f"a {kind} batch cannot {action}")
    now = time.time()
    batch_id = str(uuid.uuid4())
    with store.session() as session, session.begin():
        session.add(DraftBatch(id=batch_id, owner=owner, kind=kind, action=action, mode=mode, title=title,
                               state=BatchState.DRAFT.value, created_at=now, updated_at=now))
    return batch_id


def set_rows(store: LocalStore, batch_id: str, rows: Iterable[Mapping[str, str]],
             bases: Mapping[str, dict] | None = None) -> int:
    """Replaces the batch's rows (an import, a paste, an autosave of the grid) in one transaction,
    which also drops the grid's pending edits (services/offline/pending.py): the rows saved hold them.
    ``bases``: symbol → the live row it started from (snapshot form with ``version``)."""
    values = [dict(r) for r in rows]
    with store.session() as session, session.begin():
        batch = _editable(session, batch_id)
        session.execute(delete(DraftRow).where(DraftRow.batch_id == batch_id))
        session.execute(delete(PendingEdit).where(PendingEdit.batch_id == batch_id))
        if values:
            session.execute(insert(DraftRow), [
                {"batch_id": batch_id, "position": i, "symbol": normalise(str(v.get("symbol", ""))), "values": v,
                 "base": (bases or {}).get(normalise(str(v.get("symbol", "")))), "conflict": None}
                for i, v in enumerate(values)])
        batch.updated_at = time.time()
    return len(values)


def _editable(session, batch_id: str) -> DraftBatch:
    batch = session.get(DraftBatch, batch_id)
    if batch is None:
        raise KeyError(batch_id)
    if batch.state not in EDITABLE_STATES:
        raise ValueError(f"batch {batch_id} is {batch.state}; it cannot change now")
    return batch


def judge(store: LocalStore, batch_id: str) -> Judgement:
    """Every row parsed and judged like a workbook row, against the cached securities master."""
    with store.session() as session:
        batch = session.get_one(DraftBatch, batch_id)
        rows = list(batch.rows)
        known = _known(session, {r.symbol for r in rows})
        kind, action = batch.kind, batch.action
    if action == "batch_delete":
        return _judge_symbols([r.symbol for r in rows], known)
    sheet = SHEETS[kind]
    readers = {c.field: cell_reader(sheet, c) for c in sheet.columns}
    out = Judgement()
    models: list[tuple[int, MarginIn]] = []
    for number, row in enumerate(rows, start=1):
        values: dict[str, Any] = {}
        broken = False
        for name, read in readers.items():
            value = read(str(row.values.get(name, "")))
            if isinstance(value, CellError):
                out.errors.append(Violation(name, value.code, str(value), number, value.params))
                broken = True
            else:
                values[name] = value
        if not values.get("market") and isinstance(values.get("symbol"), str):
            values["market"] = market_of(values["symbol"]) or ""
        if broken:  # judged on the cells that were read too: all of its problems show at once
            unread = SimpleNamespace(**{c.field: values.get(c.field) for c in sheet.columns})
            out.errors += check_row(kind, unread, number) + check_system_set(kind, unread, row.base, number)
            continue
        try:
            model = sheet.model(**values)
        except ValidationError as exc:
            out.errors += [Violation(str(e["loc"][0]), "invalid_value", e["msg"], number) for e in exc.errors()]
            continue
        out.errors += check_row(kind, model, number) + check_system_set(kind, model, row.base, number)
        out.warnings += row_warnings(kind, model, number)
        models.append((number, model))
    out.errors += check_batch_size(len(rows))
    out.errors += check_batch_symbols(((n, m.symbol, m.market) for n, m in models), known)
    out.errors.sort(key=lambda v: v.row or 0)  # as the grid reads, top to bottom
    if not out.errors:
        out.rows = [m for _n, m in models]
    return out


def _known(session, symbols: set[str]) -> dict[str, str] | None:
    """The cached master's markets of ``symbols``: by key for a small batch, one scan for a big one
    (a long IN list is slower than reading the few thousand rows). None: no master cached yet."""
    if session.scalar(select(RefSecurity.symbol).limit(1)) is None:
        return None
    stmt = select(RefSecurity.symbol, RefSecurity.market)
    if len(symbols) <= 500:
        stmt = stmt.where(RefSecurity.symbol.in_(symbols))
    return {s: m for s, m in session.execute(stmt).all() if s in symbols}


def _judge_symbols(symbols: list[str], known: Mapping[str, str] | None) -> Judgement:
    out = Judgement(errors=check_batch_size(len(symbols)))
    out.errors += [v for i, s in enumerate(symbols, start=1) for v in check_symbol_text(s, i)]
    out.errors += check_batch_symbols(((i, s, market_of(s) or "") for i, s in enumerate(symbols, start=1)),
                                      known)
    return out


def submit(store: LocalStore, batch_id: str, owner: str) -> OutboxItem:
    """Judges the batch and queues it; raises NotSubmittable with every broken rule. The item is
    MACed with ``owner``'s drafting key of this session (services/offline/proof.py)."""
    judgement = judge(store, batch_id)
    if judgement.errors:
        raise NotSubmittable(judgement.errors)
    with store.session() as session, session.begin():
        batch = _editable(session, batch_id)
        if len(maker_note(batch.note) or "") > MAKER_NOTE_MAX:
            raise NotSubmittable([Violation("note", "too_long", f"At most {MAKER_NOTE_MAX:,} characters.",
                                            params=named(max=f"{MAKER_NOTE_MAX:,}"))])
        payload = _payload(batch, judgement.rows, [r.symbol for r in batch.rows])
        prefix = MARGIN_TARGET_PREFIX[batch.kind]
        # Every row promises what it started from: a live row's version, or none (ABSENT_VERSION);
        # the backend refuses if that moved, or if a row now exists that the draft never saw. (A
        # deletion saved before bases said "none" promises nothing: it needs a live row anyway.)
        expected = {f"{prefix}:{r.symbol}": base_version(r.base)
                    for r in batch.rows if r.base is not None or batch.action != "batch_delete"}
        # A correction goes as the resubmission of the order it corrects, with the note as typed.
        item = OutboxItem(batch_id=batch_id, owner=owner, flow=MARGIN_FLOW_IDS[batch.kind][batch.action],
                          payload=payload, expected_versions=expected or None,
                          idempotency_key=str(uuid.uuid4()), created_at=time.time(),
                          resubmits_order_id=batch.resubmits_order_id,
                          note=maker_note(batch.note) if batch.resubmits_order_id is not None else None)
        proof.sign(store, item)  # who queued it: checked before it is pushed
        session.add(item)
        batch.state, batch.reason, batch.work_order_id = BatchState.QUEUED.value, None, None
        batch.updated_at = time.time()
    return item


def maker_note(text: str | None) -> str | None:
    """The note as sent: stripped, a blank one is none (services.contract.schemas.MakerNote)."""
    return (text or "").strip() or None


def _payload(batch: DraftBatch, rows: list[BaseModel], symbols: list[str]) -> dict:
    if batch.action == "batch_delete":
        return {"symbols": symbols}
    dumped = [r.model_dump(mode="json") for r in rows]
    if batch.action == "update":
        return {"rows": dumped}
    return {"mode": batch.mode, "rows": dumped}
