"""Writing audit events: always in the caller's transaction, never updated afterwards.

``record()`` stages an event on the session; the session's commit appends the staged events to
the hash chain (backend/audit/chain.py) last, after the transaction's own writes are flushed, under
a lock on the one-row ``audit_chain_head``: ``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite
write sessions begin with ``BEGIN IMMEDIATE``, so the transaction already holds the database's only
write lock. The lock is held from there to the commit, so concurrent writers append one after the
other in commit order and never fork the chain; the head moves in the same transaction, so a
rolled-back transaction takes its events and its head update with it and leaves no gap.

Taking the lock at the end rather than at the first ``record()`` matters under load: a decision
recorded its events before the rest of its work (applying the change, flushing, telling whom it
concerns), and every other audited write of every worker queued behind that work. Now the lock
covers only the append itself (the ids, one INSERT, the head's UPDATE) and the COMMIT
(bench/RESULTS.md, "Load"). The chain is the same: each event hashed over its predecessor's hash.

An event staged inside a savepoint that rolls back is dropped with it; events staged in a
transaction that rolls back are dropped. The event's id is taken under the lock, before the INSERT
(the row is hashed over its id and the append-only triggers refuse a later UPDATE): the sequence's
next values on PostgreSQL, the next rowids on SQLite. Ids therefore grow in chain order, which is
the order verify() walks; so do their times (``at`` is the time of the append).
"""

from sqlalchemy import event, func, insert, select, text, update
from sqlalchemy.orm import Session, SessionTransaction

from backend.audit.chain import GENESIS_HASH, as_stored_json, event_hash
from backend.audit.models import AuditChainHead, AuditEvent
from backend.kit.clock import utcnow

HEAD_ID = 1
# session.info: [(the transaction or savepoint it was staged in, event)], in record order
_STAGED = "opsdesk.staged_audit_events"


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
    """Stages the event; the commit appends it to the chain (its id, time and hashes are set then)."""
    staged = AuditEvent(actor_id=actor_id, action=action, entity_type=entity_type, entity_id=entity_id,
                        before=as_stored_json(before), after=as_stored_json(after))
    transaction = session.get_nested_transaction() or session.get_transaction()  # None: not begun yet
    session.info.setdefault(_STAGED, []).append((transaction, staged))
    return staged


def append_staged(session: Session) -> list[AuditEvent]:
    """Appends the session's staged events to the chain now (the commit does it by itself)."""
    events = [staged for _, staged in session.info.pop(_STAGED, [])]
    if not events:
        return []
    session.flush()  # the transaction's own writes, before the lock
    prev_hash, last_id = _lock_head(session)
    at = utcnow()
    for event_id, staged in zip(_next_ids(session, len(events), last_id), events, strict=True):
        staged.id, staged.at, staged.prev_hash = event_id, at, prev_hash
        staged.hash = prev_hash = event_hash(prev_hash, {
            "id": staged.id, "at": staged.at, "actor_id": staged.actor_id, "action": staged.action,
            "entity_type": staged.entity_type, "entity_id": staged.entity_id,
            "before": staged.before, "after": staged.after})
    session.add_all(events)
    session.flush()
    session.execute(update(AuditChainHead).where(AuditChainHead.id == HEAD_ID)
                    .values(last_event_id=events[-1].id, last_hash=prev_hash))
    return events


def _next_ids(session: Session, count: int, last_id: int | None) -> list[int]:
    if session.get_bind().dialect.name == "postgresql":
        return sorted(session.scalars(text(
            "SELECT nextval(pg_get_serial_sequence('audit_events', 'id')) FROM generate_series(1, :n)"),
            {"n": count}))
    max_id = session.execute(select(func.max(AuditEvent.id))).scalar_one()
    first = max(max_id or 0, last_id or 0) + 1
    return list(range(first, first + count))


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


@event.listens_for(Session, "before_commit")
def _append_before_commit(session: Session) -> None:
    # A savepoint released (begin_nested's commit) is no commit yet: its events wait for the
    # transaction's, which would otherwise take the lock there and hold it through the rest.
    if session.get_nested_transaction() is None:
        append_staged(session)


@event.listens_for(Session, "after_soft_rollback")
def _drop_rolled_back(session: Session, previous_transaction: SessionTransaction) -> None:
    """Events staged in the rolled-back transaction (or a savepoint inside it) go with it."""
    staged = session.info.get(_STAGED)
    if not staged:
        return
    if previous_transaction.parent is None:  # the transaction itself
        session.info.pop(_STAGED, None)
        return

    def inside(transaction: SessionTransaction | None) -> bool:
        while transaction is not None:
            if transaction is previous_transaction:
                return True
            transaction = transaction.parent
        return False

    kept = [(transaction, e) for transaction, e in staged if transaction is None or not inside(transaction)]
    if kept:
        session.info[_STAGED] = kept
    else:
        session.info.pop(_STAGED, None)
