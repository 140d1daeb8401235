"""One message record as its detail panel shows it, and the states of attempts being followed."""

from collections.abc import Sequence

from sqlalchemy.orm import Session

from backend.kit.errors import AppError
from backend.messages import repository as repo
from backend.messages.listing import out
from backend.messages.masking import mask_codes
from backend.messages.providers import DEFAULT_SENDER
from services.contract.errors import ErrorCode
from services.contract.schemas import DeliveryAttemptOut, MessageRecordDetail


def _attempts(rows: list[repo.Requested]) -> list[DeliveryAttemptOut]:
    return [DeliveryAttemptOut(id=a.id, record_id=a.record_id, kind=a.kind, status=a.status, tries=a.tries,
                               next_attempt_at=a.next_attempt_at, provider_message_id=a.provider_message_id,
                               error=a.error, requested_by=username, reason=a.reason, created_at=a.created_at,
                               finished_at=a.finished_at, requested_by_name=name)
            for a, username, name in rows]


def record_detail(session: Session, record_id: int) -> MessageRecordDetail:
    row = repo.record_with_template(session, record_id)
    if row is None:
        raise AppError(404, ErrorCode.NOT_FOUND, "No such message record.")
    record, template = row
    return MessageRecordDetail(
        **out(record).model_dump(), template_name=template.name, template_name_zh=template.name_zh,
        sender=DEFAULT_SENDER if record.channel == "email" else None,
        body=record.body if record.resendable else mask_codes(record.body),
        timeline=_attempts(repo.attempts_of_record(session, record_id)))


def attempt_states(session: Session, attempt_ids: Sequence[int]) -> list[DeliveryAttemptOut]:
    """The attempts asked for that exist, oldest first: how a resend is followed until it is final."""
    return _attempts(repo.attempts_by_id(session, attempt_ids))
