"""What Message Records loads, keeps and decides, without a widget: the templates, the applied
filter's count, the record in the detail, and reading records again after a resend (its requests
and following are ``resends``, ui/messages/resend_controller.py).

The page (records_page.py) shows what this says through its signals. The list's rows live in the
page's PagedTableModel, which this reads pages for (``fetch_page``) and is attached to once built.

The count: the list's pages carry no total, so each search asks the count endpoint beside its first
page and rows never wait for counting. A newer search gives up the count in flight; a search whose
rows all came is counted by its rows; a count that fails leaves the rows (F5 counts again).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Signal

from services.clients.messages import MessagesClient
from services.contract.queries import MessageFilter, MessageQuery
from services.contract.schemas import (
    MessageCount,
    MessageRecordDetail,
    MessageRecordOut,
    MessageTemplateOut,
    Page,
)
from ui.common.op_runner import OpRunner, wait_all_idle
from ui.common.page_context import PageContext
from ui.common.paged_table_model import PagedTableModel
from ui.messages import labels
from ui.messages.resend_controller import ResendController

# The kinds of work on the controller's runner (``ops``).
TEMPLATES, COUNT, DETAIL = "templates", "count", "detail"


def list_row(record: MessageRecordDetail | MessageRecordOut) -> MessageRecordOut:
    """The list's view of a record (the detail without its body and timeline)."""
    if type(record) is MessageRecordOut:
        return record
    return MessageRecordOut.model_validate(record.model_dump(include=set(MessageRecordOut.model_fields)))


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


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
        self._count: MessageCount | None = None  # of the applied filter
        self._count_asked = False  # for the applied filter
        self._count_pending = False  # wanted, to start once the loop runs
        self._count_failed = False
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
        return self._templates_asked and not self.ops.running(TEMPLATES) and not self.counting

    async def wait_idle(self) -> None:
        """Awaits the list page, the count, the detail load, a resend request and its following."""
        await wait_all_idle(self.model.ops, self.ops, self.resends.ops, self.resends.follows)

    # --- templates ----------------------------------------------------------------------------

    def template_name(self, code: str | None) -> str:
        return labels.template_name(self.templates, code, self._ctx.language())

    def _show_templates(self, loaded: list[MessageTemplateOut]) -> None:
        self.templates.update({t.code: t for t in loaded})
        self.templatesLoaded.emit(loaded)

    # --- the count ----------------------------------------------------------------------------

    @property
    def count(self) -> MessageCount | None:
        """The applied filter's count, once it came."""
        return self._count

    @property
    def counting(self) -> bool:
        """The applied filter's count is wanted and has not come yet."""
        return self._count_pending or (self._count_asked and self._count is None and not self._count_failed)

    def filter_applied(self) -> None:
        """Counts the applied filter beside its first page; a count of an earlier filter stops.
        Started only on the running loop (a task first stepped after the loop stops fails): when
        a search is applied outside it, the count starts with the first page's arrival."""
        self._drop_count()
        self._count_pending = True
        if _loop_running():
            self._begin_count()
        self.countChanged.emit()

    def _page_loaded(self, loading: bool) -> None:
        if loading:
            return
        if not self._templates_asked:  # once the first page came: this runs on the app's loop
            self._templates_asked = True
            self.ops.run(self.client.templates(), key=TEMPLATES, on_success=self._show_templates)
        if self.model.failed:
            self._count_pending = False  # nothing shown to count; F5 searches and counts again
        elif not self.model.has_more():
            self._drop_count()  # every row is here: they are the count
        elif self._count_pending:
            self._begin_count()
        self.countChanged.emit()

    def _drop_count(self) -> None:
        self.ops.cancel(COUNT)
        self._count_asked = False
        self._count = None
        self._count_pending = False
        self._count_failed = False

    def _begin_count(self) -> None:
        self._count_pending = False
        self._count_asked = True
        params = self.model.params or {}
        self.ops.run(self.client.count(MessageFilter.model_validate(params)), key=COUNT,
                     on_success=partial(self._show_count, params), on_failure=self._count_not_read)

    def _count_not_read(self, _exc: BaseException) -> bool:
        self._count_failed = True  # the rows stay; the status line goes without a total
        self.countChanged.emit()
        return False  # the runner reports it

    def _show_count(self, params: dict[str, str], count: MessageCount) -> None:
        if self.model.params != params:
            return  # a newer search replaces this count: its figure never goes under those rows
        self._count = count
        # Capped: at least one more than the cap, "more than" (the status line says so).
        self.model.set_total(count.total + 1 if count.capped else count.total)
        self.countChanged.emit()

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
