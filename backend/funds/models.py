"""Fund clearing (基金清算): public funds, clearing batches per fund and trade date, our orders,
the fund house's confirmations as imported (one import per side: each side has its own NAV and NAV
date), explanations of differences, side confirmations and settlement steps.

An import is never edited: a re-import of a side marks that side's previous one ``replaced_at``
and adds a new one, so what was reconciled against what stays readable. Explanations belong to
the import they explain. A side confirmation is one row per batch and side, written once; so is
each settlement step.
"""

from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.db.base import Base
from backend.db.types import ExactDecimal, UtcDateTime
from backend.kit.clock import utcnow
from services.contract.fund_clearing import NOTE_MAX
from services.rules.fund_reconciliation import DEFAULT_DIFFERENCE_LIMIT


class PublicFund(Base):
    __tablename__ = "public_funds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    name_zh: Mapped[str] = mapped_column(String(60))
    currency: Mapped[str] = mapped_column(String(3))
    fund_house: Mapped[str] = mapped_column(String(80))
    dealing_cutoff: Mapped[time] = mapped_column(Time)  # Hong Kong time
    settlement_days: Mapped[int] = mapped_column(Integer)  # T+N
    unit_decimals: Mapped[int] = mapped_column(Integer, default=4)
    unit_rounding: Mapped[str] = mapped_column(String(16), default="ROUND_HALF_DOWN")
    amount_decimals: Mapped[int] = mapped_column(Integer, default=2)
    unit_tolerance: Mapped[Decimal] = mapped_column(ExactDecimal(20, 6))
    amount_tolerance: Mapped[Decimal] = mapped_column(ExactDecimal(20, 6))
    # A difference this large or larger is never confirmed (services/rules/fund_reconciliation.py).
    difference_limit: Mapped[Decimal] = mapped_column(ExactDecimal(20, 6), default=DEFAULT_DIFFERENCE_LIMIT)


class ClearingBatch(Base):
    __tablename__ = "fund_clearing_batches"
    __table_args__ = (UniqueConstraint("fund_id", "trade_date"), Index("ix_fund_clearing_batches_trade_date",
                                                                       "trade_date", "fund_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fund_id: Mapped[int] = mapped_column(ForeignKey("public_funds.id"))
    trade_date: Mapped[date] = mapped_column(Date)
    settlement_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class SubscriptionOrder(Base):
    __tablename__ = "fund_subscription_orders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("fund_clearing_batches.id"), index=True)
    order_ref: Mapped[str] = mapped_column(String(40), unique=True)
    account_no: Mapped[str] = mapped_column(String(16))
    amount: Mapped[Decimal] = mapped_column(ExactDecimal(20, 6))  # gross, fee included
    fee: Mapped[Decimal] = mapped_column(ExactDecimal(20, 6))


class RedemptionOrder(Base):
    __tablename__ = "fund_redemption_orders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("fund_clearing_batches.id"), index=True)
    order_ref: Mapped[str] = mapped_column(String(40), unique=True)
    account_no: Mapped[str] = mapped_column(String(16))
    units: Mapped[Decimal] = mapped_column(ExactDecimal(20, 6))
    fee: Mapped[Decimal] = mapped_column(ExactDecimal(20, 6))


class ConfirmationImport(Base):
    """One side of a batch as one imported file confirmed it (a file with both sides makes two);
    the side's current one has no ``replaced_at``."""

    __tablename__ = "fund_confirmation_imports"
    __table_args__ = (Index("ix_fund_confirmation_imports_batch", "batch_id", "replaced_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("fund_clearing_batches.id"))
    side: Mapped[str] = mapped_column(String(16))  # subscription | redemption
    file_name: Mapped[str] = mapped_column(String(200))
    rows: Mapped[int] = mapped_column(Integer)
    nav: Mapped[Decimal] = mapped_column(ExactDecimal(20, 6))
    nav_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    imported_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    replaced_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class ConfirmationLine(Base):
    __tablename__ = "fund_confirmation_lines"
    __table_args__ = (UniqueConstraint("import_id", "order_ref"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("fund_confirmation_imports.id"))
    row_number: Mapped[int] = mapped_column(Integer)
    side: Mapped[str] = mapped_column(String(16))  # subscription | redemption
    order_ref: Mapped[str] = mapped_column(String(40))
    nav: Mapped[Decimal] = mapped_column(ExactDecimal(20, 6))
    confirmed_units: Mapped[Decimal | None] = mapped_column(ExactDecimal(20, 6), nullable=True)
    confirmed_amount: Mapped[Decimal | None] = mapped_column(ExactDecimal(20, 6), nullable=True)


class LineExplanation(Base):
    """Why a line of one import may differ; a second note on the same line replaces the first
    (both are in the audit trail)."""

    __tablename__ = "fund_line_explanations"
    __table_args__ = (UniqueConstraint("import_id", "side", "order_ref"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("fund_confirmation_imports.id"))
    side: Mapped[str] = mapped_column(String(16))
    order_ref: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(String(NOTE_MAX))
    explained_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    explained_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class SideConfirmation(Base):
    """A side of a batch confirmed: written once (the unique key makes a second one fail). The
    system confirms a side without orders: no import, nobody, ``by_system``."""

    __tablename__ = "fund_side_confirmations"
    __table_args__ = (UniqueConstraint("batch_id", "side"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("fund_clearing_batches.id"))
    side: Mapped[str] = mapped_column(String(16))
    import_id: Mapped[int | None] = mapped_column(ForeignKey("fund_confirmation_imports.id"), nullable=True)
    confirmed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    by_system: Mapped[bool] = mapped_column(Boolean, default=False)
    confirmed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class SettlementStepDone(Base):
    """A settlement step of a confirmed side done (申購交割, 贖回貨交割, 贖回錢交割): written once."""

    __tablename__ = "fund_settlement_steps"
    __table_args__ = (UniqueConstraint("batch_id", "step"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("fund_clearing_batches.id"))
    side: Mapped[str] = mapped_column(String(16))
    step: Mapped[str] = mapped_column(String(32))
    done_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    by_system: Mapped[bool] = mapped_column(Boolean, default=False)
    done_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
