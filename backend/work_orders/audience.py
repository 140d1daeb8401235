"""Who an order awaits now: the one place that says it for the event stream.

Today the inbox rule decides (whoever may decide the order's flow, but its maker and whoever
decided one of its levels). Approval chains will name each level's approvers instead: switch this
function (and the inbox's query beside it in the repository), and every event follows.
"""

from sqlalchemy.orm import Session

from backend.work_orders import repository as repo
from backend.work_orders.models import WorkOrder


def audience(session: Session, order: WorkOrder) -> set[int]:
    """The users who may decide ``order`` at its current level; none once it is no longer pending."""
    return repo.awaiting_audience(session, order)
