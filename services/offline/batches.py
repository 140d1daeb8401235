"""What the Draft Batches page reads from and deletes in the workstation's database: the user's
batches, one batch with its rows, and the cached live rows a draft can copy offline.

The UI calls these typed functions and never holds a database session itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from services.excel.margin_columns import Kind
from services.offline.drafts import EDITABLE_STATES
from services.offline.models import DraftBatch, DraftRow, RefMargin, RefSecurity
from services.offline.store import LocalStore


@dataclass(frozen=True)
class BatchSummary:
    id: str
    title: str
    kind: str
    action: str
    rows: int
    state: str
    work_order_id: int | None
    reason: str | None
    updated_at: float  # UTC epoch seconds
    resubmits_order_id: int | None = None  # the refused work order it corrects (services/offline/corrections.py)

    @property
    def editable(self) -> bool:
        return self.state in EDITABLE_STATES


@dataclass(frozen=True)
class DraftRowView:
    values: dict[str, str]
    base: dict[str, Any] | None
    conflict: dict[str, Any] | None


@dataclass(frozen=True)
class BatchView:
    summary: BatchSummary
    rows: list[DraftRowView] = field(default_factory=list)


def list_batches(store: LocalStore, owner: str) -> list[BatchSummary]:
    """The owner's batches, the most recently changed first."""
    counts = (select(DraftRow.batch_id, func.count().label("n")).group_by(DraftRow.batch_id).subquery())
    stmt = (select(DraftBatch, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.batch_id == DraftBatch.id)
            .where(DraftBatch.owner == owner)
            .order_by(DraftBatch.updated_at.desc(), DraftBatch.id))
    with store.session() as session:
        return [_summary(batch, n) for batch, n in session.execute(stmt).all()]


def _summary(batch: DraftBatch, rows: int) -> BatchSummary:
    return BatchSummary(batch.id, batch.title, batch.kind, batch.action, rows, batch.state, batch.work_order_id,
                        batch.reason, batch.updated_at, batch.resubmits_order_id)


def load_batch(store: LocalStore, batch_id: str) -> BatchView | None:
    with store.session() as session:
        batch = session.get(DraftBatch, batch_id)
        if batch is None:
            return None
        rows = [DraftRowView({k: "" if v is None else str(v) for k, v in (r.values or {}).items()}, r.base,
                             r.conflict) for r in batch.rows]
        return BatchView(_summary(batch, len(rows)), rows)


def delete_batch(store: LocalStore, batch_id: str) -> bool:
    """Deletes a batch that is still the user's to change (never one queued or at the backend);
    returns whether it did."""
    with store.session() as session, session.begin():
        batch = session.get(DraftBatch, batch_id)
        if batch is None or batch.state not in EDITABLE_STATES:
            return False
        session.delete(batch)
    return True


@dataclass(frozen=True)
class CachedLiveRow:
    symbol: str
    name: str  # "" for a symbol whose security is not cached
    name_zh: str | None
    base: dict[str, Any]  # snapshot form with "version"


def cached_live_rows(store: LocalStore, kind: Kind, prefix: str, limit: int) -> list[CachedLiveRow]:
    """The workstation's cache of the live ``kind`` table (as last refreshed), symbols starting with
    ``prefix``, in symbol order."""
    stmt = (select(RefMargin, RefSecurity).outerjoin(RefSecurity, RefSecurity.symbol == RefMargin.symbol)
            .where(RefMargin.kind == kind, RefMargin.symbol.startswith(prefix.strip().upper(), autoescape=True))
            .order_by(RefMargin.symbol).limit(limit))
    with store.session() as session:
        return [_cached(m, s) for m, s in session.execute(stmt).tuples()]


def _cached(margin: RefMargin, security: RefSecurity | None) -> CachedLiveRow:
    """``security`` is None where the outer join found none cached."""
    return CachedLiveRow(margin.symbol, "" if security is None else security.name,
                         None if security is None else security.name_zh, {**margin.values, "version": margin.version})
