"""Message Records' controller without a widget, against the real backend: the count beside the
first page (a newer filter's replaces it, a filter whose rows all came is counted by them), the
templates, the detail (the latest choice wins, a failure said), and a resend requested, followed,
its rows read again, and repeated with its key after a lost answer.

The list is the page's PagedTableModel (a Qt model, no view), its pages read by the controller.
"""

from datetime import timedelta

import httpx
import pytest

from services.api_client import RETRY_PAUSES
from services.clients.session import SessionClient
from services.contract.queries import MESSAGE_TOTAL_CAP, MessageFilter, MessageQuery
from services.contract.schemas import BULK_RESEND_MAX, MessageRecordOut, MessageStatus
from services.message_resend import ResendAction
from tests.qt_fixtures import next_emission, until
from ui.common.formatting import HK
from ui.common.page_context import PageContext
from ui.common.paged_table_model import PagedTableModel
from ui.messages.records_controller import MessageRecordsController, list_row
from ui.messages.resend_outcome_model import Step

REASON = "Customer asked again by phone"


class FailResends(httpx.AsyncBaseTransport):
    """Forwards every request to the real backend; while ``fail``, a resend never reaches it."""

    def __init__(self, inner: httpx.AsyncBaseTransport):
        self.inner = inner
        self.fail = False
        self.keys: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/resend"):
            self.keys.append(request.headers["Idempotency-Key"])
            if self.fail:
                raise httpx.ConnectError("connection refused", request=request)
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


class Emitted:
    """What each of the controller's signals carried, in order."""

    def __init__(self, controller: MessageRecordsController):
        self.loading: list[int] = []
        self.shown: list[tuple[int, bool]] = []
        self.failed: list[tuple[int, str]] = []
        self.templates: list[list] = []
        self.started: list[tuple] = []
        self.ended: list[object] = []
        controller.detailLoading.connect(self.loading.append)
        controller.detailShown.connect(lambda record, asked: self.shown.append((record.id, asked)))
        controller.detailFailed.connect(lambda record_id, why: self.failed.append((record_id, why)))
        controller.templatesLoaded.connect(self.templates.append)
        controller.resends.started.connect(lambda action, model: self.started.append((action, model)))
        controller.resends.followingEnded.connect(self.ended.append)


@pytest.fixture
def records(aio, backend, errors):
    """A controller signed in as ``username`` with its list model attached (the unfiltered list
    asked for); afterwards nothing is left in flight."""
    made = []

    def make(username: str = "service", transport: httpx.AsyncBaseTransport | None = None,
             language: list[str] | None = None) -> MessageRecordsController:
        api = backend.api_client(transport)
        session = SessionClient(api)
        aio(session.login(username, f"{username}-demo"))
        ctx = PageContext(api, aio(session.me()), errors.append, ui_language=lambda: (language or ["en"])[-1])
        controller = MessageRecordsController(ctx)
        model = PagedTableModel(api, None, MessageRecordOut, (), "MessageRecordsPage", parent=controller,
                                report_error=errors.append, fetch=controller.fetch_page)
        made.append((controller, api))

        async def attached() -> None:
            loaded = next_emission(model.loadingChanged, lambda loading: not loading)
            model.reload({})
            controller.attach(model)
            await loaded
            await until(lambda: controller.settled, message="templates and count")

        aio(attached())
        return controller

    yield make
    for controller, api in made:
        controller.resends.stop_following()
        aio(controller.wait_idle())
        aio(api.aclose())
        controller.deleteLater()


async def search(controller: MessageRecordsController, filter_: MessageFilter) -> None:
    """What the page does on Search: the list reloads, then the controller counts. Returns once
    the controller has heard of the first page (the count may come before it or after)."""
    loaded = next_emission(controller.model.loadingChanged, lambda loading: not loading)
    controller.model.reload(filter_.as_params())
    controller.filter_applied()
    await loaded
    await until(lambda: controller.settled, message="the count")


def test_the_count_comes_beside_the_first_page_and_follows_the_filter(records, aio, errors):
    language = ["en"]
    controller = records(language=language)
    model = controller.model
    counted = Emitted(controller)
    assert model.loaded == 100 and controller.counter.count.capped and model.total == MESSAGE_TOTAL_CAP + 1
    assert controller.template_name("deposit_received") == "Deposit received"
    language.append("zh_Hant")
    assert controller.template_name("deposit_received") == "入金到賬"
    assert controller.template_name("no_such_template") == "no_such_template"

    async def scenario():
        # A newer filter, applied before the first one's count came, is the one counted.
        model.reload(MessageFilter(channel="sms").as_params())
        controller.filter_applied()
        assert controller.counter.counting
        otp = MessageFilter(template="otp_login")
        await search(controller, otp)
        expected = await controller.client.count(otp)
        assert controller.counter.count == expected and not expected.capped and model.total == expected.total > 100
        # A filter whose rows fit one page is counted by its rows: no count is kept.
        day = model.row(0).created_at.astimezone(HK).date()
        await search(controller, MessageFilter(channel="sms", status="failed", date_from=day - timedelta(days=2)))
        assert not model.has_more() and controller.counter.count is None and model.total == model.loaded

    aio(scenario())
    assert errors == [] and counted.templates == []  # the templates were read once, before


def test_the_detail_shows_the_latest_choice_and_says_why_one_failed(records, aio, errors):
    controller = records()
    emitted = Emitted(controller)
    first, second = controller.model.row(0), controller.model.row(1)

    async def scenario():
        controller.open_record(first.id)
        await controller.open_record(second.id)  # replaces the first load in flight
        await controller.wait_idle()
        assert emitted.loading == [first.id, second.id] and emitted.shown == [(second.id, True)]
        assert controller.shown == await controller.client.record(second.id)
        assert controller.open_record(second.id) is None  # already shown: nothing asked
        await controller.open_record(second.id, force=True)
        assert emitted.loading == [first.id, second.id] and emitted.shown[-1] == (second.id, True)
        assert controller.resend_candidates([]) == [list_row(controller.shown)] == [second]
        assert controller.resend_candidates([first]) == [first]
        await controller.open_record(2**40)
        assert controller.shown is None and emitted.failed == [(2**40, errors[-1].title)]
        assert errors[-1].status == 404 and controller.resend_candidates([]) == []

    aio(scenario())
    assert len(errors) == 1  # the runner reported the failure too


def test_a_resend_is_requested_followed_and_its_rows_read_again(records, aio, errors):
    controller = records(username="admin")  # the page's tests resend as ``service``
    resends = controller.resends
    resends.poll_seconds, resends.follow_seconds = 0.1, 0.5  # this backend delivers nothing
    emitted = Emitted(controller)

    async def scenario():
        await search(controller, MessageFilter(template="monthly_statement", status="delivered"))
        rows = [r for r in controller.model.rows() if r.attempts == 1][-2:]
        await controller.open_record(rows[0].id)
        action = ResendAction(tuple(r.id for r in rows), REASON)
        resends.start(rows, action)
        assert resends.requesting and resends.current is emitted.started[0][1]
        assert resends.start(rows, ResendAction((rows[0].id,), REASON)) is None  # one request at a time
        await until(lambda: emitted.ended, message="following ended")
        await controller.wait_idle()
        model = resends.current
        assert emitted.started == [(action, model)] and emitted.ended == [model]
        assert [model.outcome(r.id).state for r in rows] == [MessageStatus.QUEUED] * 2
        # The detail showed the new attempt at once, and the rows were read again.
        assert controller.shown.id == rows[0].id
        assert [a.kind for a in controller.shown.timeline] == ["original", "resend"]
        fresh = {r.id: r for r in controller.model.rows()}
        assert [fresh[r.id].attempts for r in rows] == [2, 2]

    aio(scenario())
    assert errors == []


def test_a_resend_without_an_answer_is_repeated_with_its_key(records, aio, errors, backend):
    transport = FailResends(backend.transport())
    controller = records(username="admin", transport=transport)
    resends = controller.resends
    resends.poll_seconds, resends.follow_seconds = 0.1, 0.2

    async def scenario():
        page = await controller.client.records(MessageQuery(template="margin_call", limit=1000))
        rows = [r for r in page.items if r.attempts == 1][-1:]
        assert resends.problem([]) == "Select the messages to resend first."
        assert resends.problem(rows * (BULK_RESEND_MAX + 1)) == (
            f"{BULK_RESEND_MAX + 1} messages are selected; resend at most {BULK_RESEND_MAX} at a time.")
        assert resends.problem(rows) is None and resends.unanswered(rows) is None
        transport.fail = True
        action = ResendAction((rows[0].id,), REASON)
        await resends.start(rows, action)
        assert resends.current.outcome(rows[0].id).state == Step.NOT_SENT
        assert resends.unanswered(rows) is action  # asking again repeats it
        assert errors and errors[-1].is_network  # the shell shows the connection state
        transport.fail = False
        assert resends.retry(ResendAction((rows[0].id,), REASON)) is None  # not the one shown
        await resends.retry(action)
        assert resends.current.outcome(rows[0].id).attempt_id is not None
        # The client sent the first attempt again by itself (RETRY_PAUSES), then the user's retry: one key.
        assert resends.unanswered(rows) is None and transport.keys == [action.key] * (len(RETRY_PAUSES) + 2)
        await controller.wait_idle()

    aio(scenario())
