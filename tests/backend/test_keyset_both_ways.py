"""Every keyset list reads the same rows backward as forward: the last page (``from_end``), the
pages before it (``before`` = the answer's ``prev_cursor``), and forward again from any of them
(``next_cursor``), with filters and with ties in the leading sort columns (backend/kit/keyset.py).

Over HTTP to the app in process, on SQLite and on PostgreSQL when configured; the demo database
with an odd page size so no list ends on a page boundary by chance.
"""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from backend.messages.models import MessageRecord
from services.contract.audit import AUDIT_EVENTS_PATH
from services.contract.help_center import ARTICLES_PATH
from services.contract.queries import (
    AUTO_CONVERT_PATH,
    BORROWING_PATH,
    INTRADAY_MARGIN_PATH,
    LONG_MARGIN_PATH,
    MARGIN_SETTINGS_PATH,
    MESSAGE_RECORDS_PATH,
    SECURITIES_PATH,
    SHORT_MARGIN_PATH,
)

PAGE = 37
# The long margin lists and the securities (hundreds to thousands of rows, each keyed by its unique
# symbol) read in pages of their own odd sizes: still several pages each way, not hundreds of
# requests that each count the list again.
LONG_PAGE = 487
SHORT_PAGE = 157

# (user, path, filter[, page size]): every listing the desktop pages through, plain and filtered.
LISTS: dict[str, tuple] = {
    "auto-convert": ("admin", AUTO_CONVERT_PATH, {}),
    "auto-convert enrolled": ("admin", AUTO_CONVERT_PATH, {"status": "enrolled"}),
    "borrowing": ("admin", BORROWING_PATH, {}),
    "stock margins": ("admin", LONG_MARGIN_PATH, {}, LONG_PAGE),
    "short-sell margins": ("admin", SHORT_MARGIN_PATH, {}, SHORT_PAGE),
    "intraday margins": ("admin", INTRADAY_MARGIN_PATH, {}, SHORT_PAGE),
    "securities": ("admin", SECURITIES_PATH, {}, LONG_PAGE),
    "setting records": ("admin", MARGIN_SETTINGS_PATH, {}),
    "work orders": ("admin", "/work-orders", {"view": "all"}),
    "audit events": ("admin", AUDIT_EVENTS_PATH, {}),
    "message records sms failed": ("service", MESSAGE_RECORDS_PATH, {"channel": "sms", "status": "failed"}),
    "articles": ("admin", ARTICLES_PATH, {}),
    "articles in English": ("admin", ARTICLES_PATH, {"language": "en"}, 5),
}


def _page(client, path: str, params: dict) -> dict:
    answer = client.get(path, params={"limit": PAGE, **params})  # a params' own limit wins
    assert answer.status_code == 200, answer.text
    return answer.json()


def _forward(client, path: str, params: dict) -> list[dict]:
    rows, cursor = [], None
    while True:
        page = _page(client, path, {**params, **({"cursor": cursor} if cursor else {})})
        rows += page["items"]
        if (cursor := page["next_cursor"]) is None:
            return rows


def _backward(client, path: str, params: dict) -> tuple[list[dict], list[dict]]:
    """Every row, read from the end page by page backward; and the pages as read."""
    pages = [_page(client, path, {**params, "from_end": "true"})]
    assert pages[0]["next_cursor"] is None  # the end has no page after it
    while pages[-1]["prev_cursor"] is not None:
        pages.append(_page(client, path, {**params, "before": pages[-1]["prev_cursor"]}))
    return [row for page in reversed(pages) for row in page["items"]], pages


def _same_both_ways(client, path: str, params: dict) -> int:
    forward = _forward(client, path, params)
    backward, pages = _backward(client, path, params)
    assert backward == forward
    size = int(params.get("limit", PAGE))
    assert len(pages[0]["items"]) == min(size, len(forward))  # the last page is a full page
    if len(pages) > 2:  # forward again from a page read backward: the page after it, exactly
        middle = pages[len(pages) // 2]
        after = _page(client, path, {**params, "cursor": middle["next_cursor"]})
        at = forward.index(middle["items"][-1]) + 1
        assert after["items"] == forward[at:at + size]
        assert after["prev_cursor"] is not None
    return len(forward)


def _seed_settings(api) -> None:
    """The demo has no setting records: some pending ones, on symbols that exist."""
    from backend.risk.models import MarginSetting, Security

    with Session(api.engine()) as session:
        symbols = list(session.scalars(select(Security.symbol).order_by(Security.symbol).limit(90)))
        at = datetime(2027, 1, 4, 1, 30, tzinfo=UTC)
        session.add_all(MarginSetting(kind="stock_margin", symbol=symbol, values={"symbol": symbol},
                                      effective_at=at, status="pending", created_at=at) for symbol in symbols)
        session.commit()


def _seed_orders(api) -> None:
    """Decided orders beside the demo's few, so the list has pages."""
    from backend.auth.models import User
    from backend.work_orders.models import WorkOrder

    with Session(api.engine()) as session:
        maker = session.scalar(select(User.id).where(User.username == "maker"))
        at = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)
        session.add_all(WorkOrder(flow="risk.credit.update_stock_margin_task", maker_id=maker, status="rejected", levels=1,
                                  summary=f"order {n}", payload={}, snapshot={}, idempotency_key=f"seek-{n}",
                                  request_hash="0" * 64, submitted_at=at, updated_at=at) for n in range(90))
        session.commit()


SEEDS = {MARGIN_SETTINGS_PATH: _seed_settings, "/work-orders": _seed_orders}


@pytest.mark.parametrize("name", LISTS)
def test_a_list_reads_the_same_rows_from_its_end_as_from_its_start(api, name):
    user, path, params, *size = LISTS[name]
    if path in SEEDS:
        SEEDS[path](api)
    page = size[0] if size else PAGE
    with api.client(user) as client:
        rows = _same_both_ways(client, path, {**params, "limit": page})
    assert rows > page, f"{name}: {rows} rows are too few to page through"


def test_message_records_on_the_same_instant_keep_their_order_both_ways(api):
    """Ties in created_at: the id decides, the same walking up as down, across page edges."""
    with Session(api.engine()) as session:
        account = session.scalar(select(MessageRecord.account_no).group_by(MessageRecord.account_no)
                                 .order_by(func.count().desc()).limit(1))
        ids = list(session.scalars(select(MessageRecord.id).where(MessageRecord.account_no == account)))
        at = datetime(2026, 3, 3, 9, 30, tzinfo=UTC)
        half = ids[: len(ids) // 2]
        session.execute(update(MessageRecord).where(MessageRecord.id.in_(half)).values(created_at=at))
        session.commit()
    assert len(half) > 5  # the tie spans pages of 5
    with api.client("service") as client:
        rows = _same_both_ways(client, MESSAGE_RECORDS_PATH, {"account": account, "limit": 5})
        instants = [row["created_at"] for row in _forward(client, MESSAGE_RECORDS_PATH, {"account": account})]
    assert rows == len(ids) and len(set(instants)) < len(instants)


def test_articles_tied_on_their_order_keep_it_both_ways(api):
    """Articles of one category and language with the same sort order: the id decides."""
    from backend.help_center.models import HelpArticle

    with Session(api.engine()) as session:
        session.execute(update(HelpArticle).values(sort_order=1))
        session.commit()
    with api.client("admin") as client:
        assert _same_both_ways(client, ARTICLES_PATH, {}) > PAGE


def test_a_page_reads_after_a_cursor_or_before_one_never_both(api):
    with api.client("admin") as client:
        first = _page(client, SECURITIES_PATH, {})
        both = client.get(SECURITIES_PATH, params={"cursor": first["next_cursor"], "before": first["next_cursor"]})
        assert both.status_code == 400 and both.json()["code"] == "invalid_cursor"
        assert client.get(SECURITIES_PATH, params={"before": "bm9wZQ"}).status_code == 400
        assert first["prev_cursor"] is None  # the first page has none before it

