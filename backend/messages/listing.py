"""Listing message records: filters in SQL, keyset on (created_at, id) descending.

Every filter but the subject search is an equality that leads one of the table's indexes into the
keyset order, so a page is an index range scan at any depth.
"""

from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from backend.kit.cursor import decode_cursor, encode_cursor
from backend.kit.errors import AppError
from backend.kit.hk_time import hk_day_start
from backend.messages.masking import mask_recipient
from backend.messages.models import MessageRecord
from services.contract.errors import ErrorCode
from services.contract.queries import MessageFilter, MessageQuery
from services.contract.schemas import MessageRecordOut, Page


def conditions(f: MessageFilter) -> list:
    out = []
    if f.account:
        out.append(MessageRecord.account_no == f.account)
    if f.recipient:
        out.append(MessageRecord.recipient == f.recipient.strip())
    if f.channel:
        out.append(MessageRecord.channel == f.channel.value)
    if f.status:
        out.append(MessageRecord.status == f.status.value)
    if f.template:
        out.append(MessageRecord.template == f.template)
    if f.subject:
        out.append(MessageRecord.subject.icontains(f.subject, autoescape=True))
    if f.date_from:
        out.append(MessageRecord.created_at >= hk_day_start(f.date_from))
    if f.date_to:
        out.append(MessageRecord.created_at < hk_day_start(f.date_to + timedelta(days=1)))
    return out


def _after(key: list[str] | None):
    if key is None:
        return None
    try:
        at, record_id = datetime.fromisoformat(key[0]), int(key[1])
    except ValueError:
        raise AppError(400, ErrorCode.INVALID_CURSOR, "The page cursor is not valid.") from None
    # Row-value comparison where the database has it; spelled out for SQLite's planner too.
    return or_(MessageRecord.created_at < at, and_(MessageRecord.created_at == at, MessageRecord.id < record_id))


def out(record: MessageRecord) -> MessageRecordOut:
    return MessageRecordOut(id=record.id, account_no=record.account_no, channel=record.channel,
                            template=record.template, recipient=mask_recipient(record.recipient),
                            subject=record.subject, status=record.status,
                            provider_message_id=record.provider_message_id, error=record.error,
                            attempts=record.attempts, resendable=record.resendable,
                            created_at=record.created_at, updated_at=record.updated_at)


def records_page(session: Session, query: MessageQuery) -> Page[MessageRecordOut]:
    where = conditions(query)
    after = _after(decode_cursor(query.cursor, 2))
    stmt = (select(MessageRecord).where(*where, *([after] if after is not None else []))
            .order_by(MessageRecord.created_at.desc(), MessageRecord.id.desc()).limit(query.limit + 1))
    rows = list(session.scalars(stmt))
    more = len(rows) > query.limit
    rows = rows[:query.limit]
    total = session.scalar(select(func.count()).select_from(MessageRecord).where(*where)) or 0
    cursor = encode_cursor([rows[-1].created_at.isoformat(), str(rows[-1].id)]) if more else None
    return Page[MessageRecordOut](items=[out(r) for r in rows], next_cursor=cursor, total=total)


