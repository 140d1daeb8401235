"""The rules of a work order's life, without a database: who may do what, and what follows.

    pending ──approve (last level)──▶ approved ──apply──▶ applied
       │                                  └──target changed──▶ stale
       ├──approve (earlier level)──▶ pending (next level)
       ├──reject (comment)──▶ rejected
       ├──withdraw (maker)──▶ withdrawn
       └──expiry passed──▶ expired

Rejected and stale orders may be resubmitted, as a new order prefilled from the old one.
The service layer loads a row, runs these functions, and writes the result and an audit event
in one transaction; keeping the rules here lets every transition be tested on its own.
"""

from dataclasses import dataclass, field
from datetime import datetime

from services.contract.errors import ErrorCode
from services.contract.permissions import decide_permission
from services.contract.schemas import Decision, WorkOrderStatus

RESUBMITTABLE = frozenset({WorkOrderStatus.REJECTED, WorkOrderStatus.STALE})


class LifecycleError(Exception):
    """A refused transition: HTTP status, stable code, and a sentence for the person."""

    def __init__(self, status: int, code: ErrorCode, message: str):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass(frozen=True)
class LevelDecision:
    level: int
    decider_id: int
    decision: Decision
    comment: str | None
    at: datetime


@dataclass
class OrderState:
    flow: str
    maker_id: int
    levels: int
    status: WorkOrderStatus = WorkOrderStatus.PENDING
    decisions: list[LevelDecision] = field(default_factory=list)
    expires_at: datetime | None = None

    @property
    def current_level(self) -> int:
        """The level awaiting a decision (1-based); levels + 1 once every level approved."""
        return sum(d.decision == Decision.APPROVE for d in self.decisions) + 1


def expire_if_due(state: OrderState, now: datetime) -> bool:
    """Moves a pending order past its expiry to ``expired``; True if it did."""
    if state.status == WorkOrderStatus.PENDING and state.expires_at is not None and now >= state.expires_at:
        state.status = WorkOrderStatus.EXPIRED
        return True
    return False


def _require_pending(state: OrderState, now: datetime) -> None:
    expire_if_due(state, now)
    if state.status != WorkOrderStatus.PENDING:
        raise LifecycleError(409, ErrorCode.NOT_PENDING,
                             f"This work order is {state.status.value}; it can no longer be changed.")


def decide(state: OrderState, *, decider_id: int, permissions: frozenset[str], level: int, decision: Decision,
           comment: str | None, now: datetime) -> LevelDecision:
    """Records one level's decision. After the last approval the order is ``approved``; the
    caller then applies it and calls ``mark_applied`` or ``mark_stale`` in the same transaction."""
    _require_pending(state, now)
    if decider_id == state.maker_id:
        # Four eyes, whatever roles the maker also holds.
        raise LifecycleError(403, ErrorCode.MAKER_CANNOT_DECIDE,
                             "You submitted this work order; someone else must decide it.")
    if decide_permission(state.flow) not in permissions:
        raise LifecycleError(403, ErrorCode.PERMISSION_DENIED,
                             f"Deciding needs {decide_permission(state.flow)}.")
    if level != state.current_level:
        raise LifecycleError(409, ErrorCode.DECISION_LEVEL_MOVED,
                             f"Level {level} of this work order has been decided meanwhile; "
                             f"it now awaits level {state.current_level}.")
    if any(d.decider_id == decider_id for d in state.decisions):
        raise LifecycleError(409, ErrorCode.ALREADY_DECIDED,
                             "You already decided an earlier level; another approver must decide this one.")
    comment = (comment or "").strip() or None
    if decision == Decision.REJECT and comment is None:
        raise LifecycleError(422, ErrorCode.COMMENT_REQUIRED, "A rejection needs a comment.")
    record = LevelDecision(state.current_level, decider_id, decision, comment, now)
    state.decisions.append(record)
    if decision == Decision.REJECT:
        state.status = WorkOrderStatus.REJECTED
    elif state.current_level > state.levels:
        state.status = WorkOrderStatus.APPROVED
    return record


def withdraw(state: OrderState, *, actor_id: int, now: datetime) -> None:
    _require_pending(state, now)
    if actor_id != state.maker_id:
        raise LifecycleError(403, ErrorCode.ONLY_MAKER_WITHDRAWS, "Only the maker can withdraw a work order.")
    state.status = WorkOrderStatus.WITHDRAWN


def _require_approved(state: OrderState) -> None:
    if state.status != WorkOrderStatus.APPROVED:
        raise ValueError(f"only an approved order is applied or goes stale, not a {state.status} one")


def mark_applied(state: OrderState) -> None:
    _require_approved(state)
    state.status = WorkOrderStatus.APPLIED


def mark_stale(state: OrderState) -> None:
    """A target changed after submission: nothing is applied, the maker may resubmit."""
    _require_approved(state)
    state.status = WorkOrderStatus.STALE


def check_resubmittable(state: OrderState, *, actor_id: int) -> None:
    if state.status not in RESUBMITTABLE:
        raise LifecycleError(409, ErrorCode.NOT_RESUBMITTABLE,
                             f"A {state.status.value} work order cannot be resubmitted.")
    if actor_id != state.maker_id:
        raise LifecycleError(403, ErrorCode.PERMISSION_DENIED, "Only the maker can resubmit a work order.")
