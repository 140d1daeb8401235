"""Approval chains (審批流程配置), versioned: a change inserts a new version, never updates one.

The chain in force for a flow is its highest version; ``flow`` None is the default chain, and a
version whose ``spec`` is None removed the chain (the default, or the administrators, apply again).
"""

from datetime import datetime

from sqlalchemy import JSON, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.db.base import Base
from backend.db.types import UtcDateTime
from backend.kit.clock import utcnow


class ApprovalChain(Base):
    __tablename__ = "approval_chains"
    # A flow's versions are unique; the default chain's (flow NULL) are kept apart by the work-order
    # lock on its target, as every chain change is a work order.
    __table_args__ = (UniqueConstraint("flow", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    flow: Mapped[str | None] = mapped_column(String(80), nullable=True)
    version: Mapped[int] = mapped_column(Integer)
    spec: Mapped[dict | None] = mapped_column(JSON, nullable=True)  # a ChainSpec; None: removed
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # The order that made this version (None: the chain the system started with). No foreign key,
    # like work_orders.chain_id: neither row is ever deleted.
    work_order_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
