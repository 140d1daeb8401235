"""Handing an order to others: 轉交 (an approver of the current level gives their seat to someone
eligible, with a note) and 抄送 (the maker or an approver copies more people on it). Both run under
the order's row lock, like a decision, so a transfer and a decision at the same moment take turns:
whichever comes second sees the first (a decided seat cannot be transferred; a transferred seat
cannot be decided by its former holder)."""

from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.auth.service import Principal
from backend.kit.clock import utcnow
from backend.kit.errors import AppError
from backend.work_orders import announce, lifecycle
from backend.work_orders import repository as repo
from backend.work_orders.audience import audience
from backend.work_orders.models import WorkOrder
from backend.work_orders.service import get_or_404
from backend.work_orders.transitions import state_of
from services.contract.errors import ErrorCode
from services.contract.identity import TransferRefusal
from services.contract.schemas import TransferCandidateOut

CANDIDATES_MAX = 20

_REASONS = {
    TransferRefusal.UNKNOWN: "There is no user {to}.",
    TransferRefusal.INACTIVE: "{to}'s account is disabled.",
    TransferRefusal.MAKER: "{to} submitted this work order and can never decide it.",
    TransferRefusal.ALREADY_APPROVER: "{to} is already an approver of this level (or handed it on before).",
    TransferRefusal.DECIDED_OTHER_LEVEL: "{to} decided another level of this work order; one person decides "
                                         "at most one level.",
    TransferRefusal.CANNOT_APPROVE: "{to} has no approvals inbox, so could never decide it.",
}


def _not_eligible(refusal: TransferRefusal, to: str) -> AppError:
    reason = _REASONS[refusal].format(to=to)
    return AppError(422, ErrorCode.TRANSFER_TARGET_NOT_ELIGIBLE, "This person cannot take your place.", reason,
                    [{"row": None, "field": "to", "code": refusal.value, "reason": reason}])


def transfer(session: Session, principal: Principal, order_id: int, to: str, note: str) -> WorkOrder:
    """Gives ``principal``'s seat on the order's current level to ``to``; the seat still takes one
    decision (a 會簽 level needs the new holder's where it needed the old one's)."""
    note = note.strip()  # TransferIn holds it to something besides spaces
    order = get_or_404(session, order_id, for_update=True)
    state, now, awaited_by = state_of(session, order), utcnow(), audience(session, order)
    try:
        level = lifecycle.check_transferable(state, actor_id=principal.user_id, now=now)
    except lifecycle.LifecycleError as exc:
        raise AppError(exc.status, exc.code, exc.message) from None
    target = repo.person(session, to)
    if target is None:
        raise _not_eligible(TransferRefusal.UNKNOWN, to)
    refusal = lifecycle.transfer_refusal(state, level, target_id=target.id, active=target.active,
                                         may_approve=bool(target.may_approve),
                                         ever_on_level=repo.ever_on_level(session, order.id, level))
    if refusal is not None:
        raise _not_eligible(refusal, to)
    repo.move_seat(session, order.id, level, principal.user_id, target.id, principal.username, note, now)
    order.updated_at = now
    order.row_version += 1
    audit.record(session, actor_id=principal.user_id, action="work_order.transfer", entity_type="work_order",
                 entity_id=str(order.id), before={"level": level, "approver": principal.username},
                 after={"level": level, "approver": target.username, "note": note})
    session.flush()
    announce.handed_over(session, order, awaited_by)
    return order


def candidates(session: Session, principal: Principal, order_id: int, text_filter: str) -> list[TransferCandidateOut]:
    """Who ``principal`` may transfer their seat to now (refused as a transfer would be)."""
    order = get_or_404(session, order_id)
    state = state_of(session, order)
    try:
        level = lifecycle.check_transferable(state, actor_id=principal.user_id, now=utcnow())
    except lifecycle.LifecycleError as exc:
        raise AppError(exc.status, exc.code, exc.message) from None
    rows = repo.transfer_candidates(session, order.id, level, order.maker_id, text_filter.strip(), CANDIDATES_MAX)
    return [TransferCandidateOut(user_id=r.id, username=r.username, name=r.display_name) for r in rows]


def add_cc(session: Session, principal: Principal, order_id: int, usernames: list[str]) -> WorkOrder:
    """Copies ``usernames`` on the order (抄送): by its maker or anyone its levels name. Those
    already copied are left as they are; an unknown or disabled account, or the maker, is refused."""
    order = get_or_404(session, order_id, for_update=True)
    ever_named = {u for level in range(1, order.levels + 1) for u in repo.ever_on_level(session, order.id, level)}
    if principal.user_id != order.maker_id and principal.user_id not in ever_named:
        raise AppError(403, ErrorCode.PERMISSION_DENIED, "Only the maker or an approver of this work order may "
                       "copy others on it.")
    found = repo.people(session, usernames)
    errors: list[dict] = []
    reasons: list[str] = []
    for index, name in enumerate(usernames):
        row = found.get(name)
        reason = ("There is no such user." if row is None else "This account is disabled." if not row.active
                  else "The maker already follows this work order." if row.id == order.maker_id else None)
        if reason:
            reasons.append(f"{name}: {reason}")
            errors.append({"row": None, "field": f"users.{index}", "code": "not_copyable", "reason": reasons[-1]})
    if errors:
        raise AppError(422, ErrorCode.RULE_VIOLATION, "Some people cannot be copied on this work order.",
                       "; ".join(reasons), errors)
    already = repo.copied_ids(session, order.id)
    added = sorted({found[n].id for n in usernames} - already)
    repo.add_cc(session, order.id, added, (principal.user_id, principal.username), utcnow())
    if added:
        audit.record(session, actor_id=principal.user_id, action="work_order.cc", entity_type="work_order",
                     entity_id=str(order.id), before={"cc": sorted(already)}, after={"cc": sorted(already | set(added))})
    session.flush()
    return order
