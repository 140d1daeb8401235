"""Keeps the signed-in user's event stream open (``GET /events/stream``) over the app's ApiClient.

Each event read is handed to ``on_event``; ``on_live`` hears when the stream is up (events flow)
and when it is down (the caller falls back to polling). A broken or silent line, a server that
restarts or refuses for a while: it reconnects after a backoff, resuming after the last event it
read (``Last-Event-ID``), and ``retry_now`` cuts the wait short (say, when a poll found the server
answering again). A refused session (401) ends it: signing in again is the shell's business.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass

from services.api_client import ApiClient, ApiError
from services.contract.events import EVENTS_STREAM_PATH, HEARTBEAT_SECONDS
from services.events.sse import ServerEvent, SseParser

log = logging.getLogger(__name__)

# Three heartbeats missed: the line is dead even if no error says so (a sleeping laptop, a proxy).
SILENCE_SECONDS = 3 * HEARTBEAT_SECONDS


@dataclass(frozen=True)
class Backoff:
    """Seconds before each retry: ``first``, doubling up to ``most``, each a little random so that
    desktops cut off together do not all come back in the same instant."""

    first: float = 1.0
    most: float = 30.0
    jitter: float = 0.2

    def delay(self, failures: int) -> float:
        base = min(self.most, self.first * 2 ** max(0, failures - 1))
        return base * random.uniform(1 - self.jitter, 1 + self.jitter)


DEFAULT_BACKOFF = Backoff()


class EventConsumer:
    def __init__(self, api: ApiClient, on_event: Callable[[ServerEvent], object],
                 on_live: Callable[[bool], object], *, backoff: Backoff = DEFAULT_BACKOFF,
                 silence_seconds: float = SILENCE_SECONDS):
        self._api = api
        self._on_event = on_event
        self._on_live = on_live
        self.backoff = backoff
        self._silence = silence_seconds
        self._retry = asyncio.Event()
        self.live = False
        self.last_event_id: str | None = None
        self.connections = 0  # streams opened so far (the first and each reconnect)

    def retry_now(self) -> None:
        """Reconnect at once if waiting to."""
        self._retry.set()

    async def run(self) -> None:
        """Until cancelled, or until the server refuses the session (raises its ApiError: 401, or
        403 for a disabled account)."""
        failures = 0
        while True:
            try:
                await self._read_one_stream()
                failures = 0  # it ended on its own (a server stopping, a session ending): come back soon
            except ApiError as exc:
                self._set_live(False)
                if exc.is_auth or exc.status == 403:
                    raise
                failures += 1
                log.info("event stream down (%s); polling meanwhile", exc.code)
            self._set_live(False)
            await self._pause(self.backoff.delay(max(failures, 1)))

    async def _read_one_stream(self) -> None:
        parser = SseParser()
        parser.last_event_id = self.last_event_id
        headers = {"Last-Event-ID": self.last_event_id} if self.last_event_id else None
        async with self._api.event_lines(EVENTS_STREAM_PATH, headers=headers, read_timeout=self._silence) as lines:
            self.connections += 1
            self._set_live(True)
            async for line in lines:
                if (event := parser.feed(line)) is not None:
                    self.last_event_id = parser.last_event_id
                    self._on_event(event)

    async def _pause(self, seconds: float) -> None:
        self._retry.clear()
        try:
            async with asyncio.timeout(seconds):  # no task of its own, unlike wait_for
                await self._retry.wait()
        except TimeoutError:
            pass

    def _set_live(self, live: bool) -> None:
        if live != self.live:
            self.live = live
            self._on_live(live)
