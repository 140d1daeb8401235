"""``GET /events/stream``: the signed-in user's live events (server-sent events).

Anyone signed in may open one; it carries only events addressed to that user, whose audiences the
backend chose when the change committed (backend/work_orders/announce.py).
"""

from typing import Annotated

from fastapi import APIRouter, Header, Request
from starlette.responses import StreamingResponse

from backend.auth.deps import SignedIn
from backend.events.brokers import Broker
from backend.events.stream import EventStream
from backend.kit.errors import AppError
from services.contract.errors import ErrorCode
from services.contract.events import EVENT_ID_MAX, EVENTS_STREAM_PATH

router = APIRouter(tags=["events"])


class EventStreamResponse(StreamingResponse):
    """Server-sent events written by backend/events/stream.py (FastAPI's own would take the route
    for a generator of events and send its own heartbeats on the wall clock)."""

    media_type = "text/event-stream"

_DESCRIPTION = ("Server-sent events: `event:` the type (work_order.submitted, work_order.level_advanced, "
                "work_order.decided, work_order.left_inbox, approval_chain.changed, resync), `id:` the event's "
                "id, `data:` JSON naming what changed; a `: heartbeat` comment at least every 15 s. A new "
                "stream starts with `resync`; one resumed with `Last-Event-ID` gets the events it missed, or "
                "`resync` when they are no longer held.")


@router.get(EVENTS_STREAM_PATH, response_class=EventStreamResponse,
            responses={200: {"description": _DESCRIPTION, "content": {"text/event-stream": {"schema": {"type": "string"}}}}})
async def stream(principal: SignedIn, request: Request, broker: Broker,
                 last_event_id: Annotated[str | None, Header(max_length=EVENT_ID_MAX)] = None):
    if not await broker.ready():
        raise AppError(503, ErrorCode.DATABASE_UNAVAILABLE, "Live updates are unavailable.",
                       "The server cannot hear events now; try again in a moment.", headers={"Retry-After": "5"})
    # SignedIn read this token a moment ago; the stream reads it again at each heartbeat.
    token = request.headers["authorization"].partition(" ")[2].strip()
    events = EventStream(broker, request.app.state.database, request.app.state.settings,
                         user_id=principal.user_id, token=token, last_event_id=last_event_id)
    return EventStreamResponse(events, headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
