"""Listing message records as the API shows them: keyset pages, capped counts and the full
filtered set for exports (the SQL, and which index it walks, is the repository's).

Pages carry no ``total``: showing rows never waits for counting them. The count is a request of
its own (``count_records``, GET MESSAGE_COUNT_PATH) that the desktop sends beside the first page,
exact up to TOTAL_CAP; past it the answer says capped, "more than TOTAL_CAP".
"""

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy.orm import Session

from backend.kit.cursor import decode_cursor, encode_cursor
from backend.kit.errors import AppError
from backend.messages import repository as repo
from backend.messages.masking import mask_recipient
from backend.messages.models import MessageRecord, MessageTemplate
from backend.messages.repository import Key
from services.contract.errors import ErrorCode
from services.contract.queries import MESSAGE_TOTAL_CAP, MessageFilter, MessageQuery
from services.contract.schemas import MessageCount, MessageRecordOut, Page

TOTAL_CAP = MESSAGE_TOTAL_CAP
ITER_CHUNK = 1_000


def _after(key: list[str] | None) -> Key | None:
    if key is None:
        return None
    try:
        at, record_id = datetime.fromisoformat(key[0]), int(key[1])
    except ValueError:
        raise AppError(400, ErrorCode.INVALID_CURSOR, "The page cursor is not valid.") from None
    if at.tzinfo is None:
        raise AppError(400, ErrorCode.INVALID_CURSOR, "The page cursor is not valid.")
    return at, record_id


def out(record: MessageRecord) -> MessageRecordOut:
    return MessageRecordOut(id=record.id, account_no=record.account_no, channel=record.channel,
                            template=record.template, recipient=mask_recipient(record.recipient),
                            subject=record.subject, status=record.status,
                            provider_message_id=record.provider_message_id, error=record.error,
                            attempts=record.attempts, resendable=record.resendable,
                            created_at=record.created_at, updated_at=record.updated_at)


def records_page(session: Session, query: MessageQuery) -> Page[MessageRecordOut]:
    after = _after(decode_cursor(query.cursor, 2))
    repo.plan_for_the_values(session)
    rows = repo.record_page(session, query, after, query.limit)
    more = len(rows) > query.limit
    rows = rows[:query.limit]
    cursor = encode_cursor([rows[-1].created_at.isoformat(), str(rows[-1].id)]) if more else None
    return Page[MessageRecordOut](items=[out(r) for r in rows], next_cursor=cursor)  # counted apart


def count_records(session: Session, f: MessageFilter) -> MessageCount:
    """The filter's records, exact up to TOTAL_CAP; past it ``capped`` and the cap as the total."""
    repo.plan_for_the_values(session)
    found = repo.count_capped(session, f, TOTAL_CAP)
    return MessageCount(total=min(found, TOTAL_CAP), capped=found > TOTAL_CAP)


def iter_records(session: Session, f: MessageFilter, chunk: int = ITER_CHUNK) -> Iterator[MessageRecord]:
    """Every record the filter matches, in keyset order, ``chunk`` rows at a time (for exports)."""
    repo.plan_for_the_values(session)
    yield from repo.iter_records(session, f, chunk)


def templates(session: Session) -> list[MessageTemplate]:
    """Every template, by channel and code: for the filter and the names in the list."""
    return repo.templates(session)
