"""Who an order awaits now: the one place that says it for the event stream.

The inbox's rule decides, read from the order's side (repository.py, ``awaiting_audience`` beside
the inbox's query): the approvers its approval chain named on its current level and the delegates
in force now for any of them and its flow, but its maker and whoever decided it already. Nothing is
told when a delegation starts or ends: the next event of an order simply reaches whom it awaits then.
"""

from sqlalchemy.orm import Session

from backend.kit.clock import utcnow
from backend.work_orders import repository as repo
from backend.work_orders.models import WorkOrder


def audience(session: Session, order: WorkOrder) -> set[int]:
    """The users who may decide ``order`` at its current level now, themselves or as a delegate;
    none once it is no longer pending."""
    return repo.awaiting_audience(session, order, utcnow())
