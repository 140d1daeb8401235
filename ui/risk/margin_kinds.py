"""What differs between the three margin pages: rows, filters and columns of each kind."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel
from PySide6.QtCore import QT_TRANSLATE_NOOP

from services.contract.queries import (
    IntradayMarginFilter,
    LongMarginFilter,
    ShortMarginFilter,
)
from services.contract.schemas import IntradayMarginRow, LongMarginRow, ShortMarginRow, ShortSellStatus
from services.excel.margin_columns import SHEETS, Kind
from services.rules.ratios import ONE
from ui.common import formatting
from ui.common.columns import CENTER, RIGHT, Column, bool_column, datetime_column
from ui.common.filter_bar import ChoiceField, FilterField, RatioField, TextField
from ui.risk import setting_texts

CONTEXT = "MarginPage"
PENDING_COLOUR = "#8d5a00"


@dataclass(frozen=True)
class MarginKindUi:
    kind: Kind
    page_key: str
    row_model: type[BaseModel]
    filter_model: type[BaseModel]
    kind_fields: Callable[[Callable[[], str]], tuple[FilterField, ...]]
    kind_columns: Callable[[Callable[[], str]], tuple[Column, ...]]
    export_stem: str


def _status_text(language: Callable[[], str]) -> Callable[[object], str]:
    choices = {c.value: c for c in SHEETS["short"].column("status").choices}

    def text(value) -> str:
        choice = choices.get(value)
        return "" if choice is None else (choice.zh if language() == "zh_Hant" else choice.en)
    return text


def _ratio(key: str, header: str) -> Column:
    return Column(key, header, format=formatting.percent, align=RIGHT, width_chars=9)


def _name(language: Callable[[], str]) -> Callable[[object], str]:
    return lambda row: row.name_zh if language() == "zh_Hant" and row.name_zh else row.name


def leading_columns(language: Callable[[], str]) -> tuple[Column, ...]:
    return (
        Column("pending_work_order_id", QT_TRANSLATE_NOOP("MarginPage", "Pending"),
               format=lambda v: f"#{v}" if v else "", align=CENTER, width_chars=7,
               color=lambda v: PENDING_COLOUR if v else None),
        # A setting record waiting to change the row (未觸發): its time here, its values in the tooltip.
        Column("pending_setting", QT_TRANSLATE_NOOP("MarginPage", "Scheduled"), format=setting_texts.marker_text,
               tooltip=setting_texts.marker_tooltip(language), width_chars=18,
               color=lambda v: PENDING_COLOUR if v else None),
        Column("symbol", QT_TRANSLATE_NOOP("MarginPage", "Symbol"), width_chars=10, identifier=True),
        Column("name", QT_TRANSLATE_NOOP("MarginPage", "Name"), value=lambda row: row,
               format=_name(language), width_chars=22),
        Column("market", QT_TRANSLATE_NOOP("MarginPage", "Market"), align=CENTER, width_chars=6),
    )


def trailing_columns() -> tuple[Column, ...]:
    return (
        Column("version", QT_TRANSLATE_NOOP("MarginPage", "Version"), align=RIGHT, width_chars=6),
        datetime_column("updated_at", QT_TRANSLATE_NOOP("MarginPage", "Updated At")),
    )


def _long_columns(language: Callable[[], str]) -> tuple[Column, ...]:
    return (
        _ratio("im", QT_TRANSLATE_NOOP("MarginPage", "IM")),
        # The lendable share (按倉比率) is how Hong Kong desks think: shown, never stored (DOMAIN.md).
        Column("lendable", QT_TRANSLATE_NOOP("MarginPage", "Lendable"), value=lambda row: ONE - row.im,
               format=formatting.percent, align=RIGHT, width_chars=9, color=lambda _v: "#627d98"),
        _ratio("mcm", QT_TRANSLATE_NOOP("MarginPage", "MCM")),
        _ratio("mm", QT_TRANSLATE_NOOP("MarginPage", "MM")),
        _ratio("fm", QT_TRANSLATE_NOOP("MarginPage", "FM")),
        bool_column("financeable", QT_TRANSLATE_NOOP("MarginPage", "Financeable")),
        datetime_column("effective_from", QT_TRANSLATE_NOOP("MarginPage", "Effective From")),
        Column("remark", QT_TRANSLATE_NOOP("MarginPage", "Remark"), width_chars=24),
    )


def _short_columns(language: Callable[[], str]) -> tuple[Column, ...]:
    return (
        _ratio("im", QT_TRANSLATE_NOOP("MarginPage", "IM")),
        _ratio("mcm", QT_TRANSLATE_NOOP("MarginPage", "MCM")),
        _ratio("mm", QT_TRANSLATE_NOOP("MarginPage", "MM")),
        _ratio("fm", QT_TRANSLATE_NOOP("MarginPage", "FM")),
        Column("status", QT_TRANSLATE_NOOP("MarginPage", "Short Selling"), format=_status_text(language),
               width_chars=12, color=lambda v: None if v == ShortSellStatus.ALLOWED else "#c62828"),
        _ratio("borrow_fee_rate", QT_TRANSLATE_NOOP("MarginPage", "Borrow Fee")),
        Column("available_qty", QT_TRANSLATE_NOOP("MarginPage", "Available Qty"), format=formatting.integer,
               align=RIGHT, width_chars=11),
    )


def _intraday_columns(language: Callable[[], str]) -> tuple[Column, ...]:
    return (
        _ratio("im", QT_TRANSLATE_NOOP("MarginPage", "IM")),
        _ratio("mm", QT_TRANSLATE_NOOP("MarginPage", "MM")),
        _ratio("fm", QT_TRANSLATE_NOOP("MarginPage", "FM")),
        bool_column("active", QT_TRANSLATE_NOOP("MarginPage", "Active")),
    )


YES_NO = ((True, QT_TRANSLATE_NOOP("MarginPage", "Yes")), (False, QT_TRANSLATE_NOOP("MarginPage", "No")))
COMMON_FIELDS: tuple[FilterField, ...] = (
    TextField("symbol", QT_TRANSLATE_NOOP("MarginPage", "Symbol"), max_length=16, width_chars=9),
    ChoiceField("market", QT_TRANSLATE_NOOP("MarginPage", "Market"),
                tuple((m, m) for m in ("HK", "US", "SH", "SZ"))),
    RatioField("im_min", QT_TRANSLATE_NOOP("MarginPage", "IM From")),
    RatioField("im_max", QT_TRANSLATE_NOOP("MarginPage", "IM To")),
    ChoiceField("pending", QT_TRANSLATE_NOOP("MarginPage", "Pending Order"), YES_NO),
)

KINDS: dict[Kind, MarginKindUi] = {
    "long": MarginKindUi(
        "long", "risk.credit.long_stock_margin", LongMarginRow, LongMarginFilter,
        lambda _language: (ChoiceField("financeable", QT_TRANSLATE_NOOP("MarginPage", "Financeable"), YES_NO),),
        _long_columns, "long-stock-margin"),
    "short": MarginKindUi(
        "short", "risk.credit.short_sell_margin", ShortMarginRow, ShortMarginFilter,
        lambda language: (ChoiceField("status", QT_TRANSLATE_NOOP("MarginPage", "Short Selling"), tuple(
            (c.value, lambda c=c: _status_text(language)(c.value)) for c in SHEETS["short"].column("status").choices)),),
        _short_columns, "short-sell-margin"),
    "intraday": MarginKindUi(
        "intraday", "risk.credit.intraday_margin", IntradayMarginRow, IntradayMarginFilter,
        lambda _language: (ChoiceField("active", QT_TRANSLATE_NOOP("MarginPage", "Active"), YES_NO),),
        _intraday_columns, "intraday-margin"),
}
