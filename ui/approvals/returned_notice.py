"""What a notice says when one of my work orders comes back decided (work_order.decided): which
order, what became of it, and a rejection's reason as the checker wrote it."""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP

from services.contract.events import WorkOrderEvent
from services.contract.schemas import WorkOrderStatus
from ui.approvals.labels import flow_name, tr

# %1: the order's number; %2: its flow's name; %3: the checker's comment.
_TEXTS = {
    WorkOrderStatus.APPROVED: QT_TRANSLATE_NOOP("Approvals", "Work order #%1 (%2) was approved."),
    WorkOrderStatus.APPLIED: QT_TRANSLATE_NOOP("Approvals", "Work order #%1 (%2) was approved and applied."),
    WorkOrderStatus.REJECTED: QT_TRANSLATE_NOOP("Approvals", "Work order #%1 (%2) was rejected: %3"),
    WorkOrderStatus.STALE: QT_TRANSLATE_NOOP(
        "Approvals", "Work order #%1 (%2) was approved but not applied: what it changes moved meanwhile. "
                     "Resubmit it from My Requests."),
    WorkOrderStatus.EXPIRED: QT_TRANSLATE_NOOP("Approvals", "Work order #%1 (%2) expired before anyone decided it."),
}
_NO_REASON = QT_TRANSLATE_NOOP("Approvals", "(no reason given)")

# The notice's tone (its colour in resources/style.qss): good news, refused, needs a look.
TONES = {WorkOrderStatus.APPROVED: "done", WorkOrderStatus.APPLIED: "done", WorkOrderStatus.REJECTED: "refused",
         WorkOrderStatus.STALE: "attention", WorkOrderStatus.EXPIRED: "attention"}


def returned_text(event: WorkOrderEvent) -> str | None:
    """The notice's sentence in the UI language; None for a status that is not a decision."""
    source = _TEXTS.get(event.status)
    if source is None:
        return None
    # One pass over the placeholders: a comment that itself holds "%2" stays as written.
    values = {"%1": str(event.order_id), "%2": flow_name(event.flow), "%3": event.comment or tr(_NO_REASON)}
    return re.sub(r"%[123]", lambda found: values[found.group()], tr(source))
