"""Anchoring the audit chain outside the database: signed checkpoints of its head.

Anyone who can write the database can recompute the hash chain after editing an event, or append
an event with a correct hash and move the head; the chain alone cannot tell. So, in the manner of
Certificate Transparency's signed tree heads (RFC 6962), the backend signs the head every
``audit_checkpoint_events`` events or ``audit_checkpoint_minutes`` minutes: a checkpoint is
(size: events in the chain, last_event_id, head_hash, at, key_id) signed with Ed25519, appended
as one JSON line to an append-only file (opened O_APPEND, fsynced). The signing key is a file too
(created 0600 on first start if missing), never stored in the database. ``verify-audit`` then
checks that the event at each checkpoint's size holds exactly that checkpoint's head hash, so a
recomputed chain fails at the first checkpoint after the edit, and it lists the events after the
last checkpoint as unanchored.

A checkpoint names committed events only: it is read from a committed snapshot of the head, never
written inside the transaction that extends the chain (which could still roll back). Several
workers may run the pass: the checkpoint file is locked (flock) while the last checkpoint is read
and the next one is appended, so checkpoints are never duplicated and their sizes only grow.
"""

import asyncio
import base64
import json
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import func, make_url, select
from sqlalchemy.orm import Session

from backend.audit.chain import canonical_json, iso_utc
from backend.audit.models import AuditChainHead, AuditEvent
from backend.audit.service import HEAD_ID
from backend.db.session import Database
from backend.kit.clock import utcnow
from backend.kit.signing_keys import database_file, key_id, load_or_create_key, load_public_key

try:
    import fcntl
except ImportError:  # not POSIX: one process serves (the embedded default); a thread lock will do
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

SIGNING_CONTEXT = b"opsdesk audit checkpoint v1\n"
_process_lock = threading.Lock()


@dataclass(frozen=True)
class Checkpoint:
    size: int  # events in the chain up to and including last_event_id
    last_event_id: int
    head_hash: str
    at: str  # ISO 8601 UTC, by the backend's clock
    key_id: str
    signature: str = ""  # base64 Ed25519 over SIGNING_CONTEXT + the canonical JSON of the rest
    line: int = 0  # where it was read from (1-based); not signed, not written

    def signed_bytes(self) -> bytes:
        fields = {"size": self.size, "last_event_id": self.last_event_id,
                  "head_hash": self.head_hash, "at": self.at, "key_id": self.key_id}
        return SIGNING_CONTEXT + canonical_json(fields).encode("utf-8")

    def to_line(self) -> str:
        record = asdict(self)
        del record["line"]
        return canonical_json(record) + "\n"

    @property
    def at_time(self) -> datetime:
        return datetime.fromisoformat(self.at)

    def signature_valid(self, public_key: Ed25519PublicKey) -> bool:
        if self.key_id != key_id(public_key):
            return False
        try:
            public_key.verify(base64.b64decode(self.signature, validate=True), self.signed_bytes())
        except (InvalidSignature, ValueError):
            return False
        return True


class CheckpointFileError(ValueError):
    def __init__(self, line: int, problem: str):
        super().__init__(f"line {line} of the checkpoint file is not a checkpoint: {problem}")
        self.line = line


def default_paths(database_url: str) -> tuple[Path, Path]:
    """(key file, checkpoint file) when the settings name none: beside a SQLite database file
    (``opsdesk.db`` → ``opsdesk.audit-key.pem``, ``opsdesk.audit-checkpoints.jsonl``), else in the
    working directory (``opsdesk-audit-key.pem``, ``<database name>.audit-checkpoints.jsonl``: one
    checkpoint file per database). Production sets both, the key out of the database's reach."""
    db = database_file(database_url)
    if db is not None:
        return (db.with_name(f"{db.stem}.audit-key.pem"),
                db.with_name(f"{db.stem}.audit-checkpoints.jsonl"))
    return Path("opsdesk-audit-key.pem"), Path(f"{make_url(database_url).database or 'opsdesk'}.audit-checkpoints.jsonl")


def sign(key: Ed25519PrivateKey, *, size: int, last_event_id: int, head_hash: str,
         at: datetime) -> Checkpoint:
    unsigned = Checkpoint(size=size, last_event_id=last_event_id, head_hash=head_hash,
                          at=iso_utc(at), key_id=key_id(key.public_key()))
    signature = base64.b64encode(key.sign(unsigned.signed_bytes())).decode("ascii")
    return Checkpoint(size=size, last_event_id=last_event_id, head_hash=head_hash,
                      at=unsigned.at, key_id=unsigned.key_id, signature=signature)


def parse_line(text: str, line: int) -> Checkpoint:
    try:
        record = json.loads(text)
        checkpoint = Checkpoint(size=int(record["size"]), last_event_id=int(record["last_event_id"]),
                                head_hash=str(record["head_hash"]), at=str(record["at"]),
                                key_id=str(record["key_id"]), signature=str(record["signature"]),
                                line=line)
        checkpoint.at_time  # noqa: B018 - a timestamp that does not parse is refused here
    except (ValueError, KeyError, TypeError) as exc:
        raise CheckpointFileError(line, str(exc)) from exc
    return checkpoint


def read_checkpoints(path: Path) -> list[Checkpoint]:
    """Every checkpoint in the file, in file order; none when there is no file."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as lines:
        return [parse_line(text, number) for number, text in enumerate(lines, 1) if text.strip()]


def published(key_file: Path, checkpoint_file: Path, *, after: int,
              limit: int) -> tuple[Ed25519PublicKey | None, list[Checkpoint], bool]:
    """(the public key if there is a key file, the checkpoints of size > ``after``, whether more
    than ``limit`` of them follow)."""
    public_key = load_public_key(key_file) if key_file.exists() else None
    later = [c for c in read_checkpoints(checkpoint_file) if c.size > after]
    return public_key, later[:limit], len(later) > limit


@contextmanager
def _locked_log(path: Path) -> Iterator[int]:
    """The checkpoint file opened for appending, locked against every other writer."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        with _process_lock:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            yield fd  # closing the descriptor releases the flock
    finally:
        os.close(fd)


def _last_line(fd: int) -> tuple[str | None, bool]:
    """(the file's last non-empty line, whether the file ends with a newline)."""
    end = os.fstat(fd).st_size
    if end == 0:
        return None, True
    tail, position = b"", end
    while True:  # back from the end, 4 KiB at a time, until a whole line is in or the file is
        step = min(4096, position)
        position -= step
        tail = os.pread(fd, step, position) + tail
        if position == 0 or tail.rstrip(b"\n").count(b"\n") >= 1:
            break
    lines = [line for line in tail.split(b"\n") if line.strip()]
    return (lines[-1].decode("utf-8", errors="replace") if lines else None), tail.endswith(b"\n")


def _committed_head(session: Session) -> tuple[int, int, str] | None:
    """(size, last event id, head hash) of one committed snapshot; None for an empty chain."""
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    head = session.execute(select(AuditChainHead.last_event_id, AuditChainHead.last_hash)
                           .where(AuditChainHead.id == HEAD_ID)).one_or_none()
    if head is None or head.last_event_id is None:
        return None
    size = session.execute(select(func.count()).select_from(AuditEvent)
                           .where(AuditEvent.id <= head.last_event_id)).scalar_one()
    return size, head.last_event_id, head.last_hash


def checkpoint_if_due(database: Database, key: Ed25519PrivateKey, path: Path, *,
                      every_events: int, every_minutes: float, force: bool = False) -> Checkpoint | None:
    """Signs and appends a checkpoint of the committed head when it has moved since the last one
    and ``every_events`` events or ``every_minutes`` minutes have passed (or ``force``)."""
    with _locked_log(path) as fd:
        text, ends_with_newline = _last_line(fd)
        last = None
        if text is not None:
            try:
                last = parse_line(text, 0)
            except CheckpointFileError:
                log.warning("the last line of %s is not a checkpoint; the next starts a new line", path)
        with database.read_session() as session:
            head = _committed_head(session)
        if head is None:
            return None
        size, last_event_id, head_hash = head
        now = utcnow()
        if last is not None and last.last_event_id == last_event_id and last.head_hash == head_hash:
            return None
        due = (force or last is None or size - last.size >= every_events
               or now - last.at_time >= timedelta(minutes=every_minutes))
        if not due:
            return None
        checkpoint = sign(key, size=size, last_event_id=last_event_id, head_hash=head_hash, at=now)
        line = checkpoint.to_line()
        if not ends_with_newline:  # a line torn by a crash stays a line of its own
            line = "\n" + line
        os.write(fd, line.encode("utf-8"))
        os.fsync(fd)
    return checkpoint


async def run_forever(database: Database, key_file: Path, checkpoint_file: Path, *,
                      every_events: int, every_minutes: float, interval: float) -> None:
    """The background pass of every backend process (the first creates the key if missing)."""
    try:
        key = await asyncio.to_thread(load_or_create_key, key_file)
    except (OSError, ValueError):
        log.exception("no audit signing key at %s: the audit chain is not checkpointed", key_file)
        return
    while True:
        try:
            await asyncio.to_thread(checkpoint_if_due, database, key, checkpoint_file,
                                    every_events=every_events, every_minutes=every_minutes)
        except Exception:
            log.exception("checkpointing the audit chain failed; retrying in %.0f s", interval)
        await asyncio.sleep(interval)
