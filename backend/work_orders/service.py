"""Submitting work orders: idempotent, validated by the flow's rules, one pending order per target."""

import hashlib
import json

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.auth.service import Principal
from backend.db.types import utcnow
from backend.kit.errors import AppError
from backend.work_orders.catalogue import CATALOGUE, FlowDef
from backend.work_orders.models import WorkOrder, WorkOrderLock, WorkOrderTarget
from services.contract.errors import ErrorCode
from services.contract.schemas import WorkOrderStatus, WorkOrderSubmit


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
    existing = session.scalar(select(WorkOrder).where(WorkOrder.maker_id == maker_id,
                                                      WorkOrder.idempotency_key == key))
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
    handler = flow.handler
    try:
        payload = handler.payload_model.model_validate(body.payload)
    except ValidationError as exc:
        errors = [{"row": None, "field": ".".join(str(p) for p in e["loc"]), "code": e["type"],
                   "reason": e["msg"]} for e in exc.errors()]
        raise AppError(422, ErrorCode.VALIDATION_ERROR, "The proposed change is not valid.",
                       "; ".join(f"{e['field']}: {e['reason']}" for e in errors), errors) from exc
    violations = handler.check(payload)
    if violations:
        raise AppError(422, ErrorCode.RULE_VIOLATION, "The proposed change breaks the rules.",
                       "; ".join(f"{v.field}: {v.message}" for v in violations),
                       [v.as_error() for v in violations])
    targets = handler.targets(session, payload)
    now = utcnow()
    order = WorkOrder(flow=flow.id, maker_id=principal.user_id, status=WorkOrderStatus.PENDING.value,
                      levels=flow.levels(payload), approvals=0, summary=handler.summary(payload)[:256],
                      payload=payload.model_dump(mode="json"), snapshot=handler.snapshot(session, payload),
                      idempotency_key=key, request_hash=digest, submitted_at=now, updated_at=now,
                      expires_at=body.expires_at)
    try:
        with session.begin_nested():
            session.add(order)
            session.flush()
            session.add_all(WorkOrderTarget(work_order_id=order.id, target_key=t, version=v)
                            for t, v in targets.items())
            session.add_all(WorkOrderLock(target_key=t, work_order_id=order.id) for t in targets)
            session.flush()
    except IntegrityError:
        # Either the same key raced in from a retry, or a target is already in a pending order.
        if (existing := _replay(session, principal.user_id, key, digest)) is not None:
            return existing, False
        holder = session.scalar(select(WorkOrderLock.work_order_id)
                                .where(WorkOrderLock.target_key.in_(list(targets))))
        raise AppError(409, ErrorCode.TARGET_LOCKED, "Already awaiting approval in another work order.",
                       f"Work order #{holder} is pending on the same item; decide or withdraw it first.",
                       [{"work_order_id": holder}]) from None
    audit.record(session, actor_id=principal.user_id, action="work_order.submit", entity_type="work_order",
                 entity_id=str(order.id), before=order.snapshot,
                 after={"flow": flow.id, "payload": order.payload, "targets": targets})
    return order, True
