"""Who an order awaits now: the one place that says it for the event stream.

The inbox's rule decides, read from the order's side: the approvers its approval chain named on its
current level, but its maker and whoever decided it already (repository.py, beside the inbox's
query).
"""

from sqlalchemy.orm import Session

from backend.work_orders import repository as repo
from backend.work_orders.models import WorkOrder


def audience(session: Session, order: WorkOrder) -> set[int]:
    """The users who may decide ``order`` at its current level; none once it is no longer pending."""
    return repo.awaiting_audience(session, order)
