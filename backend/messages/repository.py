"""Every query of the Message Center: the record listing (filters in SQL, keyset on (created_at,
id) descending) with its subject search, a record's detail and attempts, resends, the
dispatcher's claims and the templates.

Every equality filter leads one index of msg_records into the keyset order, so a page is a range
scan of one index, as fast 900,000 rows deep as on the first page. SQLite's planner knows no
per-value statistics and can walk the wrong one (a whole channel's range looking for one
account), so on SQLite the page names its index: the most selective filter given is written
plainly and the others behind a unary plus, which no index serves. PostgreSQL plans with its
statistics and gets plain conditions.

The subject filter: every word must appear, case-insensitively, anywhere in the subject (LIKE
'%word%', with % and _ taken literally). A word of three characters or more can use a trigram
index (FTS5 on SQLite, pg_trgm on PostgreSQL; migration 0009). A rare word is fastest through
that index, sorting its few matches; a common one by walking the keyset order and checking each
row until the page is full. PostgreSQL's planner makes that choice from its statistics; on SQLite
capped counts of the index's matches make it here.

A count can cost far more than a page: a page stops after ``limit`` rows, a count reads every
match up to its cap (a common word with a status of a few percent: every record of that status,
from the table).
"""

import math
from collections.abc import Callable, Collection, Iterator, Sequence
from datetime import datetime, timedelta

from sqlalchemy import and_, column, func, or_, select, table, text
from sqlalchemy.orm import Session, defer
from sqlalchemy.sql import operators
from sqlalchemy.sql.expression import UnaryExpression

from backend.auth.models import User
from backend.kit.hk_time import hk_day_start
from backend.kit.keyset import FROM_START, Keyset, Seek, aware_datetime, positive_int
from backend.kit.word_filter import filter_words, like_pattern
from backend.messages.models import SEARCH_OBJECTS, DeliveryAttempt, MessageRecord, MessageTemplate
from services.contract.queries import MessageFilter

# --- listing and counting records --------------------------------------------------------------

FTS = SEARCH_OBJECTS["table"][0]
MIN_INDEXED_WORD = 3  # a trigram index holds nothing shorter
# A record found through the text index, fetched and sorted, costs about as much as this many
# records walked in keyset order and checked (~1.8 µs against ~0.6 µs at 1,000,000 records).
TEXT_INDEX_ROW_COST = 3
# A count led by another filter's index range when the range is under this and smaller than the
# text index's matches; by the text index otherwise.
COUNT_PROBE = 50_000

# Newest first: (created_at, id), the position a page starts from.
KEYSET = Keyset([MessageRecord.created_at, MessageRecord.id], [aware_datetime, positive_int], descending=True)

_fts = table(FTS, column("rowid"), column(FTS))
_ORDER = KEYSET.order_by(FROM_START)


def _subject_has(word: str, sqlite: bool = False):
    if sqlite:  # SQLite's LIKE ignores ASCII case itself, without lower() on every row
        return MessageRecord.subject.like(like_pattern(word), escape="\\")
    return MessageRecord.subject.ilike(like_pattern(word), escape="\\")


def conditions(f: MessageFilter) -> list:
    """The filter as plain conditions, for any database: what a record must satisfy."""
    return [*_equal_and_subject(f), *_created(f, FROM_START)]


def _equal_and_subject(f: MessageFilter) -> list:
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
    out.extend(_subject_has(w) for w in filter_words(f.subject))
    return out


def _created(f: MessageFilter, seek: Seek, unindexed: bool = False) -> list:
    """The date range and the keyset position, as bounds on created_at."""
    at = _unindexed(MessageRecord.created_at) if unindexed else MessageRecord.created_at
    out = []
    if f.date_from:
        out.append(at >= hk_day_start(f.date_from))
    end = hk_day_start(f.date_to + timedelta(days=1)) if f.date_to else None
    # Below a forward cursor the range's end is implied; left in, it is the bound SQLite seeks to,
    # and a deep page would step over every row between the two.
    if end is not None and (seek.key is None or seek.backward or seek.key[0] >= end):
        out.append(at < end)
    # A row value: both databases seek the index straight to it, whatever the depth.
    out.extend(KEYSET.where(seek, [at, MessageRecord.id]))
    return out


def _unindexed(col):
    """``+col``: the same value, but SQLite will not pick an index for it."""
    return UnaryExpression(col, operator=operators.custom_op("+"), type_=col.type)


def _fts_ids(match: str):
    return select(_fts.c.rowid).where(_fts.c[FTS].op("MATCH")(match))


def _capped_count(session: Session, ids, cap: int) -> int:
    return session.scalars(select(func.count()).select_from(ids.limit(cap).subquery())).one()


class _SqlitePlan:
    """Which index a page or a count of one filter walks on SQLite, and the conditions that make
    SQLite walk it."""

    # Most selective first: an address or an account has hundreds of records; then a channel with
    # a status (one range of ix_msg_records_channel_status), a status, a template, a channel.
    SELECTIVE = ("recipient", "account")
    BROAD = ("status", "template", "channel")

    def __init__(self, session: Session, f: MessageFilter):
        self.session, self.f = session, f
        self.words = filter_words(f.subject)
        indexed = [w for w in self.words if len(w) >= MIN_INDEXED_WORD]
        # Each word quoted: a phrase of its trigrams, an exact substring; never FTS5 syntax.
        self.match = (" AND ".join('"' + w.replace('"', '""') + '"' for w in indexed)
                      if indexed and self._has_search_table() else None)
        self.equal = [("recipient", MessageRecord.recipient, f.recipient.strip() if f.recipient else None),
                      ("account", MessageRecord.account_no, f.account),
                      ("channel", MessageRecord.channel, f.channel.value if f.channel else None),
                      ("status", MessageRecord.status, f.status.value if f.status else None),
                      ("template", MessageRecord.template, f.template)]
        given = {name for name, _col, value in self.equal if value}
        self.selective = next((n for n in self.SELECTIVE if n in given), None)
        self.broad = next((n for n in self.BROAD if n in given), None)
        self._matches: tuple[int, int] | None = None  # (cap, text-index matches counted up to it)
        self._page_leads: dict[int, str | None] = {}  # page size → the index that leads its pages

    def _has_search_table(self) -> bool:
        return self.session.scalar(text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"),
                                   {"name": FTS}) is not None

    def text_matches(self, cap: int) -> int:
        """The text index's matches, counted up to ``cap`` (once per plan and cap)."""
        if self.match is None:  # no word long enough for the index
            return 0
        if self._matches is None or (self._matches[1] >= self._matches[0] and cap > self._matches[0]):
            self._matches = cap, _capped_count(self.session, _fts_ids(self.match), cap)
        return min(self._matches[1], cap)

    def page(self, seek: Seek, limit: int) -> list:
        if limit not in self._page_leads:  # decided once per page size: an export asks 200 times
            self._page_leads[limit] = self._page_lead(limit)
        return self._conditions(self._page_leads[limit], seek)

    def _page_lead(self, limit: int) -> str | None:
        lead = self.selective
        if lead is None and self.match is not None:
            # Walking the keyset order finds a page of a word matching n of N records after about
            # limit * N / n records; through the index it costs n * TEXT_INDEX_ROW_COST.
            records = self.session.scalar(select(func.max(MessageRecord.id))) or 0
            rare = int(math.sqrt(limit * records / TEXT_INDEX_ROW_COST))
            if self.text_matches(rare + 1) <= rare:
                lead = "subject"
        return lead or self.broad

    def count(self) -> list:
        lead = self.selective or self.broad
        if self.selective is None and self.match is not None:
            if lead is None and not (self.f.date_from or self.f.date_to):
                lead = "subject"
            else:
                # The smaller candidate set leads: a status or a day against a common word. The
                # other filter's range is cheap to count (its index alone), the text index's
                # matches only as far as that.
                ranged = select(MessageRecord.id).where(*self._conditions(lead, FROM_START, subject=False))
                in_range = _capped_count(self.session, ranged, COUNT_PROBE)
                if in_range >= COUNT_PROBE or self.text_matches(in_range + 1) <= in_range:
                    lead = "subject"
        return self._conditions(lead, FROM_START, counting=True)

    def _conditions(self, lead: str | None, seek: Seek, *, counting: bool = False,
                    subject: bool = True) -> list:
        out = []
        for name, col, value in self.equal:
            if value:
                plain = name == lead or (lead == "status" and name == "channel")
                out.append((col if plain else _unindexed(col)) == value)
        if subject:
            if lead == "subject" and counting:
                # A join with the text index outside: the count stops at its cap instead of first
                # reading every match into a list.
                out.extend((_fts.c[FTS].op("MATCH")(self.match), MessageRecord.id == _fts.c.rowid))
            elif lead == "subject" and self.match is not None:  # a subject lead has its match
                out.append(MessageRecord.id.in_(_fts_ids(self.match)))
            # The text index also folds non-ASCII case; LIKE decides, the same on every path.
            out.extend(_subject_has(w, sqlite=True) for w in self.words)
        out.extend(_created(self.f, seek, unindexed=lead == "subject"))
        return out


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _pager(session: Session, f: MessageFilter) -> Callable[[Seek, int], list]:
    """The filter's conditions at any keyset position, for pages of a given size. On SQLite one
    plan picks the index, so its probes are not repeated for every chunk of an export."""
    if not _is_sqlite(session):
        return lambda seek, _limit: [*_equal_and_subject(f), *_created(f, seek)]
    return _SqlitePlan(session, f).page


def page_conditions(session: Session, f: MessageFilter, seek: Seek = FROM_START, limit: int = 100) -> list:
    """The filter and the keyset position, written so that the database walks the right index."""
    return _pager(session, f)(seek, limit)


def plan_for_the_values(session: Session) -> None:
    """PostgreSQL: plan each statement for its own values. psycopg prepares a statement it has run
    five times and PostgreSQL may then reuse one generic plan for any status: the one for
    'delivered' (most records) walks the whole table to find the few 'queued'."""
    if not _is_sqlite(session):
        session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))


def record_page(session: Session, f: MessageFilter, seek: Seek, limit: int) -> list[MessageRecord]:
    """Up to ``limit + 1`` records from ``seek`` on (one more tells that a page follows); their
    bodies are not read (a list never shows them)."""
    where = page_conditions(session, f, seek, limit)
    stmt = (select(MessageRecord).options(defer(MessageRecord.body, raiseload=True))
            .where(*where).order_by(*KEYSET.order_by(seek)).limit(limit + 1))
    return list(session.scalars(stmt))


def count_capped(session: Session, f: MessageFilter, cap: int) -> int:
    """How many records match, counted no further than ``cap + 1``."""
    if _is_sqlite(session):
        where = _SqlitePlan(session, f).count()
    else:
        where = conditions(f)
    return _capped_count(session, select(MessageRecord.id).where(*where), cap + 1)


def iter_records(session: Session, f: MessageFilter, chunk: int) -> Iterator[MessageRecord]:
    """Every record the filter matches, in keyset order, read ``chunk`` rows at a time; each chunk
    leaves the session once it has been yielded, so an export's memory stays one chunk."""
    conditions_at = _pager(session, f)
    seek = Seek()
    while True:
        stmt = select(MessageRecord).where(*conditions_at(seek, chunk)).order_by(*_ORDER)
        rows = list(session.scalars(stmt.limit(chunk)))
        yield from rows
        if len(rows) < chunk:
            return
        seek = Seek((rows[-1].created_at, rows[-1].id))
        for row in rows:
            session.expunge(row)


# --- one record, its template and its attempts -------------------------------------------------


def record(session: Session, record_id: int) -> MessageRecord:
    return session.get_one(MessageRecord, record_id)


def record_with_template(session: Session, record_id: int) -> tuple[MessageRecord, MessageTemplate] | None:
    row = session.execute(select(MessageRecord, MessageTemplate)
                          .join(MessageTemplate, MessageTemplate.code == MessageRecord.template)
                          .where(MessageRecord.id == record_id)).one_or_none()
    return (row[0], row[1]) if row is not None else None


Requested = tuple[DeliveryAttempt, str | None, str | None]  # an attempt, who asked for it: username, name


def _attempts_with_requesters(session: Session, where) -> list[Requested]:
    """Attempts oldest first, each with the username and name of who asked for it (none for an original)."""
    rows = session.execute(select(DeliveryAttempt, User.username, User.display_name)
                           .outerjoin(User, User.id == DeliveryAttempt.requested_by)
                           .where(where).order_by(DeliveryAttempt.id))
    return [(attempt, username, name) for attempt, username, name in rows]


def attempts_of_record(session: Session, record_id: int) -> list[Requested]:
    return _attempts_with_requesters(session, DeliveryAttempt.record_id == record_id)


def attempts_by_id(session: Session, attempt_ids: Sequence[int]) -> list[Requested]:
    return _attempts_with_requesters(session, DeliveryAttempt.id.in_(list(attempt_ids)))


def templates(session: Session) -> list[MessageTemplate]:
    return list(session.scalars(select(MessageTemplate)
                                .order_by(MessageTemplate.channel, MessageTemplate.code)))


# --- resends -----------------------------------------------------------------------------------


def attempt_by_key(session: Session, key: str) -> DeliveryAttempt | None:
    return session.scalar(select(DeliveryAttempt).where(DeliveryAttempt.idempotency_key == key))


def lock_record(session: Session, record_id: int) -> MessageRecord | None:
    """The record, locked against a concurrent resend of it (PostgreSQL row lock; SQLite's write
    session already holds the database's write lock)."""
    return session.scalar(select(MessageRecord).where(MessageRecord.id == record_id).with_for_update())


def resends_since(session: Session, since: datetime, **where) -> int:
    """Resends asked since ``since``, of one record (``record_id=``) or by one operator
    (``requested_by=``)."""
    stmt = select(func.count()).select_from(DeliveryAttempt).where(
        DeliveryAttempt.kind == "resend", DeliveryAttempt.created_at >= since)
    for name, value in where.items():
        stmt = stmt.where(getattr(DeliveryAttempt, name) == value)
    return session.scalar(stmt) or 0


def add_attempt(session: Session, new: DeliveryAttempt) -> None:
    session.add(new)


# --- the dispatcher's claims -------------------------------------------------------------------


def lock_due_attempts(session: Session, now: datetime, limit: int,
                      channels: Collection[str] | None) -> list[DeliveryAttempt]:
    """Due attempts (queued and due, or sending past their lease), oldest first, locked; those
    another worker holds are skipped (PostgreSQL; SQLite's write transaction is exclusive)."""
    due = or_(and_(DeliveryAttempt.status == "queued",
                   or_(DeliveryAttempt.next_attempt_at.is_(None), DeliveryAttempt.next_attempt_at <= now)),
              and_(DeliveryAttempt.status == "sending", DeliveryAttempt.next_attempt_at <= now))
    stmt = select(DeliveryAttempt).where(due)
    if channels is not None:
        stmt = stmt.where(DeliveryAttempt.record_id.in_(
            select(MessageRecord.id).where(MessageRecord.id == DeliveryAttempt.record_id,
                                           MessageRecord.channel.in_(list(channels)))))
    return list(session.scalars(stmt.order_by(DeliveryAttempt.id).limit(limit)
                                .with_for_update(skip_locked=True)))


def lock_unserved_attempts(session: Session, queued_before: datetime, limit: int,
                           channels: Collection[str]) -> list[tuple[DeliveryAttempt, MessageRecord]]:
    """Attempts never tried and queued since before ``queued_before`` whose channel is none of
    ``channels``, oldest first, locked with their records. One that was tried (sending, or queued
    to retry) had a provider somewhere, which keeps it."""
    stmt = (select(DeliveryAttempt, MessageRecord).join(MessageRecord, MessageRecord.id == DeliveryAttempt.record_id)
            .where(DeliveryAttempt.status == "queued", DeliveryAttempt.tries == 0,
                   DeliveryAttempt.created_at <= queued_before)
            .order_by(DeliveryAttempt.id).limit(limit).with_for_update(skip_locked=True))
    if channels:
        stmt = stmt.where(MessageRecord.channel.not_in(list(channels)))
    return [(attempt, record) for attempt, record in session.execute(stmt)]


def records_by_id(session: Session, record_ids: Sequence[int]) -> dict[int, MessageRecord]:
    rows = session.scalars(select(MessageRecord).where(MessageRecord.id.in_(list(record_ids))))
    return {r.id: r for r in rows}


def attempt(session: Session, attempt_id: int) -> DeliveryAttempt:
    return session.get_one(DeliveryAttempt, attempt_id)
