"""Risk › Credit settings that work orders change. Every row carries a version for staleness."""

from datetime import datetime, time
from decimal import Decimal

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Index, Integer, String, Time
from sqlalchemy.orm import Mapped, mapped_column

from backend.db.base import Base
from backend.db.types import ExactDecimal, UtcDateTime
from backend.kit.clock import utcnow

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
    """Intraday real-time margin (日內交易實時保證金); ``active`` is its switch. An inactive row asks 100 %
    (services/rules/intraday_margin.py)."""

    __tablename__ = "risk_intraday_margins"
    __table_args__ = (Index("ix_risk_intraday_margins_market_symbol", "market", "symbol"),)

    im: Mapped[Decimal] = mapped_column(Ratio)
    mm: Mapped[Decimal] = mapped_column(Ratio)
    fm: Mapped[Decimal] = mapped_column(Ratio)
    active: Mapped[bool] = mapped_column(Boolean)


class MarginSetting(Base):
    """A setting record (設置記錄): an approved margin row with the time it takes effect.

    pending (未觸發) → applied (已觸發) when its time comes or someone syncs it now, or revoked
    (已撤銷) before that; a newer setting of the same symbol and kind revokes a pending one.
    """

    __tablename__ = "risk_margin_settings"
    __table_args__ = (
        Index("ix_risk_margin_settings_status_effective", "status", "effective_at"),
        Index("ix_risk_margin_settings_kind_symbol", "kind", "symbol"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # the table's target prefix, e.g. stock_margin
    symbol: Mapped[str] = mapped_column(String(16))
    values: Mapped[dict] = mapped_column(JSON)  # the row as the work order proposed it
    effective_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(10))
    work_order_id: Mapped[int | None] = mapped_column(ForeignKey("work_orders.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    applied_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # Who synced it now; None when the clock applied it at its time.
    applied_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    # What applying found: "written", or "already_live" when the row held these values already.
    # With ``before_values`` (the live row just before, None if there was none) it is the change
    # history's record of the write; both are None for settings applied before they were kept.
    outcome: Mapped[str | None] = mapped_column(String(12), nullable=True)
    before_values: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    revoked_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    revoke_reason: Mapped[str | None] = mapped_column(String(200), nullable=True)


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
