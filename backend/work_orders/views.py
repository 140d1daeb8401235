"""Work orders as people read them: one order in full (its trail, its approvers per level, whether
it is blocked) and the lists (inbox, my requests, history, copied to me, every order)."""

from sqlalchemy.orm import Session

from backend.auth.service import Principal
from backend.kit.clock import utcnow
from backend.kit.cursor import decode_id_cursor, encode_cursor
from backend.kit.errors import AppError
from backend.work_orders import repository as repo
from backend.work_orders.models import WorkOrder
from backend.work_orders.service import flow_of
from services.contract.errors import ErrorCode
from services.contract.permissions import Perm
from services.contract.queries import WorkOrderFilter, WorkOrderQuery, WorkOrderView
from services.contract.schemas import (
    LevelApproverOut,
    Page,
    RuleWarning,
    WorkOrderCounts,
    WorkOrderDecisionOut,
    WorkOrderLevelOut,
    WorkOrderListItem,
    WorkOrderOut,
)


def _approval_levels(session: Session, order: WorkOrder) -> list[WorkOrderLevelOut]:
    people: dict[int, list[LevelApproverOut]] = {}
    for row in repo.level_approvers(session, order.id):
        people.setdefault(row.level, []).append(
            LevelApproverOut(user_id=row.user_id, name=row.display_name, via=row.via, active=row.active))
    return [WorkOrderLevelOut(level=level, mode=mode, approvers=people.get(level, []))
            for level, mode, _ in repo.levels(session, order.id)]


def to_out(session: Session, order: WorkOrder) -> WorkOrderOut:
    """The order in full: the maker's name, the decision trail, the proposed rows, and who may
    decide each level."""
    handler = flow_of(order.flow).handler
    trail = repo.decisions(session, order.id)
    names = repo.display_names(session, {order.maker_id} | {d.decider_id for d in trail})
    decisions = [WorkOrderDecisionOut(level=d.level, decider_id=d.decider_id, decider_name=names[d.decider_id],
                                      decision=d.decision, comment=d.comment, decided_at=d.decided_at)
                 for d in trail]
    payload = handler.payload_model.model_validate(order.payload)
    proposed = handler.proposed(payload, order.snapshot)
    warned = getattr(handler, "warnings", None)  # only flows whose rules warn have it
    warnings = [RuleWarning.model_validate(v.as_error()) for v in warned(payload)] if warned else []
    cc = [LevelApproverOut(user_id=r.user_id, name=r.display_name, via=r.via, active=r.active)
          for r in repo.copied(session, order.id)]
    return WorkOrderOut(id=order.id, flow=order.flow, status=order.status, maker_id=order.maker_id,
                        maker_name=names[order.maker_id], levels=order.levels, approvals=order.approvals,
                        summary=order.summary, payload=order.payload, snapshot=order.snapshot,
                        proposed=proposed, diff_key=handler.diff_key, submitted_at=order.submitted_at,
                        updated_at=order.updated_at, expires_at=order.expires_at,
                        resubmitted_from_id=order.resubmitted_from_id, decisions=decisions, warnings=warnings,
                        blocked=repo.is_blocked(session, order.id), chain_version=repo.chain_version(session, order),
                        approval_levels=_approval_levels(session, order), cc=cc)


# --- lists -------------------------------------------------------------------------------------


def _view_all_only(principal: Principal) -> None:
    if Perm.APPROVAL_VIEW_ALL not in principal.permissions:
        raise AppError(403, ErrorCode.PERMISSION_DENIED, "You do not have the permission for this.",
                       f"Needs {Perm.APPROVAL_VIEW_ALL}.")


def list_view_allowed(principal: Principal, q: WorkOrderFilter) -> None:
    """Every order and the blocked filter are for those who may see every order (a list and its export)."""
    if q.view == WorkOrderView.ALL or q.blocked is not None:
        _view_all_only(principal)


def list_orders(session: Session, principal: Principal, q: WorkOrderQuery) -> Page[WorkOrderListItem]:
    """Awaiting my decision, submitted by me, decided by me, copied to me, or all; keyset on id,
    newest first."""
    list_view_allowed(principal, q)
    conditions = repo.list_conditions(principal, q)
    rows = repo.list_rows(session, conditions, decode_id_cursor(q.cursor), q.limit + 1)
    more = len(rows) > q.limit
    rows = rows[:q.limit]
    items = [WorkOrderListItem(id=r.id, flow=r.flow, status=r.status, maker_id=r.maker_id,
                               maker_name=r.display_name, levels=r.levels, approvals=r.approvals,
                               summary=r.summary, submitted_at=r.submitted_at, expires_at=r.expires_at,
                               blocked=r.blocked)
             for r in rows]
    return Page[WorkOrderListItem](items=items, total=repo.count(session, conditions),
                                   next_cursor=encode_cursor([str(rows[-1].id)]) if more else None)


def counts(session: Session, principal: Principal) -> WorkOrderCounts:
    """The status bar's: orders awaiting my decision, and mine back decided since I last looked."""
    return WorkOrderCounts(awaiting_me=repo.awaiting_count(session, principal),
                           returned_to_me=repo.returned_count(session, principal.user_id))


def mark_returned_seen(session: Session, principal: Principal) -> WorkOrderCounts:
    """I looked at my returned orders (My Requests): none of them counts from now on."""
    repo.set_returned_seen(session, principal.user_id, utcnow())
    return counts(session, principal)


def awaiting_count(session: Session, principal: Principal) -> int:
    return repo.awaiting_count(session, principal)
