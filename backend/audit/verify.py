"""Checking the audit chain: walks every event in id order and reports the first broken link.

For each event: its stored hash must equal the hash recomputed from its fields and prev_hash (an
edited row fails here), and its prev_hash must equal the previous event's hash, GENESIS_HASH for
the first (a removed or inserted row fails here, at the event after it). Finally the chain head
must name the last event and its hash: a removed tail fails here, and so do events appended after
the head without moving it (named as appended). Rows are read in chunks by keyset
(``id > last ORDER BY id LIMIT n``) so a large table never sits in memory.

The signed checkpoints (backend/audit/anchor.py) anchor the chain outside the database: each must
carry a valid signature of the public key, and the event it names must be the ``size``-th of the
chain with exactly its head hash. A chain edited and recomputed, or a checkpointed event replaced
by an appended one, fails at the first checkpoint after the change. Events after the last
checkpoint are reported as unanchored: the chain alone vouches for them.

All reads see one snapshot, or a writer committing between two chunks could make the head look
ahead of the events read: SQLite's read transaction is one snapshot already; on PostgreSQL a
session that has not begun yet is started at REPEATABLE READ (pass such a session).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.audit.anchor import Checkpoint
from backend.audit.chain import GENESIS_HASH, event_hash
from backend.audit.models import AuditChainHead, AuditEvent
from backend.audit.service import HEAD_ID
from services.contract.audit import ChainProblem

CHUNK = 1000
LISTED = 20  # unanchored or appended ids named one by one; beyond, the first and the last


@dataclass(frozen=True)
class ChainReport:
    count: int  # events checked (up to and including the broken one)
    broken_id: int | None = None
    reason: str | None = None
    broken_checkpoint: int | None = None  # line of the checkpoint that failed, if one did
    checkpoints: int = 0  # checkpoints whose event was reached and matched
    last_checkpoint: Checkpoint | None = None
    unanchored: int = 0  # events after the last matched checkpoint
    unanchored_ids: tuple[int, ...] = ()  # the first LISTED of them, and the last
    problem: ChainProblem | None = None  # what kind of break ``reason`` describes

    @property
    def intact(self) -> bool:
        return self.broken_id is None and self.broken_checkpoint is None


def describe_ids(ids: Sequence[int], count: int) -> str:
    if count <= len(ids):
        return ", ".join(map(str, ids))
    return f"{', '.join(map(str, ids[:-1]))}, ... {ids[-1]}"


class _Unanchored:
    """Ids of the events after the last checkpoint: the first LISTED and the last."""

    def __init__(self) -> None:
        self.count = 0
        self.ids: list[int] = []

    def add(self, event_id: int) -> None:
        self.count += 1
        if len(self.ids) <= LISTED:
            self.ids.append(event_id)
        else:
            self.ids[-1] = event_id

    def reset(self) -> None:
        self.count = 0
        self.ids = []


def _check_signatures(checkpoints: Sequence[Checkpoint],
                      public_key: Ed25519PublicKey | None) -> tuple[int, str] | None:
    previous = None
    for checkpoint in checkpoints:
        if public_key is None:
            return checkpoint.line, "there are checkpoints but no public key to check them with"
        if not checkpoint.signature_valid(public_key):
            return checkpoint.line, (f"checkpoint at line {checkpoint.line} (event "
                                     f"{checkpoint.last_event_id}, {checkpoint.at}) does not verify "
                                     f"with key {checkpoint.key_id}: a forged or altered checkpoint")
        if previous is not None and (checkpoint.size < previous.size
                                     or checkpoint.last_event_id < previous.last_event_id):
            return checkpoint.line, (f"checkpoint at line {checkpoint.line} goes back from event "
                                     f"{previous.last_event_id} to {checkpoint.last_event_id}")
        previous = checkpoint
    return None


def verify(session: Session, *, chunk: int = CHUNK, checkpoints: Sequence[Checkpoint] = (),
           public_key: Ed25519PublicKey | None = None) -> ChainReport:
    if bad := _check_signatures(checkpoints, public_key):
        return ChainReport(0, broken_checkpoint=bad[0], reason=bad[1], problem=ChainProblem.CHECKPOINT_INVALID)
    if not session.in_transaction() and session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    head = session.execute(select(AuditChainHead.last_event_id, AuditChainHead.last_hash)
                           .where(AuditChainHead.id == HEAD_ID)).one_or_none()
    columns = [getattr(AuditEvent, name) for name in
               ("id", "at", "actor_id", "action", "entity_type", "entity_id", "before", "after",
                "prev_hash", "hash")]
    pending = list(checkpoints)  # in file order, which _check_signatures found ascending
    anchored: Checkpoint | None = None
    matched = 0
    unanchored = _Unanchored()
    count, last_id, last_hash = 0, None, GENESIS_HASH
    head_hash_seen = GENESIS_HASH if head is not None and head.last_event_id is None else None

    def broken(event_id: int | None, problem: ChainProblem, reason: str,
               checkpoint: Checkpoint | None = None) -> ChainReport:
        return ChainReport(count, event_id, reason, checkpoint.line if checkpoint else None,
                           matched, anchored, problem=problem)

    while True:
        statement = select(*columns).order_by(AuditEvent.id).limit(chunk)
        if last_id is not None:
            statement = statement.where(AuditEvent.id > last_id)
        rows = session.execute(statement).mappings().all()
        for row in rows:
            count += 1
            recomputed = event_hash(row["prev_hash"], row)
            if row["hash"] != recomputed:
                return broken(row["id"], ChainProblem.EVENT_CHANGED,
                              f"stored hash {row['hash']} != recomputed {recomputed}: the event was changed")
            if row["prev_hash"] != last_hash:
                previous = f"event {last_id}" if last_id is not None else "the chain's start"
                return broken(row["id"], ChainProblem.LINK_BROKEN,
                              f"prev_hash {row['prev_hash']} != hash {last_hash} of {previous}: "
                              "events are missing or inserted before it")
            if pending and pending[0].last_event_id < row["id"]:
                checkpoint = pending[0]
                return broken(checkpoint.last_event_id, ChainProblem.CHECKPOINT_EVENT_MISSING,
                              f"the checkpoint at line {checkpoint.line} ({checkpoint.at}) names "
                              f"event {checkpoint.last_event_id}, which is not in the trail",
                              checkpoint)
            reached = False
            while pending and pending[0].last_event_id == row["id"]:
                checkpoint = pending.pop(0)
                if (checkpoint.size, checkpoint.head_hash) != (count, row["hash"]):
                    return broken(row["id"], ChainProblem.CHECKPOINT_MISMATCH,
                                  f"event {row['id']} is event {count} of the chain with hash "
                                  f"{row['hash']}, but the checkpoint at line {checkpoint.line} "
                                  f"({checkpoint.at}) signed it as event {checkpoint.size} with "
                                  f"hash {checkpoint.head_hash}: the events up to it were changed "
                                  "and the chain recomputed, or replaced", checkpoint)
                anchored, matched, reached = checkpoint, matched + 1, True
            if reached:
                unanchored.reset()
            else:
                unanchored.add(row["id"])
            if head is not None and row["id"] == head.last_event_id:
                head_hash_seen = row["hash"]
            last_id, last_hash = row["id"], row["hash"]
        if len(rows) < chunk:
            break
    if pending:
        checkpoint = pending[0]
        return broken(checkpoint.last_event_id, ChainProblem.TAIL_MISSING,
                      f"the checkpoint at line {checkpoint.line} ({checkpoint.at}) names event "
                      f"{checkpoint.last_event_id} (event {checkpoint.size} of the chain), but the "
                      f"trail ends at event {last_id}: events at the end are missing", checkpoint)
    if head is None:
        if count:
            return broken(last_id, ChainProblem.HEAD_MISSING, "the chain head row is missing")
    elif (head.last_event_id, head.last_hash) != (last_id, last_hash):
        if head_hash_seen == head.last_hash and (head.last_event_id or 0) < (last_id or 0):
            appended = _after(session, head.last_event_id, columns[0])
            at = f"event {head.last_event_id}" if head.last_event_id is not None else "an empty chain"
            return broken(appended[0], ChainProblem.APPENDED_AFTER_HEAD,
                          f"events {describe_ids(appended, len(appended))} were appended after "
                          f"the chain head ({at}) without moving it")
        return broken(head.last_event_id, ChainProblem.TAIL_MISSING,
                      f"the chain head names event {head.last_event_id} with hash "
                      f"{head.last_hash}, the last event is {last_id} with hash "
                      f"{last_hash}: events at the end are missing")
    return ChainReport(count, checkpoints=matched, last_checkpoint=anchored,
                       unanchored=unanchored.count, unanchored_ids=tuple(unanchored.ids))


def _after(session: Session, event_id: int | None, id_column) -> list[int]:
    """Ids after ``event_id`` (the first LISTED)."""
    statement = select(id_column).order_by(id_column).limit(LISTED)
    if event_id is not None:
        statement = statement.where(id_column > event_id)
    return list(session.scalars(statement))
