"""Message Center › Message Records against the real backend over HTTP: filters, pages and their
count (asked beside the first page, replaced by a new search), the detail with its attempt
timeline, resend of one and of many (a one-time code refused), a retry after a lost answer that
sends nothing twice, the permission, and the Excel export.

Each scenario is one coroutine run by ``aio``: the page follows resends in the background, so
clicks, keys and waits all happen on the loop and a scenario ends with nothing in flight.
"""

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import httpx
import openpyxl
import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtTest import QTest
from sqlalchemy import text

from desktop import i18n
from desktop.error_messages import message_for
from services.api_client import RETRY_PAUSES, ApiClient, ApiError
from services.clients.messages import MessagesClient
from services.clients.session import SessionClient
from services.contract.errors import ErrorCode
from services.contract.permissions import Perm
from services.contract.queries import (
    MESSAGE_COUNT_PATH,
    MESSAGE_TOTAL_CAP,
    MessageFilter,
)
from services.contract.schemas import (
    BULK_RESEND_MAX,
    DeliveryAttemptOut,
    MessageRecordDetail,
    MessageRecordOut,
    MessageStatus,
    ResendResult,
)
from services.message_resend import ResendAction
from tests.fixtures.app_backend import demo_backend_process
from tests.qt_fixtures import until
from tests.ui.page_steps import open_page
from ui.common.formatting import HK, hk_datetime
from ui.common.page_context import PageContext
from ui.messages import labels
from ui.messages.records_page import MessageRecordsPage
from ui.messages.resend_dialog import ResendDialog
from ui.messages.resend_outcome_model import ResendOutcomeModel, Step

PAGE = "messages.records"
REASON = "Customer did not receive it; asked again by phone"
OTP_REFUSED = "This message holds a one-time code and is never sent twice."
ON_ITS_WAY = (MessageStatus.QUEUED, MessageStatus.SENDING, MessageStatus.SENT, MessageStatus.DELIVERED,
              MessageStatus.FAILED)


def with_shell_texts(ctx: PageContext) -> MessageRecordsPage:
    """The page as the shell makes it: errors described by their translated code."""
    return MessageRecordsPage(replace(ctx, error_text=message_for))


def without_resend(ctx: PageContext) -> MessageRecordsPage:
    me = ctx.me.model_copy(update={"permissions": [p for p in ctx.me.permissions
                                                   if p != Perm.MESSAGE_RECORD_RESEND]})
    return MessageRecordsPage(replace(ctx, me=me, error_text=message_for))


@pytest.fixture(scope="module")
def delivering_backend(sqlite_template, tmp_path_factory):
    """A backend of this module's own that delivers, as the embedded default does: a local SMTP
    server and SMS gateway stand-in (``--local-delivery``), so resends reach a final state."""
    folder = tmp_path_factory.mktemp("delivering")
    with demo_backend_process(sqlite_template, folder / "backend.log", "--local-delivery",
                              str(folder / "delivered")) as backend:
        yield backend


@pytest.fixture
def open_records(qtbot, aio, backend, errors):
    """Opens the page (signed in, its first page loaded); afterwards nothing is left in flight."""
    opened = []

    def run(username: str = "service", language: str = "en", factory=with_shell_texts,
            api: ApiClient | None = None, backend=backend) -> tuple[MessageRecordsPage, ApiClient]:
        if api is None:
            page, api = open_page(qtbot, aio, backend, errors, PAGE, username=username, language=language,
                                  factory=factory)
        else:  # a client of the test's own (a transport that loses answers)
            session = SessionClient(api)
            aio(session.login(username, f"{username}-demo"))
            page = factory(PageContext(api, aio(session.me()), errors.append, ui_language=lambda: language))
            qtbot.addWidget(page)
            page.show()
        opened.append((page, api))
        page.resize(1300, 760)
        page.resends.poll_seconds = 0.2
        aio(until(lambda: page.isVisible() and page.is_ready() and not page.model.loading, message="first page"))
        return page, api

    yield run
    for page, api in opened:
        page.resends.stop_following()
        page.resend_bar.results.hide()
        aio(page.wait_idle())
        aio(api.aclose())


async def settle(page: MessageRecordsPage) -> None:
    """The end of a scenario: following stopped and nothing in flight."""
    page.resends.stop_following()
    await page.wait_idle()


async def search(page: MessageRecordsPage, **values) -> None:
    page.filter_bar.set_values(**values)
    page.filter_bar.search()
    await until(lambda: page.is_ready() and not page.model.loading, message="filtered page")


async def api_rows(api: ApiClient, filter_: MessageFilter, limit: int = 1000) -> list[MessageRecordOut]:
    rows = []
    async for page in MessagesClient(api).iter_records(filter_):
        rows.extend(page.items)
        if len(rows) >= limit:
            break
    return rows


async def detail_of(api: ApiClient, record_id: int) -> MessageRecordDetail:
    return await MessagesClient(api).record(record_id)


def full_recipient(backend, record_id: int) -> str:
    engine = backend.engine()
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT recipient FROM msg_records WHERE id = :id"),
                                {"id": record_id}).scalar_one()
    finally:
        engine.dispose()


def row_of(page: MessageRecordsPage, record_id: int) -> int:
    ids = [row.id for row in page.model.rows()]
    assert record_id in ids, f"message #{record_id} is not listed"
    return ids.index(record_id)


async def choose(page: MessageRecordsPage, record_id: int) -> MessageRecordDetail:
    """Makes the record's row current, as a click or an arrow key does; returns it once shown."""
    index = page.model.index(row_of(page, record_id), 0)
    page.table.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    await until(lambda: page.detail.record is not None and page.detail.record.id == record_id,
                message=f"detail of #{record_id}")
    return page.detail.record


async def select(page: MessageRecordsPage, record_ids: list[int]) -> None:
    """Selects the records' rows (as Ctrl+click does); the first is current, its detail shown."""
    await choose(page, record_ids[0])
    selection = QItemSelection()
    for record_id in record_ids:
        row = row_of(page, record_id)
        selection.select(page.model.index(row, 0), page.model.index(row, page.model.columnCount() - 1))
    page.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)


async def press(page: MessageRecordsPage, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed in the table, the window active."""
    page.activateWindow()
    await until(page.isActiveWindow, message="active window")
    page.table.setFocus()
    QTest.keyClick(page.table, key, modifier)


async def press_ctrl_r(page: MessageRecordsPage) -> None:
    await press(page, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)


async def load_until(page: MessageRecordsPage, enough) -> None:
    """Scrolls down, page by page, until ``enough()`` or the list ends."""
    while not enough() and page.model.has_more():
        before = page.model.loaded
        page.table.scrollToBottom()
        await until(lambda before=before: page.model.loaded > before and not page.model.loading,
                    message="next page")
    assert enough(), "the list ended first"


def answer_reason(page: MessageRecordsPage, reason: str = REASON) -> ResendDialog:
    dialog = page.resend_bar.dialog
    assert isinstance(dialog, ResendDialog) and dialog.isVisible(), "no resend dialog on screen"
    assert not dialog.resend_button.isEnabled()  # no reason yet
    dialog.reason.setPlainText(reason)
    assert dialog.resend_button.isEnabled()
    dialog.resend_button.click()
    return dialog


def fresh(page: MessageRecordsPage, count: int, *, template: str | None = None) -> list[MessageRecordOut]:
    """Listed records never resent (the per-message limit is 3 an hour; each test takes its own)."""
    rows = [r for r in page.model.rows() if r.attempts == 1 and r.resendable
            and (template is None or r.template == template)]
    assert len(rows) >= count, f"only {len(rows)} fresh records listed"
    return rows[:count]


def outcome_of(page: MessageRecordsPage, record_id: int):
    return page.resend_bar.results.model.outcome(record_id)


# --- the list ---------------------------------------------------------------------------------


def test_the_page_lists_records_newest_first_with_masked_recipients(open_records, errors):
    page, _api = open_records()
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    assert headers == ["Time (HKT)", "Account No.", "Channel", "Template", "Recipient", "Subject", "Status",
                       "Attempts", "Error", "Provider Message ID"]
    rows = page.model.rows()
    # 20,000 demo records: the count beside the first page stops at the cap and says "more".
    assert len(rows) == 100 and page.model.total == MESSAGE_TOTAL_CAP + 1
    assert page.status.text() == "Loaded 100 of more than 10,000"
    keys = [(r.created_at, r.id) for r in rows]
    assert keys == sorted(keys, reverse=True)
    assert all("****" in r.recipient or "***@" in r.recipient for r in rows)
    first = rows[0]
    cells = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert cells[0] == hk_datetime(first.created_at)
    assert cells[2] == labels.channel_text(first.channel) and cells[3] == page.controller.template_name(first.template)
    assert cells[6] == labels.status_text(first.status)
    assert page.model.index(0, 6).data(Qt.ItemDataRole.ForegroundRole).name() == labels.status_color(first.status)
    assert page.resend_bar.resend_button.isVisible() and page.export.button.isVisible()
    assert page.detail.placeholder.text() == "Select a message to see its content and delivery attempts."
    assert errors == []


def test_scrolling_fetches_further_pages(open_records, aio):
    page, _api = open_records()
    model = page.model
    assert model.loaded == 100 and model.has_more()
    aio(load_until(page, lambda: model.loaded >= 400))
    assert model.loaded == 600  # 100, then a page of 500: pages grow while the user scrolls on
    keys = [(r.created_at, r.id) for r in model.rows()]
    assert keys == sorted(keys, reverse=True) and len(set(keys)) == 600  # no gaps or repeats at the seams
    assert model.total == MESSAGE_TOTAL_CAP + 1  # the first page's count, kept while scrolling
    assert page.status.text() == "Loaded 600 of more than 10,000"


def test_each_filter_narrows_the_list_to_the_backends_rows(open_records, aio, backend, errors):
    page, api = open_records()

    async def scenario():
        await search(page, channel="sms", status="failed")
        first_total = page.model.total
        await page.model.fetch_all()
        expected = await api_rows(api, MessageFilter(channel="sms", status="failed"))
        assert expected and page.model.rows() == tuple(expected)
        assert first_total == page.model.total == len(expected)
        assert page.status.text() == f"Loaded {len(expected):,} of {len(expected):,}"
        assert all(r.error for r in page.model.rows())

        await search(page, channel=None, status=None, template="otp_login")
        counted = await MessagesClient(api).count(MessageFilter(template="otp_login"))
        assert not counted.capped and page.model.total == counted.total > page.model.loaded
        assert page.status.text() == f"Loaded {page.model.loaded:,} of {counted.total:,}"
        assert {r.template for r in page.model.rows()} == {"otp_login"}
        assert not any(r.resendable for r in page.model.rows())
        sample = page.model.rows()[0]

        await search(page, template=None, recipient=full_recipient(backend, sample.id))
        assert sample.id in [r.id for r in page.model.rows()]
        assert {r.recipient for r in page.model.rows()} == {sample.recipient}

        await search(page, recipient=None, account=sample.account_no, subject="sign-in")
        assert page.model.rows() and all(r.account_no == sample.account_no and "sign-in" in r.subject.lower()
                                         for r in page.model.rows())

        day = sample.created_at.astimezone(HK).date()
        await search(page, account=None, subject=None, date_from=day - timedelta(days=1), date_to=day)
        assert 0 < page.model.total < MESSAGE_TOTAL_CAP
        await page.model.fetch_all()
        assert all(day - timedelta(days=1) <= r.created_at.astimezone(HK).date() <= day for r in page.model.rows())

    aio(scenario())
    assert errors == []


class HoldCounts(httpx.AsyncBaseTransport):
    """Forwards every request to the real backend; while ``hold``, keeps count requests waiting
    until ``released``, or answers them with a lost connection while ``fail``. Notes the filter of
    each count asked and of each one given up."""

    def __init__(self, inner: httpx.AsyncBaseTransport):
        self.inner = inner
        self.hold = False
        self.fail = False
        self.released = asyncio.Event()
        self.asked: list[dict[str, str]] = []
        self.abandoned: list[dict[str, str]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == MESSAGE_COUNT_PATH:
            params = dict(request.url.params)
            self.asked.append(params)
            try:
                if self.hold:
                    await self.released.wait()
            except asyncio.CancelledError:
                self.abandoned.append(params)
                raise
            if self.fail:
                raise httpx.ConnectError("connection refused", request=request)
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


def test_rows_come_before_their_count_and_a_new_search_replaces_the_count(open_records, aio, backend,
                                                                         errors):
    transport = HoldCounts(backend.transport())
    page, api = open_records(api=backend.api_client(transport))
    assert transport.asked == [{}]  # the unfiltered list, counted once beside its first page
    assert page.status.text() == "Loaded 100 of more than 10,000"

    async def rows_of(**values) -> None:
        page.filter_bar.set_values(**values)
        page.filter_bar.search()
        await until(lambda: not page.model.loading, message="first page")

    async def scenario():
        transport.hold = True
        await rows_of(channel="sms")
        # The rows are shown while their count is still on its way.
        assert transport.asked[-1] == {"channel": "sms"}
        assert page.controller.counter.counting and not page.is_ready() and page.model.has_more() and page.model.total is None
        assert page.status.text() == "Loaded 100, counting…"
        i18n.set_language("zh_Hant")
        await until(lambda: page.status.text() == "已載入 100，正在計算總數…", message="LanguageChange")
        i18n.set_language("en")
        await until(lambda: page.status.text() == "Loaded 100, counting…", message="back to English")
        # A new search gives up the count in flight and counts its own filter.
        await rows_of(channel=None, template="otp_login")
        await until(lambda: transport.abandoned == [{"channel": "sms"}], message="the first count given up")
        assert transport.asked[-1] == {"template": "otp_login"}
        assert page.status.text() == "Loaded 100, counting…"
        transport.released.set()
        await until(lambda: not page.controller.counter.counting, message="the count")
        assert transport.asked == [{}, {"channel": "sms"}, {"template": "otp_login"}]
        counted = await MessagesClient(api).count(MessageFilter(template="otp_login"))  # the 4th
        assert not counted.capped and page.model.total == counted.total > 100
        assert page.status.text() == f"Loaded 100 of {counted.total:,}"
        # Scrolling keeps the figure; no page asks for another count.
        await load_until(page, lambda: page.model.loaded >= 300)
        assert page.status.text() == f"Loaded 600 of {counted.total:,}" and len(transport.asked) == 4
        # A search whose rows fit one page is counted by its rows: "N of N", even before the count.
        transport.released.clear()
        await rows_of(template=None, channel="sms", status="failed", date_from=datetime.now(HK).date() - timedelta(days=2))
        assert not page.model.has_more() and page.model.total == page.model.loaded
        assert not page.controller.counter.counting and page.status.text() == f"Loaded {page.model.loaded:,} of {page.model.loaded:,}"
        transport.released.set()
        await settle(page)

    aio(scenario())
    assert errors == []


def test_a_count_that_fails_leaves_the_rows_and_f5_counts_again(open_records, aio, backend, errors):
    transport = HoldCounts(backend.transport())
    page, _api = open_records(api=backend.api_client(transport))

    async def scenario():
        transport.fail = True
        await search(page, channel="sms")
        assert page.model.loaded == 100 and page.model.total is None
        assert page.status.text() == "Loaded 100"
        assert len(errors) == 1 and errors[0].is_network  # the shell shows the connection state
        transport.fail = False
        page.refresh()
        await until(lambda: page.is_ready() and not page.model.loading, message="counted again")
        assert page.status.text() == f"Loaded 100 of {page.model.total:,}"
        assert transport.asked == [{}, {"channel": "sms"}, {"channel": "sms"}]

    aio(scenario())


# --- the detail -------------------------------------------------------------------------------


def test_choosing_a_record_shows_its_content_and_attempt_timeline(open_records, aio, errors):
    page, api = open_records()
    panel = page.detail

    async def scenario():
        await search(page, template="trade_confirmation", status="delivered")
        row = page.model.rows()[3]
        shown = await choose(page, row.id)
        assert shown == await detail_of(api, row.id)
        assert panel.title.text() == f"#{row.id}  ·  Trade confirmation  ·  {row.subject}"
        assert "Delivered" in panel.facts.text() and row.account_no in panel.facts.text()
        assert panel.sender.text() == shown.sender and panel.sender.isVisible()
        assert panel.recipient.text() == row.recipient  # masked, as everywhere
        assert panel.subject.text() == row.subject
        assert panel.body.toPlainText() == shown.body
        assert panel.body.isReadOnly() and not panel.body.openLinks() and not panel.body.openExternalLinks()
        assert panel.timeline_rows() == [[hk_datetime(shown.created_at), "Original", "Delivered", "", "", "0", "",
                                          shown.provider_message_id]]
        assert panel.timeline_caption.text() == "Delivery Attempts (1)"
        # Enter on the row goes to the message itself.
        await press(page, Qt.Key.Key_Return)
        await until(panel.body.hasFocus, message="content focused")
        await settle(page)

    aio(scenario())
    assert errors == []


def test_the_detail_says_a_one_time_code_is_never_resent(open_records, aio):
    page, _api = open_records()

    async def scenario():
        await search(page, template="otp_login")
        await choose(page, page.model.rows()[0].id)
        assert "never (one-time code)" in page.detail.facts.text()
        assert not page.detail.sender.isVisible()  # an SMS has no sender line

    aio(scenario())


def test_the_page_speaks_traditional_chinese(open_records, aio):
    i18n.set_language("zh_Hant")
    page, _api = open_records(language="zh_Hant")

    async def scenario():
        await search(page, template="margin_call")
        headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
        assert headers == ["時間（香港）", "賬戶號碼", "渠道", "模板", "收件人", "主題", "狀態", "嘗試次數",
                           "錯誤", "供應商消息編號"]
        assert page.model.index(0, 3).data() == "追繳保證金通知"
        assert page.model.index(0, 2).data() == "短訊"
        shown = await choose(page, page.model.rows()[0].id)
        assert shown.template_name_zh in page.detail.title.text()
        assert page.detail.timeline_rows()[0][1] == "原始發送"
        assert page.resend_bar.resend_button.text() == "重發…"
        assert page.filter_bar.search_button.text() == "查詢"

    aio(scenario())


def test_switching_language_retranslates_the_open_page_and_detail(open_records, aio):
    def as_the_shell(ctx: PageContext) -> MessageRecordsPage:
        return MessageRecordsPage(replace(ctx, error_text=message_for, ui_language=i18n.current_language))

    page, _api = open_records(factory=as_the_shell)

    async def scenario():
        await search(page, template="deposit_received")
        await choose(page, page.model.rows()[0].id)
        i18n.set_language("zh_Hant")  # Qt posts LanguageChange to every widget
        # LanguageChange reaches each widget in turn: the page, then the detail below it.
        await until(lambda: page.model.headerData(0, Qt.Orientation.Horizontal) == "時間（香港）"
                    and page.detail.timeline_rows()[0][1] == "原始發送", message="LanguageChange")
        assert page.model.index(0, 3).data() == "入金到賬"
        assert page.detail.title.text().split("  ·  ")[1] == "入金到賬"  # the backend's own Chinese name
        assert page.resend_bar.resend_button.text() == "重發…"
        assert page.status.text() == f"已載入 {page.model.loaded:,} / 共 {page.model.total:,}"
        i18n.set_language("en")
        await until(lambda: page.resend_bar.resend_button.text() == "Resend…", message="back to English")
        assert page.detail.title.text().split("  ·  ")[1] == "Deposit received"

    aio(scenario())


# --- resending ------------------------------------------------------------------------------


def test_resending_one_record_shows_its_outcome_and_the_new_attempt(open_records, aio, delivering_backend,
                                                                     errors):
    page, _api = open_records(backend=delivering_backend)

    async def scenario():
        await search(page, template="trade_confirmation", status="delivered")
        record = fresh(page, 1)[0]
        await choose(page, record.id)
        assert page.resend_bar.resend_button.text() == "Resend…" and page.resend_bar.resend_button.isEnabled()
        await press_ctrl_r(page)
        dialog = page.resend_bar.dialog
        assert dialog.prompt.text() == f"Resend message #{record.id} to its recorded recipient?"
        assert not dialog.warning.isVisible()
        answer_reason(page)
        assert page.resend_bar.results.isVisible()
        await until(lambda: outcome_of(page, record.id).attempt_id is not None, message="queued")
        assert outcome_of(page, record.id).state in ON_ITS_WAY
        # The detail shows the new attempt at once: a resend by this operator with the reason.
        await until(lambda: page.detail.record is not None and len(page.detail.record.timeline) == 2,
                    message="the new attempt in the timeline")
        last = page.detail.timeline_rows()[-1]
        assert last[1] == "Resend" and last[3:5] == ["Peter Ho 何志明", REASON]  # the operator's name
        assert page.detail.record.timeline[-1].id == outcome_of(page, record.id).attempt_id
        # The dispatcher hands it to the local SMTP server: sent, with the server's message id.
        await until(lambda: outcome_of(page, record.id).state == MessageStatus.SENT, timeout=60, message="sent")
        sent = outcome_of(page, record.id)
        assert page.resend_bar.results.model.texts(0)[4:] == ("Sent", f"Provider message ID {sent.provider_message_id}")
        assert page.resend_bar.results.summary.text() == "Resend of 1: 1 sent · 0 in progress"
        # Following ends and the row and the detail are read again.
        await until(lambda: not page.resends.following, timeout=30, message="following ended")
        await page.wait_idle()
        row = page.model.row(row_of(page, record.id))
        assert (row.status, row.attempts, row.provider_message_id) == ("sent", 2, sent.provider_message_id)
        assert page.detail.timeline_rows()[-1][2] == "Sent"
        assert page.resend_bar.outcome.text() == "Resend of 1: 1 sent · 0 in progress"

    aio(scenario(), timeout=120)
    assert errors == []


def test_bulk_resend_refuses_the_one_time_code_and_queues_the_others(open_records, aio, errors):
    page, api = open_records()

    async def scenario():
        await search(page, channel="sms")  # sign-in codes and margin calls
        await load_until(page, lambda: sum(r.template == "margin_call" and r.attempts == 1
                                           for r in page.model.rows()) >= 2)
        otp = next(r for r in page.model.rows() if r.template == "otp_login")
        others = fresh(page, 2, template="margin_call")
        await select(page, [otp.id, *(r.id for r in others)])
        assert page.resend_bar.resend_button.text() == "Resend Selected (3)…"
        await press_ctrl_r(page)
        dialog = page.resend_bar.dialog
        assert dialog.prompt.text() == "Resend 3 messages to their recorded recipients?"
        assert dialog.warning.isVisible()
        assert dialog.warning.text() == ("1 of them hold one-time codes (Sign-in one-time password) and will be "
                                         "skipped.")
        assert dialog.resend_button.text() == "Resend 2"
        answer_reason(page)
        await until(lambda: outcome_of(page, otp.id).state == Step.REFUSED
                    and all(outcome_of(page, r.id).attempt_id for r in others), message="answers")
        model = page.resend_bar.results.model
        otp_row = [o.record.id for o in model.outcomes()].index(otp.id)
        assert model.texts(otp_row)[4] == "Refused" and model.texts(otp_row)[5] == OTP_REFUSED
        for record in others:
            assert outcome_of(page, record.id).state in ON_ITS_WAY
            timeline = (await detail_of(api, record.id)).timeline
            assert [(a.kind, a.requested_by, a.reason) for a in timeline[1:]] == [("resend", "service", REASON)]
        assert len((await detail_of(api, otp.id)).timeline) == 1  # never resent
        assert "1 refused" in page.resend_bar.outcome.text()
        await settle(page)

    aio(scenario())
    assert errors == []


def test_nothing_is_resent_when_every_record_holds_a_one_time_code(open_records, aio):
    page, _api = open_records()

    async def scenario():
        await search(page, template="otp_login")
        await select(page, [r.id for r in page.model.rows()[:2]])
        await press_ctrl_r(page)
        dialog = page.resend_bar.dialog
        assert dialog.warning.isVisible() and "nothing here can be resent" in dialog.warning.text()
        dialog.reason.setPlainText(REASON)
        assert not dialog.resend_button.isEnabled()
        dialog.reject()
        await until(lambda: page.resend_bar.dialog is None, message="dialog closed")
        await settle(page)

    aio(scenario())
    assert page.resend_bar.results.model is None


def test_the_reason_is_required_and_at_most_200_characters(open_records, aio):
    page, _api = open_records()

    async def scenario():
        await search(page, template="monthly_statement")
        await choose(page, page.model.rows()[0].id)
        page.resend_bar.resend_button.click()
        dialog = page.resend_bar.dialog
        dialog.reason.setPlainText("   \n ")
        assert not dialog.resend_button.isEnabled()
        dialog.reason.setPlainText("x" * 201)
        assert not dialog.resend_button.isEnabled() and dialog.answer.counter.text() == "201 / 200"
        dialog.reason.setPlainText("x" * 200)
        assert dialog.resend_button.isEnabled()
        dialog.reject()
        await until(lambda: page.resend_bar.dialog is None, message="dialog closed")
        await settle(page)

    aio(scenario())
    assert page.resend_bar.results.model is None  # nothing was sent


def test_more_than_the_bulk_limit_is_refused_with_a_clear_message(open_records, aio):
    page, _api = open_records()

    async def scenario():
        await load_until(page, lambda: page.model.loaded > BULK_RESEND_MAX)
        await choose(page, page.model.rows()[0].id)
        page.table.selectAll()
        count = page.model.loaded
        assert page.resend_bar.resend_button.text() == f"Resend Selected ({count})…"
        await press_ctrl_r(page)
        assert page.resend_bar.dialog is None
        assert page.resend_bar.outcome.text() == f"{count:,} messages are selected; resend at most {BULK_RESEND_MAX} at a time."
        await settle(page)

    aio(scenario())


class LoseAnswers(httpx.AsyncBaseTransport):
    """Forwards every request to the real backend; loses the answer of the next ``lose`` resends,
    as a dropped connection does after the server did the work."""

    def __init__(self, inner: httpx.AsyncBaseTransport):
        self.inner = inner
        self.lose = 0
        self.keys: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.method == "POST" and request.url.path.endswith("/resend"):
            self.keys.append(request.headers["Idempotency-Key"])
            if self.lose:
                self.lose -= 1
                await response.aread()
                await response.aclose()
                raise httpx.ReadError("connection reset after the request was sent", request=request)
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


def test_sending_an_action_again_after_a_lost_answer_reuses_its_key(aio, backend):
    transport = LoseAnswers(backend.transport())
    api = backend.api_client(transport)

    async def scenario():
        await SessionClient(api).login("service", "service-demo")
        rows = await api_rows(api, MessageFilter(template="margin_call_email"), limit=300)
        record = next(r for r in rows if r.attempts == 1)
        action = ResendAction((record.id,), REASON)
        sends = 1 + len(RETRY_PAUSES)  # the client sends it again by itself before it gives up
        transport.lose = sends
        with pytest.raises(ApiError) as lost:
            await MessagesClient(api).resend(action)
        assert lost.value.is_network
        assert len((await detail_of(api, record.id)).timeline) == 2  # the server did queue it, once
        results = await MessagesClient(api).resend(action)  # the second click: the same action, the same key
        assert transport.keys == [action.key] * (sends + 1)
        timeline = (await detail_of(api, record.id)).timeline
        assert len(timeline) == 2
        assert results == [ResendResult(record_id=record.id, attempt_id=timeline[1].id, status=results[0].status)]

    try:
        aio(scenario())
    finally:
        aio(api.aclose())


def test_a_refusal_of_the_single_endpoint_is_that_records_answer(aio, backend):
    """The fourth resend of one message within the hour: refused by code, shown translated."""
    api = backend.api_client()

    async def scenario():
        await SessionClient(api).login("service", "service-demo")
        rows = await api_rows(api, MessageFilter(template="margin_call_email"), limit=300)
        record = next(r for r in rows if r.attempts == 1)
        for _ in range(3):
            [queued] = await MessagesClient(api).resend(ResendAction((record.id,), REASON))
            assert queued.attempt_id is not None and queued.code is None
        return record, await MessagesClient(api).resend(ResendAction((record.id,), REASON))

    try:
        record, [refused] = aio(scenario())
    finally:
        aio(api.aclose())
    assert refused.record_id == record.id and refused.attempt_id is None
    assert refused.code == ErrorCode.RESEND_LIMIT
    model = ResendOutcomeModel([record], message_for)
    model.apply_results([refused])
    assert model.texts(0)[4:] == ("Refused", "This message was resent too often recently. Please wait before "
                                             "trying again.")


def test_try_again_in_the_results_resends_with_the_same_key(open_records, aio, backend, errors):
    transport = LoseAnswers(backend.transport())
    page, api = open_records(api=backend.api_client(transport))

    async def scenario():
        await search(page, template="monthly_statement")
        ids = [r.id for r in fresh(page, 2)]
        await select(page, ids)
        transport.lose = 1 + len(RETRY_PAUSES)  # the client's own tries lose their answers too
        await press_ctrl_r(page)
        answer_reason(page)
        await until(lambda: all(outcome_of(page, i).state == Step.NOT_SENT for i in ids), message="not sent")
        assert page.resend_bar.results.retry_button.isVisible()
        assert page.resend_bar.results.model.texts(0)[5] == message_for(ApiError(0, "network", "x"))
        assert errors and errors[-1].is_network  # the shell shows the connection state too

        # Ctrl+R again on the same records offers the same request, its reason fixed.
        await press_ctrl_r(page)
        dialog = page.resend_bar.dialog
        assert dialog.reason.isReadOnly() and dialog.text() == REASON and dialog.retry_note.isVisible()
        dialog.reject()
        await until(lambda: page.resend_bar.dialog is None, message="dialog closed")

        page.resend_bar.results.retry_button.click()
        await until(lambda: all(outcome_of(page, i).attempt_id for i in ids), message="queued")
        assert len(transport.keys) == len(RETRY_PAUSES) + 2 and len(set(transport.keys)) == 1
        assert not page.resend_bar.results.retry_button.isVisible()
        for record_id in ids:
            assert [a.kind for a in (await detail_of(api, record_id)).timeline] == ["original", "resend"]
        await settle(page)

    aio(scenario())


def test_a_user_without_the_resend_permission_sees_no_resend(open_records, aio, errors):
    page, _api = open_records(factory=without_resend)

    async def scenario():
        assert not page.resend_bar.resend_button.isVisible()
        await select(page, [page.model.rows()[0].id])
        await press_ctrl_r(page)
        assert page.resend_bar.dialog is None
        await settle(page)

    aio(scenario())
    assert page.resend_bar.results.model is None and errors == []


# --- export -----------------------------------------------------------------------------------


def test_export_writes_the_filtered_rows_to_xlsx(open_records, aio, tmp_path, errors):
    page, api = open_records()
    target = tmp_path / "messages.xlsx"
    filter_ = MessageFilter(channel="email", status="bounced", template="monthly_statement")

    async def scenario():
        await search(page, **filter_.model_dump(exclude_none=True))
        assert await page.export_to(target) is True, errors
        return await api_rows(api, filter_)

    expected = aio(scenario())
    assert page.export_params()["lang"] == "en" and page.export_params()["template"] == "monthly_statement"
    sheet = openpyxl.load_workbook(target, read_only=True).active
    header, *data = list(sheet.iter_rows(values_only=True))
    assert header[0] == "Created At (HKT)" and "Subject" in header and "Record ID" in header
    assert len(data) == len(expected) > 0
    column = {name: header.index(name) for name in ("Record ID", "Subject", "Status", "Recipient", "Error")}
    for cells, record in zip(data, expected, strict=True):
        assert cells[column["Record ID"]] == record.id and cells[column["Subject"]] == record.subject
        assert cells[column["Status"]] == "Bounced" and cells[column["Error"]] == record.error
        assert cells[column["Recipient"]] == record.recipient  # masked in the workbook too
    assert errors == []


# --- the outcome model alone ------------------------------------------------------------------


def _record(record_id: int, **changes) -> MessageRecordOut:
    now = datetime.now(UTC)
    values = dict(id=record_id, account_no="12345678", channel="email", template="trade_confirmation",
                  recipient="c***@example.com", subject=f"Trade confirmation {record_id}", status="delivered",
                  provider_message_id=f"pm-{record_id}", error=None, attempts=1, resendable=True,
                  created_at=now, updated_at=now)
    return MessageRecordOut(**{**values, **changes})


def _attempt(attempt_id: int, record_id: int, status: str, provider_id: str | None = None,
             error: str | None = None) -> DeliveryAttemptOut:
    return DeliveryAttemptOut(id=attempt_id, record_id=record_id, kind="resend", status=status, tries=0,
                              next_attempt_at=None, provider_message_id=provider_id, error=error,
                              requested_by="service", reason=REASON, created_at=datetime.now(UTC), finished_at=None)


def test_the_outcome_model_follows_answers_and_attempts(qtmodeltester):
    model = ResendOutcomeModel([_record(1), _record(2), _record(3, template="otp_login", resendable=False)],
                               message_for)
    qtmodeltester.check(model)
    assert [model.texts(r)[4] for r in range(3)] == ["Requesting…"] * 3
    model.apply_results([ResendResult(record_id=1, attempt_id=11, status="queued"),
                         ResendResult(record_id=2, attempt_id=12, status="queued"),
                         ResendResult(record_id=3, code=ErrorCode.NOT_RESENDABLE, detail="one-time code")])
    assert [model.texts(r)[4] for r in range(3)] == ["Queued", "Queued", "Refused"]
    assert model.texts(2)[5] == OTP_REFUSED and not model.finished
    model.apply_attempts([_attempt(11, 1, "sent", provider_id="smtp-1"),
                          _attempt(12, 2, "failed", error="550 no mailbox")])
    assert model.texts(0)[4:] == ("Sent", "Provider message ID smtp-1")
    assert model.texts(1)[4:] == ("Failed", "550 no mailbox")
    assert model.finished
    assert model.summary() == "Resend of 3: 1 sent · 0 in progress · 1 failed · 1 refused"
    assert model.index(1, 4).data(Qt.ItemDataRole.ForegroundRole).name() == labels.status_color("failed")
    qtmodeltester.check(model)


def test_push_messages_offer_no_resend_and_a_mixed_selection_says_why(open_records, aio, errors):
    """SMS and Email only (the changelog): a push record has no Resend, its detail says so, and a
    selection with push in it is refused before anything is sent."""
    page, _api = open_records()

    async def scenario():
        await search(page, template="deposit_received")  # push
        push = fresh(page, 1)[0]
        await select(page, [push.id])
        await until(lambda: page.detail.record is not None and page.detail.record.id == push.id, message="detail")
        assert not page.resend_bar.resend_button.isVisibleTo(page)
        assert "SMS and Email only" in page.detail.facts.text()
        await press_ctrl_r(page)
        assert page.resend_bar.dialog is None
        assert page.resend_bar.outcome.text() == ("Only SMS and Email can be resent: 1 of the selected messages "
                                                  "went by Push.")

        await search(page, template=None, channel=None)
        sms = next(r for r in fresh(page, 50) if r.channel == "sms")
        other_push = next(r for r in page.model.rows() if r.channel == "push")
        await select(page, [sms.id])
        assert page.resend_bar.resend_button.isVisibleTo(page) and page.resend_bar.resend_button.isEnabled()
        await select(page, [sms.id, other_push.id])
        assert page.resend_bar.resend_button.isVisibleTo(page)  # one of them can be resent: say why not all
        page.resend_bar.ask_resend()
        assert page.resend_bar.dialog is None and "went by Push" in page.resend_bar.outcome.text()
        await settle(page)

    aio(scenario())
    assert not errors
