"""The backend's event stream for the window's life: services/events' consumer on the window's
loop, its events and its state as Qt signals.

``received(type, data)`` for each event (data: the JSON object); ``liveChanged(live)`` when the
stream comes up or goes down (while it is down, what counts falls back to polling). A refused
session is reported like any request's (the shell then asks to sign in again).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from services.api_client import ApiClient
from services.events.consumer import DEFAULT_BACKOFF, Backoff, EventConsumer
from services.events.sse import ServerEvent
from ui.common.op_runner import OpRunner

log = logging.getLogger(__name__)

STREAM = "event stream"


class LiveEvents(QObject):
    received = Signal(str, object)  # the event's type, its data (a dict)
    liveChanged = Signal(bool)

    def __init__(self, api: ApiClient, report_error: Callable[[BaseException], None] | None = None, *,
                 backoff: Backoff = DEFAULT_BACKOFF, parent: QObject | None = None):
        super().__init__(parent)
        self.consumer = EventConsumer(api, self._heard, self.liveChanged.emit, backoff=backoff)
        self.ops = OpRunner(self, report_error)

    @property
    def live(self) -> bool:
        return self.consumer.live

    def start(self) -> None:
        self.ops.run(self.consumer.run(), key=STREAM, if_running="keep", standing=True)

    def stop(self) -> None:
        self.ops.cancel_all()

    def retry_now(self) -> None:
        """Something answered again (a poll): reconnect now rather than at the end of the backoff."""
        if not self.consumer.live:
            self.consumer.retry_now()

    def _heard(self, event: ServerEvent) -> None:
        try:
            data = event.json()
        except ValueError:
            log.warning("an event that is not JSON: %s %.200s", event.type, event.data)
            return
        self.received.emit(event.type, data if isinstance(data, dict) else {})
