"""Reading a user's event stream in a test: ``EventReader`` holds ``GET /events/stream`` open (on the
app in process, or a backend process) and reads it in a thread; ``next()`` waits for its next event.

A stream never says "nothing for you": to show an event did *not* reach a user, a test sends one
that does reach them afterwards and finds it next, since a stream keeps its events in order.
"""

from __future__ import annotations

import contextlib
import queue
import socket
import threading
from contextlib import ExitStack

import httpx

from services.contract.events import EVENTS_STREAM_PATH, EventType
from services.events.sse import ServerEvent, SseParser

WAIT = 30.0  # seconds an expected event may take before the test fails (it comes in milliseconds)
_ENDED = object()


class EventReader:
    def __init__(self, client: httpx.Client, last_event_id: str | None = None):
        self._stack = ExitStack()
        self._stack.enter_context(client)
        headers = {"Last-Event-ID": last_event_id} if last_event_id else None
        self.response = self._stack.enter_context(client.stream("GET", EVENTS_STREAM_PATH, headers=headers))
        self.parser = SseParser()
        self.heartbeat = threading.Event()  # set at each heartbeat (a comment line)
        self.ended = threading.Event()
        self._events: queue.Queue = queue.Queue()
        if self.response.status_code == 200:
            threading.Thread(target=self._read, name="event-reader", daemon=True).start()

    def _read(self) -> None:
        try:
            for line in self.response.iter_lines():
                if line.startswith(":"):
                    self.heartbeat.set()
                if (event := self.parser.feed(line)) is not None:
                    self._events.put(event)
        except Exception:  # noqa: BLE001 - closed under the reader (httpx or anyio says so): the test is done with it
            pass
        finally:
            self.ended.set()
            self._events.put(_ENDED)

    def next(self, timeout: float = WAIT) -> ServerEvent:
        try:
            event = self._events.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no event within {timeout} s") from None
        if event is _ENDED:
            self._events.put(_ENDED)
            raise AssertionError("the stream ended")
        return event

    def next_of(self, event_type: EventType) -> ServerEvent:
        event = self.next()
        assert event.type == event_type.value, (event.type, event.data)
        return event

    def close(self) -> None:
        # Over a socket, the reading thread blocks in recv(), which a close from this thread would
        # not end, nor would the server hear of it: shut the socket down under it first.
        stream = self.response.extensions.get("network_stream")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self._stack.close()

    def __enter__(self) -> EventReader:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
