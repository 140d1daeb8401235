"""Request bodies larger than their route accepts are refused 413 before they are read.

Limits: DEFAULT_BODY_MAX for every route, a route's own ``max_body_size`` where it takes more (a
work order carrying a whole margin upload or a help article, a fund confirmation file). FastAPI enforces them while a body streams in,
with or without Content-Length (chunked). This middleware answers a declared Content-Length beyond
them at once, before the route runs: Starlette's own check of it, for a route that never reads its
body, comes only when the route answers, after it has acted. A route may answer in words of its
own (backend/kit/errors.py too_large).
"""

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from backend.kit.errors import too_large
from backend.kit.route_walk import route_for

# The other routes take a few kilobytes at most (a bulk resend of BULK_RESEND_MAX ids, a decision's
# 2,000-character comment, a password change).
DEFAULT_BODY_MAX = 2**20


class DeclaredBodyLimit:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            declared = Headers(scope=scope).get("content-length", "")
            limit = getattr(route_for(scope), "max_body_size", None) if declared.isdigit() else None
            if limit is not None and int(declared) > limit:
                await too_large(scope)(scope, receive, send)
                return
        await self.app(scope, receive, send)
