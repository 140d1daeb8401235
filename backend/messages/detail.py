"""One message record as its detail panel shows it, and the states of attempts being followed."""

import re
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.auth.models import User
from backend.kit.errors import AppError
from backend.messages.listing import out
from backend.messages.models import DeliveryAttempt, MessageRecord, MessageTemplate
from backend.messages.providers import DEFAULT_SENDER
from services.contract.errors import ErrorCode
from services.contract.schemas import DeliveryAttemptOut, MessageRecordDetail

# A one-time code is a run of 4 to 8 digits; nobody in the back office needs to read it.
_CODE = re.compile(r"(?<!\d)\d{4,8}(?!\d)")


def mask_codes(body: str) -> str:
    return _CODE.sub(lambda m: "•" * len(m.group()), body)


def _attempts(session: Session, where) -> list[DeliveryAttemptOut]:
    rows = session.execute(select(DeliveryAttempt, User.username)
                           .outerjoin(User, User.id == DeliveryAttempt.requested_by)
                           .where(where).order_by(DeliveryAttempt.id))
    return [DeliveryAttemptOut(id=a.id, record_id=a.record_id, kind=a.kind, status=a.status, tries=a.tries,
                               next_attempt_at=a.next_attempt_at, provider_message_id=a.provider_message_id,
                               error=a.error, requested_by=username, reason=a.reason, created_at=a.created_at,
                               finished_at=a.finished_at)
            for a, username in rows]


def record_detail(session: Session, record_id: int) -> MessageRecordDetail:
    row = session.execute(select(MessageRecord, MessageTemplate)
                          .join(MessageTemplate, MessageTemplate.code == MessageRecord.template)
                          .where(MessageRecord.id == record_id)).one_or_none()
    if row is None:
        raise AppError(404, ErrorCode.NOT_FOUND, "No such message record.")
    record, template = row
    return MessageRecordDetail(
        **out(record).model_dump(), template_name=template.name, template_name_zh=template.name_zh,
        sender=DEFAULT_SENDER if record.channel == "email" else None,
        body=record.body if record.resendable else mask_codes(record.body),
        timeline=_attempts(session, DeliveryAttempt.record_id == record_id))


def attempt_states(session: Session, attempt_ids: Sequence[int]) -> list[DeliveryAttemptOut]:
    """The attempts asked for that exist, oldest first: how a resend is followed until it is final."""
    return _attempts(session, DeliveryAttempt.id.in_(list(attempt_ids)))
