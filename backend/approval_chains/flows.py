"""``identity.approval_chain.update``: a flow's approval chain (or the default chain) set or
removed, through a work order decided by a second administrator. Applying inserts a new version;
orders already waiting keep the approvers they were submitted with."""

from sqlalchemy.orm import Session

from backend.approval_chains import repository as repo
from backend.approval_chains.models import ApprovalChain
from backend.approval_chains.service import spec_of, target_key
from backend.kit.clock import utcnow
from backend.work_orders.flow_def import FlowDef
from services.contract.flows import FLOWS_BY_ID
from services.contract.identity import APPROVAL_CHAIN_FLOW, ApprovalChainPayload, chain_key
from services.contract.summaries import Summary
from services.rules.approval_chain import check_spec
from services.rules.violations import Violation


def _row(flow: str | None, chain: dict | None, version: int | None) -> dict:
    """A chain as a row of the order's before/after table, matched on ``flow``."""
    return {"flow": chain_key(flow), "chain": chain, "version": version}


class ApprovalChainHandler:
    payload_model = ApprovalChainPayload
    diff_key = "flow"

    def check(self, session: Session, payload: ApprovalChainPayload) -> list[Violation]:
        if payload.flow is not None and payload.flow not in FLOWS_BY_ID:
            return [Violation("flow", "no_such_flow", f"There is no approval flow {payload.flow}.")]
        if payload.chain is None:
            if spec_of(repo.current(session, payload.flow)) is None:
                return [Violation("chain", "no_chain_to_remove", "There is no chain of its own to remove.")]
            return []
        spec = payload.chain
        lists = [level.approvers for level in spec.levels] + [spec.cc] + [
            level.approvers for stricter in spec.stricter for level in stricter.levels]
        roles = {code for approvers in lists for code in approvers.roles}
        users = {name for approvers in lists for name in approvers.users}
        return check_spec(spec, repo.existing_role_codes(session, roles), repo.existing_usernames(session, users))

    def targets(self, session: Session, payload: ApprovalChainPayload) -> dict[str, int | None]:
        row = repo.current(session, payload.flow)
        return {target_key(payload.flow): row.version if row else None}

    def snapshot(self, session: Session, payload: ApprovalChainPayload) -> dict:
        row = repo.current(session, payload.flow)
        return {"rows": [_row(payload.flow, row.spec, row.version)] if row is not None and row.spec else []}

    def proposed(self, payload: ApprovalChainPayload, snapshot: dict) -> dict:
        if payload.chain is None:
            return {"rows": [], "deleted": [chain_key(payload.flow)]}
        return {"rows": [_row(payload.flow, payload.chain.model_dump(mode="json"), None)], "deleted": []}

    def summary(self, payload: ApprovalChainPayload) -> Summary:
        args = {"flow": payload.flow} if payload.flow and payload.flow in FLOWS_BY_ID else {}
        whose = "chain" if args else "default_chain"
        if payload.chain is None:
            return Summary(f"{whose}.removed", args)
        return Summary(f"{whose}.levels", args | {"levels": str(len(payload.chain.levels))})

    def apply(self, session: Session, payload: ApprovalChainPayload, actor_id: int, order_id: int) -> dict:
        current = repo.current(session, payload.flow)
        spec = payload.chain.model_dump(mode="json") if payload.chain is not None else None
        row = ApprovalChain(flow=payload.flow, version=(current.version if current else 0) + 1, spec=spec,
                            created_at=utcnow(), work_order_id=order_id)
        repo.add_version(session, row)
        # Imported here: the work-order package imports this module through its catalogue.
        from backend.work_orders import announce

        announce.approval_chain_changed(session, payload.flow)
        return {"rows": [_row(payload.flow, spec, row.version)]}


APPROVAL_CHAIN_FLOW_DEF = FlowDef(APPROVAL_CHAIN_FLOW, ApprovalChainHandler())
