"""Who drafted an outbox item: a MAC with a key only the drafter's password gives.

At every sign-in (online, or offline from the grant) the workstation derives a secret from the
password typed: Argon2id with a salt of this user on this workstation (kept in workstation.db).
Two keys come out of it by HKDF: the grant's verifier (services/offline/grant.py), which is stored,
and the drafting key, which never is: it lives in memory for the session (``LocalStore.drafting_keys``).
Queuing a batch MACs the outbox item with the drafting key (HMAC-SHA256 over the item's owner,
batch, flow, payload, versions and idempotency key, and the order a correction resubmits with its
note). Before pushing, the sync engine checks the MAC with the key of the password of the current
sign-in: an item that fails (drafted in a session its owner did not open, or changed in the file)
is set aside, never sent, and its batch says so.
The verifier in the file does not give the drafting key (HKDF is one-way), so whoever can read or
write workstation.db still cannot make an item pass for someone else's without their password.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time

from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert

from services.contract.offline_grant import KdfParams
from services.offline.models import BatchState, DraftBatch, LocalMeta, OutboxItem, OutboxState
from services.offline.store import LocalStore
from services.password_hashing import password_hasher

SECRET_BYTES = 32
VERIFIER_INFO = b"opsdesk offline grant verifier"
DRAFTING_INFO = b"opsdesk outbox drafting key"


def _salt_key(username: str) -> str:
    return f"drafting_salt:{username.casefold()}"


def current_kdf() -> KdfParams:
    hasher = password_hasher()
    return KdfParams(time_cost=hasher.time_cost, memory_cost=hasher.memory_cost, parallelism=hasher.parallelism)


def salt_of(store: LocalStore, username: str) -> tuple[bytes, KdfParams]:
    """This user's salt and cost on this workstation, made at their first sign-in here and kept
    (so items drafted under one grant still check under the next)."""
    made = {"salt": base64.b64encode(os.urandom(16)).decode(), "kdf": current_kdf().model_dump()}
    with store.session() as session, session.begin():
        # Two processes of one workstation may both make it: the first one's stays.
        session.execute(insert(LocalMeta).values(key=_salt_key(username), value=made).on_conflict_do_nothing())
        value = session.get_one(LocalMeta, _salt_key(username)).value
    return base64.b64decode(value["salt"]), KdfParams.model_validate(value["kdf"])


def secret(password: str, salt: bytes, kdf: KdfParams) -> bytes:
    """Deliberately slow (Argon2id): call it off the window's thread."""
    return hash_secret_raw(password.encode(), salt, time_cost=kdf.time_cost, memory_cost=kdf.memory_cost,
                           parallelism=kdf.parallelism, hash_len=SECRET_BYTES, type=Type.ID)


def _expand(material: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(material)


def verifier(material: bytes) -> bytes:
    return _expand(material, VERIFIER_INFO)


def unlock(store: LocalStore, username: str, material: bytes) -> None:
    """The signed-in user's drafting key, for this session (in memory only)."""
    store.drafting_keys[username.casefold()] = _expand(material, DRAFTING_INFO)


def unlock_with_password(store: LocalStore, username: str, password: str) -> None:
    salt, kdf = salt_of(store, username)
    unlock(store, username, secret(password, salt, kdf))


def rekey(store: LocalStore, username: str, password: str) -> int:
    """After a password change: the user's waiting items proven with this session's key are MACed
    again with the new password's (which their next sign-in unlocks); returns how many. Slow (Argon2id)."""
    old = store.drafting_keys.get(username.casefold())
    unlock_with_password(store, username, password)
    new = store.drafting_keys[username.casefold()]
    if old is None:
        return 0
    count = 0
    with store.session() as session, session.begin():
        for item in session.scalars(select(OutboxItem).where(OutboxItem.owner == username,
                                                             OutboxItem.state == OutboxState.PENDING.value)):
            if proven(old, item):
                item.proof = {"mac": mac(new, item)}
                count += 1
    return count


def _message(item: OutboxItem) -> bytes:
    fields: dict[str, object] = {
        "owner": item.owner.casefold(), "batch_id": item.batch_id, "flow": item.flow, "payload": item.payload,
        "expected_versions": item.expected_versions, "idempotency_key": item.idempotency_key}
    # Which order a correction resubmits, and the note, are proven too; an item without them MACs as
    # items did before corrections existed, so those queued then still check.
    if item.resubmits_order_id is not None:
        fields |= {"resubmits_order_id": item.resubmits_order_id, "note": item.note}
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def mac(key: bytes, item: OutboxItem) -> str:
    return hmac.new(key, _message(item), hashlib.sha256).hexdigest()


def sign(store: LocalStore, item: OutboxItem) -> None:
    """Sets ``item.proof`` with its owner's drafting key; without one (no sign-in of theirs in this
    session) the item carries no proof and will be set aside."""
    key = store.drafting_keys.get(item.owner.casefold())
    item.proof = {"mac": mac(key, item)} if key is not None else None


def proven(key: bytes, item: OutboxItem) -> bool:
    found = (item.proof or {}).get("mac")
    return isinstance(found, str) and hmac.compare_digest(found, mac(key, item))


def set_aside(store: LocalStore, item: OutboxItem, now: float | None = None) -> None:
    """Never sent: the item leaves the outbox and its batch says why; its owner may look at the rows
    and submit them again themselves (a batch set aside is editable)."""
    with store.session() as session, session.begin():
        row = session.get_one(OutboxItem, item.id)
        row.state, row.last_error = OutboxState.SET_ASIDE.value, "not proven to be its owner's"
        batch = session.get_one(DraftBatch, item.batch_id)
        batch.state = BatchState.SET_ASIDE.value
        batch.reason = (f"Set aside, never sent: nothing proves {item.owner} queued it with their password "
                        "on this workstation. Check the rows; submit them again only if they are yours.")
        batch.updated_at = now if now is not None else time.time()
