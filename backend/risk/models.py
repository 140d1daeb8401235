"""Risk › Credit settings that work orders change. Every row carries a version for staleness."""

from datetime import datetime, time

from sqlalchemy import Boolean, ForeignKey, Integer, String, Time
from sqlalchemy.orm import Mapped, mapped_column

from backend.db.base import Base
from backend.db.types import UtcDateTime, utcnow


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
