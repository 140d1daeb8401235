"""The audit chain's signed checkpoints over HTTP: what an auditor copies to check the trail
elsewhere (``python -m backend verify-audit --checkpoints FILE --public-key PEM``).

A checkpoint signs (size, last_event_id, head_hash, at, key_id) with Ed25519: the bytes signed are
``b"opsdesk audit checkpoint v1\\n"`` followed by the canonical JSON of those five fields (keys
sorted, no spaces). ``after`` and ``more`` page through them by size.
"""

from datetime import datetime

from services.contract.schemas import ApiModel

AUDIT_CHECKPOINTS_PATH = "/audit/checkpoints"
CHECKPOINTS_PAGE_MAX = 1000


class AuditCheckpointOut(ApiModel):
    size: int
    last_event_id: int
    head_hash: str
    at: datetime
    at_signed: str  # ``at`` exactly as signed
    key_id: str
    signature: str  # base64


class AuditCheckpointsOut(ApiModel):
    public_key_pem: str | None  # None: this backend has no signing key yet
    key_id: str | None
    checkpoints: list[AuditCheckpointOut]
    more: bool  # more checkpoints follow the last one: ask again with after=its size
