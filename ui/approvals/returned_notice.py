"""What a notice says when one of my work orders comes back decided (work_order.decided): which
order, what became of it, and a rejection's reason as the checker wrote it."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from services.contract.events import WorkOrderEvent
from services.contract.schemas import WorkOrderStatus
from ui.approvals.labels import flow_name, tr

# %1: the order ("#12 Set Day-Trade Time"); %2: the checker's comment.
_TEXTS = {
    WorkOrderStatus.APPROVED: QT_TRANSLATE_NOOP("Approvals", "Work order %1 was approved."),
    WorkOrderStatus.APPLIED: QT_TRANSLATE_NOOP("Approvals", "Work order %1 was approved and applied."),
    WorkOrderStatus.REJECTED: QT_TRANSLATE_NOOP("Approvals", "Work order %1 was rejected: %2"),
    WorkOrderStatus.STALE: QT_TRANSLATE_NOOP(
        "Approvals", "Work order %1 was approved but not applied: what it changes moved meanwhile. "
                     "Resubmit it from My Requests."),
    WorkOrderStatus.EXPIRED: QT_TRANSLATE_NOOP("Approvals", "Work order %1 expired before anyone decided it."),
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
    order = f"#{event.order_id} {flow_name(event.flow)}"
    return tr(source).replace("%1", order).replace("%2", event.comment or tr(_NO_REASON))
