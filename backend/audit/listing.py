"""The audit log as the API shows it: keyset pages newest first, the first with a capped count,
and one event in full (the SQL is the repository's)."""

from sqlalchemy.orm import Session

from backend.audit import repository as repo
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
    seek = repo.EVENT_KEYSET.seek(query)
    found = repo.EVENT_KEYSET.page(repo.event_page(session, query, seek, query.limit + 1), query.limit, seek,
                                   lambda row: [row.id])
    page = AuditEventPage(items=[AuditEventOut.model_validate(r, from_attributes=True) for r in found.rows],
                          next_cursor=found.next_cursor, prev_cursor=found.prev_cursor)
    if seek.key is None and not seek.backward:
        alone = found.next_cursor is None
        counted = len(found.rows) if alone else repo.count_capped(session, query, AUDIT_TOTAL_CAP)
        page.total, page.total_capped = min(counted, AUDIT_TOTAL_CAP), counted > AUDIT_TOTAL_CAP
    return page


def event_detail(session: Session, event_id: int) -> AuditEventDetail:
    row = repo.event(session, event_id)
    if row is None:
        raise AppError(404, ErrorCode.NOT_FOUND, "No such audit event.", f"There is no audit event {event_id}.")
    return AuditEventDetail.model_validate(row, from_attributes=True)
