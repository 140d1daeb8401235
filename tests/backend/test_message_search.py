"""Message Records › subject search on SQLite (FTS5 trigram table) and PostgreSQL (pg_trgm):
every word, case-insensitively, anywhere in the subject; % and _ literal; words under three
characters and CJK words; with the other filters and keyset pages giving exactly the rows an
unpaged filter gives, through the text index and by walking the keyset order alike; the index
following changed and deleted records; the capped count (its own request: pages never count);
over HTTP too."""

import random
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import delete, insert, make_url, select, text, update
from sqlalchemy.orm import Session

from backend.db.engine import make_engine
from backend.db.migrate import upgrade
from backend.demo import messages_data
from backend.kit.hk_time import HK
from backend.kit.word_filter import filter_words
from backend.messages import listing, repository
from backend.messages.models import MessageRecord
from services.contract.queries import MessageFilter, MessageQuery
from services.contract.schemas import MessageCount

PATH = "/messages/records"
COUNT_PATH = "/messages/records/count"
BASE = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)
ACCOUNTS = [f"880000{n:02d}" for n in range(30)]
# (template, channel, subject); "{a}" is the account, as the demo subjects carry it.
SUBJECTS = (
    ("trade_confirmation", "email", "Trade confirmation ({a})"),
    ("monthly_statement", "email", "Your monthly statement is ready ({a})"),
    ("margin_call", "sms", "Margin call: please top up your account ({a})"),
    ("margin_call_email", "email", "MARGIN CALL NOTICE ({a})"),
    ("trade_confirmation", "email", "成交確認 ({a})"),
    ("monthly_statement", "email", "月結單已發出 ({a})"),
    ("deposit_received", "push", "Discount 50% off_today ({a})"),
    ("deposit_received", "push", "Discount 500 offXtoday ({a})"),
    ("ipo_allotment", "push", 'Say "hello" AND NEAR(x) * ({a})'),
    ("otp_login", "sms", "Re: up to you ({a})"),
)
STATUSES = ("delivered", "delivered", "delivered", "sent", "failed", "bounced", "queued")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def database(request):
    """A migrated database of its own with 1,500 records of known subjects; every third shares its
    created_at with the one before (keyset ties)."""
    with request.getfixturevalue(f"{request.param}_migrated_template").copy() as url:
        _add_corpus(url)
        yield url


def _add_corpus(url: str, count: int = 1_500) -> None:
    rng = random.Random(11)
    rows, at = [], BASE
    for n in range(1, count + 1):
        template, channel, subject = rng.choice(SUBJECTS)
        account = rng.choice(ACCOUNTS)
        if n % 3:
            at += timedelta(minutes=rng.randrange(1, 180))
        rows.append({"id": n, "account_no": account, "channel": channel, "template": template,
                     "recipient": f"client{account}@example.com", "subject": subject.format(a=account),
                     "body": "-", "status": rng.choice(STATUSES), "attempts": 1, "resendable": True,
                     "created_at": at, "updated_at": at})
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(insert(MessageRecord), rows)
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SELECT setval(pg_get_serial_sequence('msg_records', 'id'), "
                                 "(SELECT max(id) FROM msg_records))")
            conn.exec_driver_sql("ANALYZE msg_records")
    engine.dispose()


@pytest.fixture
def session(database):
    engine = make_engine(database)
    with Session(engine) as session:
        yield session
    engine.dispose()


@pytest.fixture(params=["text index", "keyset walk"])
def plan(request, monkeypatch, database):
    """On SQLite, forces each way of answering a subject: through the text index (as for a rare
    word) or walking the keyset order (as for a common one). PostgreSQL's planner decides alone:
    its statements are the same under either, so it runs once."""
    if request.param == "keyset walk" and make_url(database).get_backend_name() == "postgresql":
        pytest.skip("PostgreSQL has one way to answer: the run named 'text index' is it")
    through_index = request.param == "text index"
    monkeypatch.setattr(repository, "TEXT_INDEX_ROW_COST", 1e-12 if through_index else 1e12)
    monkeypatch.setattr(repository, "COUNT_PROBE", 10**9 if through_index else 1)
    return request.param


def _expected(session: Session, f: MessageFilter) -> list[int]:
    """The filter's rows, judged in Python over every record: the meaning the SQL must have."""
    words = [w.lower() for w in (f.subject or "").split()]
    start = datetime.combine(f.date_from, datetime.min.time(), HK) if f.date_from else None
    end = datetime.combine(f.date_to + timedelta(days=1), datetime.min.time(), HK) if f.date_to else None
    rows = session.execute(select(MessageRecord.id, MessageRecord.subject, MessageRecord.account_no,
                                  MessageRecord.channel, MessageRecord.status, MessageRecord.template,
                                  MessageRecord.created_at)).all()
    keep = [r for r in rows
            if all(w in r.subject.lower() for w in words)
            and (not f.account or r.account_no == f.account)
            and (not f.channel or r.channel == f.channel.value)
            and (not f.status or r.status == f.status.value)
            and (not f.template or r.template == f.template)
            and (start is None or r.created_at >= start) and (end is None or r.created_at < end)]
    return [r.id for r in sorted(keep, key=lambda r: (r.created_at, r.id), reverse=True)]


def _paged(session: Session, limit: int = 7, **params) -> list[int]:
    """Every page of the filter in turn; the ids in page order."""
    ids, cursor = [], None
    while True:
        page = listing.records_page(session, MessageQuery(limit=limit, cursor=cursor, **params))
        assert page.total is None  # no page counts, not even the first: the count is asked apart
        ids += [r.id for r in page.items]
        if page.next_cursor is None:
            return ids
        cursor = page.next_cursor


def _counted(found: int) -> MessageCount:
    """The count of ``found`` records as the count endpoint answers it."""
    return MessageCount(total=min(found, listing.TOTAL_CAP), capped=found > listing.TOTAL_CAP)


SEARCHES = [
    {"subject": "statement"},
    {"subject": "STATEMENT"},                        # case does not matter
    {"subject": "trade confirmation"},               # every word must appear...
    {"subject": "Confirmation TRADE"},               # ...in any order
    {"subject": "trade statement"},                  # two words never together: nothing
    {"subject": "up"},                               # shorter than a trigram
    {"subject": "Re: up you"},                       # short words only
    {"subject": "up account"},                       # a short word with an indexed one
    {"subject": "成交確認"},                          # CJK, four characters (indexed)
    {"subject": "確認"},                              # CJK, two (LIKE)
    {"subject": "月結單 880000"},                     # CJK with a part of the account
    {"subject": "50%"},                              # % is a character: not "500"
    {"subject": "off_"},                             # _ too: not "offX"
    {"subject": "%"},
    {"subject": "_"},
    {"subject": '"hello"'},                          # quotes, AND, NEAR( and * are words, not syntax
    {"subject": "AND near(x) *"},
    {"subject": "88000017"},                         # a rare word: one account's records
    {"subject": "nowhere-to-be-found"},
    {"subject": "call", "channel": "sms"},
    {"subject": "call", "channel": "email", "status": "failed"},
    {"subject": "statement", "status": "bounced"},
    {"subject": "statement", "template": "monthly_statement"},
    {"subject": "8800001", "account": "88000012"},
    {"subject": "discount", "date_from": date(2026, 3, 10), "date_to": date(2026, 4, 2)},
    {"subject": "trade", "channel": "email", "date_to": date(2026, 4, 20)},
    {"subject": "margin", "status": "delivered", "date_from": date(2026, 4, 1)},
]


@pytest.mark.parametrize("params", SEARCHES, ids=lambda p: " | ".join(f"{k}={v}" for k, v in p.items()))
def test_every_page_together_gives_exactly_the_filtered_rows(session, plan, params):
    f = MessageFilter(**params)
    expected = _expected(session, f)
    if session.get_bind().dialect.name == "sqlite" and not f.account and any(
            len(w) >= repository.MIN_INDEXED_WORD for w in filter_words(f.subject)):
        where = repository.page_conditions(session, f)
        # No match at all is always answered from the text index: nothing to walk for.
        assert any(repository.FTS in str(c) for c in where) == (plan == "text index" or not expected)
    assert _paged(session, **params) == expected
    assert listing.count_records(session, f) == _counted(len(expected))
    assert [r.id for r in listing.iter_records(session, MessageFilter(**params), chunk=5)] == expected


def test_the_searches_are_not_trivial(session):
    """The corpus gives every case above something to find and something to leave out."""
    def found(**params):
        return len(_expected(session, MessageFilter(**params)))

    assert 0 < found(subject="50%") < found(subject="50")
    assert 0 < found(subject="off_") < found(subject="off")
    assert 0 < found(subject="確認") and found(subject="trade statement") == 0
    assert 0 < found(subject="88000017") < 100
    assert found(subject="statement") > 100


def test_the_count_is_exact_up_to_the_cap_and_then_says_more(session, monkeypatch):
    rare = MessageFilter(subject="88000017", channel="email")
    matching = len(_expected(session, rare))
    monkeypatch.setattr(listing, "TOTAL_CAP", matching)  # at the cap: exact
    assert listing.count_records(session, rare) == MessageCount(total=matching, capped=False)
    monkeypatch.setattr(listing, "TOTAL_CAP", matching - 1)  # past it: the cap, and more
    assert listing.count_records(session, rare) == MessageCount(total=matching - 1, capped=True)
    monkeypatch.setattr(listing, "TOTAL_CAP", 20)
    for params in ({}, {"subject": "statement"}, {"status": "delivered"}, {"subject": "up"}, {"channel": "push"}):
        assert listing.count_records(session, MessageFilter(**params)) == MessageCount(total=20, capped=True), params
        first = listing.records_page(session, MessageQuery(limit=5, **params))
        assert first.total is None and first.next_cursor is not None


def _searched(session: Session, subject: str) -> list[int]:
    return [r.id for r in listing.records_page(session, MessageQuery(subject=subject, limit=1000)).items]


def test_a_changed_subject_is_found_by_its_new_words_and_not_its_old(database, session, plan):
    old, new = f"Zebra{uuid.uuid4().hex[:6]}", f"Quokka{uuid.uuid4().hex[:6]}"
    engine = make_engine(database)
    with engine.begin() as conn:
        record_id = conn.execute(insert(MessageRecord).returning(MessageRecord.id), [{
            "account_no": "88000099", "channel": "email", "template": "trade_confirmation",
            "recipient": "c@example.com", "subject": f"Trade confirmation {old}", "body": "-",
            "status": "queued", "attempts": 1, "resendable": True, "created_at": BASE, "updated_at": BASE}]).scalar_one()
    assert _searched(session, old) == [record_id]
    session.rollback()  # a new snapshot for each look
    with engine.begin() as conn:
        conn.execute(update(MessageRecord).where(MessageRecord.id == record_id).values(subject=f"Statement {new}"))
    assert _searched(session, old) == []
    assert _searched(session, f"{new} statement") == [record_id]
    session.rollback()
    with engine.begin() as conn:  # other columns change without touching the search
        conn.execute(update(MessageRecord).where(MessageRecord.id == record_id).values(status="delivered"))
    assert _searched(session, new) == [record_id]
    session.rollback()
    with engine.begin() as conn:
        conn.execute(delete(MessageRecord).where(MessageRecord.id == record_id))
    assert _searched(session, new) == []
    _assert_search_index_intact(engine)
    engine.dispose()


def _assert_search_index_intact(engine) -> None:
    if engine.dialect.name == "sqlite":
        with engine.begin() as conn:  # raises when the index and msg_records disagree
            conn.exec_driver_sql(f"INSERT INTO {repository.FTS}({repository.FTS}) VALUES ('integrity-check')")


def test_seeding_fills_the_search_index_and_keeps_its_trigger(tmp_path):
    url = f"sqlite:///{tmp_path / 'seeded.db'}"
    upgrade(url)
    engine = make_engine(url)
    with engine.begin() as conn:
        messages_data.seed(conn, 2_000, now=BASE)
        messages_data.seed(conn, 500, now=BASE)  # after records already there
    _assert_search_index_intact(engine)
    with engine.connect() as conn:
        triggers = set(conn.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
        indexed = conn.scalar(text(f"SELECT count(*) FROM {repository.FTS} WHERE {repository.FTS} MATCH '\"statement\"'"))
        liked = conn.scalar(text("SELECT count(*) FROM msg_records WHERE subject LIKE '%statement%'"))
    assert {f"{repository.FTS}_insert", f"{repository.FTS}_update", f"{repository.FTS}_delete"} <= triggers
    assert indexed == liked > 0
    engine.dispose()


def test_a_bad_cursor_is_refused_not_guessed(session):
    from backend.kit.cursor import encode_cursor
    from backend.kit.errors import AppError

    for key in (["2026-03-01T02:00:00", "5"], ["yesterday", "5"], ["2026-03-01T02:00:00+00:00", "x"]):
        with pytest.raises(AppError):
            listing.records_page(session, MessageQuery(cursor=encode_cursor(key)))


# --- over HTTP, through the app ---------------------------------------------------------------


def test_the_endpoint_searches_subjects_with_filters_and_pages(api):
    token = uuid.uuid4().hex[:8]
    now = api.clock.now().replace(microsecond=0)
    subjects = [f"Trade confirmation {token} 成交確認", f"TRADE {token} notice 50%", f"Trade {token} 500 notice",
                f"Reminder {token}", f"trade confirmation {token}"]
    engine = api.engine()
    with engine.begin() as conn:
        ids = list(conn.execute(insert(MessageRecord).returning(MessageRecord.id), [
            {"account_no": "88000042", "channel": "sms" if n == 4 else "email", "template": "trade_confirmation",
             "recipient": f"client{n}@example.com", "subject": s, "body": "-", "status": "delivered",
             "attempts": 1, "resendable": True, "created_at": now - timedelta(seconds=n // 2),
             "updated_at": now} for n, s in enumerate(subjects)]).scalars())
    engine.dispose()
    _search_the_endpoint(api, token, now, ids)


def _search_the_endpoint(api, token: str, now: datetime, ids: list[int]) -> None:
    with api.client("service") as client:
        def search(**params):
            """The filter's ids, page by page, and its count (asked apart, as the desktop does)."""
            pages, cursor = [], None
            while True:
                page = client.get(PATH, params={"limit": 2, **params, **({"cursor": cursor} if cursor else {})})
                assert page.status_code == 200, page.text
                pages.append(page.json())
                assert pages[-1]["total"] is None
                cursor = pages[-1]["next_cursor"]
                if cursor is None:
                    break
            count = client.get(COUNT_PATH, params=params)
            assert count.status_code == 200, count.text
            assert count.json()["capped"] is False
            return [r["id"] for p in pages for r in p["items"]], count.json()["total"]

        newest_first = sorted(range(5), key=lambda n: (now - timedelta(seconds=n // 2), ids[n]), reverse=True)
        assert search(subject=f"{token.upper()} trade") == ([ids[n] for n in newest_first if n != 3], 4)
        assert search(subject=f"{token} 成交確認") == ([ids[0]], 1)
        assert search(subject=f"{token} 50%") == ([ids[1]], 1)
        assert search(subject=f"confirmation {token}", channel="email") == ([ids[0]], 1)
        today = now.astimezone(HK).date()
        assert search(subject=f"{token} trade", status="delivered", date_from=(today - timedelta(days=1)).isoformat(),
                      date_to=today.isoformat())[1] == 4
        assert search(subject=f"{token} trade", status="failed") == ([], 0)
