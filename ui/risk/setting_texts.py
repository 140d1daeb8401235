"""Words for setting records (設置記錄) and row changes wherever they show: the Setting Records
page, the waiting-setting marker of a margin row, the drawer's notice and the change history.

Values are rows as the backend keeps them in settings, snapshots and proposals (JSON: ratios as
four-decimal strings); they are shown the way the margin tables show theirs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from services.contract.schemas import PendingSettingOut, SettingStatus
from services.excel.margin_columns import SHEETS
from ui.common import change_texts, formatting

CONTEXT = "SettingRecords"
translate = QCoreApplication.translate  # the name lupdate recognises

RATIO_FIELDS = frozenset({"im", "mcm", "mm", "fm", "borrow_fee_rate"})
SHOWN_AFTER = ("symbol", "market")  # identify the row; never a value that changes
# A setting's effective time is shown on its own wherever its values are summed up.
NOT_SUMMED_UP = frozenset({"effective_from"})
MARKER = "◆"  # the waiting-setting marker (a glyph the app's font has)
PENDING_COLOUR, APPLIED_COLOUR, REVOKED_COLOUR = "#8d5a00", "#1e7b34", "#829ab1"

# The manual's words for the three states and the three tables.
STATUS = {
    SettingStatus.PENDING.value: QT_TRANSLATE_NOOP("SettingRecords", "Not Triggered"),
    SettingStatus.APPLIED.value: QT_TRANSLATE_NOOP("SettingRecords", "Triggered"),
    SettingStatus.REVOKED.value: QT_TRANSLATE_NOOP("SettingRecords", "Revoked"),
}
STATUS_COLOUR = {SettingStatus.PENDING.value: PENDING_COLOUR, SettingStatus.APPLIED.value: APPLIED_COLOUR,
                 SettingStatus.REVOKED.value: REVOKED_COLOUR}
KIND = {
    "stock_margin": QT_TRANSLATE_NOOP("SettingRecords", "Long Stock Margin"),
    "short_margin": QT_TRANSLATE_NOOP("SettingRecords", "Short-Sell Margin"),
    "intraday_margin": QT_TRANSLATE_NOOP("SettingRecords", "Intraday Real-Time Margin"),
}


def tr(text: str) -> str:
    return translate(CONTEXT, text)


def status_text(status: str | None) -> str:
    return tr(STATUS[status]) if status in STATUS else (status or "")


def kind_text(kind: str | None) -> str:
    return tr(KIND[kind]) if kind in KIND else (kind or "")


def _short_status(value: str, language: Callable[[], str]) -> str:
    choice = next((c for c in SHEETS["short"].column("status").choices if c.value == value), None)
    return value if choice is None else (choice.zh if language() == "zh_Hant" else choice.en)


def value_text(field: str, value: Any, language: Callable[[], str]) -> str:
    """One value as the margin tables show it: ratios as percentages, yes/no, Hong Kong time."""
    if value is None or value == "":
        return "—"
    if field in RATIO_FIELDS:
        try:
            return formatting.percent(Decimal(str(value)))
        except InvalidOperation:
            return str(value)
    if field == "status" and isinstance(value, str):
        return _short_status(value, language)
    if field == "available_qty" and isinstance(value, int):
        return formatting.integer(value)
    return change_texts.cell_text(value)


def value_fields(row: Mapping[str, Any]) -> list[str]:
    return [f for f in row if f not in SHOWN_AFTER and f != "version"]


def values_text(row: Mapping[str, Any] | None, language: Callable[[], str], fields: Iterable[str] | None = None,
                separator: str = ", ") -> str:
    """"IM 60.00 %, MCM 50.00 %, …": the row's values (or only ``fields``) with their labels."""
    if not row:
        return ""
    shown = fields if fields is not None else [f for f in value_fields(row) if f not in NOT_SUMMED_UP]
    return separator.join(f"{change_texts.field_label(f)} {value_text(f, row.get(f), language)}" for f in shown)


def changes_text(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None, fields: Iterable[str],
                 language: Callable[[], str], separator: str = "; ") -> str:
    """"IM 50.00 % → 60.00 %; Remark — → results": each changed field, before and after."""
    return separator.join(
        f"{change_texts.field_label(f)} {value_text(f, (before or {}).get(f), language)} → "
        f"{value_text(f, (after or {}).get(f), language)}" for f in fields)


def when(at: datetime | None) -> str:
    return formatting.hk_datetime(at)


# --- a waiting setting on its row: the margin tables' marker and the drawer's notice --------------


def marker_text(setting: PendingSettingOut | None) -> str:
    return "" if setting is None else f"{MARKER} {when(setting.effective_at)}"


def marker_tooltip(language: Callable[[], str]) -> Callable[[PendingSettingOut | None], str]:
    def text(setting: PendingSettingOut | None) -> str:
        if setting is None:
            return ""
        return translate("SettingRecords", "Setting #{id} changes this row at {at} (Hong Kong time): {values}").format(
            id=setting.id, at=when(setting.effective_at), values=values_text(setting.values, language))
    return text


def drawer_notice(setting: PendingSettingOut | None, language: Callable[[], str]) -> str:
    """What an editor must know first: a change of this row is already scheduled."""
    if setting is None:
        return ""
    return translate("SettingRecords", "Setting #{id} already changes this row at {at}: {values}. An approved new change "
              "revokes it.").format(id=setting.id, at=when(setting.effective_at),
                                    values=values_text(setting.values, language))
