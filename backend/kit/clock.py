"""Every "now" of the backend: token expiry and idle time, the login lockout window, work-order
expiry, dated margin settings, audit and row timestamps, Hong Kong's today.

The clock is injected, not read from the system directly: ``create_app(clock=...)`` runs every
request and background pass under that clock, and code outside an app (start-up, commands) reads
the system clock. Tests give the app a ``MovableClock`` and move it instead of sleeping.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """An aware UTC datetime."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class MovableClock:
    """The system clock plus an offset that only moves forward when told: time still passes
    between two requests (so rows keep their order), and a test jumps hours ahead at once."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, delta: timedelta | None = None, **units: float) -> datetime:
        """Moves the clock by ``delta`` or ``timedelta(**units)``; returns the new now."""
        self.offset += delta if delta is not None else timedelta(**units)
        return self.now()


SYSTEM_CLOCK = SystemClock()
_current: ContextVar[Clock] = ContextVar("opsdesk_clock", default=SYSTEM_CLOCK)


def utcnow() -> datetime:
    """Now, in UTC, by the clock of the app serving the current request or pass."""
    return _current.get().now()


@contextmanager
def using(clock: Clock) -> Iterator[Clock]:
    """Runs the block (and the tasks and threads it starts, which copy the context) under ``clock``."""
    token = _current.set(clock)
    try:
        yield clock
    finally:
        _current.reset(token)


class ClockMiddleware:
    """ASGI middleware: each request, and the lifespan with the tasks it starts, reads ``clock``."""

    def __init__(self, app, clock: Clock):
        self.app = app
        self.clock = clock

    async def __call__(self, scope, receive, send):
        with using(self.clock):
            await self.app(scope, receive, send)
