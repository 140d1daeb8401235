"""The audit log as the API shows it: keyset pages newest first, the first with a capped count,
and one event in full (the SQL is the repository's)."""

from sqlalchemy.orm import Session

from backend.audit import repository as repo
from backend.kit.cursor import decode_id_cursor, encode_cursor
from backend.kit.errors import AppError
from services.contract.audit import (
    AUDIT_TOTAL_CAP,
    AuditEventDetail,
    AuditEventOut,
    AuditEventPage,
    AuditEventQuery,
)
from services.contract.errors import ErrorCode


def events_page(session: Session, query: AuditEventQuery) -> AuditEventPage:
    """One page; a search's first page also counts its events (exact up to AUDIT_TOTAL_CAP), so
    deeper pages never pay for counting again."""
    before_id = decode_id_cursor(query.cursor)
    rows = repo.event_page(session, query, before_id, query.limit + 1)
    more = len(rows) > query.limit
    rows = rows[:query.limit]
    page = AuditEventPage(items=[AuditEventOut.model_validate(r, from_attributes=True) for r in rows],
                          next_cursor=encode_cursor([str(rows[-1].id)]) if more else None)
    if before_id is None:
        found = len(rows) if not more else repo.count_capped(session, query, AUDIT_TOTAL_CAP)
        page.total, page.total_capped = min(found, AUDIT_TOTAL_CAP), found > AUDIT_TOTAL_CAP
    return page


def event_detail(session: Session, event_id: int) -> AuditEventDetail:
    row = repo.event(session, event_id)
    if row is None:
        raise AppError(404, ErrorCode.NOT_FOUND, "No such audit event.", f"There is no audit event {event_id}.")
    return AuditEventDetail.model_validate(row, from_attributes=True)
