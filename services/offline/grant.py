"""Working offline: who may, on this workstation, and until when.

At each online sign-in of a user who may draft (risk.credit.draft) the workstation derives a
verifier from the password typed (services/offline/proof.py) and asks the backend for a grant
(``POST /auth/offline-grant``): the backend signs the user, this workstation's id, the verifier
and an expiry of its own clock with its Ed25519 key. With the backend unreachable, the same
username and password open the app for drafting only (OFFLINE_PERMISSIONS) while the grant holds.

What an offline sign-in checks, in order, each refusal with its own outcome:
- a grant of this user is kept here (else NEVER_HERE);
- its signature, by the pinned key, over claims naming this user and this workstation (else
  INVALID: the file was changed);
- the clock is not behind the latest time this workstation has seen, its own or the backend's
  (else CLOCK_BEHIND: setting the clock back does not revive a grant);
- the user is not locked out: MAX_FAILURES wrong passwords within FAILURE_WINDOW_MINUTES lock
  offline sign-in for that user here until an online sign-in (else LOCKED);
- the grant has not expired, judged by the later of the clock and the latest time seen (EXPIRED);
- the password gives the verifier (else WRONG_PASSWORD, counted toward the lockout).

The trust in the key: where the installation ships the backend's public key (the desktop's
``--offline-grant-key``, a read-only file written by ``python -m backend export-offline-grant-key``),
only grants signed by that key count, and a grant signed by another is neither kept nor honoured.
Without it, the key that comes with the grant at an online sign-in, over the authenticated
connection, is pinned here (replaced only by the next online sign-in). A grant's claims cannot be
changed without the backend's private key, which never leaves the backend. What the pin alone does
not stop: someone who can write workstation.db may replace the pinned key and the grant together;
and with either, they may delete the failure count or lower the latest time seen; no secret on the
workstation itself could stop that. What they still cannot do is act as someone else
towards the backend: an item queued in such a session carries no valid proof of its drafter
(proof.py) and is set aside at the real user's next online sign-in, never sent.
"""

from __future__ import annotations

import base64
import hmac
import time
import uuid
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat, load_pem_public_key
from pydantic import ValidationError

from services.contract.offline_grant import OfflineGrantOut, OfflineGrantRequest, canonical, key_id
from services.contract.permissions import Perm
from services.contract.schemas import MeOut
from services.offline import proof
from services.offline.models import LocalMeta
from services.offline.store import LocalStore
from services.rules.sign_in import FAILURE_WINDOW_MINUTES, MAX_FAILURES, OFFLINE_DAYS

__all__ = ["OFFLINE_DAYS", "OFFLINE_PERMISSIONS", "Outcome", "OfflineSignIn"]

# Drafting and the cached reference data behind it; no approvals, no live tables.
OFFLINE_PERMISSIONS = (Perm.CREDIT_DRAFT.value,)
# How far behind the latest time seen the clock may be (two machines' clocks never agree exactly).
CLOCK_TOLERANCE = 300.0
WORKSTATION_ID = "workstation_id"
PINNED_KEY = "offline_grant_key"
LATEST_SEEN = "latest_seen"


class Outcome(StrEnum):
    OK = "ok"
    NEVER_HERE = "never_here"  # no grant of this user on this workstation
    INVALID = "invalid"  # the grant's signature, user or workstation does not hold
    CLOCK_BEHIND = "clock_behind"
    LOCKED = "locked"
    EXPIRED = "expired"
    WRONG_PASSWORD = "wrong_password"


@dataclass(frozen=True)
class OfflineSignIn:
    outcome: Outcome
    me: MeOut | None = None
    expires_at: float | None = None


def _grant_key(username: str) -> str:
    return f"offline_grant:{username.casefold()}"


def _failures_key(username: str) -> str:
    return f"offline_failures:{username.casefold()}"


def may_work_offline(me: MeOut) -> bool:
    return Perm.CREDIT_DRAFT.value in me.permissions


def _get(store: LocalStore, key: str) -> dict | None:
    with store.session() as session:
        row = session.get(LocalMeta, key)
    return None if row is None else row.value


def _put(store: LocalStore, key: str, value: dict) -> None:
    with store.session() as session, session.begin():
        session.merge(LocalMeta(key=key, value=value))


def workstation_id(store: LocalStore) -> str:
    """This workstation's id, made the first time it is asked for; grants name it."""
    with store.session() as session, session.begin():
        row = session.get(LocalMeta, WORKSTATION_ID)
        if row is None:
            row = LocalMeta(key=WORKSTATION_ID, value={"id": str(uuid.uuid4())})
            session.add(row)
        return row.value["id"]


# --- the clock --------------------------------------------------------------------------------


def latest_seen(store: LocalStore) -> float | None:
    value = _get(store, LATEST_SEEN)
    return None if value is None else float(value["at"])


def see(store: LocalStore, at: float) -> None:
    """Raises the latest time seen to ``at`` (the local clock, or the backend's in an answer)."""
    with store.session() as session, session.begin():
        row = session.get(LocalMeta, LATEST_SEEN)
        if row is None:
            session.add(LocalMeta(key=LATEST_SEEN, value={"at": at}))
        elif at > row.value["at"]:
            row.value = {"at": at}


# --- online: asking for the grant and keeping it ---------------------------------------------


def prepare_request(store: LocalStore, username: str, password: str) -> tuple[bytes, OfflineGrantRequest]:
    """After an online sign-in: what to ask the backend to sign, and the key material it comes from.
    Deliberately slow (Argon2id): off the window's thread. The caller unlocks the user's drafting
    key with the material (``proof.unlock``) once it still wants to."""
    salt, kdf = proof.salt_of(store, username)
    material = proof.secret(password, salt, kdf)
    return material, OfflineGrantRequest(workstation_id=workstation_id(store),
                                         verifier=base64.b64encode(proof.verifier(material)).decode(),
                                         salt=base64.b64encode(salt).decode(), kdf=kdf)


def keep(store: LocalStore, me: MeOut, answer: OfflineGrantOut, now: float | None = None) -> bool:
    """Keeps the backend's grant (after checking it names ``me`` and this workstation, signed by the
    key it came with, which is pinned), clears the user's offline failures and moves the latest
    time seen. Returns whether it kept it."""
    claims = answer.claims
    public = base64.b64decode(answer.public_key)
    if store.trusted_grant_key is not None and public != store.trusted_grant_key:
        return False  # not the key the installation trusts
    if (claims.username.casefold() != me.username.casefold() or claims.workstation_id != workstation_id(store)
            or claims.key_id != key_id(public) or not _signed(public, answer)):
        return False
    _put(store, PINNED_KEY, {"public_key": answer.public_key, "key_id": claims.key_id})
    _put(store, _grant_key(me.username), answer.model_dump(mode="json"))
    _put(store, _failures_key(me.username), {"at": [], "locked": False})
    see(store, max(now if now is not None else time.time(), float(claims.issued_at)))
    return True


def _signed(public: bytes, answer: OfflineGrantOut) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(base64.b64decode(answer.signature),
                                                          canonical(answer.claims))
    except (InvalidSignature, ValueError):
        return False
    return True


def expiry(store: LocalStore, username: str) -> float | None:
    value = _get(store, _grant_key(username))
    return None if value is None else float(value["claims"]["expires_at"])


# --- offline: signing in from the grant -------------------------------------------------------


def _valid(store: LocalStore, username: str, value: dict) -> OfflineGrantOut | None:
    """The kept grant if its signature by the trusted key (the installation's, else the pinned
    one) holds and it names ``username`` here."""
    pinned = _get(store, PINNED_KEY)
    try:
        answer = OfflineGrantOut.model_validate(value)
        public = store.trusted_grant_key or (base64.b64decode(pinned["public_key"]) if pinned else b"")
    except (ValidationError, ValueError, KeyError, TypeError):
        return None
    claims = answer.claims
    if (not public or claims.key_id != key_id(public) or claims.username.casefold() != username.casefold()
            or claims.workstation_id != workstation_id(store) or not _signed(public, answer)):
        return None
    return answer


def _failures(store: LocalStore, username: str) -> dict:
    return _get(store, _failures_key(username)) or {"at": [], "locked": False}


def _fail(store: LocalStore, username: str, now: float) -> bool:
    """Counts one wrong password; returns whether offline sign-in is now locked for the user."""
    failures = _failures(store, username)
    recent = [t for t in failures["at"] if t > now - FAILURE_WINDOW_MINUTES * 60] + [now]
    locked = len(recent) >= MAX_FAILURES
    _put(store, _failures_key(username), {"at": recent, "locked": locked})
    return locked


def sign_in_offline(store: LocalStore, username: str, password: str, now: float | None = None) -> OfflineSignIn:
    """The user as they may work offline (outcome OK), or why not. Deliberately slow (Argon2id)."""
    clock = now if now is not None else time.time()
    value = _get(store, _grant_key(username))
    if value is None or "claims" not in value:  # none, or an unsigned one of an earlier OpsDesk (not honoured)
        return OfflineSignIn(Outcome.NEVER_HERE)
    answer = _valid(store, username, value)
    latest = latest_seen(store)
    if answer is None or latest is None:  # a kept grant always comes with a latest time seen
        return OfflineSignIn(Outcome.INVALID)
    claims = answer.claims
    if clock < latest - CLOCK_TOLERANCE:
        return OfflineSignIn(Outcome.CLOCK_BEHIND, expires_at=claims.expires_at)
    see(store, clock)
    if _failures(store, username)["locked"]:
        return OfflineSignIn(Outcome.LOCKED, expires_at=claims.expires_at)
    if max(clock, latest) >= claims.expires_at:
        return OfflineSignIn(Outcome.EXPIRED, expires_at=claims.expires_at)
    material = proof.secret(password, base64.b64decode(claims.salt), claims.kdf)
    if not hmac.compare_digest(proof.verifier(material), base64.b64decode(claims.verifier)):
        locked = _fail(store, username, max(clock, latest))
        return OfflineSignIn(Outcome.LOCKED if locked else Outcome.WRONG_PASSWORD, expires_at=claims.expires_at)
    proof.unlock(store, username, material)
    me = MeOut(id=claims.user_id, username=claims.username, display_name=claims.display_name,
               roles=claims.roles, permissions=list(OFFLINE_PERMISSIONS))
    return OfflineSignIn(Outcome.OK, me, claims.expires_at)


def read_trusted_key(path: Path) -> bytes:
    """The raw Ed25519 public key of a PEM file (``export-offline-grant-key``); ValueError if it is not one."""
    key = load_pem_public_key(path.read_bytes())
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError(f"{path} does not hold an Ed25519 public key")
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)
