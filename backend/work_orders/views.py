"""Work orders as people read them: one order in full (its trail, its approvers per level, whether
it is blocked) and the lists (inbox, my requests, history, copied to me, every order)."""

from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session

from backend.auth.service import Principal
from backend.kit.clock import utcnow
from backend.kit.errors import AppError
from backend.work_orders import repository as repo
from backend.work_orders.models import WorkOrder
from backend.work_orders.service import flow_of
from backend.work_orders.transitions import delegators
from services.contract.errors import ErrorCode
from services.contract.permissions import Perm
from services.contract.queries import WORK_ORDER_TOTAL_CAP, WorkOrderFilter, WorkOrderQuery, WorkOrderView
from services.contract.schemas import (
    LevelApproverOut,
    RuleWarning,
    WorkOrderCounts,
    WorkOrderDecisionOut,
    WorkOrderLevelOut,
    WorkOrderListItem,
    WorkOrderOut,
    WorkOrderPage,
    WorkOrderStatus,
    WorkOrderTransferOut,
)


def _approval_levels(session: Session, order: WorkOrder) -> list[WorkOrderLevelOut]:
    people: dict[int, list[LevelApproverOut]] = {}
    for row in repo.level_approvers(session, order.id):
        people.setdefault(row.level, []).append(
            LevelApproverOut(user_id=row.user_id, name=row.display_name, via=row.via, active=row.active))
    return [WorkOrderLevelOut(level=level, mode=mode, approvers=people.get(level, []))
            for level, mode, _ in repo.levels(session, order.id)]


def _delegated_to(session: Session, order: WorkOrder, viewer: Principal | None,
                  levels: list[WorkOrderLevelOut]) -> list[int]:
    """The current level's approvers whose delegation to ``viewer`` is in force for this order."""
    if viewer is None or order.status != WorkOrderStatus.PENDING.value:
        return []
    current = next((lv for lv in levels if lv.level == order.approvals + 1), None)
    if current is None:
        return []
    away = delegators(session, viewer.user_id, order.flow, utcnow())
    return sorted(a.user_id for a in current.approvers if a.user_id in away)


def to_out(session: Session, order: WorkOrder, viewer: Principal | None = None) -> WorkOrderOut:
    """The order in full: the maker's name, the decision trail (with transfers and decisions made
    on someone's behalf), the proposed rows, who may decide each level, and whose seat ``viewer``
    may decide as their delegate."""
    handler = flow_of(order.flow).handler
    trail = repo.decisions(session, order.id)
    handed = repo.transfers(session, order.id)
    copied = repo.copied(session, order.id)
    names = repo.display_names(session, {order.maker_id} | {d.decider_id for d in trail}
                               | {d.on_behalf_of_id for d in trail if d.on_behalf_of_id is not None}
                               | {t.from_user_id for t in handed} | {t.to_user_id for t in handed}
                               | {r.added_by_id for r in copied if r.added_by_id is not None})
    decisions = [WorkOrderDecisionOut(level=d.level, decider_id=d.decider_id, decider_name=names[d.decider_id],
                                      decision=d.decision, comment=d.comment, decided_at=d.decided_at,
                                      on_behalf_of_id=d.on_behalf_of_id,
                                      on_behalf_of_name=names.get(d.on_behalf_of_id) if d.on_behalf_of_id else None)
                 for d in trail]
    transfers = [WorkOrderTransferOut(level=t.level, from_id=t.from_user_id, from_name=names[t.from_user_id],
                                      to_id=t.to_user_id, to_name=names[t.to_user_id], note=t.note,
                                      transferred_at=t.transferred_at) for t in handed]
    payload = handler.payload_model.model_validate(order.payload)
    proposed = handler.proposed(payload, order.snapshot)
    warned = getattr(handler, "warnings", None)  # only flows whose rules warn have it
    warnings = [RuleWarning.model_validate(v.as_error()) for v in warned(payload)] if warned else []
    cc = [LevelApproverOut(user_id=r.user_id, name=r.display_name, via=r.via, active=r.active, added_at=r.added_at,
                           added_by_name=names.get(r.added_by_id) if r.added_by_id is not None else None)
          for r in copied]
    levels = _approval_levels(session, order)
    return WorkOrderOut(id=order.id, flow=order.flow, status=order.status, maker_id=order.maker_id,
                        maker_name=names[order.maker_id], levels=order.levels, approvals=order.approvals,
                        summary=order.summary, summary_key=order.summary_key, summary_args=order.summary_args or {},
                        payload=order.payload, snapshot=order.snapshot,
                        proposed=proposed, diff_key=handler.diff_key, submitted_at=order.submitted_at,
                        updated_at=order.updated_at, expires_at=order.expires_at,
                        resubmitted_from_id=order.resubmitted_from_id, maker_note=order.maker_note,
                        decisions=decisions, warnings=warnings,
                        blocked=repo.is_blocked(session, order.id), chain_version=repo.chain_version(session, order),
                        approval_levels=levels, cc=cc, transfers=transfers,
                        delegated_to_me=_delegated_to(session, order, viewer, levels))


# --- lists -------------------------------------------------------------------------------------


def _view_all_only(principal: Principal) -> None:
    if Perm.APPROVAL_VIEW_ALL not in principal.permissions:
        raise AppError(403, ErrorCode.PERMISSION_DENIED, "You do not have the permission for this.",
                       f"Needs {Perm.APPROVAL_VIEW_ALL}.")


def list_view_allowed(principal: Principal, q: WorkOrderFilter) -> None:
    """Every order and the blocked filter are for those who may see every order (a list and its export)."""
    if q.view == WorkOrderView.ALL or q.blocked is not None:
        _view_all_only(principal)


def list_conditions(session: Session, principal: Principal, q: WorkOrderFilter) -> list[ColumnElement[bool]]:
    """A list's conditions as ``principal`` sees it: awaiting me counts the seats of those who
    delegated to me (a list and its export)."""
    delegations = repo.active_delegations(session, principal.user_id, utcnow()) if q.view == WorkOrderView.AWAITING_ME else []
    return repo.list_conditions(principal, q, delegations)


def list_orders(session: Session, principal: Principal, q: WorkOrderQuery) -> WorkOrderPage:
    """Awaiting my decision (or a delegator's), submitted by me, decided by me, copied to me, or all;
    keyset on id, newest first; the first page with its count (exact up to WORK_ORDER_TOTAL_CAP)."""
    list_view_allowed(principal, q)
    conditions = list_conditions(session, principal, q)
    seek = repo.LIST_KEYSET.seek(q)
    found = repo.LIST_KEYSET.page(repo.list_rows(session, conditions, seek, q.limit + 1), q.limit, seek,
                                  lambda row: [row.id])
    items = [WorkOrderListItem(id=r.id, flow=r.flow, status=r.status, maker_id=r.maker_id,
                               maker_name=r.display_name, levels=r.levels, approvals=r.approvals,
                               summary=r.summary, summary_key=r.summary_key, summary_args=r.summary_args or {},
                               submitted_at=r.submitted_at, expires_at=r.expires_at,
                               blocked=r.blocked)
             for r in found.rows]
    page = WorkOrderPage(items=items, next_cursor=found.next_cursor, prev_cursor=found.prev_cursor)
    if seek.key is None and not seek.backward:  # the first page counts, exact up to the cap; no other page
        counted = len(found.rows) if found.next_cursor is None else repo.count_capped(session, conditions,
                                                                                       WORK_ORDER_TOTAL_CAP)
        page.total, page.total_capped = min(counted, WORK_ORDER_TOTAL_CAP), counted > WORK_ORDER_TOTAL_CAP
    return page


def counts(session: Session, principal: Principal) -> WorkOrderCounts:
    """The status bar's: orders awaiting my decision (exact up to WORK_ORDER_TOTAL_CAP), and mine
    back decided since I last looked."""
    found = awaiting_count(session, principal)
    return WorkOrderCounts(awaiting_me=min(found, WORK_ORDER_TOTAL_CAP), awaiting_capped=found > WORK_ORDER_TOTAL_CAP,
                           returned_to_me=repo.returned_count(session, principal.user_id))


def mark_returned_seen(session: Session, principal: Principal) -> WorkOrderCounts:
    """I looked at my returned orders (My Requests): none of them counts from now on."""
    repo.set_returned_seen(session, principal.user_id, utcnow())
    return counts(session, principal)


def awaiting_count(session: Session, principal: Principal) -> int:
    """Orders awaiting ``principal``, counted no further than one past WORK_ORDER_TOTAL_CAP."""
    return repo.awaiting_count(session, principal, repo.active_delegations(session, principal.user_id, utcnow()),
                               WORK_ORDER_TOTAL_CAP)
