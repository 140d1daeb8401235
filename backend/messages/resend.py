"""Resending a message record: a new delivery attempt through the same path, to the recorded
address only, on SMS and Email only (the changelog), never for one-time codes, limited, idempotent
and audited (DOMAIN.md)."""

import hashlib
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.auth.service import Principal
from backend.kit.clock import utcnow
from backend.kit.errors import AppError
from backend.messages import repository as repo
from backend.messages.models import DeliveryAttempt
from services.contract.errors import ErrorCode
from services.contract.schemas import ResendOut, ResendResult, channel_resendable

PER_MESSAGE_PER_HOUR = 3
PER_OPERATOR_PER_HOUR = 200
WINDOW = timedelta(hours=1)


def resend(session: Session, principal: Principal, record_id: int, reason: str, key: str) -> DeliveryAttempt:
    """The queued attempt; a retry with the same key returns the first one, never a second."""
    earlier = repo.attempt_by_key(session, key)
    if earlier is not None:
        if earlier.record_id != record_id or earlier.requested_by != principal.user_id:
            raise AppError(422, ErrorCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used for another resend.")
        return earlier
    record = repo.lock_record(session, record_id)
    if record is None:
        raise AppError(404, ErrorCode.NOT_FOUND, "No such message record.")
    if not channel_resendable(record.channel):
        raise AppError(409, ErrorCode.CHANNEL_NOT_RESENDABLE, "Only SMS and Email messages can be resent.",
                       f"Message #{record.id} went by {record.channel}.",
                       [{"row": None, "field": "channel", "code": "channel_not_resendable",
                         "reason": f"Resend is for SMS and Email; this message's channel is {record.channel}."}])
    if not record.resendable:
        raise AppError(409, ErrorCode.NOT_RESENDABLE, "This message is never resent.",
                       f"Template {record.template} holds a one-time code.")
    now = utcnow()
    if repo.resends_since(session, now - WINDOW, record_id=record_id) >= PER_MESSAGE_PER_HOUR:
        raise AppError(429, ErrorCode.RESEND_LIMIT, "Resent too often.",
                       f"At most {PER_MESSAGE_PER_HOUR} resends of one message per hour.")
    if repo.resends_since(session, now - WINDOW, requested_by=principal.user_id) >= PER_OPERATOR_PER_HOUR:
        raise AppError(429, ErrorCode.RESEND_LIMIT, "Resent too often.",
                       f"At most {PER_OPERATOR_PER_HOUR} resends per operator per hour.")
    attempt = DeliveryAttempt(record_id=record.id, kind="resend", status="queued", tries=0,
                              requested_by=principal.user_id, reason=reason, idempotency_key=key, created_at=now)
    repo.add_attempt(session, attempt)
    record.status, record.attempts, record.updated_at, record.error = "queued", record.attempts + 1, now, None
    session.flush()
    audit.record(session, actor_id=principal.user_id, action="message.resend", entity_type="message_record",
                 entity_id=str(record.id), after={"attempt_id": attempt.id, "reason": reason,
                                                   "channel": record.channel})
    return attempt


def resend_answer(session: Session, record_id: int, attempt: DeliveryAttempt) -> ResendOut:
    """What a resend answers, read once the route has committed it: the record as now queued."""
    record = repo.record(session, record_id)
    return ResendOut(record_id=record_id, attempt_id=attempt.id, status=record.status, attempts=record.attempts)


def _record_key(key: str, record_id: int) -> str:
    """Each record of a bulk request gets its own key, derived from the request's, so a retried
    request finds the attempts it queued the first time (and fits the 80-character column)."""
    return f"bulk:{hashlib.sha256(key.encode()).hexdigest()[:48]}:{record_id}"


def bulk_resend(session: Session, principal: Principal, record_ids: Sequence[int], reason: str,
                key: str) -> list[ResendResult]:
    """Resends each record on its own: one refused (its code) never stops the others. Records are
    locked in id order, so two bulk requests cannot deadlock; answers come in the order asked."""
    results: dict[int, ResendResult] = {}
    for record_id in sorted(set(record_ids)):
        try:
            with session.begin_nested():
                attempt = resend(session, principal, record_id, reason, _record_key(key, record_id))
                status = repo.record(session, record_id).status
            results[record_id] = ResendResult(record_id=record_id, attempt_id=attempt.id, status=status)
        except AppError as exc:
            results[record_id] = ResendResult(record_id=record_id, code=exc.code, detail=exc.detail or exc.title)
    return [results[record_id] for record_id in dict.fromkeys(record_ids)]
