"""Correcting, in the draft grid, a work order that came back (rejected or stale) after it was
drafted on this workstation.

Resubmit opens a change where it was made: an upload order submitted from a draft batch here
comes back as a NEW batch (the old one keeps its history), prefilled with the order's rows, which
remembers the order it corrects, that order as it came back (for the banner, offline too) and the
maker's note as typed. Queued, its outbox item carries the order and the note
(drafts.submit), and the sync engine sends it as that order's resubmission under the item's one
idempotency key, whenever the backend can be reached. Qt-free.
"""

from __future__ import annotations

import logging
import time

from pydantic import ValidationError
from sqlalchemy import select

from services.contract.flows import flow
from services.contract.schemas import WorkOrderOut
from services.excel.margin_columns import Kind
from services.offline import drafts
from services.offline.conflicts import cached_bases, live_values
from services.offline.models import BatchState, DraftBatch, OutboxItem
from services.offline.store import LocalStore
from services.rules.symbols import normalise

log = logging.getLogger(__name__)

# A correction not yet at the backend: reopening its order opens it again rather than a second one.
OPEN_STATES = (BatchState.DRAFT.value, BatchState.QUEUED.value, BatchState.CONFLICT.value,
               BatchState.REFUSED.value, BatchState.SET_ASIDE.value)


def batch_kind(flow_id: str) -> tuple[Kind, str] | None:
    """The (kind, action) of a draft batch that submits ``flow_id``; None when a batch cannot."""
    row = flow(flow_id)
    if row is None or row.margin_kind is None or row.margin_action is None:
        return None
    kind, action = row.margin_kind.value, row.margin_action.value
    return (kind, action) if action in drafts.BATCH_ACTIONS.get(kind, ()) else None  # type: ignore[return-value]


def drafted_here(store: LocalStore, owner: str, order_id: int) -> bool:
    """Whether ``owner`` submitted work order ``order_id`` from a draft batch of this workstation
    (the outbox keeps the order each item became; a batch submitted again forgets its old one)."""
    with store.session() as session:
        return session.scalar(select(OutboxItem.id).where(OutboxItem.owner == owner,
                                                          OutboxItem.work_order_id == order_id).limit(1)) is not None \
            or session.scalar(select(DraftBatch.id).where(DraftBatch.owner == owner,
                                                          DraftBatch.work_order_id == order_id).limit(1)) is not None


def open_correction(store: LocalStore, owner: str, order: WorkOrderOut, title: str) -> str:
    """The batch correcting ``order``: the one not yet at the backend if there is one, else a new
    batch titled ``title`` with the order's rows, each starting from the cached live row of its
    symbol (or from none), so the promised versions are today's as the maker sees them."""
    existing = _open_correction_of(store, owner, order.id)
    if existing is not None:
        return existing
    shape = batch_kind(order.flow)
    if shape is None:
        raise ValueError(f"a draft batch cannot correct a {order.flow!r} order")
    kind, action = shape
    mode = str(order.payload.get("mode", "upsert"))
    rows = [live_values(kind, action, row) for row in order.payload.get("rows", [])]
    batch_id = drafts.new_batch(store, owner, kind, action, title=title, mode=mode)
    with store.session() as session, session.begin():
        batch = session.get_one(DraftBatch, batch_id)
        batch.resubmits_order_id = order.id
        batch.resubmits = _without_rows(order)
    symbols = [normalise(r.get("symbol", "")) for r in rows]
    cached = cached_bases(store, kind, symbols)
    drafts.set_rows(store, batch_id, rows, {s: cached.get(s) or drafts.absent_base(s) for s in symbols if s})
    return batch_id


def _open_correction_of(store: LocalStore, owner: str, order_id: int) -> str | None:
    with store.session() as session:
        return session.scalar(select(DraftBatch.id).where(
            DraftBatch.owner == owner, DraftBatch.resubmits_order_id == order_id,
            DraftBatch.state.in_(OPEN_STATES)).order_by(DraftBatch.created_at.desc()).limit(1))


def _without_rows(order: WorkOrderOut) -> dict:
    """The order as it came back, less what may hold thousands of rows (the batch has them)."""
    return order.model_copy(update={"payload": {}, "snapshot": {}, "proposed": {}, "warnings": []}).model_dump(
        mode="json")


def corrected_order(store: LocalStore, batch_id: str) -> WorkOrderOut | None:
    """The order the batch corrects, as it came back; None for a batch that corrects none (or
    whose stored order this version can no longer read)."""
    with store.session() as session:
        batch = session.get(DraftBatch, batch_id)
        stored = None if batch is None or batch.resubmits_order_id is None else batch.resubmits
    if stored is None:
        return None
    try:
        return WorkOrderOut.model_validate(stored)
    except ValidationError:
        log.warning("batch %s: the order it corrects could not be read back", batch_id)
        return None


def note_of(store: LocalStore, batch_id: str) -> str:
    with store.session() as session:
        batch = session.get(DraftBatch, batch_id)
        return "" if batch is None else batch.note or ""


def set_note(store: LocalStore, batch_id: str, note: str) -> bool:
    """Keeps the maker's note as typed (a killed process loses none of it); False when the batch
    is gone or no longer the user's to change."""
    with store.session() as session, session.begin():
        batch = session.get(DraftBatch, batch_id)
        if batch is None or batch.state not in drafts.EDITABLE_STATES:
            return False
        batch.note, batch.updated_at = note, time.time()
    return True

