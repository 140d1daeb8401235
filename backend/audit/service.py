"""Writing audit events: always in the caller's transaction, never updated afterwards.

Each event is appended to the hash chain (backend/audit/chain.py) under a lock on the one-row
``audit_chain_head``: ``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite write sessions begin
with ``BEGIN IMMEDIATE``, so the transaction already holds the database's only write lock. The
lock is held until the caller commits or rolls back, so concurrent writers append one after the
other in commit order and never fork the chain; the head moves in the same transaction, so a
rolled-back transaction takes its events and its head update with it and leaves no gap.

The event's id is taken under that lock, before the INSERT (the row is hashed over its id and
the append-only triggers refuse a later UPDATE): the sequence's next value on PostgreSQL, the
next rowid on SQLite. Ids therefore grow in chain order, which is the order verify() walks.
"""

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session

from backend.audit.chain import GENESIS_HASH, as_stored_json, event_hash
from backend.audit.models import AuditChainHead, AuditEvent
from backend.kit.clock import utcnow

HEAD_ID = 1


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
    prev_hash, last_id = _lock_head(session)
    if session.get_bind().dialect.name == "postgresql":
        event_id = session.execute(
            text("SELECT nextval(pg_get_serial_sequence('audit_events', 'id'))")).scalar_one()
    else:
        max_id = session.execute(select(func.max(AuditEvent.id))).scalar_one()
        event_id = max(max_id or 0, last_id or 0) + 1
    event = AuditEvent(id=event_id, at=utcnow(), actor_id=actor_id, action=action,
                       entity_type=entity_type, entity_id=entity_id,
                       before=as_stored_json(before), after=as_stored_json(after),
                       prev_hash=prev_hash)
    event.hash = event_hash(prev_hash, {
        "id": event.id, "at": event.at, "actor_id": event.actor_id, "action": event.action,
        "entity_type": event.entity_type, "entity_id": event.entity_id,
        "before": event.before, "after": event.after})
    session.add(event)
    session.execute(update(AuditChainHead).where(AuditChainHead.id == HEAD_ID)
                    .values(last_event_id=event.id, last_hash=event.hash))
    return event


def _lock_head(session: Session) -> tuple[str, int | None]:
    """The head's (last hash, last event id), locked until the transaction ends."""
    statement = (select(AuditChainHead.last_hash, AuditChainHead.last_event_id)
                 .where(AuditChainHead.id == HEAD_ID).with_for_update())
    row = session.execute(statement).one_or_none()
    if row is None:  # a schema built without the migrations (create_all in tests)
        session.execute(insert(AuditChainHead).values(id=HEAD_ID, last_event_id=None,
                                                      last_hash=GENESIS_HASH))
        row = session.execute(statement).one()
    return row.last_hash, row.last_event_id
