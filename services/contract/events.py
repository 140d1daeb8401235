"""The backend's event stream (``GET /events/stream``, server-sent events): what it says to whom.

An event names what changed (an order's id, flow and status; a chain's flow), never the rows: the
desktop reads the details through the usual routes. Each event goes only to the users it concerns,
as the backend decided after the change committed; a stream carries nothing else.

On the wire each event is ``event: <type>``, ``id: <event id>`` and ``data: <JSON>``; comment lines
(``: heartbeat``) keep the line alive. A client that reconnects sends the last id it saw as
``Last-Event-ID``: the events it missed follow if the backend still holds them, else ``resync``
comes first, meaning "refresh what you count, some events were missed". A fresh stream starts with
``resync`` too: counts read after it miss nothing.
"""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from services.contract.schemas import WorkOrderStatus

EVENTS_STREAM_PATH = "/events/stream"
# Longest Last-Event-ID the backend reads; ids it makes are far shorter.
EVENT_ID_MAX = 64
# A decision's comment as an event carries it (the rejection reason a notification shows); the
# order itself holds the whole comment.
EVENT_COMMENT_MAX = 500
# The backend sends a heartbeat at least this often (seconds); a client that hears nothing for
# several of them takes the line for dead.
HEARTBEAT_SECONDS = 15.0


class EventType(StrEnum):
    # A new order awaits you (you may decide its first level).
    WORK_ORDER_SUBMITTED = "work_order.submitted"
    # An order moved to a level you may decide.
    WORK_ORDER_LEVEL_ADVANCED = "work_order.level_advanced"
    # To the maker: your order was approved, applied, rejected (with the reason), went stale or expired.
    WORK_ORDER_DECIDED = "work_order.decided"
    # An order no longer awaits you: someone decided its level, or it was decided, withdrawn or expired.
    WORK_ORDER_LEFT_INBOX = "work_order.left_inbox"
    # To administrators: who approves a flow changed.
    APPROVAL_CHAIN_CHANGED = "approval_chain.changed"
    # Refresh what you count: events may have been missed (a fresh stream, or one resumed too late).
    RESYNC = "resync"


# What the maker is told about (work_order.decided); the orders "returned to me" count these too,
# but for expired (nobody decided it: it timed out).
DECIDED_STATUSES = frozenset({WorkOrderStatus.APPROVED, WorkOrderStatus.APPLIED, WorkOrderStatus.REJECTED,
                              WorkOrderStatus.STALE, WorkOrderStatus.EXPIRED})
RETURNED_STATUSES = frozenset({WorkOrderStatus.APPROVED, WorkOrderStatus.APPLIED, WorkOrderStatus.REJECTED,
                               WorkOrderStatus.STALE})


class _EventData(BaseModel):
    model_config = ConfigDict(extra="ignore")  # a newer backend may say more


class WorkOrderEvent(_EventData):
    """The data of every ``work_order.*`` event."""

    order_id: int
    flow: str
    status: WorkOrderStatus
    # The level now awaiting a decision (pending orders), else None.
    level: int | None = None
    # work_order.decided only: the decider's comment (a rejection's reason), cut to EVENT_COMMENT_MAX.
    comment: str | None = Field(None, max_length=EVENT_COMMENT_MAX)


class ApprovalChainEvent(_EventData):
    """The data of ``approval_chain.changed``: the flow whose chain changed (None: the default chain)."""

    flow: str | None = None


class ResyncEvent(_EventData):
    pass
