"""The app's outermost layer: each request's id, its metrics and its access log line.

Outermost, around Starlette's ServerErrorMiddleware (``ObservedApp``): an unexpected error's 500
carries the request id in its header and body like any answer, and is counted.
"""

import logging
import time

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend.kit import request_id
from backend.ops import metrics

access = logging.getLogger("backend.access")

_HEADER = request_id.REQUEST_ID_HEADER.encode("latin-1")
QUIET_ROUTES = frozenset({"/health", "/health/live", "/health/ready", "/metrics"})


def route_template(scope: Scope) -> str:
    """The template of the route that served the request (``/work-orders/{order_id}``)."""
    route = scope.get("route")
    return getattr(route, "path_format", None) or getattr(route, "path", None) or metrics.UNMATCHED


def _given_id(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == _HEADER:
            return value.decode("latin-1")
    return None


class Observe:
    def __init__(self, app: ASGIApp, *, access_log: bool):
        self.app = app
        self.access_log = access_log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = request_id.accepted_or_new(_given_id(scope))
        token = request_id.set_current(rid)
        status = 500  # unless an answer starts: the app failed before it could say anything
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message = {**message, "headers": [*message.get("headers", ()), (_HEADER, rid.encode("latin-1"))]}
            await send(message)

        metrics.IN_PROGRESS.inc()
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            metrics.IN_PROGRESS.dec()
            seconds = time.perf_counter() - started
            route = route_template(scope)
            metrics.record_request(route, scope["method"], status, seconds)
            if self.access_log:
                # A balancer's probes and a scraper's visits every few seconds: there at debug.
                level = logging.DEBUG if route in QUIET_ROUTES else logging.INFO
                access.log(level, "%s %s %s", scope["method"], scope["path"], status,
                           extra={"method": scope["method"], "route": route, "path": scope["path"],
                                  "status": status, "duration_ms": round(seconds * 1000, 1)})
            request_id.reset(token)


class ObservedApp(FastAPI):
    """FastAPI with ``Observe`` around its whole middleware stack."""

    def build_middleware_stack(self) -> ASGIApp:
        settings = getattr(self.state, "settings", None)
        return Observe(super().build_middleware_stack(), access_log=getattr(settings, "access_log", True))
