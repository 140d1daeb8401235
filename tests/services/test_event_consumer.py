"""services/events/consumer.py against the real backend: the events of the signed-in user as they
come, the stream's state, a session the server ends, and a line that breaks and comes back (a
backend process behind tests/fixtures/tcp_proxy.py), resumed after the last event read."""

import asyncio
from collections.abc import Iterator

import httpx
import pytest

from services.api_client import ApiClient, ApiError
from services.contract.events import EventType
from services.events.consumer import Backoff, EventConsumer
from services.events.sse import ServerEvent
from tests.backend.work_order_steps import fresh_order
from tests.fixtures.tcp_proxy import TcpProxy
from tests.qt_fixtures import until

QUICK = Backoff(first=0.05, most=0.2)  # a test's retries come quickly; the app's wait seconds


class Heard:
    """What a consumer handed over: its events, and each change of its state."""

    def __init__(self) -> None:
        self.events: list[ServerEvent] = []
        self.live: list[bool] = []

    def of(self, kind: EventType) -> list[dict]:
        return [e.json() for e in self.events if e.type == kind.value]


def consumer_of(api: ApiClient, heard: Heard) -> EventConsumer:
    return EventConsumer(api, heard.events.append, heard.live.append, backoff=QUICK)


def signed_in(backend, username: str, url: str | None = None) -> ApiClient:
    api = ApiClient(url, transport=httpx.AsyncHTTPTransport()) if url else backend.api_client()
    api.set_token(backend.token(username))
    return api


def test_the_consumer_hands_over_the_users_events_as_they_come(aio, backend):
    heard = Heard()
    api = signed_in(backend, "checker")

    async def scenario() -> None:
        consumer = consumer_of(api, heard)
        running = asyncio.ensure_future(consumer.run())
        try:
            await until(lambda: heard.of(EventType.RESYNC), message="the stream's first event")
            assert heard.live == [True]
            order = await asyncio.to_thread(fresh_order, backend, "HK", force_close="15:29")
            await until(lambda: heard.of(EventType.WORK_ORDER_SUBMITTED), message="the order")
            assert heard.of(EventType.WORK_ORDER_SUBMITTED)[0]["order_id"] == order["id"]
            assert consumer.last_event_id == heard.events[-1].id is not None
        finally:
            running.cancel()
            await asyncio.gather(running, return_exceptions=True)
            await api.aclose()

    aio(scenario())


def test_a_session_the_server_ended_ends_the_consumer(aio, backend):
    heard = Heard()
    api = backend.api_client()
    api.set_token(backend.fresh_token("checker"))

    async def scenario() -> ApiError:
        await api.request("POST", "/auth/logout")
        try:
            with pytest.raises(ApiError) as refused:
                await consumer_of(api, heard).run()
            return refused.value
        finally:
            await api.aclose()

    refused = aio(scenario())
    assert (refused.status, refused.code) == (401, "token_revoked")
    assert heard.events == [] and heard.live == []


@pytest.fixture
def proxy(live_backend) -> Iterator[TcpProxy]:
    with TcpProxy(httpx.URL(live_backend.url).port) as line:
        yield line


def test_a_broken_line_is_reconnected_and_resumed_after_the_last_event(aio, live_backend, proxy):
    heard = Heard()
    fresh_order(live_backend, "US", force_close="15:29")  # the backend holds some event to resume after
    api = signed_in(live_backend, "checker", proxy.url)

    async def scenario() -> tuple[EventConsumer, dict]:
        consumer = consumer_of(api, heard)
        running = asyncio.ensure_future(consumer.run())
        try:
            await until(lambda: heard.of(EventType.RESYNC), message="the stream")
            assert consumer.last_event_id is not None
            proxy.cut()
            await until(lambda: heard.live == [True, False], message="the stream down")
            # Submitted while the line is cut, straight to the backend: this stream missed it.
            missed = await asyncio.to_thread(fresh_order, live_backend, "HK", force_close="15:28")
            proxy.resume()
            await until(lambda: heard.live[-1] is True and heard.of(EventType.WORK_ORDER_SUBMITTED),
                        message="the stream back with what it missed")
            return consumer, missed
        finally:
            running.cancel()
            await asyncio.gather(running, return_exceptions=True)
            await api.aclose()

    consumer, missed = aio(scenario())
    assert [e["order_id"] for e in heard.of(EventType.WORK_ORDER_SUBMITTED)] == [missed["id"]]
    assert len(heard.of(EventType.RESYNC)) == 1  # resumed: replayed, not refreshed
    assert consumer.connections >= 2
