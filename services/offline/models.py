"""The workstation's own database: draft batches, the outbox of submissions, and a cache of the
reference data needed to draft with no backend (DOMAIN.md, issue 5).

Times are UTC epoch seconds: the file never leaves this machine and only orders and ages events.
Row values are kept as the user typed them (text), so a half-typed draft is never lost to a
parser; they are judged with the shared rules whenever they are shown or submitted.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from services.excel.margin_columns import Kind


class LocalBase(DeclarativeBase):
    pass


class BatchState(StrEnum):
    DRAFT = "draft"          # being edited
    QUEUED = "queued"        # submitted by the user, waiting in the outbox for the backend
    SUBMITTED = "submitted"  # the backend holds it as work order N, pending
    APPROVED = "approved"    # applied
    REJECTED = "rejected"
    STALE = "stale"          # a live row changed before approval; nothing applied
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    CONFLICT = "conflict"    # a live row changed after it was drafted: the user chooses per row
    REFUSED = "refused"      # the backend refused the submission (rules, a locked row): see the reason
    SET_ASIDE = "set_aside"  # queued, but nothing proves its owner did: never sent (services/offline/proof.py)


class DraftBatch(LocalBase):
    __tablename__ = "draft_batches"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # uuid4
    owner: Mapped[str] = mapped_column(String(64))  # the username that drafted it
    kind: Mapped[Kind] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(16))  # upload | update | batch_delete (MARGIN_FLOW_IDS)
    mode: Mapped[str] = mapped_column(String(8), default="upsert")  # of an upload
    title: Mapped[str] = mapped_column(String(120), default="")
    state: Mapped[str] = mapped_column(String(12), default=BatchState.DRAFT.value)
    work_order_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)  # why refused, stale, in conflict
    created_at: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[float] = mapped_column(Float)
    # A correction (services/offline/corrections.py): the refused work order it resubmits, that order
    # as it came back without its rows (WorkOrderOut JSON, for the banner, offline too), and the
    # maker's note to the approvers as typed; v6
    resubmits_order_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    resubmits: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    rows: Mapped[list[DraftRow]] = relationship(back_populates="batch", cascade="all, delete-orphan",
                                                order_by="DraftRow.position")


class DraftRow(LocalBase):
    __tablename__ = "draft_rows"
    __table_args__ = (Index("ix_draft_rows_batch_position", "batch_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[str] = mapped_column(ForeignKey("draft_batches.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    symbol: Mapped[str] = mapped_column(String(16), default="")
    values: Mapped[dict] = mapped_column(JSON, default=dict)  # field → text as typed
    # The live row this draft started from (snapshot form, with "version"); None: a new row.
    base: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    conflict: Mapped[dict | None] = mapped_column(JSON, nullable=True)  # the live row it now conflicts with
    batch: Mapped[DraftBatch] = relationship(back_populates="rows")


class OutboxState(StrEnum):
    PENDING = "pending"  # to push (again) when its time comes
    SENT = "sent"        # the backend answered with its work order
    FAILED = "failed"    # refused for good; the batch says why
    SET_ASIDE = "aside"  # its proof of who drafted it failed: never sent


class OutboxItem(LocalBase):
    """One submission. Its idempotency key is made when the user submits and never changes, so
    however often it is pushed (a crash, a lost answer) the backend makes one work order."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state_due", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[str] = mapped_column(ForeignKey("draft_batches.id", ondelete="CASCADE"))
    owner: Mapped[str] = mapped_column(String(64))  # pushed only with this user's sign-in
    flow: Mapped[str] = mapped_column(String(80))
    payload: Mapped[dict] = mapped_column(JSON)
    # target key → the version the draft started from (WorkOrderSubmit.expected_versions); v2
    expected_versions: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    idempotency_key: Mapped[str] = mapped_column(String(80), unique=True)
    state: Mapped[str] = mapped_column(String(8), default=OutboxState.PENDING.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[float] = mapped_column(Float, default=0.0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    work_order_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[float] = mapped_column(Float)
    # {"mac": hex}: HMAC-SHA256 with the drafter's key (services/offline/proof.py); v5
    proof: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    # Sent as the resubmission of this refused work order, with the maker's note, instead of as a
    # new submission (POST /work-orders/{id}/resubmit, under the same idempotency key); v6
    resubmits_order_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)


class RefSecurity(LocalBase):
    __tablename__ = "ref_securities"

    symbol: Mapped[str] = mapped_column(String(16), primary_key=True)
    market: Mapped[str] = mapped_column(String(4))
    name: Mapped[str] = mapped_column(String(120))
    name_zh: Mapped[str | None] = mapped_column(String(60), nullable=True)


class RefMargin(LocalBase):
    """A live margin row as last fetched, in the backend's snapshot form with its version."""

    __tablename__ = "ref_margins"

    kind: Mapped[Kind] = mapped_column(String(16), primary_key=True)
    symbol: Mapped[str] = mapped_column(String(16), primary_key=True)
    values: Mapped[dict] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer)


class RefWindow(LocalBase):
    __tablename__ = "ref_day_trade_windows"

    market: Mapped[str] = mapped_column(String(4), primary_key=True)
    values: Mapped[dict] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer)


class LocalMeta(LocalBase):
    """Small facts: when each cache was refreshed, the last signed-in user (for working offline)."""

    __tablename__ = "local_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict] = mapped_column(JSON)


class PendingEdit(LocalBase):
    """One change of the editor's grid not yet folded into the batch's rows (services/offline/
    pending.py): a keystroke's cell, a paste, rows added or removed. Written as the change is made,
    in order; the batch's next full save (drafts.set_rows) deletes them in the same transaction."""

    __tablename__ = "draft_pending_edits"
    __table_args__ = (Index("ix_draft_pending_edits_batch", "batch_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # the order they were made in
    batch_id: Mapped[str] = mapped_column(ForeignKey("draft_batches.id", ondelete="CASCADE"))
    op: Mapped[dict] = mapped_column(JSON)  # {"cells": ...} | {"insert": ..., "rows": ...} | {"remove": ...}
