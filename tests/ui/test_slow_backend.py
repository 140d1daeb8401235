"""A slow and a silent backend, seen from the desktop: the real main window and Auto-Convert Query
page talk to the real backend through a TCP proxy (tests/fixtures/tcp_proxy.py) that delays or
holds the answers.

- Answers two seconds late: the window takes keys, and the page says "Loading…" beside a busy
  bar until the rows come. (How long the window may pause is a figure, not a test: measured by
  bench/ against a baseline, never asserted here.)
- No answer at all: the request gives up at the client's timeout, the page says loading failed,
  the status bar says in words (either language) that the server did not answer in time, and F5
  loads the page once the server answers again.
- A submit whose answer is lost to the timeout, retried with the same Idempotency-Key: one order.
"""

import time
import uuid

import httpx
import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from sqlalchemy import select

from desktop import i18n
from desktop.connection_monitor import ConnectionState
from desktop.error_messages import message_for
from desktop.main_window import MainWindow
from services.api_client import ApiClient, ApiError
from services.clients.approvals import ApprovalsClient
from services.clients.session import SessionClient
from services.contract.schemas import WorkOrderSubmit
from tests.backend.margin_steps import CREATE, row, symbols
from tests.fixtures.tcp_proxy import DOWN, TcpProxy
from tests.qt_fixtures import delete_on_loop, until
from ui.pages import PAGES

PAGE = "margin_call.auto_convert_query"
LATENCY = 2.0  # seconds every answer is held back
SHORT_TIMEOUT = httpx.Timeout(1.0)  # the client's timeout, short so the test is quick
TIMED_OUT = "The server did not answer in time. Please try again."


@pytest.fixture
def proxy(live_backend):
    with TcpProxy(httpx.URL(live_backend.url).port) as line:
        yield line


@pytest.fixture
def sign_in(aio, proxy, live_backend):
    """A desktop client through the proxy in a demo user's session, read while the line is still
    fast with the default timeout (``kwargs`` only for the client the test then uses: a sign-in
    under load may take longer than a short timeout)."""
    clients: list[ApiClient] = []

    def run(username: str = "service", **kwargs) -> tuple[ApiClient, object]:
        reader, api = ApiClient(proxy.url), ApiClient(proxy.url, **kwargs)
        clients.extend((reader, api))
        for client in (reader, api):
            client.set_token(live_backend.token(username))
        return api, aio(SessionClient(reader).me())

    yield run
    for api in clients:
        aio(api.aclose())


@pytest.fixture
def open_window(qtbot, aio, settings):
    """The main window with the Auto-Convert Query page only; it opens that page at once."""
    windows: list[MainWindow] = []

    def run(api: ApiClient, me) -> MainWindow:
        window = MainWindow(api, me, settings, pages={PAGE: PAGES[PAGE]})
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield run
    aio(delete_on_loop(*windows))


def loaded(page) -> bool:
    return page.is_ready() and page.model.total is not None and not page.model.loading


def test_a_slow_backend_leaves_the_window_responsive_and_the_page_says_it_is_loading(
        aio, proxy, sign_in, open_window):
    api, me = sign_in()
    proxy.delay(LATENCY, DOWN)
    window = open_window(api, me)
    page = window.page(PAGE)
    account = page.filter_bar.editor("account")
    assert isinstance(account, QLineEdit)

    async def scenario() -> tuple[float, list[str]]:
        started = time.monotonic()
        seen = []
        await until(lambda: page.busy.isVisible(), message="the busy bar")
        await until(lambda: time.monotonic() - started > LATENCY / 2)
        # Half-way: the answer is still out, the page says so, and the window takes keys.
        seen += [page.status.text(), str(page.model.loading)]
        QTest.keyClicks(account, "10")
        seen.append(account.text())
        await until(lambda: loaded(page), timeout=LATENCY * 10, message="the first rows")
        return time.monotonic() - started, seen

    waited, seen = aio(scenario())
    assert seen == ["Loading…", "True", "10"]
    assert waited >= LATENCY  # the answers were held back: the page had to wait for them
    assert page.status.text() == f"Loaded {page.model.loaded:,} of {page.model.total:,}"
    assert not page.busy.isVisible()
    assert proxy.faults.delayed_chunks >= 1
    print(f"\n[faults] slow backend: {proxy.faults.delayed_chunks} answers held {LATENCY:.0f}s; the page loaded "
          f"in {waited:.1f}s")


def test_a_silent_backend_times_out_with_a_clear_message_and_f5_loads_once_it_answers(
        aio, proxy, sign_in, open_window):
    api, me = sign_in(timeout=SHORT_TIMEOUT)
    proxy.stall()
    started = time.monotonic()
    window = open_window(api, me)
    page = window.page(PAGE)
    aio(until(lambda: page.model.failed, timeout=10, message="the page's request to give up"))
    gave_up = time.monotonic() - started
    assert gave_up < 5
    assert page.status.text() == "Loading failed; press F5 to try again."
    assert not page.busy.isVisible()
    assert window.statusBar().currentMessage() == TIMED_OUT
    aio(until(lambda: window.monitor.state == ConnectionState.DISCONNECTED, message="disconnected"))
    assert window.status.connection_status.text() == "● Disconnected"

    i18n.set_language("zh_Hant")
    try:
        failed_zh = QCoreApplication.translate("QueryPage", "Loading failed; press F5 to try again.")
        assert failed_zh != "Loading failed; press F5 to try again."
        aio(until(lambda: page.status.text() == failed_zh, message="the page in Chinese"))
        assert message_for(ApiError(0, "timeout", "")) == "伺服器回應逾時，請再試一次。"
    finally:
        i18n.set_language("en")
        aio(until(lambda: page.status.text() == "Loading failed; press F5 to try again."))

    proxy.resume()
    page.refresh()  # what F5 does
    aio(until(lambda: loaded(page), message="the rows after F5"))
    assert page.status.text().startswith("Loaded ")
    window.monitor.check_now()
    aio(until(lambda: window.monitor.state == ConnectionState.CONNECTED, message="connected again"))
    print(f"\n[faults] silent backend: {proxy.faults.stalls} stall; the page gave up after {gave_up:.1f}s "
          f"with '{TIMED_OUT}', and loaded on F5 once it answered")


def test_a_submit_timed_out_after_the_server_took_it_and_retried_with_its_key_makes_one_order(
        aio, proxy, sign_in, live_backend):
    from backend.work_orders.models import WorkOrder

    api, _ = sign_in("maker", timeout=SHORT_TIMEOUT)
    approvals = ApprovalsClient(api)
    [symbol] = symbols(live_backend, "HK", 1, with_row=False)
    body = WorkOrderSubmit(flow=CREATE, payload=row(symbol))
    key = str(uuid.uuid4())

    def orders_with_key() -> list[int]:
        engine = live_backend.engine()
        with engine.connect() as conn:
            found = list(conn.scalars(select(WorkOrder.id).where(WorkOrder.idempotency_key == key)))
        engine.dispose()
        return found

    proxy.stall(DOWN)  # the request reaches the server; its answer does not come back
    with pytest.raises(ApiError) as info:
        aio(approvals.submit(body, key))
    assert info.value.code == "timeout" and message_for(info.value) == TIMED_OUT
    aio(until(lambda: orders_with_key(), timeout=10, message="the order the server made"))
    [made] = orders_with_key()
    proxy.resume()
    retried = aio(approvals.submit(body, key))  # the desktop retries with the same key
    assert retried.id == made
    assert orders_with_key() == [made]
    aio(approvals.withdraw(made))  # the shared backend as it was: the symbol free again
    print("\n[faults] lost answer: 1 submit timed out after the server made its order; the retry with its "
          "key returned that order: 1 order, nothing doubled")
