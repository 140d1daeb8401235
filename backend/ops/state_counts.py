"""The counts ``/metrics`` reads from the database when it is scraped: a few grouped counts over
indexed columns, so a scrape every 15 s costs the database next to nothing.

Read at scrape time rather than counted by each process: the database is the one truth that every
worker and host shares, so any worker's answer is the deployment's.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.messages.models import DeliveryAttempt, MessageRecord
from backend.work_orders.models import WorkOrder
from services.contract.schemas import WorkOrderStatus

# The dispatcher's queue: attempts not yet sent or given up (backend/messages/dispatcher.py).
WAITING = ("queued", "sending")


@dataclass(frozen=True)
class QueueDepth:
    channel: str
    status: str
    attempts: int
    oldest: datetime  # when the oldest of them was queued


def work_orders_by_status(session: Session) -> dict[str, int]:
    """Every status, those with no order at 0 (a series that vanishes reads as a gap, not as 0)."""
    counts = {str(status): 0 for status in WorkOrderStatus}
    for status, count in session.execute(select(WorkOrder.status, func.count()).group_by(WorkOrder.status)):
        counts[status] = count
    return counts


def message_queue(session: Session) -> list[QueueDepth]:
    rows = session.execute(
        select(MessageRecord.channel, DeliveryAttempt.status, func.count(), func.min(DeliveryAttempt.created_at))
        .join(MessageRecord, MessageRecord.id == DeliveryAttempt.record_id)
        .where(DeliveryAttempt.status.in_(WAITING))
        .group_by(MessageRecord.channel, DeliveryAttempt.status))
    return [QueueDepth(channel, status, count, oldest) for channel, status, count, oldest in rows]
