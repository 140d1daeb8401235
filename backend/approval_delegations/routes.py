"""Delegations while away (委託審批): mine (given and received), a new one from me, revoking mine."""

from typing import Annotated

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from backend.approval_delegations import service
from backend.auth.deps import require
from backend.auth.service import Principal
from backend.db.session import get_db, get_write_db
from backend.kit.ids import RowId
from services.contract.identity import (
    APPROVAL_DELEGATION_REVOKE_PATH,
    APPROVAL_DELEGATIONS_PATH,
    ApprovalDelegationIn,
    ApprovalDelegationOut,
)
from services.contract.permissions import Perm

router = APIRouter(tags=["approval delegations"])

InboxUser = Annotated[Principal, Depends(require(Perm.APPROVAL_INBOX))]


@router.get(APPROVAL_DELEGATIONS_PATH, response_model=list[ApprovalDelegationOut])
def mine(principal: InboxUser, session: Annotated[Session, Depends(get_db)]):
    return service.mine(session, principal)


@router.post(APPROVAL_DELEGATIONS_PATH, response_model=ApprovalDelegationOut, status_code=201)
def create(body: ApprovalDelegationIn, principal: InboxUser, session: Annotated[Session, Depends(get_write_db)]):
    out = service.create(session, principal, body)
    session.commit()
    return out


@router.post(APPROVAL_DELEGATION_REVOKE_PATH, response_model=ApprovalDelegationOut)
def revoke(delegation_id: RowId, principal: InboxUser, session: Annotated[Session, Depends(get_write_db)]):
    out = service.revoke(session, principal, delegation_id)
    session.commit()
    return out
