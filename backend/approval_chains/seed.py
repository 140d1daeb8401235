"""The chains the system starts with: who approved each flow before chains were data.

Level 1 of a flow names the roles of backend/auth/roles.py that hold its decide permission
(``approval.decide:<flow>``; the administrators hold every one), decided by any one of them. Batch
flows of more than TWO_LEVEL_THRESHOLD rows ask for two such levels. No default chain: a flow
without a chain goes to the administrators. Migration 0017 writes these; a start adds the chain of
a flow that has never had one (a flow new in this release), so it keeps its code-given approvers.
"""

from sqlalchemy.orm import Session

from backend.approval_chains import repository as repo
from backend.auth.roles import ROLES
from backend.kit.clock import utcnow
from services.contract.flows import FLOWS, MARGIN_FLOW_IDS, MarginAction
from services.contract.identity import (
    Approvers,
    ChainCondition,
    ChainLevel,
    ChainSpec,
    ConditionKind,
    StricterChain,
)
from services.contract.permissions import decide_permission
from services.rules.stock_margin import TWO_LEVEL_THRESHOLD

# Uploads, batch deletes and the short-sell batch edit: the flows whose size asked a second level.
BATCH_FLOWS = frozenset(
    [flow for actions in MARGIN_FLOW_IDS.values() for action, flow in actions.items()
     if action in (MarginAction.UPLOAD, MarginAction.BATCH_DELETE)]
    + [MARGIN_FLOW_IDS["short"][MarginAction.UPDATE]])


def seeded_chain(flow_id: str) -> ChainSpec:
    level = ChainLevel(approvers=Approvers(
        roles=[role.code for role in ROLES if decide_permission(flow_id) in role.permissions]))
    stricter = []
    if flow_id in BATCH_FLOWS:
        stricter.append(StricterChain(condition=ChainCondition(kind=ConditionKind.ROWS_ABOVE, value=TWO_LEVEL_THRESHOLD),
                                      levels=[level, level]))
    return ChainSpec(levels=[level], stricter=stricter)


def seed_rows(skip: set[str]) -> list[dict]:
    """Version 1 of the chain of every flow not in ``skip``, as rows of ``approval_chains``."""
    now = utcnow()
    return [{"flow": flow.id, "version": 1, "spec": seeded_chain(flow.id).model_dump(mode="json"),
             "created_at": now, "work_order_id": None} for flow in FLOWS if flow.id not in skip]


def ensure_seeded(session: Session) -> int:
    """Adds the seeded chain of every flow that has never had one; returns how many."""
    rows = seed_rows(repo.flows_ever_chained(session))
    repo.add_versions(session, rows)
    return len(rows)
