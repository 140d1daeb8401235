"""Work orders (工單): the proposed change, the versions it read, its decisions per level.

Concurrency is settled by the database, not by the process: ``work_order_locks`` holds one row
per target of a pending order (primary key = target, so a second pending order on the same
target cannot be inserted), a decision locks its order's row first, and ``work_order_decisions``
is unique per (order, level, decider), so nobody decides a level twice.

Who may decide is fixed at submission from the approval chain in force (backend/approval_chains):
the order keeps the chain version, each level's mode and approvers, and the people copied on it,
so a later change of the chain or of someone's roles never moves an order already waiting.
"""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from backend.db.base import Base
from backend.db.types import UtcDateTime
from backend.kit.clock import utcnow
from services.contract.schemas import MAKER_NOTE_MAX


class WorkOrder(Base):
    __tablename__ = "work_orders"
    __table_args__ = (
        UniqueConstraint("maker_id", "idempotency_key"),
        Index("ix_work_orders_status_flow", "status", "flow"),
        Index("ix_work_orders_maker_submitted", "maker_id", "submitted_at", "id"),
        # The pending orders newest first with what the inbox asks of each (its level, maker and
        # flow) in the index itself: "Awaiting me" and its count never read the orders' rows.
        Index("ix_work_orders_status_id", "status", "id", "approvals", "maker_id", "flow"),
        # A maker's orders back decided since they last looked (the status bar's "Returned to me"),
        # from the index alone: SQLite would otherwise walk every decided order of the index above.
        Index("ix_work_orders_maker_status", "maker_id", "status", "updated_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    flow: Mapped[str] = mapped_column(String(80))
    maker_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(16))
    levels: Mapped[int] = mapped_column(Integer)
    # Approvals so far; the order awaits level ``approvals + 1`` while pending.
    approvals: Mapped[int] = mapped_column(Integer, default=0)
    summary: Mapped[str] = mapped_column(String(256))  # in English: search, audit, and orders stored before keys
    # The summary as a key and values (services/contract/summaries.py): each reader's language.
    summary_key: Mapped[str | None] = mapped_column(String(64), nullable=True)
    summary_args: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    payload: Mapped[dict] = mapped_column(JSON)
    # The live rows the order replaces, as the maker saw them: the "before" of the diff.
    snapshot: Mapped[dict] = mapped_column(JSON)
    idempotency_key: Mapped[str] = mapped_column(String(80))
    # SHA-256 of the canonical request body: the same key with another body is refused.
    request_hash: Mapped[str] = mapped_column(String(64))
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    resubmitted_from_id: Mapped[int | None] = mapped_column(ForeignKey("work_orders.id"), nullable=True)
    # The maker's note to the approvers: why it was resubmitted, what they changed.
    maker_note: Mapped[str | None] = mapped_column(String(MAKER_NOTE_MAX), nullable=True)
    # The approval_chains row (version) it was submitted under; None: no chain applied (the
    # administrators decide). No foreign key: adding one means rebuilding this table on SQLite, which
    # cascades into every order's targets and decisions; chain versions are never deleted.
    chain_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Bumped by every transition; a transition updates only the version it read.
    row_version: Mapped[int] = mapped_column(Integer, default=1)


class WorkOrderTarget(Base):
    """A row the order reads or writes, with the version it had when the maker submitted."""

    __tablename__ = "work_order_targets"
    # A row's change history finds the orders that touched it by its target key.
    __table_args__ = (Index("ix_work_order_targets_target_key", "target_key"),)

    work_order_id: Mapped[int] = mapped_column(ForeignKey("work_orders.id", ondelete="CASCADE"),
                                               primary_key=True)
    target_key: Mapped[str] = mapped_column(String(160), primary_key=True)
    # None: the target did not exist (a create).
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)


class WorkOrderLock(Base):
    """One row per target of a pending order; deleted when the order leaves ``pending``."""

    __tablename__ = "work_order_locks"

    target_key: Mapped[str] = mapped_column(String(160), primary_key=True)
    work_order_id: Mapped[int] = mapped_column(ForeignKey("work_orders.id", ondelete="CASCADE"), index=True)


class WorkOrderLevel(Base):
    """A level of an order: 或簽 (``any``: one approval decides it) or 會簽 (``all``: every approver)."""

    __tablename__ = "work_order_levels"

    work_order_id: Mapped[int] = mapped_column(ForeignKey("work_orders.id", ondelete="CASCADE"), primary_key=True)
    level: Mapped[int] = mapped_column(Integer, primary_key=True)
    mode: Mapped[str] = mapped_column(String(8))


class WorkOrderLevelApprover(Base):
    """A person who may decide a level of an order, and why (``user``, ``role:<code>``, or
    ``transfer:<username>``: handed over by that approver). A transferred seat keeps its row, marked
    ``transferred_at``, so the order's trail and readers still see who held it."""

    __tablename__ = "work_order_level_approvers"
    # "Which orders list me?" (the inbox, who may read an order) from one index.
    __table_args__ = (
        Index("ix_work_order_level_approvers_user_order", "user_id", "work_order_id"),
        # The seats held now of an order's level (the inbox asks it of each pending order).
        Index("ix_work_order_level_approvers_open", "work_order_id", "level", "user_id",
              sqlite_where=text("transferred_at IS NULL"), postgresql_where=text("transferred_at IS NULL")),
    )

    work_order_id: Mapped[int] = mapped_column(ForeignKey("work_orders.id", ondelete="CASCADE"), primary_key=True)
    level: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    via: Mapped[str] = mapped_column(String(80))
    transferred_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class WorkOrderTransfer(Base):
    """轉交: an approver of a level handed their seat to another person, with a note."""

    __tablename__ = "work_order_transfers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    work_order_id: Mapped[int] = mapped_column(ForeignKey("work_orders.id", ondelete="CASCADE"), index=True)
    level: Mapped[int] = mapped_column(Integer)
    from_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    to_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(String(500))
    transferred_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class WorkOrderCc(Base):
    """A person copied on an order (抄送人): reads it, never decides it."""

    __tablename__ = "work_order_cc"
    __table_args__ = (Index("ix_work_order_cc_user_order", "user_id", "work_order_id"),)

    work_order_id: Mapped[int] = mapped_column(ForeignKey("work_orders.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    via: Mapped[str] = mapped_column(String(80))  # "user", "role:<code>", or "added:<username>"
    # Set for people added to a pending or decided order (抄送 by its maker or an approver); None for
    # those the approval chain copied at submission. No foreign key: added in place on SQLite.
    added_by_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    added_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class ReturnedSeen(Base):
    """When a maker last looked at their orders that came back decided (the status bar's
    "Returned to me" counts those decided since). No row: they never looked, every one counts."""

    __tablename__ = "work_order_returned_seen"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(UtcDateTime)


class WorkOrderDecision(Base):
    __tablename__ = "work_order_decisions"
    __table_args__ = (
        # 會簽 levels take one decision from each approver; nobody decides a level twice.
        UniqueConstraint("work_order_id", "level", "decider_id"),
        # "Did I decide this order?" (the inbox leaves such orders out) and "which orders did I
        # decide?" (History) are each answered by one index, whatever the planner's statistics.
        Index("ix_work_order_decisions_order_decider", "work_order_id", "decider_id"),
        Index("ix_work_order_decisions_decider_order", "decider_id", "work_order_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    work_order_id: Mapped[int] = mapped_column(ForeignKey("work_orders.id", ondelete="CASCADE"))
    level: Mapped[int] = mapped_column(Integer)
    decider_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # The approver whose seat a delegate decided (委託 while they are away); None: the decider's own.
    # No foreign key: added in place (on SQLite a table copy would cascade into nothing good).
    on_behalf_of_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    decision: Mapped[str] = mapped_column(String(8))
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
