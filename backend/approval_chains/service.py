"""Approval chains: the chain an order goes to and the people it names (fixed at submission), and
the chains as the 審批流程配置 page lists them. No SQL here (repository.py), and nothing commits."""

from dataclasses import dataclass

from sqlalchemy.orm import Session

from backend.approval_chains import repository as repo
from backend.approval_chains.models import ApprovalChain
from backend.kit.errors import AppError
from services.contract.errors import ErrorCode
from services.contract.flows import FLOWS, FLOWS_BY_ID
from services.contract.identity import (
    DEFAULT_CHAIN_KEY,
    ApprovalChainOut,
    ApprovalChainsOut,
    ApprovalChainVersionOut,
    ApprovalMode,
    Approvers,
    ChainPeopleOut,
    ChainPersonOut,
    ChainRoleOut,
    ChainSpec,
    chain_flow,
    chain_key,
)
from services.rules.approval_chain import FALLBACK_CHAIN, levels_for, resolve


def target_key(flow: str | None) -> str:
    """The work-order target of a chain: one pending change per chain."""
    return f"approval_chain:{chain_key(flow)}"


def spec_of(row: ApprovalChain | None) -> ChainSpec | None:
    return ChainSpec.model_validate(row.spec) if row is not None and row.spec is not None else None


def chain_in_force(session: Session, flow: str) -> tuple[ApprovalChain | None, ChainSpec]:
    """The version an order of ``flow`` goes to, and its chain: the flow's own, else the default
    chain, else (no version at all) the administrators."""
    for key in (flow, None):
        row = repo.current(session, key)
        if (spec := spec_of(row)) is not None:
            return row, spec
    return None, FALLBACK_CHAIN


# --- an order's approvers ----------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedLevel:
    mode: ApprovalMode
    approvers: dict[int, str]  # user id → via ("user", "role:<code>")


@dataclass(frozen=True)
class ApprovalPlan:
    chain_id: int | None
    levels: list[PlannedLevel]
    cc: dict[int, str]


def _named(approvers: list[Approvers]) -> tuple[set[str], set[str]]:
    return {r for a in approvers for r in a.roles}, {u for a in approvers for u in a.users}


def plan(session: Session, flow: str, payload: dict, snapshot: dict, maker_id: int) -> ApprovalPlan:
    """Who decides each level of a new order of ``flow``, and who is copied on it; refuses an
    order a level of which names nobody but its maker (it could never be decided)."""
    row, chain = chain_in_force(session, flow)
    levels = levels_for(chain, payload, snapshot)
    roles, users = _named([level.approvers for level in levels] + [chain.cc])
    members, active = repo.role_members(session, roles), repo.active_user_ids(session, users)
    planned = [PlannedLevel(level.mode, resolve(level.approvers, members, active, maker_id)) for level in levels]
    empty = [n for n, level in enumerate(planned, start=1) if not level.approvers]
    if empty:
        reason = (f"Level {empty[0]} of the approval chain names no active person other than you; "
                  "an administrator must change the chain (審批流程配置) first.")
        raise AppError(409, ErrorCode.NO_APPROVER, "Nobody could decide this work order.", reason,
                       [{"row": None, "field": f"levels.{n}", "code": "no_approver", "reason": reason} for n in empty])
    return ApprovalPlan(row.id if row else None, planned, resolve(chain.cc, members, active, maker_id))


# --- the chains as configured ------------------------------------------------------------------


def _out(flow: str | None, row: ApprovalChain | None, pending: dict[str, int]) -> ApprovalChainOut:
    known = FLOWS_BY_ID.get(flow) if flow else None
    return ApprovalChainOut(flow=flow, area=known.area if known else None, name_en=known.name_en if known else None,
                            version=row.version if row else None, chain=spec_of(row),
                            pending_order_id=pending.get(target_key(flow)))


def overview(session: Session) -> ApprovalChainsOut:
    """Every flow's chain, in the flow table's order, and the default chain."""
    latest = repo.current_all(session)
    pending = repo.pending_changes(session, [target_key(f.id) for f in FLOWS] + [target_key(None)])
    return ApprovalChainsOut(default=_out(None, latest.get(None), pending),
                             flows=[_out(f.id, latest.get(f.id), pending) for f in FLOWS])


def versions(session: Session, key: str) -> list[ApprovalChainVersionOut]:
    """Every version of the chain of ``key`` (a flow id, or DEFAULT_CHAIN_KEY), newest first."""
    if key != DEFAULT_CHAIN_KEY and key not in FLOWS_BY_ID:
        raise AppError(404, ErrorCode.NOT_FOUND, "No such approval flow.", key)
    rows = repo.versions(session, chain_flow(key))
    people = repo.order_people(session, {row.work_order_id for row in rows if row.work_order_id is not None})
    out = []
    for row in rows:
        maker, approvers = people.get(row.work_order_id, (None, [])) if row.work_order_id is not None else (None, [])
        out.append(ApprovalChainVersionOut(version=row.version, chain=spec_of(row), created_at=row.created_at,
                                           work_order_id=row.work_order_id, maker_name=maker,
                                           approver_names=approvers))
    return out


def people(session: Session) -> ChainPeopleOut:
    """Whom a chain may name: the active users (with their roles) and every role."""
    return ChainPeopleOut(
        users=[ChainPersonOut(username=u, display_name=d, roles=r) for u, d, r in repo.active_people(session)],
        roles=[ChainRoleOut(code=r.code, name_en=r.name_en, name_zh=r.name_zh) for r in repo.all_roles(session)])
