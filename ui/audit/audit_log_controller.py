"""What the audit log loads, keeps and decides, without a widget: the list's pages (and whether the
search's count passed its cap), the event in the detail with its changes field by field, and the
chain's check.

The page (audit_log_page.py) shows what this says through its signals. The list's rows live in the
page's PagedTableModel, which reads its pages through ``fetch_page``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from PySide6.QtCore import QObject, Signal

from services.api_client import ApiError
from services.audit_changes import FieldChange, field_changes
from services.clients.audit import AuditClient
from services.contract.audit import AuditEventDetail, AuditEventPage, AuditEventQuery, ChainCheckOut
from ui.common.op_runner import OpRunner
from ui.common.page_context import PageContext

# The kinds of work on the controller's runner.
DETAIL, CHECK = "detail", "check"


def _lost_session(exc: BaseException) -> bool:
    """The shell hears of these (it asks the user to sign in again), wherever else they show."""
    return isinstance(exc, ApiError) and exc.is_auth


class AuditLogController(QObject):
    # Ids travel as Python ints (``object``): an event id may exceed Qt's 32-bit int.
    detailLoading = Signal(object)  # an event's id: it is on its way
    detailShown = Signal(object)  # the AuditEventDetail
    detailFailed = Signal(object, str)  # an event's id and why it could not be read
    checkStarted = Signal()
    checkFinished = Signal(object)  # the ChainCheckOut
    checkFailed = Signal(str)  # why the check could not be run

    def __init__(self, ctx: PageContext, parent: QObject | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.client = AuditClient(ctx.api)
        self.ops = OpRunner(self, ctx.report_error)
        self._shown: AuditEventDetail | None = None
        self._wanted: int | None = None  # the event asked for last
        self._check: ChainCheckOut | None = None
        self.capped = False  # the applied search's count passed the cap ("more than")

    @property
    def context(self) -> PageContext:
        return self._ctx

    # --- the list -----------------------------------------------------------------------------

    def fetch_page(self, params: dict[str, Any]) -> Awaitable[AuditEventPage]:
        """One page of the list (the list model's ``fetch``): the filter's params, limit and cursor."""
        return self._page(AuditEventQuery.model_validate(params))

    async def _page(self, query: AuditEventQuery) -> AuditEventPage:
        page = await self.client.events(query)
        if query.cursor is None and query.before is None and not query.from_end:  # a search's first page counts
            self.capped = page.total_capped
        return page

    # --- the detail ---------------------------------------------------------------------------

    @property
    def shown(self) -> AuditEventDetail | None:
        """The event in the detail; None while one loads, failed or none is chosen."""
        return self._shown

    def open_event(self, event_id: int, *, force: bool = False) -> asyncio.Task | None:
        """Loads ``event_id`` into the detail (again, if ``force``); a newer choice cancels an older
        load in flight."""
        if not force and self._wanted == event_id and (self._shown is not None or self.ops.running(DETAIL)):
            return None
        self._wanted, self._shown = event_id, None
        self.detailLoading.emit(event_id)
        return self.ops.run(self.client.event(event_id), key=DETAIL, on_success=self._show_event,
                            on_failure=lambda exc: self._event_not_read(event_id, exc))

    def _show_event(self, event: AuditEventDetail) -> None:
        self._shown = event
        self.detailShown.emit(event)

    def _event_not_read(self, event_id: int, exc: BaseException) -> bool:
        self._wanted = None  # choosing it again tries again
        self.detailFailed.emit(event_id, self._ctx.describe(exc))
        return not _lost_session(exc)  # shown in the detail, where it was asked for

    def changes(self) -> list[FieldChange]:
        """The shown event's before and after, field by field."""
        event = self._shown
        return [] if event is None else field_changes(event.before, event.after)

    # --- the chain's check --------------------------------------------------------------------

    @property
    def check(self) -> ChainCheckOut | None:
        """The last check's answer, until the next one starts."""
        return self._check

    @property
    def checking(self) -> bool:
        return self.ops.running(CHECK)

    def breaks_chain(self, event_id: int) -> ChainCheckOut | None:
        """The last check, if it found the chain broken at ``event_id``."""
        check = self._check
        return check if check is not None and not check.intact and check.broken_event_id == event_id else None

    def verify_chain(self) -> asyncio.Task | None:
        """Checks the whole chain; a check already running is kept (it reads the same trail)."""
        if self.checking:
            return None
        self._check = None
        self.checkStarted.emit()
        return self.ops.run(self.client.verify(), key=CHECK, on_success=self._checked,
                            on_failure=self._check_not_run)

    def _checked(self, answer: ChainCheckOut) -> None:
        self._check = answer
        self.checkFinished.emit(answer)

    def _check_not_run(self, exc: BaseException) -> bool:
        self.checkFailed.emit(self._ctx.describe(exc))
        return not _lost_session(exc)  # shown beside the button

    async def wait_idle(self) -> None:
        await self.ops.wait_idle()
