"""Display texts of the margin-call enums and composite cells, shared by both pages."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from services.contract.schemas import AccountType, AutoConvertRow, BorrowedBalance, EnrolmentChannel
from ui.common.formatting import money

_ENUM_TEXTS = {
    AccountType.CASH: QT_TRANSLATE_NOOP("MarginCall", "Cash"),
    AccountType.MARGIN: QT_TRANSLATE_NOOP("MarginCall", "Margin"),
    EnrolmentChannel.APP: QT_TRANSLATE_NOOP("MarginCall", "App"),
    EnrolmentChannel.WEB: QT_TRANSLATE_NOOP("MarginCall", "Web"),
    EnrolmentChannel.OPS: QT_TRANSLATE_NOOP("MarginCall", "Ops"),
}


def enum_text(value: AccountType | EnrolmentChannel | None) -> str:
    if value is None:
        return ""
    source = _ENUM_TEXTS.get(value)
    return QCoreApplication.translate("MarginCall", source) if source else str(value)


def customer_name(row) -> str:
    """English name, then the Chinese one when the customer has it."""
    return f"{row.customer_name} {row.customer_name_zh}" if row.customer_name_zh else row.customer_name


def currency_amount(currency: str | None, amount) -> str:
    return "" if amount is None else f"{currency or ''} {money(amount)}".strip()


def last_conversion(row: AutoConvertRow) -> str:
    return currency_amount(row.last_conversion_currency, row.last_conversion_amount)


def borrowed_balances(balances: Iterable[BorrowedBalance]) -> str:
    """"USD 12,345.67; CNH 800.00", the same text the Excel export writes."""
    return "; ".join(currency_amount(b.currency, b.amount) for b in balances)


def currency_list(currencies: Iterable[str]) -> str:
    return ", ".join(currencies)
