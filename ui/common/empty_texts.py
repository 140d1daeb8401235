"""Why a list is empty, as a sentence: its own (“Nothing awaits your decision.”), and when a
filter is applied the filter named field by field, so nobody takes a filtered-out row for a
missing one. Plain texts, no widgets; the sentences are a page's, marked with QT_TRANSLATE_NOOP."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pydantic import BaseModel
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ui.common.filter_bar import ChoiceField, FilterField

translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings

# A list's (without a filter, with one) as source texts; {filter} names the applied fields.
EmptySources = tuple[str, str]
ANY_LIST: EmptySources = (QT_TRANSLATE_NOOP("QueryPage", "Nothing here yet: the list is empty."),
                          QT_TRANSLATE_NOOP("QueryPage", "Nothing matches the filter ({filter})."))


def _value_text(spec: FilterField, value: object, label_context: str) -> str:
    if isinstance(spec, ChoiceField):
        for choice, label in spec.choices:
            if choice == value:
                return label() if callable(label) else translate(label_context, label)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def filter_summary(fields: Sequence[FilterField], applied: BaseModel, defaults: BaseModel, label_context: str) -> str:
    """"Flow: Set day-trade window; Maker User Name: maker": the fields set away from their default
    (labels and choices translated in ``label_context``, the page's)."""
    parts = []
    for spec in fields:
        value = getattr(applied, spec.key, None)
        if value in (None, "") or value == getattr(defaults, spec.key, None):
            continue
        parts.append(translate("QueryPage", "{field}: {value}").format(
            field=translate(label_context, spec.label), value=_value_text(spec, value, label_context)))
    return translate("QueryPage", "; ").join(parts)  # the language's own punctuation between the fields


def empty_text(sources: EmptySources, fields: Sequence[FilterField], applied: BaseModel, defaults: BaseModel,
               *, context: str, label_context: str | None = None) -> str:
    """The sentence of an empty list: ``sources`` translated in ``context``, the filter named."""
    summary = filter_summary(fields, applied, defaults, label_context or context)
    unfiltered, filtered = sources
    return translate(context, filtered).format(filter=summary) if summary else translate(context, unfiltered)
