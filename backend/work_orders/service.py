"""Work orders: submit (idempotent, validated, one pending order per target), decide, withdraw.

Services never commit; the route commits, so the decision, the applied change and their audit
events are one transaction.
"""

import hashlib
import json

from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.auth.service import Principal
from backend.kit.clock import utcnow
from backend.kit.cursor import decode_id_cursor, encode_cursor
from backend.kit.errors import AppError
from backend.work_orders import announce, lifecycle
from backend.work_orders import repository as repo
from backend.work_orders.audience import audience
from backend.work_orders.catalogue import CATALOGUE
from backend.work_orders.flow_def import FlowDef
from backend.work_orders.models import WorkOrder, WorkOrderDecision
from services.contract.errors import ErrorCode
from services.contract.permissions import Perm
from services.contract.queries import WorkOrderQuery, WorkOrderView
from services.contract.schemas import (
    ABSENT_VERSION,
    Decision,
    Page,
    RuleWarning,
    WorkOrderCounts,
    WorkOrderDecisionOut,
    WorkOrderListItem,
    WorkOrderOut,
    WorkOrderStatus,
    WorkOrderSubmit,
)


def request_hash(body: WorkOrderSubmit) -> str:
    canonical = json.dumps(body.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _flow(flow_id: str) -> FlowDef:
    flow = CATALOGUE.get(flow_id)
    if flow is None:
        raise AppError(404, ErrorCode.UNKNOWN_FLOW, "No such approval flow.", flow_id)
    return flow


def _replay(session: Session, maker_id: int, key: str, digest: str) -> WorkOrder | None:
    """The order an earlier request with this key created, if any; another body is refused."""
    existing = repo.by_idempotency_key(session, maker_id, key)
    if existing is not None and existing.request_hash != digest:
        raise AppError(422, ErrorCode.IDEMPOTENCY_KEY_REUSED,
                       "This Idempotency-Key was used for a different request.",
                       f"It created work order #{existing.id}; use a new key for a new request.")
    return existing


def submit(session: Session, principal: Principal, body: WorkOrderSubmit, key: str) -> tuple[WorkOrder, bool]:
    """Returns (order, created). A retry with the same key and body returns the first order."""
    flow = _flow(body.flow)
    if flow.submit_permission not in principal.permissions:
        raise AppError(403, ErrorCode.PERMISSION_DENIED, "You do not have the permission for this.",
                       f"Needs {flow.submit_permission}.")
    digest = request_hash(body)
    if (existing := _replay(session, principal.user_id, key, digest)) is not None:
        return existing, False
    if body.expires_at is not None and body.expires_at <= utcnow():
        raise AppError(422, ErrorCode.VALIDATION_ERROR, "The expiry must be in the future.",
                       errors=[{"row": None, "field": "expires_at", "code": "in_the_past",
                                "reason": "The expiry must be in the future."}])
    handler = flow.handler
    try:
        payload = handler.payload_model.model_validate(body.payload)
    except ValidationError as exc:
        errors = [{"row": None, "field": ".".join(str(p) for p in e["loc"]), "code": e["type"],
                   "reason": e["msg"]} for e in exc.errors()]
        raise AppError(422, ErrorCode.VALIDATION_ERROR, "The proposed change is not valid.",
                       "; ".join(f"{e['field']}: {e['reason']}" for e in errors), errors) from exc
    violations = handler.check(session, payload)
    if violations:
        raise AppError(422, ErrorCode.RULE_VIOLATION, "The proposed change breaks the rules.",
                       "; ".join(f"{v.field}: {v.message}" for v in violations),
                       [v.as_error() for v in violations])
    targets = handler.targets(session, payload)
    _check_expected(targets, body.expected_versions)
    now = utcnow()
    order = WorkOrder(flow=flow.id, maker_id=principal.user_id, status=WorkOrderStatus.PENDING.value,
                      levels=flow.levels(payload), approvals=0, summary=handler.summary(payload)[:256],
                      payload=payload.model_dump(mode="json"), snapshot=handler.snapshot(session, payload),
                      idempotency_key=key, request_hash=digest, submitted_at=now, updated_at=now,
                      expires_at=body.expires_at)
    try:
        repo.add_with_locks(session, order, targets)
    except IntegrityError:
        # Either the same key raced in from a retry, or a target is already in a pending order.
        if (existing := _replay(session, principal.user_id, key, digest)) is not None:
            return existing, False
        target, holder = repo.first_locked(session, list(targets))
        raise AppError(409, ErrorCode.TARGET_LOCKED, "Already awaiting approval in another work order.",
                       f"Work order #{holder} is pending on {target}; decide or withdraw it first.",
                       [{"work_order_id": holder, "target": target}]) from None
    audit.record(session, actor_id=principal.user_id, action="work_order.submit", entity_type="work_order",
                 entity_id=str(order.id), before=order.snapshot,
                 after={"flow": flow.id, "payload": order.payload, "targets": targets})
    announce.submitted(session, order)
    return order, True


def _check_expected(targets: dict[str, int | None], expected: dict[str, int] | None) -> None:
    """Refuses a draft whose rows moved since the maker started from them, or that exist now
    though the maker started from none (ABSENT_VERSION; see WorkOrderSubmit). Approval checks
    again: an order whose targets moved after submission goes stale (``_apply``)."""
    current = {key: ABSENT_VERSION if version is None else version for key, version in targets.items()}
    moved = [{"target": key, "expected": version, "current": current[key]}
             for key, version in (expected or {}).items() if key in current and current[key] != version]
    if moved:
        raise AppError(409, ErrorCode.TARGET_CHANGED, "Changed since it was drafted.",
                       f"{len(moved)} item(s) changed after the draft started from them, e.g. {moved[0]['target']}.",
                       moved)


# --- decisions ---------------------------------------------------------------------------------


def _not_found() -> AppError:
    return AppError(404, ErrorCode.NOT_FOUND, "No such work order.")


def get_or_404(session: Session, order_id: int, *, for_update: bool = False) -> WorkOrder:
    """The order; ``for_update`` locks it against concurrent deciders."""
    order = repo.get(session, order_id, for_update=for_update)
    if order is None:
        raise _not_found()
    return order


def readable_or_404(session: Session, principal: Principal, order_id: int) -> WorkOrder:
    """The order if ``principal`` may read it; others learn nothing, not even that it exists."""
    order = repo.get_readable(session, principal, order_id)
    if order is None:
        raise _not_found()
    return order


def _state(session: Session, order: WorkOrder) -> lifecycle.OrderState:
    decisions = repo.decisions(session, order.id)
    return lifecycle.OrderState(
        flow=order.flow, maker_id=order.maker_id, levels=order.levels, status=WorkOrderStatus(order.status),
        decisions=[lifecycle.LevelDecision(d.level, d.decider_id, Decision(d.decision), d.comment, d.decided_at)
                   for d in decisions],
        expires_at=order.expires_at)


def _save(session: Session, order: WorkOrder, state: lifecycle.OrderState, actor_id: int, action: str,
          before_status: str, extra: dict | None = None) -> None:
    order.status = state.status.value
    order.approvals = state.current_level - 1
    order.updated_at = utcnow()
    order.row_version += 1
    if state.status != WorkOrderStatus.PENDING:
        repo.release_locks(session, order.id)
    audit.record(session, actor_id=actor_id, action=action, entity_type="work_order", entity_id=str(order.id),
                 before={"status": before_status}, after={"status": order.status, **(extra or {})})


def _lifecycle_error(exc: lifecycle.LifecycleError) -> AppError:
    return AppError(exc.status, exc.code, exc.message)


def expire_or_raise(session: Session, order: WorkOrder, state: lifecycle.OrderState, actor_id: int,
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
    """One level's decision; the last approval applies the change in this same transaction."""
    order = get_or_404(session, order_id, for_update=True)
    state = _state(session, order)
    before_status, awaited_by = order.status, audience(session, order)
    try:
        record = lifecycle.decide(state, decider_id=principal.user_id, permissions=principal.permissions,
                                  level=level, decision=decision, comment=comment, now=utcnow())
    except lifecycle.LifecycleError as exc:
        raise expire_or_raise(session, order, state, principal.user_id, exc, awaited_by) from None
    repo.add_decision(session, WorkOrderDecision(
        work_order_id=order.id, level=record.level, decider_id=principal.user_id,
        decision=record.decision.value, comment=record.comment, decided_at=record.at))
    extra: dict = {"level": record.level, "decision": record.decision.value, "comment": record.comment}
    if state.status == WorkOrderStatus.APPROVED:
        extra.update(_apply(session, order, state, principal.user_id))
    _save(session, order, state, principal.user_id, f"work_order.{record.decision.value}", before_status, extra)
    session.flush()
    announce.moved(session, order, awaited_by, record.comment)
    return order


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
    state = _state(session, order)
    before_status, awaited_by = order.status, audience(session, order)
    try:
        lifecycle.withdraw(state, actor_id=principal.user_id, now=utcnow())
    except lifecycle.LifecycleError as exc:
        raise expire_or_raise(session, order, state, principal.user_id, exc, awaited_by) from None
    _save(session, order, state, principal.user_id, "work_order.withdraw", before_status)
    session.flush()
    announce.moved(session, order, awaited_by)
    return order


def resubmit(session: Session, principal: Principal, order_id: int, key: str,
             payload: dict | None) -> tuple[WorkOrder, bool]:
    """A rejected or stale order comes back as a new order, prefilled from it (or with the
    maker's corrected payload); the old one keeps its history."""
    old = get_or_404(session, order_id)
    try:
        lifecycle.check_resubmittable(_state(session, old), actor_id=principal.user_id)
    except lifecycle.LifecycleError as exc:
        raise _lifecycle_error(exc) from None
    body = WorkOrderSubmit(flow=old.flow, payload=payload if payload is not None else old.payload)
    order, created = submit(session, principal, body, key)
    if created:
        order.resubmitted_from_id = old.id
        session.flush()
    return order, created


def to_out(session: Session, order: WorkOrder) -> WorkOrderOut:
    """The order in full: the maker's name, the decision trail and the proposed rows."""
    handler = _flow(order.flow).handler
    trail = repo.decisions(session, order.id)
    names = repo.display_names(session, {order.maker_id} | {d.decider_id for d in trail})
    decisions = [WorkOrderDecisionOut(level=d.level, decider_id=d.decider_id, decider_name=names[d.decider_id],
                                      decision=d.decision, comment=d.comment, decided_at=d.decided_at)
                 for d in trail]
    payload = handler.payload_model.model_validate(order.payload)
    proposed = handler.proposed(payload, order.snapshot)
    warned = getattr(handler, "warnings", None)  # only flows whose rules warn have it
    warnings = [RuleWarning.model_validate(v.as_error()) for v in warned(payload)] if warned else []
    return WorkOrderOut(id=order.id, flow=order.flow, status=order.status, maker_id=order.maker_id,
                        maker_name=names[order.maker_id], levels=order.levels, approvals=order.approvals,
                        summary=order.summary, payload=order.payload, snapshot=order.snapshot,
                        proposed=proposed, diff_key=handler.diff_key, submitted_at=order.submitted_at,
                        updated_at=order.updated_at, expires_at=order.expires_at,
                        resubmitted_from_id=order.resubmitted_from_id, decisions=decisions, warnings=warnings)


# --- lists -------------------------------------------------------------------------------------


def list_orders(session: Session, principal: Principal, q: WorkOrderQuery) -> Page[WorkOrderListItem]:
    """Awaiting my decision, submitted by me, decided by me, or all; keyset on id, newest first."""
    if q.view == WorkOrderView.ALL and Perm.APPROVAL_VIEW_ALL not in principal.permissions:
        raise AppError(403, ErrorCode.PERMISSION_DENIED, "You do not have the permission for this.",
                       f"Needs {Perm.APPROVAL_VIEW_ALL}.")
    conditions = repo.list_conditions(principal, q)
    rows = repo.list_rows(session, conditions, decode_id_cursor(q.cursor), q.limit + 1)
    more = len(rows) > q.limit
    rows = rows[:q.limit]
    items = [WorkOrderListItem(id=r.id, flow=r.flow, status=r.status, maker_id=r.maker_id,
                               maker_name=r.display_name, levels=r.levels, approvals=r.approvals,
                               summary=r.summary, submitted_at=r.submitted_at, expires_at=r.expires_at)
             for r in rows]
    return Page[WorkOrderListItem](items=items, total=repo.count(session, conditions),
                                   next_cursor=encode_cursor([str(rows[-1].id)]) if more else None)


def counts(session: Session, principal: Principal) -> WorkOrderCounts:
    """The status bar's: orders awaiting my decision, and mine back decided since I last looked."""
    return WorkOrderCounts(awaiting_me=repo.awaiting_count(session, principal),
                           returned_to_me=repo.returned_count(session, principal.user_id))


def mark_returned_seen(session: Session, principal: Principal) -> WorkOrderCounts:
    """I looked at my returned orders (My Requests): none of them counts from now on."""
    repo.set_returned_seen(session, principal.user_id, utcnow())
    return counts(session, principal)
