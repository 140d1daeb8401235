"""At most so many requests inside the app at once; the others wait their turn before it.

A waiting request holds nothing: no worker thread and no database connection. An admitted one
holds at most one connection (backend/db/engine.py sizes the pool to the admitted), so once in,
it never waits for a connection that a request waiting for a thread holds.

A long-lived answer that holds neither while it streams (an event stream waiting for events)
gives its place back once its answer has started, or a few dozen open streams would keep
everyone else waiting.
"""

import asyncio
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class Admission:
    def __init__(self, app: ASGIApp, limit: int, released_once_answering: Iterable[str] = ()):
        self.app = app
        self.limit = limit
        self._released_once_answering = frozenset(released_once_answering)
        self._slots: asyncio.Semaphore | None = None  # made in the server's event loop

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.limit)
        slots = self._slots
        await slots.acquire()
        held = True

        def release() -> None:
            nonlocal held
            if held:
                held = False
                slots.release()

        async def send_then_release(message: Message) -> None:
            await send(message)
            if message["type"] == "http.response.start":
                release()

        long_lived = scope["path"] in self._released_once_answering
        try:  # held until the answer is sent, a streamed export's too
            await self.app(scope, receive, send_then_release if long_lived else send)
        finally:
            release()
