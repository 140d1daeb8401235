"""Message Center › Message Records."""

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query
from sqlalchemy.orm import Session

from backend.auth.deps import require
from backend.auth.service import Principal
from backend.db.session import get_db, get_write_db
from backend.kit.errors import AppError
from backend.messages.listing import records_page
from backend.messages.models import MessageRecord
from backend.messages.resend import resend
from services.contract.errors import ErrorCode
from services.contract.permissions import Perm
from services.contract.queries import MESSAGE_RECORDS_PATH, MessageQuery
from services.contract.schemas import MessageRecordOut, Page, ResendIn, ResendOut

router = APIRouter(tags=["messages"])


@router.get(MESSAGE_RECORDS_PATH, response_model=Page[MessageRecordOut])
def list_records(_: Annotated[Principal, Depends(require(Perm.MESSAGE_RECORD_VIEW))],
                 session: Annotated[Session, Depends(get_db)], query: Annotated[MessageQuery, Query()]):
    return records_page(session, query)


@router.post(MESSAGE_RECORDS_PATH + "/{record_id}/resend", response_model=ResendOut, status_code=202)
def resend_record(record_id: int, body: ResendIn,
                  principal: Annotated[Principal, Depends(require(Perm.MESSAGE_RECORD_RESEND))],
                  session: Annotated[Session, Depends(get_write_db)],
                  idempotency_key: Annotated[str | None, Header(max_length=80)] = None):
    """Queues a new delivery attempt; the dispatcher sends it. 202: accepted, not yet sent."""
    if not idempotency_key or not idempotency_key.strip():
        raise AppError(400, ErrorCode.IDEMPOTENCY_KEY_REQUIRED, "An Idempotency-Key header is required to resend.")
    attempt = resend(session, principal, record_id, body.reason, idempotency_key.strip())
    session.commit()
    record = session.get(MessageRecord, record_id)
    return ResendOut(record_id=record_id, attempt_id=attempt.id, status=record.status, attempts=record.attempts)
