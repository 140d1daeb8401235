"""Margin-call data: customer accounts, cash balances per currency, auto-convert enrolments."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from backend.db.base import Base
from backend.db.types import ExactDecimal, UtcDateTime


class Account(Base):
    __tablename__ = "mc_accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_no: Mapped[str] = mapped_column(String(16), unique=True)
    customer_name: Mapped[str] = mapped_column(String(128), index=True)
    customer_name_zh: Mapped[str | None] = mapped_column(String(64), nullable=True)
    account_type: Mapped[str] = mapped_column(String(16))
    base_currency: Mapped[str] = mapped_column(String(3))


class Balance(Base):
    """Cash balance of an account in one currency; negative means the currency is borrowed."""

    __tablename__ = "mc_balances"
    # The borrowing query reads negative balances only; borrowed_since is set exactly for those.
    __table_args__ = (Index("ix_mc_balances_borrowed", "borrowed_since", "currency"),)

    account_id: Mapped[int] = mapped_column(ForeignKey("mc_accounts.id", ondelete="CASCADE"),
                                            primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    amount: Mapped[Decimal] = mapped_column(ExactDecimal(20, 2))
    # First day of the current negative run; None while the balance is not negative.
    borrowed_since: Mapped[date | None] = mapped_column(Date, nullable=True)


class BorrowRate(Base):
    """Annual interest charged on a borrowed currency, with its money-market day count."""

    __tablename__ = "mc_borrow_rates"

    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    annual_rate: Mapped[Decimal] = mapped_column(ExactDecimal(10, 6))
    day_count: Mapped[int] = mapped_column(Integer)  # 365 for HKD and CNH, 360 for USD


class AutoConvertEnrolment(Base):
    """An account that has ever switched auto-convert on; one row per account."""

    __tablename__ = "mc_auto_convert_enrolments"

    account_id: Mapped[int] = mapped_column(ForeignKey("mc_accounts.id", ondelete="CASCADE"),
                                            primary_key=True)
    enrolled: Mapped[bool] = mapped_column(Boolean, index=True)
    channel: Mapped[str] = mapped_column(String(8))
    first_enabled_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    last_enabled_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    disabled_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True, index=True)
    last_conversion_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True, index=True)
    last_conversion_amount: Mapped[Decimal | None] = mapped_column(ExactDecimal(20, 2), nullable=True)
    last_conversion_currency: Mapped[str | None] = mapped_column(String(3), nullable=True)


class AutoConvertCurrency(Base):
    """A currency an enrolment covers (the broker converts into it when it is borrowed)."""

    __tablename__ = "mc_auto_convert_currencies"
    __table_args__ = (Index("ix_mc_auto_convert_currencies_currency", "currency", "account_id"),)

    account_id: Mapped[int] = mapped_column(
        ForeignKey("mc_auto_convert_enrolments.account_id", ondelete="CASCADE"), primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
