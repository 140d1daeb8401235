"""The rules of delegations: one is made by the delegator for themselves (to someone else who is
active and may approve), ends after it starts, lasts at most DELEGATION_MAX_DAYS and has not
ended yet; only the delegator revokes it, while it is scheduled or in force. Whether it lets a
delegate decide is the work orders' business (backend/work_orders/transitions.py)."""

from datetime import datetime, timedelta

from sqlalchemy import Row
from sqlalchemy.orm import Session

from backend.approval_delegations import repository as repo
from backend.approval_delegations.models import ApprovalDelegation
from backend.audit import service as audit
from backend.auth.service import Principal
from backend.kit.clock import utcnow
from backend.kit.errors import AppError
from backend.work_orders.catalogue import CATALOGUE
from services.contract.errors import ErrorCode
from services.contract.identity import (
    DELEGATION_MAX_DAYS,
    DELEGATION_MAX_LEAD_DAYS,
    ApprovalDelegationIn,
    ApprovalDelegationOut,
    DelegationState,
)


def state(delegation: ApprovalDelegation, now: datetime) -> DelegationState:
    if delegation.revoked_at is not None:
        return DelegationState.REVOKED
    if now >= delegation.ends_at:
        return DelegationState.ENDED
    return DelegationState.ACTIVE if now >= delegation.starts_at else DelegationState.SCHEDULED


def _out(row: Row, now: datetime) -> ApprovalDelegationOut:
    d = row.ApprovalDelegation
    return ApprovalDelegationOut(id=d.id, from_id=d.from_user_id, from_username=row.from_username,
                                 from_name=row.from_name, to_id=d.to_user_id, to_username=row.to_username,
                                 to_name=row.to_name, starts_at=d.starts_at, ends_at=d.ends_at, flows=d.flows,
                                 created_at=d.created_at, revoked_at=d.revoked_at, state=state(d, now))


def _invalid(field: str, code: str, reason: str) -> AppError:
    """A delegation the rules refuse (who may be named, when it may run), naming the field."""
    return AppError(422, ErrorCode.RULE_VIOLATION, "This delegation breaks the rules.", f"{field}: {reason}",
                    [{"row": None, "field": field, "code": code, "reason": reason}])


def mine(session: Session, principal: Principal) -> list[ApprovalDelegationOut]:
    now = utcnow()
    return [_out(row, now) for row in repo.mine(session, principal.user_id)]


def _check(session: Session, principal: Principal, body: ApprovalDelegationIn, now: datetime) -> int:
    """The delegate's user id, once the delegation passes every rule."""
    target = repo.person(session, body.to)
    if target is None:
        raise _invalid("to", "unknown", f"There is no user {body.to}.")
    if target.id == principal.user_id:
        raise _invalid("to", "self", "You cannot delegate to yourself.")
    if not target.active:
        raise _invalid("to", "inactive", f"{body.to}'s account is disabled.")
    if not target.may_approve:
        raise _invalid("to", "cannot_approve", f"{body.to} has no approvals inbox, so could never decide.")
    if body.ends_at <= body.starts_at:
        raise _invalid("ends_at", "not_after_start", "The delegation must end after it starts.")
    if body.ends_at - body.starts_at > timedelta(days=DELEGATION_MAX_DAYS):
        raise _invalid("ends_at", "too_long", f"A delegation lasts at most {DELEGATION_MAX_DAYS} days.")
    if body.ends_at <= now:
        raise _invalid("ends_at", "in_the_past", "The delegation must end in the future.")
    if body.starts_at - now > timedelta(days=DELEGATION_MAX_LEAD_DAYS):
        raise _invalid("starts_at", "too_far", f"A delegation starts within {DELEGATION_MAX_LEAD_DAYS} days.")
    unknown = [f for f in body.flows or () if f not in CATALOGUE]
    if unknown:
        raise _invalid("flows", "unknown_flow", f"No such approval flow: {', '.join(unknown)}.")
    return target.id


def create(session: Session, principal: Principal, body: ApprovalDelegationIn) -> ApprovalDelegationOut:
    now = utcnow()
    to_id = _check(session, principal, body, now)
    delegation = ApprovalDelegation(from_user_id=principal.user_id, to_user_id=to_id, starts_at=body.starts_at,
                                    ends_at=body.ends_at, flows=sorted(set(body.flows)) if body.flows else None,
                                    created_at=now)
    repo.add(session, delegation)
    audit.record(session, actor_id=principal.user_id, action="approval_delegation.create",
                 entity_type="approval_delegation", entity_id=str(delegation.id), before=None,
                 after={"to": body.to, "starts_at": body.starts_at.isoformat(), "ends_at": body.ends_at.isoformat(),
                        "flows": delegation.flows})
    return _found(session, delegation.id, now)


def revoke(session: Session, principal: Principal, delegation_id: int) -> ApprovalDelegationOut:
    """Ends the delegator's delegation now; someone else's answers 404, as if it did not exist."""
    delegation = repo.lock(session, delegation_id)
    if delegation is None or delegation.from_user_id != principal.user_id:
        raise AppError(404, ErrorCode.NOT_FOUND, "No such delegation of yours.")
    now = utcnow()
    current = state(delegation, now)
    if current in (DelegationState.REVOKED, DelegationState.ENDED):
        raise AppError(409, ErrorCode.DELEGATION_NOT_ACTIVE, f"This delegation is already {current.value}.")
    delegation.revoked_at = now
    audit.record(session, actor_id=principal.user_id, action="approval_delegation.revoke",
                 entity_type="approval_delegation", entity_id=str(delegation.id), before={"state": current.value},
                 after={"state": DelegationState.REVOKED.value})
    session.flush()
    return _found(session, delegation.id, now)


def _found(session: Session, delegation_id: int, now: datetime) -> ApprovalDelegationOut:
    row = repo.one(session, delegation_id)
    assert row is not None  # just written in this transaction
    return _out(row, now)
