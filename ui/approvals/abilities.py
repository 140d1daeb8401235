"""What the signed-in user may do with an order, so buttons are enabled only when it can work.

The client only hides; the backend decides (services/work_orders lifecycle) and refuses anything
else with a stable error code.
"""

from __future__ import annotations

from services.contract.schemas import MeOut, WorkOrderListItem, WorkOrderOut, WorkOrderStatus

RESUBMITTABLE = frozenset({WorkOrderStatus.REJECTED, WorkOrderStatus.STALE})


def may_decide(me: MeOut, order: WorkOrderListItem | WorkOrderOut) -> bool:
    """Pending and not mine; with the detail, also its current level names me and I decided no
    level of it. A list row of the inbox is one the backend found awaiting me (its approval chain
    names me), which is all a row can say."""
    if order.status != WorkOrderStatus.PENDING or order.maker_id == me.id:
        return False
    if isinstance(order, WorkOrderOut):
        if any(d.decider_id == me.id for d in order.decisions):
            return False
        level = next((lv for lv in order.approval_levels if lv.level == order.approvals + 1), None)
        return level is None or any(a.user_id == me.id for a in level.approvers)
    return True


def may_withdraw(me: MeOut, order: WorkOrderOut) -> bool:
    return order.status == WorkOrderStatus.PENDING and order.maker_id == me.id


def may_resubmit(me: MeOut, order: WorkOrderOut) -> bool:
    return order.status in RESUBMITTABLE and order.maker_id == me.id and order.flow in me.permissions
