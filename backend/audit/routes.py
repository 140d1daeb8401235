"""The audit chain's signed checkpoints, with the public key that checks them: an auditor copies
them off the machine and runs ``verify-audit`` against the database elsewhere. No query: the
checkpoints are the file backend/audit/anchor.py appends to."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from backend.audit import anchor
from backend.auth.deps import get_settings_dep, require
from backend.auth.service import Principal
from backend.kit import signing_keys
from backend.kit.errors import AppError
from backend.settings import Settings
from services.contract.audit import (
    AUDIT_CHECKPOINTS_PATH,
    CHECKPOINTS_PAGE_MAX,
    AuditCheckpointOut,
    AuditCheckpointsOut,
)
from services.contract.errors import ErrorCode
from services.contract.permissions import Perm

router = APIRouter(tags=["audit"])

CanView = Annotated[Principal, Depends(require(Perm.AUDIT_CHECKPOINTS_VIEW))]


@router.get(AUDIT_CHECKPOINTS_PATH, response_model=AuditCheckpointsOut)
def list_checkpoints(
    _: CanView,
    settings: Annotated[Settings, Depends(get_settings_dep)],
    after: Annotated[int, Query(ge=0, description="only checkpoints of a larger size")] = 0,
    limit: Annotated[int, Query(ge=1, le=CHECKPOINTS_PAGE_MAX)] = CHECKPOINTS_PAGE_MAX,
) -> AuditCheckpointsOut:
    key_file, checkpoint_file = settings.audit_paths()
    try:
        public_key, checkpoints, more = anchor.published(key_file, checkpoint_file, after=after, limit=limit)
    except (OSError, ValueError) as exc:
        raise AppError(500, ErrorCode.INTERNAL_ERROR, "The audit checkpoints cannot be read.", str(exc)) from exc
    return AuditCheckpointsOut(
        public_key_pem=signing_keys.public_pem(public_key).decode("ascii") if public_key else None,
        key_id=signing_keys.key_id(public_key) if public_key else None,
        checkpoints=[AuditCheckpointOut(size=c.size, last_event_id=c.last_event_id, head_hash=c.head_hash,
                                        at=c.at_time, at_signed=c.at, key_id=c.key_id, signature=c.signature)
                     for c in checkpoints],
        more=more)
