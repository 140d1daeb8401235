"""Writing audit events: always in the caller's transaction, never updated afterwards."""

from sqlalchemy.orm import Session

from backend.audit.models import AuditEvent


def record(
    session: Session,
    *,
    actor_id: int | None,
    action: str,
    entity_type: str,
    entity_id: str | None = None,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEvent:
    event = AuditEvent(actor_id=actor_id, action=action, entity_type=entity_type,
                       entity_id=entity_id, before=before, after=after)
    session.add(event)
    return event
