"""Message Center › Message Records: every message sent to customers, its content and attempts,
and Resend with a reason on one or many.

The list is the common QueryPage (keyset pages as the table scrolls, Excel export of the filter).
Its pages carry no total: each search asks for the count beside its first page, so rows never wait
for counting; the status line says "counting…" until the figure (or "more than 10,000") comes.
Choosing a row loads that record below the list; Enter goes to its content. Ctrl+R resends the
selection after asking why (the action bar, resend_bar.py); each record's outcome is shown as the
server answers and as the dispatcher delivers, then the rows and the detail are read again. Resend
is hidden without ``message.record.resend`` (the backend decides either way).

This is the view: what it loads, keeps and decides is the MessageRecordsController
(records_controller.py), whose signals it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from pydantic import BaseModel
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QWidget

from services.contract.queries import MESSAGE_TOTAL_CAP, MessageExport, MessageFilter
from services.contract.schemas import (
    MessageChannel,
    MessageRecordDetail,
    MessageRecordOut,
    MessageStatus,
    MessageTemplateOut,
)
from ui.common import formatting
from ui.common.columns import RIGHT, Column, datetime_column
from ui.common.filter_bar import ChoiceField, DateField, TextField
from ui.common.op_runner import wait_all_idle
from ui.common.page_context import PageContext
from ui.common.query_page import QueryPage, QuerySpec
from ui.common.shortcuts import local_shortcut
from ui.messages import labels
from ui.messages.record_detail_panel import MessageRecordDetailPanel
from ui.messages.records_controller import MessageRecordsController
from ui.messages.resend_bar import ResendBar

translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings

CONTEXT = "MessageRecordsPage"

FIELDS = (
    TextField("account", QT_TRANSLATE_NOOP("MessageRecordsPage", "Account No."), max_length=16, width_chars=10),
    TextField("recipient", QT_TRANSLATE_NOOP("MessageRecordsPage", "Recipient"), max_length=254, width_chars=18),
    ChoiceField("channel", QT_TRANSLATE_NOOP("MessageRecordsPage", "Channel"), tuple(
        (channel.value, lambda channel=channel: labels.channel_text(channel)) for channel in MessageChannel)),
    ChoiceField("status", QT_TRANSLATE_NOOP("MessageRecordsPage", "Status"), tuple(
        (status.value, lambda status=status: labels.status_text(status)) for status in MessageStatus)),
    # Its choices are the backend's templates, set once they are read (MessageRecordsController.templates).
    ChoiceField("template", QT_TRANSLATE_NOOP("MessageRecordsPage", "Template"), ()),
    TextField("subject", QT_TRANSLATE_NOOP("MessageRecordsPage", "Subject"), max_length=100, width_chars=14),
    DateField("date_from", QT_TRANSLATE_NOOP("MessageRecordsPage", "From")),
    DateField("date_to", QT_TRANSLATE_NOOP("MessageRecordsPage", "To")),
)

def _columns(template_name: Callable[[str], str]) -> tuple[Column, ...]:
    return (
        datetime_column("created_at", QT_TRANSLATE_NOOP("MessageRecordsPage", "Time (HKT)")),
        Column("account_no", QT_TRANSLATE_NOOP("MessageRecordsPage", "Account No."), width_chars=9,
               identifier=True),
        Column("channel", QT_TRANSLATE_NOOP("MessageRecordsPage", "Channel"), format=labels.channel_text,
               width_chars=5),
        Column("template", QT_TRANSLATE_NOOP("MessageRecordsPage", "Template"), format=template_name,
               width_chars=18),
        Column("recipient", QT_TRANSLATE_NOOP("MessageRecordsPage", "Recipient"), width_chars=18,
               identifier=True),
        Column("subject", QT_TRANSLATE_NOOP("MessageRecordsPage", "Subject"), width_chars=28),
        Column("status", QT_TRANSLATE_NOOP("MessageRecordsPage", "Status"), format=labels.status_text,
               width_chars=9, color=labels.status_color),
        Column("attempts", QT_TRANSLATE_NOOP("MessageRecordsPage", "Attempts"), format=formatting.integer,
               align=RIGHT, width_chars=4),
        Column("error", QT_TRANSLATE_NOOP("MessageRecordsPage", "Error"), width_chars=24),
        Column("provider_message_id", QT_TRANSLATE_NOOP("MessageRecordsPage", "Provider Message ID"),
               width_chars=12, identifier=True),
    )


def _spec(controller: MessageRecordsController) -> QuerySpec:
    return QuerySpec(
        tr_context=CONTEXT,
        list_path=None,
        fetch_page=controller.fetch_page,
        row_model=MessageRecordOut,
        filter_model=MessageFilter,
        export_model=MessageExport,
        fields=FIELDS,
        columns=_columns(controller.template_name),
        export_stem="message-records",
        date_ranges=(("date_from", "date_to"),),
    )


class MessageRecordsPage(QueryPage):
    EMPTY = (QT_TRANSLATE_NOOP("MessageRecordsPage", "No message has been sent yet."),
             QT_TRANSLATE_NOOP("MessageRecordsPage", "No message matches the filter ({filter})."))
    EMPTY_CONTEXT = CONTEXT
    _ready = False  # QueryPage retranslates while constructing, before this class's widgets exist

    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        controller = MessageRecordsController(ctx)  # before the list: it reads the list's pages
        super().__init__(ctx, _spec(controller), parent)
        controller.setParent(self)
        self.controller = controller
        self.resends = controller.resends
        self.setObjectName("messageRecordsPage")
        self._focus_when_shown: int | None = None  # Enter on a row still loading: focus its content then
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)

        self.detail = MessageRecordDetailPanel(ctx.language, self)
        self.splitter = self.add_detail_below(self.detail, "messageRecordsSplitter", 3, 2)
        self.resend_bar = ResendBar(self.resends, self.resend_candidates, controller.template_name, self)
        self.layout().insertWidget(1, self.resend_bar)

        recipient = self.filter_bar.editor("recipient")
        recipient.setMinimumWidth(recipient.fontMetrics().horizontalAdvance("+85291234567") + 40)

        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(self._current_row_changed)
        selection.selectionChanged.connect(self.resend_bar.update_actions)
        self.table.activated.connect(self._open_index)  # Enter (and double-click) on a row
        self.model.modelReset.connect(self.resend_bar.update_actions)
        controller.ops.runningChanged.connect(self.resend_bar.update_actions)  # the detail's record came
        local_shortcut("Ctrl+R", self, self.resend_bar.ask_resend)
        controller.templatesLoaded.connect(self._show_templates)
        controller.countChanged.connect(self._update_status)
        controller.detailLoading.connect(self.detail.show_loading)
        controller.detailShown.connect(self._show_detail)
        controller.detailFailed.connect(self.detail.show_failed)
        self._ready = True
        self.retranslate_ui()
        controller.attach(self.model)  # counts the filter QueryPage applied while constructing

    def is_ready(self) -> bool:
        """The first page, the templates and the filter's count have come (or failed)."""
        return super().is_ready() and self.controller.settled

    def apply_filter(self, filter_: BaseModel) -> None:
        super().apply_filter(filter_)
        if self._ready:  # the first one, while QueryPage constructs, is counted once this page is built
            self.controller.filter_applied()

    async def wait_idle(self) -> None:
        """Awaits the list page, its count, the detail load, the export, a resend and its following."""
        await wait_all_idle(self.ops, self.controller.ops, self.resends.ops, self.resends.follows,
                            self.model.ops)

    def _show_templates(self, loaded: list[MessageTemplateOut]) -> None:
        """The template filter's choices and the names in the list, as the backend names them
        (without them the list still works, showing template codes)."""
        name = self.controller.template_name
        self.filter_bar.set_choices("template", [(t.code, partial(name, t.code)) for t in loaded])
        self.table.viewport().update()  # the Template column now shows names

    # --- export -------------------------------------------------------------------------------

    def can_export(self) -> bool:
        return True

    async def write_export(self, target: Path, progress: Callable[[int], None]) -> int:
        export = MessageExport.model_validate(self.export_params())
        return await self.controller.client.export(export, target, progress=progress)

    # --- language and the status line ---------------------------------------------------------

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if self._ready:
            self.filter_bar.editor("recipient").setPlaceholderText(  # type: ignore[attr-defined]
                translate("MessageRecordsPage", "full phone or email"))

    def _update_status(self, *args: object) -> None:
        super()._update_status(*args)
        model = self.model
        if not self._ready or model.failed or not model.has_more():
            return  # failed, or every row loaded and so counted: QueryPage's line
        if not model.loaded:  # the first page on its way, even if its count came first
            self.status.setText(translate("QueryPage", "Loading…"))
            return
        loaded = f"{model.loaded:,}"
        count = self.controller.counter.count
        if count is not None and not count.capped:
            return  # QueryPage's "Loaded {loaded} of {total}", the model holding the count
        if count is not None:
            text = translate("MessageRecordsPage", "Loaded {loaded} of more than {cap}").format(
                loaded=loaded, cap=f"{MESSAGE_TOTAL_CAP:,}")
        elif self.controller.counter.counting:
            text = translate("MessageRecordsPage", "Loaded {loaded}, counting…").format(loaded=loaded)
        else:  # the count failed (and was reported); F5 searches and counts again
            text = translate("MessageRecordsPage", "Loaded {loaded}").format(loaded=loaded)
        self.status.setText(text)

    # --- selection and the detail -------------------------------------------------------------

    def resend_candidates(self) -> list[MessageRecordOut]:
        """The selected records; without a selection, the one in the detail."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return self.controller.resend_candidates([self.model.row(r) for r in rows])

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.controller.open_record(self.model.row(current.row()).id)

    def _open_index(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        record_id = self.model.row(index.row()).id
        self._focus_when_shown = record_id
        self.controller.open_record(record_id)
        shown = self.detail.record
        if shown is not None and shown.id == record_id:
            self._focus_when_shown = None
            self.detail.focus_content()

    def _show_detail(self, record: MessageRecordDetail, asked: bool) -> None:
        self.detail.show_record(record)
        if asked and self._focus_when_shown == record.id:
            self._focus_when_shown = None
            self.detail.focus_content()
