"""A work order's transitions: decide (a level, by one of its approvers or their delegate), withdraw (the maker),
resubmit (a rejected or stale order, as a new one). The rules are lifecycle.py's; this loads the
order under a row lock, runs them, and writes the result, the applied change and the audit events
in the request's one transaction (never committing)."""

from datetime import datetime

from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.auth.service import Principal
from backend.kit.clock import utcnow
from backend.kit.errors import AppError
from backend.work_orders import announce, lifecycle
from backend.work_orders import repository as repo
from backend.work_orders.audience import audience
from backend.work_orders.catalogue import CATALOGUE
from backend.work_orders.models import WorkOrder, WorkOrderDecision
from backend.work_orders.service import get_or_404, refuse_self_grant, submit
from services.contract.identity import ApprovalMode
from services.contract.schemas import Decision, WorkOrderStatus, WorkOrderSubmit


def state_of(session: Session, order: WorkOrder) -> lifecycle.OrderState:
    decisions = repo.decisions(session, order.id)
    return lifecycle.OrderState(
        flow=order.flow, maker_id=order.maker_id, status=WorkOrderStatus(order.status),
        levels=tuple(lifecycle.Level(approvers, ApprovalMode(mode)) for _, mode, approvers in repo.levels(session, order.id)),
        decisions=[lifecycle.LevelDecision(d.level, d.decider_id, Decision(d.decision), d.comment, d.decided_at,
                                           d.on_behalf_of_id) for d in decisions],
        expires_at=order.expires_at)


def _save(session: Session, order: WorkOrder, state: lifecycle.OrderState, actor_id: int, action: str,
          before_status: str, extra: dict | None = None) -> None:
    order.status = state.status.value
    order.approvals = state.current_level - 1  # levels completed
    order.updated_at = utcnow()
    order.row_version += 1
    if state.status != WorkOrderStatus.PENDING:
        repo.release_locks(session, order.id)
    audit.record(session, actor_id=actor_id, action=action, entity_type="work_order", entity_id=str(order.id),
                 before={"status": before_status}, after={"status": order.status, **(extra or {})})


def _lifecycle_error(exc: lifecycle.LifecycleError) -> AppError:
    return AppError(exc.status, exc.code, exc.message)


def _expire_or_raise(session: Session, order: WorkOrder, state: lifecycle.OrderState, actor_id: int,
                     exc: lifecycle.LifecycleError, awaited_by: set[int]) -> AppError:
    """A refused transition; an order found past its expiry is recorded as expired first (and its
    maker and those who awaited it are told, once the route commits the expiry)."""
    if state.status == WorkOrderStatus.EXPIRED and order.status == WorkOrderStatus.PENDING.value:
        _save(session, order, state, actor_id, "work_order.expire", WorkOrderStatus.PENDING.value)
        session.flush()
        announce.moved(session, order, awaited_by)
    return _lifecycle_error(exc)


def decide(session: Session, principal: Principal, order_id: int, level: int, decision: Decision,
           comment: str | None) -> WorkOrder:
    """One approver's decision on a level (or their delegate's, in their seat); the approval that
    completes the last level applies the change in this same transaction. The order's row lock
    makes concurrent deciders (and transfers) take turns, each seeing the decisions of those before."""
    order = get_or_404(session, order_id, for_update=True)
    state = state_of(session, order)
    before_status, awaited_by = order.status, audience(session, order)
    now = utcnow()
    on_behalf_of = lifecycle.seat_for(state, principal.user_id, delegators(session, principal.user_id, order.flow, now))
    try:
        record = lifecycle.decide(state, decider_id=principal.user_id, level=level, decision=decision,
                                  comment=comment, now=now, on_behalf_of=on_behalf_of)
    except lifecycle.LifecycleError as exc:
        raise _expire_or_raise(session, order, state, principal.user_id, exc, awaited_by) from None
    handler = CATALOGUE[order.flow].handler
    refuse_self_grant(getattr(handler, "check_decider", None), session,
                      handler.payload_model.model_validate(order.payload), principal.user_id)
    repo.add_decision(session, WorkOrderDecision(
        work_order_id=order.id, level=record.level, decider_id=principal.user_id, on_behalf_of_id=on_behalf_of,
        decision=record.decision.value, comment=record.comment, decided_at=record.at))
    extra: dict = {"level": record.level, "decision": record.decision.value, "comment": record.comment}
    if on_behalf_of is not None:
        extra["on_behalf_of"] = on_behalf_of
    if state.status == WorkOrderStatus.APPROVED:
        extra.update(_apply(session, order, state, principal.user_id))
    _save(session, order, state, principal.user_id, f"work_order.{record.decision.value}", before_status, extra)
    session.flush()
    announce.moved(session, order, awaited_by, record.comment)
    return order


def delegators(session: Session, user_id: int, flow: str, now: datetime) -> set[int]:
    """Those whose delegation to ``user_id`` is in force at ``now`` for ``flow``."""
    return {d.from_id for d in repo.active_delegations(session, user_id, now) if d.flows is None or flow in d.flows}


def _apply(session: Session, order: WorkOrder, state: lifecycle.OrderState, actor_id: int) -> dict:
    """Applies an approved order, or marks it stale if a target changed since submission."""
    handler = CATALOGUE[order.flow].handler
    payload = handler.payload_model.model_validate(order.payload)
    if handler.targets(session, payload) != repo.recorded_targets(session, order.id):
        lifecycle.mark_stale(state)
        return {"stale": True}
    after = handler.apply(session, payload, actor_id, order.id)
    lifecycle.mark_applied(state)
    audit.record(session, actor_id=actor_id, action="work_order.apply", entity_type=order.flow,
                 entity_id=str(order.id), before=order.snapshot, after=after)
    return {}


def withdraw(session: Session, principal: Principal, order_id: int) -> WorkOrder:
    order = get_or_404(session, order_id, for_update=True)
    state = state_of(session, order)
    before_status, awaited_by = order.status, audience(session, order)
    try:
        lifecycle.withdraw(state, actor_id=principal.user_id, now=utcnow())
    except lifecycle.LifecycleError as exc:
        raise _expire_or_raise(session, order, state, principal.user_id, exc, awaited_by) from None
    _save(session, order, state, principal.user_id, "work_order.withdraw", before_status)
    session.flush()
    announce.moved(session, order, awaited_by)
    return order


def resubmit(session: Session, principal: Principal, order_id: int, key: str,
             payload: dict | None, note: str | None = None,
             expected_versions: dict[str, int] | None = None) -> tuple[WorkOrder, bool]:
    """A rejected or stale order comes back as a new order, prefilled from it (or with the
    maker's corrected payload) and with the maker's note to the approvers, under the approval
    chain in force now; the old one keeps its history. ``expected_versions``: as on a submission,
    the versions the correction was made against (refused if a target moved since)."""
    old = get_or_404(session, order_id)
    try:
        lifecycle.check_resubmittable(state_of(session, old), actor_id=principal.user_id)
    except lifecycle.LifecycleError as exc:
        raise _lifecycle_error(exc) from None
    body = WorkOrderSubmit(flow=old.flow, payload=payload if payload is not None else old.payload, note=note,
                           expected_versions=expected_versions)
    order, created = submit(session, principal, body, key)
    if created:
        order.resubmitted_from_id = old.id
        session.flush()
    return order, created
