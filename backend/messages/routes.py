"""Message Center › Message Records."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse
from pydantic import Field
from sqlalchemy.orm import Session

from backend.auth.deps import require
from backend.auth.service import Principal
from backend.db.session import get_db, get_write_db
from backend.kit.idempotency import IdempotencyKey
from backend.kit.ids import MessageId
from backend.kit.xlsx_response import XLSX_RESPONSES, xlsx_response
from backend.messages.detail import attempt_states, record_detail
from backend.messages.export import write_export
from backend.messages.listing import count_records, records_page, templates
from backend.messages.resend import bulk_resend, resend, resend_answer
from services.contract.permissions import Perm
from services.contract.queries import (
    MESSAGE_ATTEMPTS_PATH,
    MESSAGE_BULK_RESEND_PATH,
    MESSAGE_COUNT_PATH,
    MESSAGE_EXPORT_PATH,
    MESSAGE_RECORDS_PATH,
    MESSAGE_TEMPLATES_PATH,
    MessageExport,
    MessageFilter,
    MessageQuery,
)
from services.contract.schemas import (
    BULK_RESEND_MAX,
    MAX_MESSAGE_ID,
    BulkResendIn,
    BulkResendOut,
    DeliveryAttemptOut,
    MessageCount,
    MessageRecordDetail,
    MessageRecordOut,
    MessageTemplateOut,
    Page,
    ResendIn,
    ResendOut,
)

router = APIRouter(tags=["messages"])

CanView = Annotated[Principal, Depends(require(Perm.MESSAGE_RECORD_VIEW))]
CanResend = Annotated[Principal, Depends(require(Perm.MESSAGE_RECORD_RESEND))]


@router.get(MESSAGE_RECORDS_PATH, response_model=Page[MessageRecordOut])
def list_records(_: CanView, session: Annotated[Session, Depends(get_db)], query: Annotated[MessageQuery, Query()]):
    """One keyset page, without a total: the count is MESSAGE_COUNT_PATH's."""
    return records_page(session, query)


# Declared before "/{record_id}" routes of the same prefix, so "count" is never read as an id.
@router.get(MESSAGE_COUNT_PATH, response_model=MessageCount)
def count_matching(_: CanView, session: Annotated[Session, Depends(get_db)],
                   query: Annotated[MessageFilter, Query()]):
    """How many records the filter matches, exact up to MESSAGE_TOTAL_CAP (then ``capped``); asked
    beside the first page, so rows never wait for their count."""
    return count_records(session, query)


@router.get(MESSAGE_TEMPLATES_PATH, response_model=list[MessageTemplateOut])
def list_templates(_: CanView, session: Annotated[Session, Depends(get_db)]):
    """Every template, for the filter and the names in the list."""
    return templates(session)


# Declared before "/{record_id}" routes of the same prefix, so "export.xlsx" is never read as an id.
@router.get(MESSAGE_EXPORT_PATH, response_class=StreamingResponse, responses=XLSX_RESPONSES)
def export_records(_: CanView, session: Annotated[Session, Depends(get_db)],
                   query: Annotated[MessageExport, Query()]):
    return xlsx_response(write_export(session, query), "message-records")


# Declared before "/{record_id}" routes of the same prefix so "resend" is never read as an id.
@router.post(MESSAGE_BULK_RESEND_PATH, response_model=BulkResendOut)
def resend_records(body: BulkResendIn, principal: CanResend, session: Annotated[Session, Depends(get_write_db)],
                   idempotency_key: IdempotencyKey):
    """Queues a resend of each record; each is answered on its own (queued, or refused by code)."""
    results = bulk_resend(session, principal, body.record_ids, body.reason, idempotency_key)
    session.commit()
    return BulkResendOut(results=results)


@router.get(MESSAGE_ATTEMPTS_PATH, response_model=list[DeliveryAttemptOut])
def list_attempts(_: CanView, session: Annotated[Session, Depends(get_db)],
                  ids: Annotated[list[Annotated[int, Field(ge=1, le=MAX_MESSAGE_ID)]],
                             Query(min_length=1, max_length=BULK_RESEND_MAX)]):
    """The current state of the attempts asked for: how the desktop follows its resends."""
    return attempt_states(session, ids)


# Digits only: any other segment is not a record (404), and GET /messages/records/resend is the bulk
# resend's path, answered 405 with Allow: POST, not a record id that is not a number (422).
@router.get(MESSAGE_RECORDS_PATH + "/{record_id:int}", response_model=MessageRecordDetail)
def get_record(record_id: MessageId, _: CanView, session: Annotated[Session, Depends(get_db)]):
    return record_detail(session, record_id)


@router.post(MESSAGE_RECORDS_PATH + "/{record_id}/resend", response_model=ResendOut, status_code=202)
def resend_record(record_id: MessageId, body: ResendIn, principal: CanResend,
                  session: Annotated[Session, Depends(get_write_db)], idempotency_key: IdempotencyKey):
    """Queues a new delivery attempt; the dispatcher sends it. 202: accepted, not yet sent."""
    attempt = resend(session, principal, record_id, body.reason, idempotency_key)
    session.commit()
    return resend_answer(session, record_id, attempt)
