"""The work-order lists: awaiting my decision, submitted by me, all; keyset on id, newest first."""

from datetime import timedelta

from sqlalchemy import Select, and_, exists, func, select
from sqlalchemy.orm import Session

from backend.auth.models import User
from backend.auth.service import Principal
from backend.kit.cursor import decode_cursor, encode_cursor
from backend.kit.errors import AppError
from backend.kit.hk_time import hk_day_start
from backend.work_orders.catalogue import CATALOGUE
from backend.work_orders.models import WorkOrder, WorkOrderDecision
from services.contract.errors import ErrorCode
from services.contract.permissions import Perm, decide_permission
from services.contract.queries import WorkOrderQuery, WorkOrderView
from services.contract.schemas import Page, WorkOrderListItem, WorkOrderStatus

_LIST_COLUMNS = (WorkOrder.id, WorkOrder.flow, WorkOrder.status, WorkOrder.maker_id, WorkOrder.levels,
                 WorkOrder.approvals, WorkOrder.summary, WorkOrder.submitted_at, WorkOrder.expires_at)


def _decidable_flows(principal: Principal) -> list[str]:
    return [flow for flow in CATALOGUE if decide_permission(flow) in principal.permissions]


def _awaiting(principal: Principal) -> list:
    mine_before = exists().where(WorkOrderDecision.work_order_id == WorkOrder.id,
                                 WorkOrderDecision.decider_id == principal.user_id)
    return [WorkOrder.status == WorkOrderStatus.PENDING.value,
            WorkOrder.flow.in_(_decidable_flows(principal)),
            WorkOrder.maker_id != principal.user_id, ~mine_before]


def _conditions(principal: Principal, q: WorkOrderQuery) -> list:
    if q.view == WorkOrderView.AWAITING_ME:
        conditions = _awaiting(principal)
    elif q.view == WorkOrderView.MINE:
        conditions = [WorkOrder.maker_id == principal.user_id]
    elif q.view == WorkOrderView.DECIDED:
        conditions = [exists().where(WorkOrderDecision.work_order_id == WorkOrder.id,
                                     WorkOrderDecision.decider_id == principal.user_id)]
    else:
        if Perm.APPROVAL_VIEW_ALL not in principal.permissions:
            raise AppError(403, ErrorCode.PERMISSION_DENIED, "You do not have the permission for this.",
                           f"Needs {Perm.APPROVAL_VIEW_ALL}.")
        conditions = []
    if q.flow:
        conditions.append(WorkOrder.flow == q.flow)
    if q.status:
        conditions.append(WorkOrder.status == q.status.value)
    if q.maker:
        conditions.append(User.username == q.maker)
    if q.submitted_from:
        conditions.append(WorkOrder.submitted_at >= hk_day_start(q.submitted_from))
    if q.submitted_to:
        conditions.append(WorkOrder.submitted_at < hk_day_start(q.submitted_to + timedelta(days=1)))
    return conditions


def _base(stmt: Select) -> Select:
    return stmt.join(User, User.id == WorkOrder.maker_id)


def list_orders(session: Session, principal: Principal, q: WorkOrderQuery) -> Page[WorkOrderListItem]:
    conditions = _conditions(principal, q)
    key = decode_cursor(q.cursor, 1)
    # Named columns only: an upload's payload and snapshot hold thousands of rows a list never shows.
    stmt = _base(select(*_LIST_COLUMNS, User.display_name)).where(*conditions)
    if key:
        if not key[0].isdigit():
            raise AppError(400, ErrorCode.INVALID_CURSOR, "The page cursor is not valid.")
        stmt = stmt.where(WorkOrder.id < int(key[0]))
    rows = session.execute(stmt.order_by(WorkOrder.id.desc()).limit(q.limit + 1)).all()
    more = len(rows) > q.limit
    rows = rows[:q.limit]
    total = session.scalar(_base(select(func.count()).select_from(WorkOrder)).where(*conditions))
    items = [WorkOrderListItem(id=r.id, flow=r.flow, status=r.status, maker_id=r.maker_id,
                               maker_name=r.display_name, levels=r.levels, approvals=r.approvals,
                               summary=r.summary, submitted_at=r.submitted_at, expires_at=r.expires_at)
             for r in rows]
    return Page[WorkOrderListItem](items=items, total=total,
                                   next_cursor=encode_cursor([str(rows[-1].id)]) if more else None)


def awaiting_count(session: Session, principal: Principal) -> int:
    return session.scalar(select(func.count()).select_from(WorkOrder).where(and_(*_awaiting(principal)))) or 0
