"""The offline grant: what the backend signs at an online sign-in so that its user may draft offline
on one workstation until an expiry of the backend's clock (``POST /auth/offline-grant``).

The client sends a verifier it derived from the password (Argon2id with a salt of its own, never
the password itself); the backend adds who is signed in, the workstation, its own time and the
expiry, and signs the claims' canonical JSON with its Ed25519 key. The workstation keeps the
answer and checks it at each offline sign-in (services/offline/grant.py): a claim changed in the
file breaks the signature.
"""

from __future__ import annotations

import hashlib
import json

from pydantic import Field

from services.contract.schemas import ApiModel

OFFLINE_GRANT_PATH = "/auth/offline-grant"  # POST OfflineGrantRequest → OfflineGrantOut (risk.credit.draft)

_B64 = r"^[A-Za-z0-9+/]+={0,2}$"


class KdfParams(ApiModel):
    """Argon2id's cost, as the client derived the verifier (so another client version still checks it)."""

    time_cost: int = Field(ge=1, le=100)
    memory_cost: int = Field(ge=8, le=4_194_304)  # KiB
    parallelism: int = Field(ge=1, le=64)


class OfflineGrantRequest(ApiModel):
    workstation_id: str = Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9-]+$")
    verifier: str = Field(min_length=16, max_length=128, pattern=_B64)  # base64
    salt: str = Field(min_length=16, max_length=64, pattern=_B64)  # base64
    kdf: KdfParams


class OfflineGrantClaims(ApiModel):
    """What the signature covers. Times are UTC epoch seconds of the backend's clock."""

    user_id: int
    username: str
    display_name: str
    roles: list[str]
    workstation_id: str
    verifier: str
    salt: str
    kdf: KdfParams
    issued_at: int
    expires_at: int
    key_id: str


class OfflineGrantOut(ApiModel):
    claims: OfflineGrantClaims
    signature: str  # base64 Ed25519 over canonical(claims)
    public_key: str  # base64 raw Ed25519 public key; its id is claims.key_id


def canonical(claims: OfflineGrantClaims) -> bytes:
    """The signed bytes: the claims as JSON with sorted keys and no spaces."""
    return json.dumps(claims.model_dump(mode="json"), sort_keys=True, separators=(",", ":"),
                      ensure_ascii=True).encode()


def key_id(public_key: bytes) -> str:
    return hashlib.sha256(public_key).hexdigest()[:16]
