"""Why an Approvals list is empty: each page's own sentence ("Nothing awaits your decision."), and,
when a filter is applied, the filter named field by field, so nobody takes a filtered-out order for
a missing one. Plain texts, no widgets."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pydantic import BaseModel
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ui.common.filter_bar import ChoiceField, FilterField

CONTEXT = "ApprovalsPage"
translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings

# (without a filter, with one) per list, as source texts; {filter} names the applied fields.
INBOX = (QT_TRANSLATE_NOOP("ApprovalsPage", "Nothing awaits your decision."),
         QT_TRANSLATE_NOOP("ApprovalsPage", "Nothing awaiting your decision matches the filter ({filter})."))
MINE = (QT_TRANSLATE_NOOP("ApprovalsPage", "You have not submitted any work order."),
        QT_TRANSLATE_NOOP("ApprovalsPage", "None of your work orders matches the filter ({filter})."))
DECIDED = (QT_TRANSLATE_NOOP("ApprovalsPage", "You have not decided any work order."),
           QT_TRANSLATE_NOOP("ApprovalsPage", "None of the work orders you decided matches the filter ({filter})."))
EVERY = (QT_TRANSLATE_NOOP("ApprovalsPage", "No work order has been submitted."),
         QT_TRANSLATE_NOOP("ApprovalsPage", "No work order matches the filter ({filter})."))
CC_ME = (QT_TRANSLATE_NOOP("ApprovalsPage", "No order was CC'd to you."),
         QT_TRANSLATE_NOOP("ApprovalsPage", "No order CC'd to you matches the filter ({filter})."))


def _value_text(spec: FilterField, value: object) -> str:
    if isinstance(spec, ChoiceField):
        for choice, label in spec.choices:
            if choice == value:
                return label() if callable(label) else translate(CONTEXT, label)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def filter_summary(fields: Sequence[FilterField], applied: BaseModel, defaults: BaseModel) -> str:
    """"Flow: Set day-trade window; Maker User Name: maker": the fields set away from their default."""
    parts = []
    for spec in fields:
        value = getattr(applied, spec.key, None)
        if value in (None, "") or value == getattr(defaults, spec.key, None):
            continue
        parts.append(f"{translate(CONTEXT, spec.label)}: {_value_text(spec, value)}")
    return "; ".join(parts)


def empty_text(sources: tuple[str, str], fields: Sequence[FilterField], applied: BaseModel,
               defaults: BaseModel) -> str:
    summary = filter_summary(fields, applied, defaults)
    unfiltered, filtered = sources
    return translate(CONTEXT, filtered).format(filter=summary) if summary else translate(CONTEXT, unfiltered)
