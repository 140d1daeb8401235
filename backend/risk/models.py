"""Risk › Credit settings that work orders change. Every row carries a version for staleness."""

from datetime import datetime, time
from decimal import Decimal

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, Time
from sqlalchemy.orm import Mapped, mapped_column

from backend.db.base import Base
from backend.db.types import ExactDecimal, UtcDateTime, utcnow

# Ratios have four decimals and never exceed 1; on SQLite they are fixed-width strings
# ("0.4500"), which keeps range filters correct as string comparisons.
Ratio = ExactDecimal(5, 4)


class Security(Base):
    """The securities master: which symbols exist and where they trade."""

    __tablename__ = "risk_securities"
    __table_args__ = (Index("ix_risk_securities_market_symbol", "market", "symbol"),)

    symbol: Mapped[str] = mapped_column(String(16), primary_key=True)
    market: Mapped[str] = mapped_column(String(4))
    name: Mapped[str] = mapped_column(String(120))
    name_zh: Mapped[str | None] = mapped_column(String(60), nullable=True)


class SymbolRow:
    """What every per-symbol margin row has: its symbol (primary key), market and version."""

    symbol: Mapped[str] = mapped_column(ForeignKey("risk_securities.symbol"), primary_key=True)
    market: Mapped[str] = mapped_column(String(4))
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class LongMarginRow(SymbolRow, Base):
    """Long stock margin (多頭股票保證金) of one symbol: requirement factors, highest first."""

    __tablename__ = "risk_stock_margins"
    __table_args__ = (Index("ix_risk_stock_margins_market_symbol", "market", "symbol"),)

    im: Mapped[Decimal] = mapped_column(Ratio)
    mcm: Mapped[Decimal] = mapped_column(Ratio)
    mm: Mapped[Decimal] = mapped_column(Ratio)
    fm: Mapped[Decimal] = mapped_column(Ratio)
    financeable: Mapped[bool] = mapped_column(Boolean)
    effective_from: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    remark: Mapped[str | None] = mapped_column(String(200), nullable=True)


class ShortMarginRow(SymbolRow, Base):
    """Short-sell stock margin (空頭股票保證金) of one symbol, and whether it may be sold short."""

    __tablename__ = "risk_short_margins"
    __table_args__ = (Index("ix_risk_short_margins_market_symbol", "market", "symbol"),)

    im: Mapped[Decimal] = mapped_column(Ratio)
    mcm: Mapped[Decimal] = mapped_column(Ratio)
    mm: Mapped[Decimal] = mapped_column(Ratio)
    fm: Mapped[Decimal] = mapped_column(Ratio)
    # allowed | manual_forbidden | system_forbidden (services.contract.schemas.ShortSellStatus)
    status: Mapped[str] = mapped_column(String(20))
    borrow_fee_rate: Mapped[Decimal] = mapped_column(Ratio)  # annual, 0.0325 = 3.25 %
    available_qty: Mapped[int] = mapped_column(BigInteger)


class IntradayMarginRow(SymbolRow, Base):
    """Intraday real-time margin (日內交易實時保證金); inactive means the overnight ratio applies."""

    __tablename__ = "risk_intraday_margins"
    __table_args__ = (Index("ix_risk_intraday_margins_market_symbol", "market", "symbol"),)

    im: Mapped[Decimal] = mapped_column(Ratio)
    mm: Mapped[Decimal] = mapped_column(Ratio)
    fm: Mapped[Decimal] = mapped_column(Ratio)
    active: Mapped[bool] = mapped_column(Boolean)


class DayTradeWindowRow(Base):
    """The day-trade window (日內融時間) of one market, in that market's wall-clock time."""

    __tablename__ = "risk_day_trade_windows"

    market: Mapped[str] = mapped_column(String(4), primary_key=True)
    time_zone: Mapped[str] = mapped_column(String(40))
    start: Mapped[time] = mapped_column(Time)
    force_close: Mapped[time] = mapped_column(Time)
    end: Mapped[time] = mapped_column(Time)
    enabled: Mapped[bool] = mapped_column(Boolean)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
