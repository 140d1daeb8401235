"""What the signed-in user may do with an order, so buttons are enabled only when it can work.

The client only hides; the backend decides (services/work_orders lifecycle) and refuses anything
else with a stable error code.
"""

from __future__ import annotations

from services.contract.permissions import decide_permission
from services.contract.schemas import MeOut, WorkOrderListItem, WorkOrderOut, WorkOrderStatus

RESUBMITTABLE = frozenset({WorkOrderStatus.REJECTED, WorkOrderStatus.STALE})


def may_decide(me: MeOut, order: WorkOrderListItem | WorkOrderOut) -> bool:
    """Pending, decidable by me, not mine; with the detail, also no earlier level of mine."""
    if order.status != WorkOrderStatus.PENDING or order.maker_id == me.id:
        return False
    if decide_permission(order.flow) not in me.permissions:
        return False
    decisions = getattr(order, "decisions", ())
    return not any(d.decider_id == me.id for d in decisions)


def may_withdraw(me: MeOut, order: WorkOrderOut) -> bool:
    return order.status == WorkOrderStatus.PENDING and order.maker_id == me.id


def may_resubmit(me: MeOut, order: WorkOrderOut) -> bool:
    return order.status in RESUBMITTABLE and order.maker_id == me.id and order.flow in me.permissions
