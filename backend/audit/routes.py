"""The audit trail over HTTP: the audit log (its events, one in full, their export, the chain's
check) and the chain's signed checkpoints, with the public key that checks them: an auditor copies
them off the machine and runs ``verify-audit`` against the database elsewhere. No query here: the
log's are the repository's, the checkpoints are the file backend/audit/anchor.py appends to."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from backend.audit import anchor
from backend.audit.chain_check import check_chain
from backend.audit.export import write_export
from backend.audit.listing import event_detail, events_page
from backend.auth.deps import get_settings_dep, require
from backend.auth.service import Principal
from backend.db.session import get_db
from backend.kit import signing_keys
from backend.kit.errors import AppError
from backend.kit.xlsx_response import XLSX_RESPONSES, xlsx_response
from backend.settings import Settings
from services.contract.audit import (
    AUDIT_CHECKPOINTS_PATH,
    AUDIT_EVENTS_EXPORT_PATH,
    AUDIT_EVENTS_PATH,
    AUDIT_VERIFY_PATH,
    CHECKPOINTS_PAGE_MAX,
    MAX_AUDIT_EVENT_ID,
    AuditCheckpointOut,
    AuditCheckpointsOut,
    AuditEventDetail,
    AuditEventExport,
    AuditEventPage,
    AuditEventQuery,
    ChainCheckOut,
)
from services.contract.errors import ErrorCode
from services.contract.permissions import Perm

router = APIRouter(tags=["audit"])

CanView = Annotated[Principal, Depends(require(Perm.AUDIT_CHECKPOINTS_VIEW))]
CanReadLog = Annotated[Principal, Depends(require(Perm.AUDIT_LOG_VIEW))]
EventId = Annotated[int, Path(ge=1, le=MAX_AUDIT_EVENT_ID)]


@router.get(AUDIT_EVENTS_PATH, response_model=AuditEventPage)
def list_events(_: CanReadLog, session: Annotated[Session, Depends(get_db)],
                query: Annotated[AuditEventQuery, Query()]):
    """Newest first; the first page of a search carries its count (capped)."""
    return events_page(session, query)


# Declared before the event's own path, so "export" is never read as an id.
@router.get(AUDIT_EVENTS_EXPORT_PATH, response_class=StreamingResponse, responses=XLSX_RESPONSES)
def export_events(_: CanReadLog, session: Annotated[Session, Depends(get_db)],
                  query: Annotated[AuditEventExport, Query()]):
    return xlsx_response(write_export(session, query), "audit-log")


@router.get(AUDIT_EVENTS_PATH + "/{event_id:int}", response_model=AuditEventDetail)
def get_event(event_id: EventId, _: CanReadLog, session: Annotated[Session, Depends(get_db)]):
    """The event in full: its before and after, and its place in the chain."""
    return event_detail(session, event_id)


@router.post(AUDIT_VERIFY_PATH, response_model=ChainCheckOut)
def verify_chain(_: CanReadLog, session: Annotated[Session, Depends(get_db)],
                 settings: Annotated[Settings, Depends(get_settings_dep)]):
    """Walks the whole chain against this backend's signed checkpoints (as ``verify-audit`` does) and
    answers intact or its first broken link. Writes nothing; POST because it is a check to run, not
    a resource to cache."""
    key_file, checkpoint_file = settings.audit_paths()
    return check_chain(session, key_file, checkpoint_file)


@router.get(AUDIT_CHECKPOINTS_PATH, response_model=AuditCheckpointsOut)
def list_checkpoints(
    _: CanView,
    settings: Annotated[Settings, Depends(get_settings_dep)],
    after: Annotated[int, Query(ge=0, description="only checkpoints of a larger size")] = 0,
    limit: Annotated[int, Query(ge=1, le=CHECKPOINTS_PAGE_MAX)] = CHECKPOINTS_PAGE_MAX,
) -> AuditCheckpointsOut:
    key_file, checkpoint_file = settings.audit_paths()
    try:
        public_key, checkpoints, more = anchor.published(key_file, checkpoint_file, after=after, limit=limit)
    except (OSError, ValueError) as exc:
        raise AppError(500, ErrorCode.INTERNAL_ERROR, "The audit checkpoints cannot be read.", str(exc)) from exc
    return AuditCheckpointsOut(
        public_key_pem=signing_keys.public_pem(public_key).decode("ascii") if public_key else None,
        key_id=signing_keys.key_id(public_key) if public_key else None,
        checkpoints=[AuditCheckpointOut(size=c.size, last_event_id=c.last_event_id, head_hash=c.head_hash,
                                        at=c.at_time, at_signed=c.at, key_id=c.key_id, signature=c.signature)
                     for c in checkpoints],
        more=more)
