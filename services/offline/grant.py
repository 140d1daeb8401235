"""Working offline: who may, on this workstation, and for how long.

Each online sign-in of a user who may draft (risk.credit.draft) leaves a grant in the
workstation's database: their name, an argon2 hash of the password they typed, and an expiry
OFFLINE_DAYS later. With the backend unreachable, the same username and password open the app
for drafting only (OFFLINE_PERMISSIONS) until the grant expires; the next online sign-in renews
it. Nothing offline reaches the backend without a real sign-in: the outbox waits for one.
"""

from __future__ import annotations

import time

from argon2.exceptions import InvalidHashError, VerificationError

from services.contract.permissions import Perm
from services.contract.schemas import MeOut
from services.offline.models import LocalMeta
from services.offline.store import LocalStore
from services.password_hashing import password_hasher

OFFLINE_DAYS = 7
# Drafting and the cached reference data behind it; no approvals, no live tables.
OFFLINE_PERMISSIONS = (Perm.CREDIT_DRAFT.value,)


def _key(username: str) -> str:
    return f"offline_grant:{username.casefold()}"


def may_work_offline(me: MeOut) -> bool:
    return Perm.CREDIT_DRAFT.value in me.permissions


def remember(store: LocalStore, me: MeOut, password: str, now: float | None = None) -> bool:
    """After an online sign-in: grants (or renews) offline drafting; returns whether it did."""
    if not may_work_offline(me):
        return False
    granted = now if now is not None else time.time()
    value = {"id": me.id, "username": me.username, "display_name": me.display_name, "roles": me.roles,
             "password_hash": password_hasher().hash(password), "granted_at": granted,
             "expires_at": granted + OFFLINE_DAYS * 86_400}
    with store.session() as session, session.begin():
        session.merge(LocalMeta(key=_key(me.username), value=value))
    return True


def expiry(store: LocalStore, username: str) -> float | None:
    with store.session() as session:
        grant = session.get(LocalMeta, _key(username))
    return None if grant is None else grant.value["expires_at"]


def sign_in_offline(store: LocalStore, username: str, password: str, now: float | None = None) -> MeOut | None:
    """The user as they may work offline, or None (no grant, expired, or a wrong password)."""
    with store.session() as session:
        grant = session.get(LocalMeta, _key(username))
    if grant is None:
        return None
    value = grant.value
    if (now if now is not None else time.time()) >= value["expires_at"]:
        return None
    try:
        password_hasher().verify(value["password_hash"], password)
    except (VerificationError, InvalidHashError):
        return None
    return MeOut(id=value["id"], username=value["username"], display_name=value["display_name"],
                 roles=value["roles"], permissions=list(OFFLINE_PERMISSIONS))
