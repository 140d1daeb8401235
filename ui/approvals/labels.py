"""Display texts of work orders: statuses, decisions and level counts; flow names and diff cells are
ui.common.change_texts', which every area shows."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from services.contract.schemas import Decision, WorkOrderListItem, WorkOrderOut, WorkOrderStatus
from ui.common.change_texts import cell_text, field_label, flow_name, summary_text, tr

__all__ = ["cell_text", "decision_text", "field_label", "flow_name", "level_text", "status_color", "status_text",
           "summary_text", "tr"]

_STATUS_TEXTS = {
    WorkOrderStatus.PENDING: QT_TRANSLATE_NOOP("Approvals", "Pending"),
    WorkOrderStatus.APPROVED: QT_TRANSLATE_NOOP("Approvals", "Approved"),
    WorkOrderStatus.APPLIED: QT_TRANSLATE_NOOP("Approvals", "Applied"),
    WorkOrderStatus.REJECTED: QT_TRANSLATE_NOOP("Approvals", "Rejected"),
    WorkOrderStatus.WITHDRAWN: QT_TRANSLATE_NOOP("Approvals", "Withdrawn"),
    WorkOrderStatus.EXPIRED: QT_TRANSLATE_NOOP("Approvals", "Expired"),
    WorkOrderStatus.STALE: QT_TRANSLATE_NOOP("Approvals", "Stale"),
}

# Text colours of the status column: waiting blue, done green, refused red, lapsed amber, gone grey.
_STATUS_COLORS = {
    WorkOrderStatus.PENDING: "#1d4ed8",
    WorkOrderStatus.APPROVED: "#1e7b34",
    WorkOrderStatus.APPLIED: "#1e7b34",
    WorkOrderStatus.REJECTED: "#b42318",
    WorkOrderStatus.STALE: "#8a5a00",
    WorkOrderStatus.EXPIRED: "#8a5a00",
    WorkOrderStatus.WITHDRAWN: "#627d98",
}

_DECISION_TEXTS = {
    Decision.APPROVE: QT_TRANSLATE_NOOP("Approvals", "Approved"),
    Decision.REJECT: QT_TRANSLATE_NOOP("Approvals", "Rejected"),
}


def status_text(status: WorkOrderStatus | None) -> str:
    if status is None:
        return ""
    source = _STATUS_TEXTS.get(status)
    return tr(source) if source else str(status)


def status_color(status: WorkOrderStatus | None) -> str | None:
    return _STATUS_COLORS.get(status) if status is not None else None


def decision_text(decision: Decision) -> str:
    return tr(_DECISION_TEXTS[decision])


def level_text(order: WorkOrderListItem | WorkOrderOut) -> str:
    """"1/2": the level awaiting a decision while pending, else how many levels approved."""
    if order.status == WorkOrderStatus.PENDING:
        return f"{min(order.approvals + 1, order.levels)}/{order.levels}"
    return f"{order.approvals}/{order.levels}"


BLOCKED = QT_TRANSLATE_NOOP("Approvals", "Blocked")
BLOCKED_COLOR = "#b42318"


def list_status_text(order: WorkOrderListItem | WorkOrderOut) -> str:
    """The status column: a blocked order says so, since someone must act on it."""
    text = status_text(order.status)
    return f"{text} · {tr(BLOCKED)}" if order.blocked else text


def list_status_color(order: WorkOrderListItem | WorkOrderOut) -> str | None:
    return BLOCKED_COLOR if order.blocked else status_color(order.status)
