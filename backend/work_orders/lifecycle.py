"""The rules of a work order's life, without a database: who may do what, and what follows.

    pending ──approve (last level complete)──▶ approved ──apply──▶ applied
       │                                          └──target changed──▶ stale
       ├──approve (level complete, more follow)──▶ pending (next level)
       ├──approve (會簽 level, others still to approve)──▶ pending (same level)
       ├──reject (comment)──▶ rejected
       ├──withdraw (maker)──▶ withdrawn
       └──expiry passed──▶ expired

Who may decide a level is fixed when the order is submitted (its approval chain's people): one of
the level's approvers, never the maker, and nobody who decided another level of the order. A 或簽
(``any``) level completes with its first approval, a 會簽 (``all``) level once each of its
approvers approved; any rejection rejects the order.

An approver of the current level who has not decided it may transfer (轉交) their seat to someone
eligible (active, not the maker, not on the level already, and who decided no other level). A
delegate (委託) may decide in the seat of an approver who delegated to them: the seat takes one
decision however it is made, and a delegate, like anyone, decides at most one level of an order.

Rejected and stale orders may be resubmitted, as a new order prefilled from the old one.
The service layer loads a row, runs these functions, and writes the result and an audit event
in one transaction; keeping the rules here lets every transition be tested on its own.
"""

from dataclasses import dataclass, field
from datetime import datetime

from services.contract.errors import ErrorCode
from services.contract.identity import ApprovalMode, TransferRefusal
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
    on_behalf_of: int | None = None  # the approver a delegate decided for

    @property
    def seat(self) -> int:
        """The approver whose place on the level this decision fills."""
        return self.decider_id if self.on_behalf_of is None else self.on_behalf_of


@dataclass(frozen=True)
class Level:
    """A level as the order was submitted: the user ids who may decide it, and how."""

    approvers: frozenset[int]
    mode: ApprovalMode = ApprovalMode.ANY


@dataclass
class OrderState:
    flow: str
    maker_id: int
    levels: tuple[Level, ...]
    status: WorkOrderStatus = WorkOrderStatus.PENDING
    decisions: list[LevelDecision] = field(default_factory=list)
    expires_at: datetime | None = None

    def approved_by(self, level: int) -> set[int]:
        """The seats (approvers) of ``level`` approved, by themselves or by their delegate."""
        return {d.seat for d in self.decisions if d.level == level and d.decision == Decision.APPROVE}

    def has_decided(self, user_id: int) -> bool:
        """``user_id`` decided a level of this order, themselves, for someone, or by a delegate."""
        return any(user_id in (d.decider_id, d.seat) for d in self.decisions)

    def complete(self, level: int) -> bool:
        """或簽: one approval; 會簽: every approver's (a level naming nobody never completes)."""
        rule, approved = self.levels[level - 1], self.approved_by(level)
        if rule.mode == ApprovalMode.ALL:
            return bool(rule.approvers) and rule.approvers <= approved
        return bool(approved)

    @property
    def current_level(self) -> int:
        """The level awaiting a decision (1-based); len(levels) + 1 once every level completed."""
        level = 1
        while level <= len(self.levels) and self.complete(level):
            level += 1
        return level


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


def seat_for(state: OrderState, decider_id: int, delegators: set[int]) -> int | None:
    """Whose seat ``decider_id`` decides on the current level: their own if the level names them,
    else that of an approver who delegated to them (``delegators``, in force for this order) and has
    not decided yet; None (their own) when neither."""
    level = state.current_level
    if level > len(state.levels) or decider_id in state.levels[level - 1].approvers:
        return None
    seats = sorted(state.levels[level - 1].approvers & delegators)
    return next((s for s in seats if not state.has_decided(s)), seats[0] if seats else None)


def decide(state: OrderState, *, decider_id: int, level: int, decision: Decision, comment: str | None,
           now: datetime, on_behalf_of: int | None = None) -> LevelDecision:
    """Records one approver's decision on ``level``, the level they saw awaiting one (a delegate's
    in the seat of ``on_behalf_of``). After the last level completes the order is ``approved``; the
    caller then applies it and calls ``mark_applied`` or ``mark_stale`` in the same transaction."""
    _require_pending(state, now)
    if decider_id == state.maker_id:
        # Four eyes, whatever roles the maker also holds.
        raise LifecycleError(403, ErrorCode.MAKER_CANNOT_DECIDE,
                             "You submitted this work order; someone else must decide it.")
    current = state.current_level
    if level != current:
        raise LifecycleError(409, ErrorCode.DECISION_LEVEL_MOVED,
                             f"Level {level} of this work order has been decided meanwhile; "
                             f"it now awaits level {current}.")
    seat = decider_id if on_behalf_of is None else on_behalf_of
    if seat not in state.levels[current - 1].approvers:
        raise LifecycleError(403, ErrorCode.NOT_AN_APPROVER,
                             f"You are not an approver of level {current} of this work order; its approval "
                             "chain names who decides it.")
    if state.has_decided(decider_id):
        raise LifecycleError(409, ErrorCode.ALREADY_DECIDED,
                             "You already decided a level of this work order; another approver must decide this one.")
    if state.has_decided(seat):
        raise LifecycleError(409, ErrorCode.ALREADY_DECIDED,
                             "The approver you act for already decided a level of this work order, themselves "
                             "or through another delegate.")
    comment = (comment or "").strip() or None
    if decision == Decision.REJECT and comment is None:
        raise LifecycleError(422, ErrorCode.COMMENT_REQUIRED, "A rejection needs a comment.")
    record = LevelDecision(current, decider_id, decision, comment, now, on_behalf_of)
    state.decisions.append(record)
    if decision == Decision.REJECT:
        state.status = WorkOrderStatus.REJECTED
    elif state.current_level > len(state.levels):
        state.status = WorkOrderStatus.APPROVED
    return record


def check_transferable(state: OrderState, *, actor_id: int, now: datetime) -> int:
    """The level ``actor_id`` may hand on now: the current one, which names them and which they
    have not decided (their seat undecided)."""
    _require_pending(state, now)
    current = state.current_level
    if actor_id not in state.levels[current - 1].approvers:
        raise LifecycleError(403, ErrorCode.NOT_AN_APPROVER,
                             f"You are not an approver of level {current} of this work order; only its "
                             "approvers may transfer it.")
    if any(d.level == current and d.seat == actor_id for d in state.decisions):
        raise LifecycleError(409, ErrorCode.ALREADY_DECIDED,
                             "You already decided this level; a decided seat cannot be transferred.")
    return current


def transfer_refusal(state: OrderState, level: int, *, target_id: int, active: bool, may_approve: bool,
                     ever_on_level: set[int]) -> TransferRefusal | None:
    """Why ``target_id`` may not take a seat on ``level`` (``ever_on_level``: everyone the level
    named, transferred seats included), or None."""
    if not active:
        return TransferRefusal.INACTIVE
    if target_id == state.maker_id:
        return TransferRefusal.MAKER
    if target_id in ever_on_level:
        return TransferRefusal.ALREADY_APPROVER
    if state.has_decided(target_id):
        return TransferRefusal.DECIDED_OTHER_LEVEL
    if not may_approve:
        return TransferRefusal.CANNOT_APPROVE
    return None


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
