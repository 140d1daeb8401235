"""Delegations while away (委託審批): from a person to another, for a time window and some flows (or
all). While one is in force (by the app's clock), the delegate may decide where the delegator sits
on the current level of an order, on their behalf; nothing is copied onto the orders themselves, so
revoking or reaching the end stops it at once."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from backend.db.base import Base
from backend.db.types import UtcDateTime
from backend.kit.clock import utcnow


class ApprovalDelegation(Base):
    __tablename__ = "approval_delegations"
    # "Who delegated to me now?" (the inbox, deciding) and "mine" (the list) read these two indexes.
    __table_args__ = (Index("ix_approval_delegations_to_user", "to_user_id", "ends_at"),
                      Index("ix_approval_delegations_from_user", "from_user_id", "ends_at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    from_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    to_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime)
    flows: Mapped[list | None] = mapped_column(JSON, nullable=True)  # flow ids; None: every flow
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
