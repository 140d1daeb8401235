"""The columns of each margin workbook (多頭 long, 空頭 short, 日內 intraday): one table that the
template, the export and the reader all follow.

A header in a file matches a column in English or Traditional Chinese, either alone or both
("代碼 Symbol", as the template writes it), ignoring case, blanks and a required-marker ``*``.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

from annotated_types import MaxLen
from pydantic import BaseModel

from services.contract.schemas import IntradayMarginIn, LongMarginIn, ShortMarginIn, ShortSellStatus

Kind = Literal["long", "short", "intraday"]
MarginIn = LongMarginIn | ShortMarginIn | IntradayMarginIn  # a row of any sheet, as submitted
KINDS: tuple[Kind, ...] = ("long", "short", "intraday")


class CellType(StrEnum):
    SYMBOL = "symbol"
    MARKET = "market"
    RATIO = "ratio"
    BOOL = "bool"
    INT = "int"
    DATETIME = "datetime"
    TEXT = "text"
    ENUM = "enum"


@dataclass(frozen=True)
class Choice:
    """One value of an enum column and the words people type for it."""

    value: str
    en: str
    zh: str  # the real system's word, written in templates and exports
    aliases: tuple[str, ...] = ()  # older words still read


@dataclass(frozen=True)
class MarginColumn:
    field: str
    en: str
    zh: tuple[str, ...]  # the first is what the template writes; the others are accepted too
    type: CellType
    required: bool = False
    width: int = 14
    choices: tuple[Choice, ...] = ()  # enum columns: every value the reader accepts
    listed: tuple[str, ...] = ()  # enum columns: the values the template's drop-down offers

    @property
    def header(self) -> str:
        return f"{self.zh[0]} {self.en}"


@dataclass(frozen=True)
class MarginSheet:
    kind: Kind
    title: str  # sheet title, at most 31 characters
    model: type[MarginIn]
    columns: tuple[MarginColumn, ...]

    def column(self, field: str) -> MarginColumn:
        return next(c for c in self.columns if c.field == field)

    def max_length(self, field: str) -> int | None:
        """A text field's limit, as the pydantic model declares it."""
        return next((m.max_length for m in self.model.model_fields[field].metadata if isinstance(m, MaxLen)), None)

    def default(self, field: str):
        """What a blank optional cell or an absent optional column means: the model's default."""
        return self.model.model_fields[field].get_default(call_default_factory=True)


def _ratio(field: str, en: str, *zh: str) -> MarginColumn:
    return MarginColumn(field, en, zh, CellType.RATIO, required=True, width=16)


SYMBOL = MarginColumn("symbol", "Symbol", ("代碼", "股票代碼", "證券代碼"), CellType.SYMBOL, required=True)
MARKET = MarginColumn("market", "Market", ("市場",), CellType.MARKET, width=10)
IM = _ratio("im", "IM", "初始保證金比率", "初始保證金")
MCM = _ratio("mcm", "MCM", "追繳保證金比率", "追繳保證金")
MM = _ratio("mm", "MM", "維持保證金比率", "維持保證金")
FM = _ratio("fm", "FM", "強制平倉保證金比率", "強制平倉保證金")

# The real system's words: 允許賣空, 禁止賣空 and 系統自動禁止.
STATUS_CHOICES = (
    Choice(ShortSellStatus.ALLOWED, "Short selling allowed", "允許賣空", ("允許", "Allowed")),
    Choice(ShortSellStatus.MANUAL_FORBIDDEN, "Short selling forbidden", "禁止賣空",
           ("手動禁止", "Manually forbidden")),
    # Set by the system only: an export carries it back unchanged, a person may not choose it.
    Choice(ShortSellStatus.SYSTEM_FORBIDDEN, "Forbidden by the system", "系統自動禁止",
           ("系統禁止",)),
)

SHEETS: dict[Kind, MarginSheet] = {
    "long": MarginSheet("long", "多頭保證金 Long margin", LongMarginIn, (
        SYMBOL, MARKET, IM, MCM, MM, FM,
        MarginColumn("financeable", "Financeable", ("可融資",), CellType.BOOL, width=12),
        MarginColumn("effective_from", "Effective from", ("生效時間",), CellType.DATETIME, width=20),
        MarginColumn("remark", "Remark", ("備註",), CellType.TEXT, width=30),
    )),
    "short": MarginSheet("short", "空頭保證金 Short margin", ShortMarginIn, (
        SYMBOL, MARKET, IM, MCM, MM, FM,
        MarginColumn("status", "Status", ("賣空狀態",), CellType.ENUM, width=18, choices=STATUS_CHOICES,
                     listed=(ShortSellStatus.ALLOWED, ShortSellStatus.MANUAL_FORBIDDEN)),
        MarginColumn("borrow_fee_rate", "Borrow fee rate", ("借券費率",), CellType.RATIO, width=16),
        MarginColumn("available_qty", "Available quantity", ("可借數量",), CellType.INT, width=16),
    )),
    "intraday": MarginSheet("intraday", "日內保證金 Intraday margin", IntradayMarginIn, (
        SYMBOL, MARKET, IM, MM, FM,
        MarginColumn("active", "Active", ("啟用",), CellType.BOOL, width=10),
    )),
}

_IGNORED_IN_HEADERS = re.compile(r"[\s*_/()（）:：]+")


def header_key(text: str) -> str:
    """A header as compared: no blanks, underscores, slashes, brackets or ``*``, case-folded."""
    return _IGNORED_IN_HEADERS.sub("", text).casefold()


def _header_keys(column: MarginColumn) -> set[str]:
    names = {column.en, column.field}
    for zh in column.zh:
        names |= {zh, zh + column.en, column.en + zh}
    return {header_key(n) for n in names}


HEADERS: dict[Kind, dict[str, MarginColumn]] = {
    kind: {key: column for column in sheet.columns for key in _header_keys(column)}
    for kind, sheet in SHEETS.items()
}


def match_header(kind: Kind, text: str) -> MarginColumn | None:
    return HEADERS[kind].get(header_key(text))


def field_value(row: BaseModel | Mapping[str, Any], name: str) -> Any:
    """A field of a row given as a model (LongMarginIn, LongMarginRow...) or as a dict."""
    return row.get(name) if isinstance(row, Mapping) else getattr(row, name, None)
