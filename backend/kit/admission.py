"""At most so many requests inside the app at once; the others wait their turn before it.

A waiting request holds nothing: no worker thread and no database connection. An admitted one
holds at most one connection (backend/db/engine.py sizes the pool to the admitted), so once in,
it never waits for a connection that a request waiting for a thread holds.
"""

import asyncio

from starlette.types import ASGIApp, Receive, Scope, Send


class Admission:
    def __init__(self, app: ASGIApp, limit: int):
        self.app = app
        self.limit = limit
        self._slots: asyncio.Semaphore | None = None  # made in the server's event loop

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.limit)
        async with self._slots:  # held until the answer is sent, a streamed export's too
            await self.app(scope, receive, send)
