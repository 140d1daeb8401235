"""Display texts of work orders: flow names, statuses, decisions, diff fields and level counts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from services.contract.flows import FLOW_NAMES
from services.contract.schemas import Decision, WorkOrderListItem, WorkOrderOut, WorkOrderStatus
from ui.common import formatting

CONTEXT = "Approvals"

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

# Row fields of the flows' before/after tables; a field not listed shows its own name.
_FIELD_LABELS = {
    "market": QT_TRANSLATE_NOOP("Approvals", "Market"),
    "time_zone": QT_TRANSLATE_NOOP("Approvals", "Time Zone"),
    "start": QT_TRANSLATE_NOOP("Approvals", "Start"),
    "force_close": QT_TRANSLATE_NOOP("Approvals", "Force Close"),
    "end": QT_TRANSLATE_NOOP("Approvals", "End"),
    "enabled": QT_TRANSLATE_NOOP("Approvals", "Enabled"),
    "symbol": QT_TRANSLATE_NOOP("Approvals", "Symbol"),
    "name": QT_TRANSLATE_NOOP("Approvals", "Name"),
    "im": QT_TRANSLATE_NOOP("Approvals", "IM"),
    "mcm": QT_TRANSLATE_NOOP("Approvals", "MCM"),
    "mm": QT_TRANSLATE_NOOP("Approvals", "MM"),
    "fm": QT_TRANSLATE_NOOP("Approvals", "FM"),
    "financeable": QT_TRANSLATE_NOOP("Approvals", "Financeable"),
    "effective_from": QT_TRANSLATE_NOOP("Approvals", "Effective From"),
    "remark": QT_TRANSLATE_NOOP("Approvals", "Remark"),
    "status": QT_TRANSLATE_NOOP("Approvals", "Status"),
    "borrow_fee_rate": QT_TRANSLATE_NOOP("Approvals", "Borrow Fee Rate"),
    "available_qty": QT_TRANSLATE_NOOP("Approvals", "Available Quantity"),
    "active": QT_TRANSLATE_NOOP("Approvals", "Active"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def flow_name(flow: str, language: str) -> str:
    """The flow's display name in ``language`` ("zh_Hant" or "en"); an unknown flow shows its id."""
    names = FLOW_NAMES.get(flow)
    if names is None:
        return flow
    return names[1] if language == "zh_Hant" else names[0]


def status_text(status: WorkOrderStatus | None) -> str:
    if status is None:
        return ""
    source = _STATUS_TEXTS.get(status)
    return tr(source) if source else str(status)


def status_color(status: WorkOrderStatus | None) -> str | None:
    return _STATUS_COLORS.get(status) if status is not None else None


def decision_text(decision: Decision) -> str:
    return tr(_DECISION_TEXTS[decision])


def field_label(field: str) -> str:
    source = _FIELD_LABELS.get(field)
    return tr(source) if source else field


def level_text(order: WorkOrderListItem | WorkOrderOut) -> str:
    """"1/2": the level awaiting a decision while pending, else how many levels approved."""
    if order.status == WorkOrderStatus.PENDING:
        return f"{min(order.approvals + 1, order.levels)}/{order.levels}"
    return f"{order.approvals}/{order.levels}"


def cell_text(value: Any) -> str:
    """A value of a before/after row (JSON): yes/no, Hong Kong time for instants, else as sent."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return formatting.yes_no(value)
    if isinstance(value, str) and len(value) >= 19 and value[10:11] == "T":
        try:
            return formatting.hk_datetime(datetime.fromisoformat(value))
        except ValueError:
            return value
    return str(value)
