"""Fund clearing's refusals in the user's language: each ``errors`` entry the backend sends names
its row or field and a stable ``code``; the sentence for the code is translated here and the
entry's own values (row, order reference, difference, limit, step) are put in it. The backend's
English ``reason`` is kept for a code this client does not know (and as a tooltip of the import
errors, where it quotes the cell)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ui.common.rule_messages import error_entry_text, known_codes
from ui.funds import labels

CONTEXT = "FundRefusals"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


# The columns of a confirmation file, by the field an error names.
COLUMNS: dict[str, str] = {
    "order_ref": QT_TRANSLATE_NOOP("FundRefusals", "Order Ref"),
    "side": QT_TRANSLATE_NOOP("FundRefusals", "Type"),
    "nav": QT_TRANSLATE_NOOP("FundRefusals", "NAV"),
    "nav_date": QT_TRANSLATE_NOOP("FundRefusals", "NAV Date"),
    "confirmed_units": QT_TRANSLATE_NOOP("FundRefusals", "Confirmed Units"),
    "confirmed_amount": QT_TRANSLATE_NOOP("FundRefusals", "Confirmed Amount"),
    "file": QT_TRANSLATE_NOOP("FundRefusals", "File"),
    "sheet": QT_TRANSLATE_NOOP("FundRefusals", "Sheet"),
    "header": QT_TRANSLATE_NOOP("FundRefusals", "Header"),
}

# A confirmation file's cells (services/excel/fund_confirmation.py); other codes are the rules'.
FILE_REASONS: dict[str, str] = {
    "nav_differs": QT_TRANSLATE_NOOP("FundRefusals", "The rows of one side take one NAV; this row's differs from "
                                                     "the side's first row."),
    "nav_date_differs": QT_TRANSLATE_NOOP("FundRefusals", "The rows of one side take the NAV of one date; this "
                                                          "row's NAV date differs from the side's first row."),
    "nav_date_before_trade_date": QT_TRANSLATE_NOOP("FundRefusals", "The NAV date is before the trade date; a fund "
                                                                    "deals at the NAV of the trade date or later."),
    "offer_period_subscription": QT_TRANSLATE_NOOP("FundRefusals", "An offer-period subscription is not cleared "
                                                                   "here; a dealing-day subscription is Subscription."),
    "side_confirmed": QT_TRANSLATE_NOOP("FundRefusals", "This side of the batch is already confirmed; a corrected "
                                                        "file holds only the side still open."),
    "side_differs": QT_TRANSLATE_NOOP("FundRefusals", "The batch holds this order on the other side."),
    "duplicate_ref": QT_TRANSLATE_NOOP("FundRefusals", "This order reference repeats an earlier row."),
    "not_a_choice": QT_TRANSLATE_NOOP("FundRefusals", "Neither Subscription nor Redemption."),
    "not_a_date": QT_TRANSLATE_NOOP("FundRefusals", "Not a date such as 2024-09-23."),
    "not_positive": QT_TRANSLATE_NOOP("FundRefusals", "Must be above 0."),
    "too_many_decimals": QT_TRANSLATE_NOOP("FundRefusals", "At most six decimals."),
    "too_long": QT_TRANSLATE_NOOP("FundRefusals", "Longer than an order reference may be."),
    "invalid_value": QT_TRANSLATE_NOOP("FundRefusals", "Not an order reference."),
    "not_utf8": QT_TRANSLATE_NOOP("FundRefusals", "The CSV file is not UTF-8 text; save it as CSV UTF-8."),
    "not_a_csv": QT_TRANSLATE_NOOP("FundRefusals", "The file is not a CSV text file."),
}

# Why a line, a side or a step is refused (backend/funds/service.py).
LINE_REASONS: dict[str, str] = {
    "beyond_limit": QT_TRANSLATE_NOOP("FundRefusals", "{where}: differs by {difference}, at or beyond the fund's "
                                                      "limit of {limit}; import a corrected confirmation."),
    "mismatched": QT_TRANSLATE_NOOP("FundRefusals", "{where}: differs by {difference} and is not explained."),
    "missing_ours": QT_TRANSLATE_NOOP("FundRefusals", "{where}: not an order of ours, and not explained."),
    "missing_theirs": QT_TRANSLATE_NOOP("FundRefusals", "{where}: missing at the fund house, and not explained."),
}
SIDE_REASONS: dict[str, str] = {
    "no_confirmation": QT_TRANSLATE_NOOP("FundRefusals", "Import the fund house's confirmation of the {side} first."),
    "side_not_confirmed": QT_TRANSLATE_NOOP("FundRefusals", "Confirm the reconciliation of the {side} first."),
    "previous_step_not_done": QT_TRANSLATE_NOOP("FundRefusals", "{previous} comes first."),
}


def _where(entry: Mapping) -> str:
    ref = str(entry.get("order_ref") or entry.get("field") or "")
    row = entry.get("row")
    return tr(QT_TRANSLATE_NOOP("FundRefusals", "Row {row} ({ref})")).format(row=row, ref=ref) if row else ref


def refusal_reason(entry: Mapping) -> str:
    """One ``errors`` entry of a refused explanation, confirmation or step, in the user's language."""
    code = str(entry.get("code") or "")
    if code in LINE_REASONS:
        return tr(LINE_REASONS[code]).format(where=_where(entry), difference=entry.get("difference") or "—",
                                             limit=entry.get("limit") or "—")
    if code in SIDE_REASONS:
        side = labels.side_text(str(entry.get("side") or ""))
        previous = labels.step_text(str(entry.get("previous") or ""))
        return tr(SIDE_REASONS[code]).format(side=side, previous=previous)
    return str(entry.get("reason") or "")


def refusal_reasons(entries: Sequence[Mapping], at_most: int = 5) -> list[str]:
    reasons = [r for r in (refusal_reason(e) for e in entries[:at_most]) if r]
    if len(entries) > at_most:
        reasons.append(tr(QT_TRANSLATE_NOOP("FundRefusals", "and {count} more")).format(count=len(entries) - at_most))
    return reasons


def column_text(field: str) -> str:
    source = COLUMNS.get(field)
    return tr(source) if source else field


def file_reason(entry: Mapping) -> str:
    """A bad cell of a confirmation file: the sentence of its code in the user's language."""
    code, message = str(entry.get("code") or ""), str(entry.get("reason") or "")
    if code in FILE_REASONS:
        return tr(FILE_REASONS[code])
    if code in known_codes():
        return error_entry_text(entry)
    return message
