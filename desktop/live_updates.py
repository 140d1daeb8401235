"""The status bar's work-order counts and the notices, kept current by the backend's event stream.

- "Awaiting me" and "Returned to me" are read again the moment an event says they moved (an order
  submitted to me, a level now mine, one gone from my inbox, one of mine decided, a resync); they
  are polled every 30 s only while the stream is down, and a poll that answers tries the stream
  again at once.
- One of my orders decided (work_order.decided): a notice says so, with the checker's reason.

Only for users with the Approvals pages (approval.inbox): nobody else is sent anything.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from pydantic import ValidationError
from PySide6.QtCore import QObject

from desktop.notice_area import NoticeArea
from services.api_client import ApiClient
from services.clients.approvals import ApprovalsClient
from services.contract.events import EventType, WorkOrderEvent
from services.contract.flows import ALL_FLOWS
from services.contract.schemas import MeOut
from services.events.consumer import DEFAULT_BACKOFF, Backoff
from ui.approvals.inbox_count import InboxCount
from ui.approvals.returned_count import ReturnedCount
from ui.approvals.returned_notice import TONES, returned_text
from ui.common.live_events import LiveEvents

log = logging.getLogger(__name__)

# Events after which a count may have moved.
_RECOUNT = frozenset({EventType.WORK_ORDER_SUBMITTED, EventType.WORK_ORDER_LEVEL_ADVANCED,
                      EventType.WORK_ORDER_LEFT_INBOX, EventType.WORK_ORDER_DECIDED, EventType.RESYNC})


class LiveUpdates(QObject):
    def __init__(self, api: ApiClient, me: MeOut, notices: NoticeArea,
                 report_error: Callable[[BaseException], None], *, backoff: Backoff = DEFAULT_BACKOFF,
                 parent: QObject | None = None):
        super().__init__(parent)
        approvals = ApprovalsClient(api)
        self.notices = notices
        self.inbox_count = InboxCount(approvals)
        # Whoever may submit some flow gets their orders back decided.
        submits = any(flow in me.permissions for flow in ALL_FLOWS)
        self.returned_count = ReturnedCount(approvals) if submits else None
        self.events = LiveEvents(api, report_error, backoff=backoff, parent=self)
        self.events.received.connect(self._received)
        self.events.liveChanged.connect(self._live_changed)
        self.inbox_count.polled.connect(self.events.retry_now)
        if self.returned_count is not None:
            self.inbox_count.countsChanged.connect(self.returned_count.show_counts)

    def start(self) -> None:
        self.inbox_count.start()  # counts now, and polls until the stream is up
        self.events.start()

    def stop(self) -> None:
        self.events.stop()
        self.inbox_count.stop()
        if self.returned_count is not None:
            self.returned_count.stop()

    def _live_changed(self, live: bool) -> None:
        self.inbox_count.set_polling(not live)

    def _received(self, kind: str, data: dict) -> None:
        if kind in _RECOUNT:
            self.inbox_count.refresh_now()
        if kind == EventType.WORK_ORDER_DECIDED:
            self._notify(data)

    def _notify(self, data: dict) -> None:
        try:
            event = WorkOrderEvent.model_validate(data)
        except ValidationError:
            log.warning("a decision event this desktop cannot read: %.200s", data)
            return
        if returned_text(event) is not None:
            self.notices.show_notice(lambda: returned_text(event) or "", TONES[event.status], event.order_id)
