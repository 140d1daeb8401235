"""The main window while its backend restarts: a real ``python -m backend`` process, stopped and
started again on the same port and database. While it is down the status bar's counts fall back
to polling; the first poll that is answered brings the event stream back at once, and events flow
again (the count rises the moment an order arrives)."""

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from desktop.main_window import MainWindow
from services.api_client import ApiClient
from services.clients.session import SessionClient
from services.events.consumer import Backoff
from tests.backend.work_order_steps import fresh_order
from tests.conftest import LiveBackend, start_backend, stop_backend
from tests.qt_fixtures import delete_on_loop, until

pytestmark = pytest.mark.process

# The stream retries on its own only after a minute here: it is the poll that brings it back.
PATIENT = Backoff(first=60, most=60, jitter=0)


class Restartable:
    """A backend process on a database of its own that can be stopped and started on its port."""

    def __init__(self, url: str, logs: Path, tokens: dict[str, str]):
        self.url, self.logs, self.tokens = url, logs, tokens
        self.port: int | None = None
        self.backend: LiveBackend | None = None
        self.starts = 0

    def start(self) -> LiveBackend:
        self.starts += 1
        extra = ("--port", str(self.port)) if self.port else ()
        self.backend = start_backend(self.url, self.logs / f"backend-{self.starts}.log", "--demo", *extra)
        self.backend.tokens.update(self.tokens)
        self.port = httpx.URL(self.backend.url).port
        return self.backend

    def stop(self) -> None:
        if self.backend is not None:
            stop_backend(self.backend)
            self.backend = None


@pytest.fixture
def restartable(sqlite_template, tmp_path) -> Iterator[Restartable]:
    with sqlite_template.copy() as url:
        server = Restartable(url, tmp_path, dict(sqlite_template.tokens))
        server.start()
        try:
            yield server
        finally:
            server.stop()


def awaiting(backend: LiveBackend, username: str) -> int:
    with backend.client(username) as client:
        return client.get("/work-orders/counts").json()["awaiting_me"]


def test_the_counts_poll_while_the_backend_is_down_and_stream_again_once_it_is_back(aio, settings, restartable):
    backend = restartable.backend
    api = ApiClient(backend.url)
    api.set_token(backend.token("checker"))
    window = MainWindow(api, aio(SessionClient(api).me()), settings, pages={})
    window.live.events.consumer.backoff = PATIENT
    window.show()
    try:
        live = window.live.events
        aio(until(lambda: live.live, message="the event stream"))
        assert not window.inbox_count.polling

        restartable.stop()
        aio(until(lambda: not live.live, message="the stream down"))
        assert window.inbox_count.polling  # the 30-second poll stands in while the stream is down
        window.inbox_count.timer.timeout.emit()  # a poll while down: refused, the count stays
        aio(until(lambda: not window.inbox_count.ops.busy, message="the refused poll"))
        assert not live.live

        backend = restartable.start()
        assert backend.url == api.base_url  # the same server, back
        window.inbox_count.timer.timeout.emit()  # the next poll is answered: the stream comes back
        aio(until(lambda: live.live, message="the stream back"))
        assert not window.inbox_count.polling and live.consumer.connections == 2

        expected = awaiting(backend, "checker") + 1
        fresh_order(backend, "HK", force_close="15:27")
        aio(until(lambda: window.inbox_count.count == expected, message="the count from an event"))
    finally:
        aio(delete_on_loop(window))
        aio(api.aclose())
