"""審批流程配置: every flow's approval chain and the default chain, and a chain's versions. Changing
a chain is a work order (``identity.approval_chain.update``, POST /work-orders)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from sqlalchemy.orm import Session

from backend.approval_chains import service
from backend.auth.deps import require
from backend.auth.service import Principal
from backend.db.session import get_db
from services.contract.identity import (
    APPROVAL_CHAIN_PEOPLE_PATH,
    APPROVAL_CHAIN_VERSIONS_PATH,
    APPROVAL_CHAINS_PATH,
    ApprovalChainsOut,
    ApprovalChainVersionOut,
    ChainPeopleOut,
)
from services.contract.permissions import Perm

router = APIRouter(tags=["approval chains"])

Viewer = Annotated[Principal, Depends(require(Perm.APPROVAL_CHAIN_VIEW))]
FlowKey = Annotated[str, Path(max_length=80, description="a flow id, or *default* for the default chain")]


@router.get(APPROVAL_CHAINS_PATH, response_model=ApprovalChainsOut)
def chains(_: Viewer, session: Annotated[Session, Depends(get_db)]):
    return service.overview(session)


@router.get(APPROVAL_CHAIN_PEOPLE_PATH, response_model=ChainPeopleOut)
def people(_: Viewer, session: Annotated[Session, Depends(get_db)]):
    """Whom a chain may name (the editor's people and roles): active users and every role."""
    return service.people(session)


@router.get(APPROVAL_CHAIN_VERSIONS_PATH, response_model=list[ApprovalChainVersionOut])
def versions(flow: FlowKey, _: Viewer, session: Annotated[Session, Depends(get_db)]):
    return service.versions(session, flow)
