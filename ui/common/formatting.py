"""Display formats shared by tables: money, Hong Kong local time, percentages, yes/no.

Kept free of widgets so a column can name its formatter and tests can check it directly.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

HK = ZoneInfo("Asia/Hong_Kong")


def money(value: Decimal | None) -> str:
    """Thousands separators and exactly 2 dp; Decimal formatting never goes through float."""
    return "" if value is None else f"{value:,.2f}"


def hk_datetime(value: datetime | None) -> str:
    """A UTC instant as the Hong Kong wall clock (the market's time zone)."""
    if value is None:
        return ""
    if value.tzinfo is None:  # the contract sends aware UTC; treat a naive value as UTC too
        value = value.replace(tzinfo=ZoneInfo("UTC"))
    return value.astimezone(HK).strftime("%Y-%m-%d %H:%M")


def iso_date(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def percent(ratio: Decimal | None) -> str:
    """A decimal ratio (0.0725) as a percentage with 2 to 4 dp ("7.25 %")."""
    if ratio is None:
        return ""
    text = f"{ratio * 100:.4f}"
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0").ljust(2, "0")
    return f"{whole}.{fraction} %"


def integer(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return (QCoreApplication.translate("Formatting", "Yes") if value
            else QCoreApplication.translate("Formatting", "No"))


def plain(value: object) -> str:
    return "" if value is None else str(value)


def file_size(n: int) -> str:
    """A file's size as a progress line shows it: KB below a megabyte, MB from there."""
    return f"{n / 1024:,.0f} KB" if n < 1 << 20 else f"{n / (1 << 20):,.1f} MB"
