"""Fund clearing's refusals in the user's language: each ``errors`` entry the backend sends names
its row or field and a stable ``code``; the sentence for the code is translated here and the
entry's own values (row, order reference, difference, limit, step) are put in it. The backend's
English ``reason`` is kept for a code this client does not know. A confirmation file's bad cells
are broken rules like any other (services/contract/reasons.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ui.common.change_texts import field_label
from ui.common.rule_messages import error_entry_text
from ui.funds import labels

CONTEXT = "FundRefusals"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


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
    return error_entry_text(dict(entry))  # a broken rule's reason (the backend's words for a code unknown here)


def refusal_reasons(entries: Sequence[Mapping], at_most: int = 5) -> list[str]:
    reasons = [r for r in (refusal_reason(e) for e in entries[:at_most]) if r]
    if len(entries) > at_most:
        reasons.append(tr(QT_TRANSLATE_NOOP("FundRefusals", "and {count} more")).format(count=len(entries) - at_most))
    return reasons


def column_text(field: str) -> str:
    """The column of a confirmation file an error names (or the file, its sheet, its header)."""
    return field_label(field)


def file_reason(entry: Mapping) -> str:
    """A bad cell of a confirmation file: the reason of its code (services/contract/reasons.py) with
    the values it names, in the user's language."""
    return error_entry_text(dict(entry))
