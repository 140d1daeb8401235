"""What the signed-in user may do with an order, so buttons are enabled only when it can work.

The client only hides; the backend decides (services/work_orders lifecycle) and refuses anything
else with a stable error code.
"""

from __future__ import annotations

from services.contract.schemas import (
    MeOut,
    WorkOrderLevelOut,
    WorkOrderListItem,
    WorkOrderOut,
    WorkOrderStatus,
)

RESUBMITTABLE = frozenset({WorkOrderStatus.REJECTED, WorkOrderStatus.STALE})


def may_decide(me: MeOut, order: WorkOrderListItem | WorkOrderOut) -> bool:
    """Pending and not mine; with the detail, also its current level names me and I decided no
    level of it. A list row of the inbox is one the backend found awaiting me (its approval chain
    names me), which is all a row can say."""
    if order.status != WorkOrderStatus.PENDING or order.maker_id == me.id:
        return False
    if isinstance(order, WorkOrderOut):
        if any(me.id in (d.decider_id, d.on_behalf_of_id) for d in order.decisions):
            return False
        level = _current_level(order)
        # My own seat, or that of an approver away whose delegation to me the backend found in force.
        return level is None or any(a.user_id == me.id for a in level.approvers) or bool(order.delegated_to_me)
    return True


def _current_level(order: WorkOrderOut) -> WorkOrderLevelOut | None:
    return next((lv for lv in order.approval_levels if lv.level == order.approvals + 1), None)


def may_transfer(me: MeOut, order: WorkOrderOut) -> bool:
    """轉交: pending, the current level names me, and my seat on it is not decided."""
    if order.status != WorkOrderStatus.PENDING:
        return False
    level = _current_level(order)
    if level is None or not any(a.user_id == me.id for a in level.approvers):
        return False
    return not any(d.level == level.level and (d.on_behalf_of_id or d.decider_id) == me.id for d in order.decisions)


def may_add_cc(me: MeOut, order: WorkOrderOut) -> bool:
    """抄送: the maker, or anyone a level names now (the backend also lets one who transferred their seat)."""
    return order.maker_id == me.id or any(a.user_id == me.id for lv in order.approval_levels for a in lv.approvers)


def may_withdraw(me: MeOut, order: WorkOrderOut) -> bool:
    return order.status == WorkOrderStatus.PENDING and order.maker_id == me.id


def may_resubmit(me: MeOut, order: WorkOrderOut) -> bool:
    return order.status in RESUBMITTABLE and order.maker_id == me.id and order.flow in me.permissions
