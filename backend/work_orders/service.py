"""Work orders: submit (idempotent, validated, one pending order per target, its approvers fixed
from the approval chain in force) and find an order. Deciding, withdrawing and resubmitting are
in transitions.py; the detail and the lists in views.py.

Services never commit; the route commits, so the order, its approvers and its audit event are
one transaction.
"""

import hashlib
import json

from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.approval_chains import service as chains
from backend.audit import service as audit
from backend.auth.service import Principal
from backend.kit.clock import utcnow
from backend.kit.errors import AppError
from backend.work_orders import announce
from backend.work_orders import repository as repo
from backend.work_orders.catalogue import CATALOGUE
from backend.work_orders.flow_def import FlowDef
from backend.work_orders.models import WorkOrder
from services.contract.errors import ErrorCode
from services.contract.schemas import ABSENT_VERSION, WorkOrderStatus, WorkOrderSubmit


def request_hash(body: WorkOrderSubmit) -> str:
    # Without a note the body hashes as it did before notes existed: a retry kept from then matches.
    fields = body.model_dump(mode="json", exclude={"note"} if body.note is None else None)
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def flow_of(flow_id: str) -> FlowDef:
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
    flow = flow_of(body.flow)
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
    refuse_self_grant(getattr(handler, "check_maker", None), session, payload, principal.user_id)
    targets = handler.targets(session, payload)
    _check_expected(targets, body.expected_versions)
    stored, snapshot = payload.model_dump(mode="json"), handler.snapshot(session, payload)
    plan = chains.plan(session, flow.id, stored, snapshot, principal.user_id)
    summary = handler.summary(payload)
    now = utcnow()
    order = WorkOrder(flow=flow.id, maker_id=principal.user_id, status=WorkOrderStatus.PENDING.value,
                      levels=len(plan.levels), approvals=0, summary=summary.text()[:256],
                      summary_key=summary.key, summary_args=dict(summary.args),
                      payload=stored, snapshot=snapshot, idempotency_key=key, request_hash=digest,
                      submitted_at=now, updated_at=now, expires_at=body.expires_at, chain_id=plan.chain_id,
                      maker_note=body.note)
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
    repo.add_approvers(session, order.id, [(level.mode.value, level.approvers) for level in plan.levels], plan.cc)
    audit.record(session, actor_id=principal.user_id, action="work_order.submit", entity_type="work_order",
                 entity_id=str(order.id), before=order.snapshot,
                 after={"flow": flow.id, "payload": order.payload, "targets": targets, "chain_id": plan.chain_id,
                        "approvers": [sorted(level.approvers) for level in plan.levels]}
                 | ({"note": body.note} if body.note else {}))
    announce.submitted(session, order)
    return order, True


def refuse_self_grant(check, session: Session, payload, user_id: int) -> None:
    """A flow that grants rights says who may not ask for or decide it (``check_maker``,
    ``check_decider``): nobody grants themselves anything."""
    violations = check(session, payload, user_id) if check is not None else []
    if violations:
        raise AppError(403, ErrorCode.SELF_GRANT, "Nobody grants themselves rights.",
                       "; ".join(v.message for v in violations), [v.as_error() for v in violations])


def _check_expected(targets: dict[str, int | None], expected: dict[str, int] | None) -> None:
    """Refuses a draft whose rows moved since the maker started from them, or that exist now
    though the maker started from none (ABSENT_VERSION; see WorkOrderSubmit). Approval checks
    again: an order whose targets moved after submission goes stale (transitions.py)."""
    current = {key: ABSENT_VERSION if version is None else version for key, version in targets.items()}
    moved = [{"target": key, "expected": version, "current": current[key]}
             for key, version in (expected or {}).items() if key in current and current[key] != version]
    if moved:
        raise AppError(409, ErrorCode.TARGET_CHANGED, "Changed since it was drafted.",
                       f"{len(moved)} item(s) changed after the draft started from them, e.g. {moved[0]['target']}.",
                       moved)


# --- finding an order --------------------------------------------------------------------------


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
    order = repo.get_readable(session, principal, order_id, repo.active_delegations(session, principal.user_id, utcnow()))
    if order is None:
        raise _not_found()
    return order
