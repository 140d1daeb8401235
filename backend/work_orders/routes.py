"""Work-order endpoints. Submitting needs the flow's own permission, checked in the service;
deciding needs the approvals (approval.inbox) and a place among the approvers of the level decided,
checked in the transition."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from fastapi.responses import StreamingResponse
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.auth.deps import checked_by, require
from backend.auth.route_rules import Rule
from backend.auth.service import Principal
from backend.db.session import get_db, get_write_db
from backend.events.brokers import Broker
from backend.kit.errors import AppError
from backend.kit.idempotency import IdempotencyKey
from backend.kit.ids import RowId
from backend.kit.xlsx_response import XLSX_RESPONSES, xlsx_response
from backend.work_orders import handovers, service, transitions, views
from backend.work_orders.export import write_export
from backend.work_orders.models import WorkOrder
from services.contract.errors import ErrorCode
from services.contract.permissions import Perm
from services.contract.queries import WORK_ORDER_EXPORT_PATH, WorkOrderExport, WorkOrderQuery
from services.contract.schemas import (
    CcIn,
    DecisionIn,
    ResubmitIn,
    TransferCandidateOut,
    TransferIn,
    WorkOrderCounts,
    WorkOrderOut,
    WorkOrderPage,
    WorkOrderSubmit,
)
from services.rules.stock_margin import MAX_BATCH_ROWS

router = APIRouter(tags=["work orders"])

# A work order may carry a whole margin upload: MAX_BATCH_ROWS rows, each with the version its draft
# started from, at most about 1,030 bytes a row as the desktop sends them (every field at its
# longest, a 200-character remark in four-byte UTF-8 is 800 of them); tests/backend/test_body_limits.py
# measures it.
WORK_ORDER_BODY_MAX = MAX_BATCH_ROWS * 1_280

# The permission of each of these depends on the order or flow it names; the service checks it.
Submitter = Annotated[Principal, Depends(checked_by(Rule.FLOW_SUBMIT))]
Resubmitter = Annotated[Principal, Depends(checked_by(Rule.MAKER_RESUBMIT))]
Lister = Annotated[Principal, Depends(checked_by(Rule.WORK_ORDER_LIST, Perm.APPROVAL_INBOX))]
InboxUser = Annotated[Principal, Depends(require(Perm.APPROVAL_INBOX))]
Reader = Annotated[Principal, Depends(checked_by(Rule.WORK_ORDER_READ))]
Decider = Annotated[Principal, Depends(checked_by(Rule.FLOW_DECIDE, Perm.APPROVAL_INBOX))]
Withdrawer = Annotated[Principal, Depends(checked_by(Rule.MAKER_WITHDRAW))]
Transferrer = Annotated[Principal, Depends(checked_by(Rule.LEVEL_APPROVER, Perm.APPROVAL_INBOX))]
Copier = Annotated[Principal, Depends(checked_by(Rule.ORDER_PARTY, Perm.APPROVAL_INBOX))]


def _submitted(session: Session, events: Broker, response: Response, order: WorkOrder, created: bool,
               principal: Principal) -> WorkOrderOut:
    """Commits, then tells the order's approvers; a retry that found its earlier order answers 200
    instead of 201."""
    session.commit()
    events.publish_staged(session)
    if not created:
        response.status_code = 200
    return views.to_out(session, order, principal)


@router.post("/work-orders", response_model=WorkOrderOut, status_code=201, max_body_size=WORK_ORDER_BODY_MAX,
             responses={200: {"model": WorkOrderOut, "description": "a retry: the order already made"}})
def submit(body: WorkOrderSubmit, principal: Submitter, response: Response,
           session: Annotated[Session, Depends(get_write_db)],
           idempotency_key: IdempotencyKey, events: Broker):
    order, created = service.submit(session, principal, body, idempotency_key)
    return _submitted(session, events, response, order, created, principal)


@router.post("/work-orders/{order_id}/resubmit", response_model=WorkOrderOut, status_code=201,
             max_body_size=WORK_ORDER_BODY_MAX, responses={200: {"model": WorkOrderOut, "description": "a retry: the order already made"}})
def resubmit(order_id: RowId, principal: Resubmitter, response: Response,
             session: Annotated[Session, Depends(get_write_db)], idempotency_key: IdempotencyKey,
             events: Broker, body: ResubmitIn | None = None):
    body = body or ResubmitIn()
    order, created = transitions.resubmit(session, principal, order_id, idempotency_key, body.payload, body.note,
                                          body.expected_versions)
    return _submitted(session, events, response, order, created, principal)


@router.get("/work-orders", response_model=WorkOrderPage)
def list_orders(principal: Lister, session: Annotated[Session, Depends(get_db)],
                query: Annotated[WorkOrderQuery, Query()]):
    return views.list_orders(session, principal, query)


# Declared before "/work-orders/{order_id}", though "export" is no order id anyway.
@router.get(WORK_ORDER_EXPORT_PATH, response_class=StreamingResponse, responses=XLSX_RESPONSES)
def export_orders(principal: Lister, session: Annotated[Session, Depends(get_db)],
                  query: Annotated[WorkOrderExport, Query()]):
    """The list ``query`` names, as filtered, in an Excel workbook in ``lang``."""
    return xlsx_response(write_export(session, principal, query), "work-orders")


@router.get("/work-orders/counts", response_model=WorkOrderCounts)
def counts(principal: InboxUser, session: Annotated[Session, Depends(get_db)]):
    """What the status bar shows: how many orders await my decision, how many of mine came back."""
    return views.counts(session, principal)


@router.post("/work-orders/returned/seen", response_model=WorkOrderCounts)
def returned_seen(principal: InboxUser, session: Annotated[Session, Depends(get_write_db)]):
    """I looked at my orders that came back decided: "Returned to me" counts from now."""
    answer = views.mark_returned_seen(session, principal)
    session.commit()
    return answer


@router.get("/work-orders/{order_id}", response_model=WorkOrderOut)
def get_order(order_id: RowId, principal: Reader, session: Annotated[Session, Depends(get_db)]):
    return views.to_out(session, service.readable_or_404(session, principal, order_id), principal)


def _transition(session: Session, events: Broker, principal: Principal, action) -> WorkOrderOut:
    """Commits the transition, then tells whom it concerns (backend/work_orders/announce.py)."""
    try:
        order = action()
    except AppError:
        session.commit()  # keeps an expiry found on the way; nothing else was written
        events.publish_staged(session)
        raise
    except IntegrityError:
        # The database's own guard (one decision per level) caught a concurrent decider; the
        # rollback drops what the decision staged.
        session.rollback()
        raise AppError(409, ErrorCode.NOT_PENDING, "Someone else decided this level first.") from None
    session.commit()
    events.publish_staged(session)
    return views.to_out(session, order, principal)


@router.post("/work-orders/{order_id}/decisions", response_model=WorkOrderOut)
def decide(order_id: RowId, body: DecisionIn, principal: Decider,
           session: Annotated[Session, Depends(get_write_db)], events: Broker):
    return _transition(session, events, principal, lambda: transitions.decide(session, principal, order_id, body.level, body.decision,
                                                       body.comment))


@router.post("/work-orders/{order_id}/withdraw", response_model=WorkOrderOut)
def withdraw(order_id: RowId, principal: Withdrawer, session: Annotated[Session, Depends(get_write_db)],
             events: Broker):
    return _transition(session, events, principal, lambda: transitions.withdraw(session, principal, order_id))


@router.post("/work-orders/{order_id}/transfer", response_model=WorkOrderOut)
def transfer(order_id: RowId, body: TransferIn, principal: Transferrer,
             session: Annotated[Session, Depends(get_write_db)], events: Broker):
    """轉交: an approver of the current level who has not decided it gives their seat to someone eligible."""
    return _transition(session, events, principal, lambda: handovers.transfer(session, principal, order_id, body.to, body.note))


@router.get("/work-orders/{order_id}/transfer-candidates", response_model=list[TransferCandidateOut])
def transfer_candidates(order_id: RowId, principal: Transferrer, session: Annotated[Session, Depends(get_db)],
                        q: Annotated[str, Query(max_length=64, description="part of a name or username")] = ""):
    """Who the caller may transfer their seat to now; the desktop offers only these."""
    return handovers.candidates(session, principal, order_id, q)


@router.post("/work-orders/{order_id}/cc", response_model=WorkOrderOut)
def add_cc(order_id: RowId, body: CcIn, principal: Copier, session: Annotated[Session, Depends(get_write_db)],
           events: Broker):
    """抄送: the maker or an approver copies more people on the order."""
    return _transition(session, events, principal, lambda: handovers.add_cc(session, principal, order_id, body.users))
