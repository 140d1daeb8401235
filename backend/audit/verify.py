"""Checking the audit chain: walks every event in id order and reports the first broken link.

For each event: its stored hash must equal the hash recomputed from its fields and prev_hash (an
edited row fails here), and its prev_hash must equal the previous event's hash, GENESIS_HASH for
the first (a removed or inserted row fails here, at the event after it). Finally the chain head
must name the last event and its hash (a removed tail fails here). Rows are read in chunks by
keyset (``id > last ORDER BY id LIMIT n``) so a large table never sits in memory.

All reads see one snapshot, or a writer committing between two chunks could make the head look
ahead of the events read: SQLite's read transaction is one snapshot already; on PostgreSQL a
session that has not begun yet is started at REPEATABLE READ (pass such a session).
"""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.audit.chain import GENESIS_HASH, event_hash
from backend.audit.models import AuditChainHead, AuditEvent
from backend.audit.service import HEAD_ID

CHUNK = 1000


@dataclass(frozen=True)
class ChainReport:
    count: int  # events checked (up to and including the broken one)
    broken_id: int | None = None
    reason: str | None = None

    @property
    def intact(self) -> bool:
        return self.broken_id is None


def verify(session: Session, *, chunk: int = CHUNK) -> ChainReport:
    if not session.in_transaction() and session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    columns = [getattr(AuditEvent, name) for name in
               ("id", "at", "actor_id", "action", "entity_type", "entity_id", "before", "after",
                "prev_hash", "hash")]
    count, last_id, last_hash = 0, None, GENESIS_HASH
    while True:
        statement = select(*columns).order_by(AuditEvent.id).limit(chunk)
        if last_id is not None:
            statement = statement.where(AuditEvent.id > last_id)
        rows = session.execute(statement).mappings().all()
        for row in rows:
            count += 1
            recomputed = event_hash(row["prev_hash"], row)
            if row["hash"] != recomputed:
                return ChainReport(count, row["id"], f"stored hash {row['hash']} != recomputed "
                                                     f"{recomputed}: the event was changed")
            if row["prev_hash"] != last_hash:
                previous = f"event {last_id}" if last_id is not None else "the chain's start"
                return ChainReport(count, row["id"], f"prev_hash {row['prev_hash']} != hash "
                                                     f"{last_hash} of {previous}: events are "
                                                     "missing or inserted before it")
            last_id, last_hash = row["id"], row["hash"]
        if len(rows) < chunk:
            break
    head = session.execute(select(AuditChainHead.last_event_id, AuditChainHead.last_hash)
                           .where(AuditChainHead.id == HEAD_ID)).one_or_none()
    if head is None:
        if count:
            return ChainReport(count, last_id, "the chain head row is missing")
    elif (head.last_event_id, head.last_hash) != (last_id, last_hash):
        return ChainReport(count, head.last_event_id,
                           f"the chain head names event {head.last_event_id} with hash "
                           f"{head.last_hash}, the last event is {last_id} with hash "
                           f"{last_hash}: events at the end are missing")
    return ChainReport(count)
