"""Why an Approvals list is empty: each page's own sentence ("Nothing awaits your decision."), and,
when a filter is applied, the filter named field by field (ui/common/empty_texts.py)."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel
from PySide6.QtCore import QT_TRANSLATE_NOOP

from ui.common import empty_texts
from ui.common.empty_texts import EmptySources
from ui.common.filter_bar import FilterField

CONTEXT = "ApprovalsPage"

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


def empty_text(sources: EmptySources, fields: Sequence[FilterField], applied: BaseModel,
               defaults: BaseModel) -> str:
    return empty_texts.empty_text(sources, fields, applied, defaults, context=CONTEXT)
