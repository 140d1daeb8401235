"""Query parameters of the list endpoints: one definition for the backend and the client.

The backend declares them as ``Annotated[Model, Query()]``; the client builds the same model
and sends ``model.as_params()``, so a renamed filter breaks both sides at once.
"""

import re
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from services.contract.schemas import (
    AutoConvertDateField,
    EnrolmentStatus,
    IntradayMarginRow,
    LongMarginRow,
    MessageChannel,
    MessageStatus,
    SettingStatus,
    ShortMarginRow,
    ShortSellStatus,
    WorkOrderStatus,
)

Currency = Annotated[str, Field(pattern=r"^(HKD|USD|CNH)$")]


def _iso_day(value: object) -> object:
    """A query-string day is ``YYYY-MM-DD`` only: pydantic alone reads ``20240101`` as seconds
    since 1970 (1970-08-23), silently the wrong day."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ValueError("a day is written YYYY-MM-DD")
    return value


IsoDay = Annotated[date, BeforeValidator(_iso_day)]
# A ratio from 0 to 1. Pydantic documents a bounded Decimal's string form as any string at all.
Ratio = Annotated[Decimal, Field(ge=0, le=1), WithJsonSchema({"anyOf": [
    {"type": "number", "minimum": 0, "maximum": 1},
    {"type": "string", "pattern": r"^\s*(0*\.\d+|0+(\.\d*)?|0*1(\.0*)?)\s*$"},
]})]
MAX_PAGE = 1000


class ExportLanguage(StrEnum):
    ZH_HANT = "zh_Hant"
    EN = "en"


class _Query(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: object) -> object:
        # No stored text holds one: PostgreSQL refuses it in a query and SQLite's text index
        # (FTS5) cannot search for it; refused here, the same 422 on both.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("may not contain the NUL character (0x00)")
        return value

    def as_params(self) -> dict[str, str]:
        """Non-empty fields as query-string values (what httpx sends)."""
        out: dict[str, str] = {}
        for key, value in self.model_dump(mode="json", exclude_none=True).items():
            if value == "":
                continue
            out[key] = str(value).lower() if isinstance(value, bool) else str(value)
        return out


class PageParams(_Query):
    """A keyset page: after ``cursor`` (the start without one), or before ``before`` or the last
    page (``from_end``), answered in the list's order either way."""

    cursor: str | None = None
    before: str | None = None
    from_end: bool = False
    limit: int = Field(100, ge=1, le=MAX_PAGE)


PAGE_FIELDS = frozenset(PageParams.model_fields)  # where a page starts and its size: no part of a filter


class _DateRange(_Query):
    """A range of Hong Kong calendar days; the end may not come before the start."""

    date_from: IsoDay | None = Field(None, description="first day, inclusive, Hong Kong calendar")
    date_to: IsoDay | None = Field(None, description="last day, inclusive, Hong Kong calendar")

    @model_validator(mode="after")
    def _range(self) -> Self:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("date_from must not be after date_to")
        return self


class AutoConvertFilter(_DateRange):
    """Filters of Risk › Margin Call › Auto-Convert Query (DOMAIN.md)."""

    account: str | None = Field(None, max_length=16, description="account number prefix")
    name: str | None = Field(None, max_length=64, description="part of the English or Chinese name")
    status: EnrolmentStatus | None = None
    currency: Currency | None = Field(None, description="a currency the enrolment covers")
    date_field: AutoConvertDateField = AutoConvertDateField.FIRST_ENABLED


class AutoConvertQuery(AutoConvertFilter, PageParams):
    pass


class BorrowingFilter(_Query):
    """Filters of Risk › Margin Call › Borrowing Accounts."""

    account: str | None = Field(None, max_length=16, description="account number prefix")
    name: str | None = Field(None, max_length=64, description="part of the English or Chinese name")
    currency: Currency | None = None
    min_days: int | None = Field(None, ge=0, le=36500, description="outstanding at least this many days")
    auto_convert: bool | None = Field(None, description="enrolled in auto-convert now")
    as_of: IsoDay | None = Field(None, description="interest accrues up to this day; default today in HK")


class BorrowingQuery(BorrowingFilter, PageParams):
    pass


EXPORT_MAX_ROWS = 200_000  # per export; a larger list is refused (export_too_large): narrow the filter


class ExportParams(_Query):
    lang: ExportLanguage = ExportLanguage.ZH_HANT


class AutoConvertExport(AutoConvertFilter, ExportParams):
    pass


class BorrowingExport(BorrowingFilter, ExportParams):
    pass


class WorkOrderView(StrEnum):
    AWAITING_ME = "awaiting_me"  # pending, its current level lists me, no decision of mine on it yet
    MINE = "mine"                # submitted by me
    DECIDED = "decided"          # I approved or rejected a level of it (the History view)
    CC_ME = "cc_me"              # I am copied on it (抄送我的)
    ALL = "all"                  # every order (needs approval.view_all)


class WorkOrderFilter(_Query):
    """A list of work orders: its view and filters, as the list and its export share them."""

    view: WorkOrderView = WorkOrderView.AWAITING_ME
    flow: str | None = Field(None, max_length=80)
    status: WorkOrderStatus | None = None
    maker: str | None = Field(None, max_length=64, description="maker's username")
    submitted_from: IsoDay | None = Field(None, description="first day, inclusive, Hong Kong calendar")
    submitted_to: IsoDay | None = Field(None, description="last day, inclusive, Hong Kong calendar")
    blocked: bool | None = Field(None, description="pending orders whose current level can no longer complete "
                                                   "(true) or can (false); needs approval.view_all")

    @model_validator(mode="after")
    def _range(self) -> Self:
        if self.submitted_from and self.submitted_to and self.submitted_from > self.submitted_to:
            raise ValueError("submitted_from must not be after submitted_to")
        return self


# The first page of a work-order list counts its orders no further than this (counting costs a check
# of each order, one by one): ``total_capped`` then means "more than WORK_ORDER_TOTAL_CAP".
WORK_ORDER_TOTAL_CAP = 1_000


class WorkOrderQuery(WorkOrderFilter, PageParams):
    """Lists of work orders, newest first."""


class WorkOrderExport(WorkOrderFilter, ExportParams):
    """A list of work orders as filtered, in an Excel workbook (WORK_ORDER_EXPORT_PATH)."""


class MarginFilter(_Query):
    """Filters every Risk › Credit margin list shares."""

    symbol: str | None = Field(None, max_length=16, description="symbol prefix, e.g. 007 or AA")
    market: str | None = Field(None, pattern=r"^(HK|US|SH|SZ)$")
    im_min: Ratio | None = Field(None, description="IM at least this ratio")
    im_max: Ratio | None = Field(None, description="IM at most this ratio")
    pending: bool | None = Field(None, description="only rows with (true) or without (false) a pending order")

    @model_validator(mode="after")
    def _range(self) -> Self:
        if self.im_min is not None and self.im_max is not None and self.im_min > self.im_max:
            raise ValueError("im_min must not be above im_max")
        return self


class LongMarginFilter(MarginFilter):
    financeable: bool | None = None


class ShortMarginFilter(MarginFilter):
    status: ShortSellStatus | None = None


class IntradayMarginFilter(MarginFilter):
    active: bool | None = None


class LongMarginQuery(LongMarginFilter, PageParams):
    pass


class ShortMarginQuery(ShortMarginFilter, PageParams):
    pass


class IntradayMarginQuery(IntradayMarginFilter, PageParams):
    pass


class SecurityQuery(PageParams):
    """The securities master by symbol: for pickers and for checking a workbook's symbols."""

    symbol: str | None = Field(None, max_length=16, description="symbol prefix")
    market: str | None = Field(None, pattern=r"^(HK|US|SH|SZ)$")


class MarginSettingFilter(_DateRange):
    """Filters of Risk › Margin › Stock Margin › Setting Records; the days are of the effective time."""

    kind: str | None = Field(None, pattern=r"^(stock_margin|short_margin|intraday_margin)$")
    symbol: str | None = Field(None, max_length=16, description="symbol prefix")
    status: SettingStatus | None = None


class MarginSettingQuery(MarginSettingFilter, PageParams):
    """Setting records, newest first."""


MARGIN_HISTORY_MAX_PAGE = 200


class MarginHistoryQuery(PageParams):
    """A margin row's change history (變更記錄), newest first; read forward only (a row's history
    is short: its end is a page or two away)."""

    limit: int = Field(50, ge=1, le=MARGIN_HISTORY_MAX_PAGE)


class MessageFilter(_DateRange):
    """Filters of Message Center › Message Records."""

    account: str | None = Field(None, max_length=16, description="account number")
    recipient: str | None = Field(None, max_length=254, description="the full phone number or email address")
    channel: MessageChannel | None = None
    status: MessageStatus | None = None
    template: str | None = Field(None, max_length=40)
    subject: str | None = Field(None, max_length=100, description="words of the subject")


class MessageQuery(MessageFilter, PageParams):
    pass


# The list's pages carry no total; MESSAGE_COUNT_PATH counts a filter's records, no further than
# this: MessageCount(total=MESSAGE_TOTAL_CAP, capped=True) means "more than MESSAGE_TOTAL_CAP".
MESSAGE_TOTAL_CAP = 10_000


class MessageExport(MessageFilter, ExportParams):
    pass


# Paths of the endpoints, shared for the same reason.
AUTO_CONVERT_PATH = "/margin-call/auto-convert"
AUTO_CONVERT_EXPORT_PATH = "/margin-call/auto-convert/export.xlsx"
BORROWING_PATH = "/margin-call/borrowing"
BORROWING_EXPORT_PATH = "/margin-call/borrowing/export.xlsx"
LONG_MARGIN_PATH = "/risk/stock-margins"
SHORT_MARGIN_PATH = "/risk/short-sell-margins"
INTRADAY_MARGIN_PATH = "/risk/intraday-margins"
DAY_TRADE_WINDOWS_PATH = "/risk/day-trade-windows"
MARGIN_SETTINGS_PATH = "/risk/margin-settings"
MARGIN_HISTORY_SUFFIX = "/{symbol}/history"  # after a margin list's path: one row's change history
SECURITIES_PATH = "/risk/securities"
MESSAGE_RECORDS_PATH = "/messages/records"
MESSAGE_TEMPLATES_PATH = "/messages/templates"
MESSAGE_BULK_RESEND_PATH = "/messages/records/resend"  # POST BulkResendIn
MESSAGE_ATTEMPTS_PATH = "/messages/attempts"  # GET ?ids=1&ids=2: attempts' current states
MESSAGE_EXPORT_PATH = "/messages/records/export.xlsx"
MESSAGE_COUNT_PATH = "/messages/records/count"  # GET MessageFilter -> MessageCount
WORK_ORDER_EXPORT_PATH = "/work-orders/export"  # GET WorkOrderExport -> xlsx, capped at EXPORT_MAX_ROWS

# Each margin table's list: path and row model (the desktop's pages and its offline cache).
MARGIN_LISTS: dict[str, tuple[str, type[LongMarginRow | ShortMarginRow | IntradayMarginRow]]] = {
    "long": (LONG_MARGIN_PATH, LongMarginRow),
    "short": (SHORT_MARGIN_PATH, ShortMarginRow),
    "intraday": (INTRADAY_MARGIN_PATH, IntradayMarginRow),
}
