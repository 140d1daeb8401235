"""What a work order's transitions tell whom, staged in the transition's transaction and published
by the route after it commits (backend/events/staging.py).

- submitted: to its audience (who may decide its first level: its approvers and their delegates in
  force, backend/work_orders/audience.py);
- a level approved: ``level_advanced`` to the next level's audience;
- decided (approved, applied, rejected, stale) or expired: ``decided`` to the maker, with the
  decider's comment (a rejection's reason);
- a seat transferred: ``submitted`` to its new holder and their delegates (a new order for them),
  ``left_inbox`` to the one who gave it and theirs;
- whoever had it in their inbox and no longer has (someone decided the level, or the order is
  decided, withdrawn or expired): ``left_inbox``, so their count drops at once.

An event names the order, its flow, status and level; the desktop reads the rest through the usual
routes.
"""

from sqlalchemy.orm import Session

from backend.events.hub import Event
from backend.events.staging import stage
from backend.work_orders import repository as repo
from backend.work_orders.audience import audience
from backend.work_orders.models import WorkOrder
from services.contract.events import (
    DECIDED_STATUSES,
    EVENT_COMMENT_MAX,
    ApprovalChainEvent,
    EventType,
    WorkOrderEvent,
)
from services.contract.identity import ADMIN_ROLE
from services.contract.schemas import WorkOrderStatus


def _data(order: WorkOrder, comment: str | None = None) -> dict:
    pending = order.status == WorkOrderStatus.PENDING.value
    return WorkOrderEvent(order_id=order.id, flow=order.flow, status=WorkOrderStatus(order.status),
                          level=order.approvals + 1 if pending else None,
                          comment=comment[:EVENT_COMMENT_MAX] if comment else None).model_dump(mode="json")


def submitted(session: Session, order: WorkOrder) -> None:
    stage(session, Event(EventType.WORK_ORDER_SUBMITTED.value, _data(order), frozenset(audience(session, order))))


def moved(session: Session, order: WorkOrder, awaited_by: set[int], comment: str | None = None) -> None:
    """After a transition of ``order`` (flushed), which ``awaited_by`` had in their inbox before it."""
    now_awaited_by = audience(session, order)
    if order.status == WorkOrderStatus.PENDING.value:
        stage(session, Event(EventType.WORK_ORDER_LEVEL_ADVANCED.value, _data(order), frozenset(now_awaited_by)))
    elif WorkOrderStatus(order.status) in DECIDED_STATUSES:
        stage(session, Event(EventType.WORK_ORDER_DECIDED.value, _data(order, comment), frozenset({order.maker_id})))
    stage(session, Event(EventType.WORK_ORDER_LEFT_INBOX.value, _data(order), frozenset(awaited_by - now_awaited_by)))


def handed_over(session: Session, order: WorkOrder, awaited_by: set[int]) -> None:
    """After a seat of ``order`` changed hands (transferred, flushed): whoever now has it in their
    inbox hears of it as a new order; whoever had it and no longer has, that it left."""
    now_awaited_by = audience(session, order)
    stage(session, Event(EventType.WORK_ORDER_SUBMITTED.value, _data(order), frozenset(now_awaited_by - awaited_by)))
    stage(session, Event(EventType.WORK_ORDER_LEFT_INBOX.value, _data(order), frozenset(awaited_by - now_awaited_by)))


def approval_chain_changed(session: Session, flow: str | None) -> None:
    """Tells the administrators that who approves ``flow`` (None: the default chain) changed; the
    caller changes the chain in the same transaction, and its route publishes after commit."""
    stage(session, Event(EventType.APPROVAL_CHAIN_CHANGED.value, ApprovalChainEvent(flow=flow).model_dump(mode="json"),
                         frozenset(repo.users_with_role(session, ADMIN_ROLE))))
