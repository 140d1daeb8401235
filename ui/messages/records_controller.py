"""What Message Records loads, keeps and decides, without a widget: the templates, the applied
filter's count (``counter``, ui/messages/filter_count.py), the record in the detail, and reading
records again after a resend (its requests and following are ``resends``,
ui/messages/resend_controller.py).

The page (records_page.py) shows what this says through its signals. The list's rows live in the
page's PagedTableModel, which this reads pages for (``fetch_page``) and is attached to once built.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Signal

from services.clients.messages import MessagesClient
from services.contract.queries import MessageQuery
from services.contract.schemas import (
    MessageRecordDetail,
    MessageRecordOut,
    MessageTemplateOut,
    Page,
)
from ui.common.op_runner import OpRunner, wait_all_idle
from ui.common.page_context import PageContext
from ui.common.paged_table_model import PagedTableModel
from ui.messages import labels
from ui.messages.filter_count import FilterCount
from ui.messages.resend_controller import ResendController

# The kinds of work on the controller's runner (``ops``), besides the count (filter_count.py).
TEMPLATES, DETAIL = "templates", "detail"


def list_row(record: MessageRecordDetail | MessageRecordOut) -> MessageRecordOut:
    """The list's view of a record (the detail without its body and timeline)."""
    if type(record) is MessageRecordOut:
        return record
    return MessageRecordOut.model_validate(record.model_dump(include=set(MessageRecordOut.model_fields)))


class MessageRecordsController(QObject):
    templatesLoaded = Signal(list)  # the backend's MessageTemplateOut, once read
    countChanged = Signal()  # the applied filter's count was asked, came, failed or was dropped
    # Ids travel as Python ints (``object``): a message record's id may exceed Qt's 32-bit int.
    detailLoading = Signal(object)  # a record's id: its detail is on its way
    detailShown = Signal(object, bool)  # the MessageRecordDetail; True when it is the load asked for
    detailFailed = Signal(object, str)  # a record's id and why it could not be read

    def __init__(self, ctx: PageContext, parent: QObject | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.client = MessagesClient(ctx.api)
        self.ops = OpRunner(self, ctx.report_error)
        self.templates: dict[str, MessageTemplateOut] = {}  # the backend's, by code, once read
        self._templates_asked = False
        self._shown: MessageRecordDetail | None = None
        self._model: PagedTableModel | None = None
        self.counter = FilterCount(self.client, self.ops, lambda: self.model, self.countChanged.emit)
        self.resends = ResendController(self)

    def fetch_page(self, params: dict[str, Any]) -> Awaitable[Page[MessageRecordOut]]:
        """One page of the list (the list model's ``fetch``): the filter's params, limit and cursor."""
        return self.client.records(MessageQuery.model_validate(params))

    def attach(self, model: PagedTableModel) -> None:
        """Follows the list ``model`` (its pages fetched by ``fetch_page``) and counts its filter."""
        self._model = model
        model.loadingChanged.connect(self._page_loaded)
        self.filter_applied()

    @property
    def model(self) -> PagedTableModel:
        if self._model is None:
            raise RuntimeError("attach the list model first")
        return self._model

    @property
    def context(self) -> PageContext:
        return self._ctx

    @property
    def settled(self) -> bool:
        """The templates and the filter's count have come (or failed)."""
        return self._templates_asked and not self.ops.running(TEMPLATES) and not self.counter.counting

    async def wait_idle(self) -> None:
        """Awaits the list page, the count, the detail load, a resend request and its following."""
        await wait_all_idle(self.model.ops, self.ops, self.resends.ops, self.resends.follows)

    # --- templates ----------------------------------------------------------------------------

    def template_name(self, code: str | None) -> str:
        return labels.template_name(self.templates, code, self._ctx.language())

    def _show_templates(self, loaded: list[MessageTemplateOut]) -> None:
        self.templates.update({t.code: t for t in loaded})
        self.templatesLoaded.emit(loaded)

    # --- the count ---------------------------------------------------------------------------

    def filter_applied(self) -> None:
        """A search was applied: its count is asked beside its first page."""
        self.counter.filter_applied()

    def _page_loaded(self, loading: bool) -> None:
        if loading:
            return
        if not self._templates_asked:  # once the first page came: this runs on the app's loop
            self._templates_asked = True
            self.ops.run(self.client.templates(), key=TEMPLATES, on_success=self._show_templates)
        self.counter.page_loaded()

    # --- the detail ---------------------------------------------------------------------------

    @property
    def shown(self) -> MessageRecordDetail | None:
        """The record in the detail; None while it loads, failed or none is chosen."""
        return self._shown

    def open_record(self, record_id: int, *, force: bool = False) -> asyncio.Task | None:
        """Loads ``record_id`` into the detail; a newer choice cancels an older load in flight."""
        shown = self._shown
        if not force and shown is not None and shown.id == record_id:
            return None
        if shown is None or shown.id != record_id:
            self._shown = None
            self.detailLoading.emit(record_id)
        return self.ops.run(self.client.record(record_id), key=DETAIL, on_success=partial(self._show_detail, True),
                            on_failure=partial(self._detail_not_read, record_id))

    def _show_detail(self, asked: bool, record: MessageRecordDetail) -> None:
        self._shown = record
        self.detailShown.emit(record, asked)

    def _detail_not_read(self, record_id: int, exc: BaseException) -> bool:
        self._shown = None
        self.detailFailed.emit(record_id, self._ctx.describe(exc))
        return False  # the runner reports it too

    def resend_candidates(self, selected: Sequence[MessageRecordOut]) -> list[MessageRecordOut]:
        """The selected records; without a selection, the one in the detail."""
        if not selected and self._shown is not None:
            return [list_row(self._shown)]
        return list(selected)

    async def refresh_records(self, record_ids: Sequence[int]) -> None:
        """Reads the records again and updates their rows where they are, and the detail if shown."""
        loaded = {row.id for row in self.model.rows()}
        wanted = [i for i in record_ids if i in loaded]
        shown = self._shown
        if shown is not None and shown.id in record_ids and shown.id not in wanted:
            wanted.append(shown.id)
        fresh = await self.client.records_now(wanted)
        self.model.update_rows({i: list_row(d) for i, d in fresh.items()})
        shown = self._shown
        if shown is not None and shown.id in fresh and not self.ops.running(DETAIL):
            self._show_detail(False, fresh[shown.id])
