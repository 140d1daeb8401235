"""Listing message records as the API shows them: keyset pages, capped counts and the full
filtered set for exports (the SQL, and which index it walks, is the repository's).

Pages carry no ``total``: showing rows never waits for counting them. The count is a request of
its own (``count_records``, GET MESSAGE_COUNT_PATH) that the desktop sends beside the first page,
exact up to TOTAL_CAP; past it the answer says capped, "more than TOTAL_CAP".
"""

from collections.abc import Iterator

from sqlalchemy.orm import Session

from backend.messages import repository as repo
from backend.messages.masking import mask_recipient
from backend.messages.models import MessageRecord, MessageTemplate
from services.contract.queries import MESSAGE_TOTAL_CAP, MessageFilter, MessageQuery
from services.contract.schemas import MessageCount, MessageRecordOut, Page

TOTAL_CAP = MESSAGE_TOTAL_CAP
ITER_CHUNK = 1_000


def out(record: MessageRecord) -> MessageRecordOut:
    return MessageRecordOut(id=record.id, account_no=record.account_no, channel=record.channel,
                            template=record.template, recipient=mask_recipient(record.recipient),
                            subject=record.subject, status=record.status,
                            provider_message_id=record.provider_message_id, error=record.error,
                            attempts=record.attempts, resendable=record.resendable,
                            created_at=record.created_at, updated_at=record.updated_at)


def records_page(session: Session, query: MessageQuery) -> Page[MessageRecordOut]:
    seek = repo.KEYSET.seek(query)
    repo.plan_for_the_values(session)
    found = repo.KEYSET.page(repo.record_page(session, query, seek, query.limit), query.limit, seek,
                             lambda r: [r.created_at, r.id])
    return Page[MessageRecordOut](items=[out(r) for r in found.rows], next_cursor=found.next_cursor,
                                  prev_cursor=found.prev_cursor)  # counted apart


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
