"""Message Center › Message Records: every message sent to customers, its content and attempts,
and Resend with a reason on one or many.

The list is the common QueryPage (keyset pages as the table scrolls, Excel export of the filter).
Its pages carry no total: each search asks the count endpoint beside its first page, so rows never
wait for counting; the status line says "counting…" until the figure (or "more than 10,000") comes.
Choosing a row loads that record below the list; Enter goes to its content. Ctrl+R resends the
selection after asking why; each record's outcome is shown as the server answers and as the
dispatcher delivers, then the rows and the detail are read again. Resend is hidden without
``message.record.resend`` (the backend decides either way).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

import shiboken6
from pydantic import BaseModel
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from services.api_client import ApiError
from services.clients.messages import MessagesClient
from services.contract.permissions import Perm
from services.contract.queries import MESSAGE_TOTAL_CAP, MessageExport, MessageFilter, MessageQuery
from services.contract.schemas import (
    BULK_RESEND_MAX,
    MessageChannel,
    MessageCount,
    MessageRecordDetail,
    MessageRecordOut,
    MessageStatus,
    MessageTemplateOut,
)
from services.message_resend import FOLLOW_SECONDS, POLL_SECONDS, ResendAction, may_retry
from ui.common import formatting
from ui.common.columns import RIGHT, Column, datetime_column
from ui.common.filter_bar import ChoiceField, DateField, TextField
from ui.common.op_runner import OpRunner, wait_all_idle
from ui.common.page_context import PageContext
from ui.common.query_page import QueryPage, QuerySpec
from ui.common.shortcuts import local_shortcut
from ui.messages import labels
from ui.messages.record_detail_panel import MessageRecordDetailPanel
from ui.messages.resend_dialog import ResendDialog
from ui.messages.resend_outcome_model import ResendOutcomeModel
from ui.messages.resend_results_dialog import ResendResultsDialog

translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings

CONTEXT = "MessageRecordsPage"

FIELDS = (
    TextField("account", QT_TRANSLATE_NOOP("MessageRecordsPage", "Account No."), max_length=16, width_chars=10),
    TextField("recipient", QT_TRANSLATE_NOOP("MessageRecordsPage", "Recipient"), max_length=254, width_chars=18),
    ChoiceField("channel", QT_TRANSLATE_NOOP("MessageRecordsPage", "Channel"), tuple(
        (channel.value, lambda channel=channel: labels.channel_text(channel)) for channel in MessageChannel)),
    ChoiceField("status", QT_TRANSLATE_NOOP("MessageRecordsPage", "Status"), tuple(
        (status.value, lambda status=status: labels.status_text(status)) for status in MessageStatus)),
    # Its choices are the backend's templates, set once they are read (MessageRecordsPage.templates).
    ChoiceField("template", QT_TRANSLATE_NOOP("MessageRecordsPage", "Template"), ()),
    TextField("subject", QT_TRANSLATE_NOOP("MessageRecordsPage", "Subject"), max_length=100, width_chars=14),
    DateField("date_from", QT_TRANSLATE_NOOP("MessageRecordsPage", "From")),
    DateField("date_to", QT_TRANSLATE_NOOP("MessageRecordsPage", "To")),
)

def _columns(template_name: Callable[[str], str]) -> tuple[Column, ...]:
    return (
        datetime_column("created_at", QT_TRANSLATE_NOOP("MessageRecordsPage", "Time (HKT)")),
        Column("account_no", QT_TRANSLATE_NOOP("MessageRecordsPage", "Account No."), width_chars=9),
        Column("channel", QT_TRANSLATE_NOOP("MessageRecordsPage", "Channel"), format=labels.channel_text,
               width_chars=5),
        Column("template", QT_TRANSLATE_NOOP("MessageRecordsPage", "Template"), format=template_name,
               width_chars=18),
        Column("recipient", QT_TRANSLATE_NOOP("MessageRecordsPage", "Recipient"), width_chars=18),
        Column("subject", QT_TRANSLATE_NOOP("MessageRecordsPage", "Subject"), width_chars=28),
        Column("status", QT_TRANSLATE_NOOP("MessageRecordsPage", "Status"), format=labels.status_text,
               width_chars=9, color=labels.status_color),
        Column("attempts", QT_TRANSLATE_NOOP("MessageRecordsPage", "Attempts"), format=formatting.integer,
               align=RIGHT, width_chars=4),
        Column("error", QT_TRANSLATE_NOOP("MessageRecordsPage", "Error"), width_chars=24),
        Column("provider_message_id", QT_TRANSLATE_NOOP("MessageRecordsPage", "Provider Message ID"),
               width_chars=12),
    )


def _spec(template_name: Callable[[str], str], client: MessagesClient) -> QuerySpec:
    return QuerySpec(
        tr_context=CONTEXT,
        list_path=None,
        fetch_page=lambda params: client.records(MessageQuery.model_validate(params)),
        row_model=MessageRecordOut,
        filter_model=MessageFilter,
        export_model=MessageExport,
        fields=FIELDS,
        columns=_columns(template_name),
        export_stem="message-records",
        date_ranges=(("date_from", "date_to"),),
    )


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


# The page's kinds of background work on its runner (``ops``); following resends runs on ``follows``.
TEMPLATES, COUNT, DETAIL, REQUEST = "templates", "count", "detail", "request"


class MessageRecordsPage(QueryPage):
    _ready = False  # QueryPage retranslates while constructing, before this class's widgets exist

    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        templates: dict[str, MessageTemplateOut] = {}  # the backend's, by code, once read
        client = MessagesClient(ctx.api)
        super().__init__(ctx, _spec(lambda code: labels.template_name(templates, code, ctx.language()), client),
                         parent)
        self.templates = templates
        self.client = client
        self.setObjectName("messageRecordsPage")
        self.follows = OpRunner(self, ctx.report_error)  # resends followed until their attempts settle
        self._live_models: set[ResendOutcomeModel] = set()  # resends still requesting or followed
        self._unanswered: ResendAction | None = None  # the last action that got no answer
        self._outcome_source: ResendOutcomeModel | None = None  # whose summary the outcome line shows
        self._focus_when_shown: int | None = None  # Enter on a row still loading: focus its content then
        self.poll_seconds = POLL_SECONDS  # how often, and how long, resends are followed
        self.follow_seconds = FOLLOW_SECONDS
        self.dialog: QDialog | None = None  # the reason dialog on screen, if any
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)  # spare width to the provider's id

        self.detail = MessageRecordDetailPanel(ctx.language, self)
        self.splitter = self.add_detail_below(self.detail, "messageRecordsSplitter", 3, 2)

        self.resend_button = QPushButton(self)
        self.resend_button.setObjectName("resendButton")
        self.resend_button.clicked.connect(self.ask_resend)
        self.resend_button.setVisible(self.can_resend)
        self.results_button = QPushButton(self)
        self.results_button.setObjectName("resendResultsButton")
        self.results_button.hide()
        self.outcome = QLabel(self)
        self.outcome.setObjectName("approvalOutcome")  # the style sheet's outcome line (red when failed)
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)  # it may quote the server
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.setWordWrap(True)
        self.action_bar = QHBoxLayout()
        self.action_bar.addWidget(self.resend_button)
        self.action_bar.addWidget(self.results_button)
        self.action_bar.addWidget(self.outcome, 1)
        self.layout().insertLayout(1, self.action_bar)

        self.results = ResendResultsDialog(self)
        self.results.retryRequested.connect(self.retry)
        self.results_button.clicked.connect(self._show_results)

        recipient = self.filter_bar.editor("recipient")
        recipient.setMinimumWidth(recipient.fontMetrics().horizontalAdvance("+85291234567") + 40)

        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(self._current_row_changed)
        selection.selectionChanged.connect(self.update_actions)
        self.table.activated.connect(self._open_index)  # Enter (and double-click) on a row
        self.model.modelReset.connect(self.update_actions)
        local_shortcut("Ctrl+R", self, self.ask_resend)
        # The applied filter's count, asked beside its first page (see _start_count).
        self._count: MessageCount | None = None
        self._count_asked = False  # for the applied filter
        self._count_pending = False  # wanted, to start once the loop runs
        self._count_failed = False
        self._ready = True
        self.retranslate_ui()
        # Read once the first page has come: then this page's requests run on the app's loop.
        self._templates_asked = False
        self.model.loadingChanged.connect(self._page_loaded)
        self.ops.runningChanged.connect(self.update_actions)
        self._start_count()  # QueryPage applied the empty filter while constructing

    # --- templates ----------------------------------------------------------------------------

    def template_name(self, code: str | None) -> str:
        return labels.template_name(self.templates, code, self._ctx.language())

    def _page_loaded(self, loading: bool) -> None:
        if loading:
            return
        if not self._templates_asked:
            self._templates_asked = True
            self.ops.run(self.client.templates(), key=TEMPLATES, on_success=self._show_templates)
        if self.model.failed:
            self._count_pending = False  # nothing shown to count; F5 searches and counts again
        elif not self.model.has_more():
            self._drop_count()  # every row is here: they are the count
        elif self._count_pending:
            self._begin_count()
        self._update_status()

    def _show_templates(self, loaded: list[MessageTemplateOut]) -> None:
        """The template filter's choices and the names in the list, as the backend names them
        (without them the list still works, showing template codes)."""
        self.templates.update({t.code: t for t in loaded})
        self.filter_bar.set_choices("template", [(t.code, partial(self.template_name, t.code)) for t in loaded])
        self.table.viewport().update()  # the Template column now shows names

    def is_ready(self) -> bool:
        """The first page, the templates and the filter's count have come (or failed)."""
        return (super().is_ready() and self._templates_asked and not self.ops.running(TEMPLATES)
                and not self.counting)

    # --- the count ----------------------------------------------------------------------------

    def apply_filter(self, filter_: BaseModel) -> None:
        super().apply_filter(filter_)
        if self._ready:  # the first one, while QueryPage constructs, is counted once this page is built
            self._start_count()

    @property
    def counting(self) -> bool:
        """The applied filter's count is wanted and has not come yet."""
        return self._count_pending or (self._count_asked and self._count is None and not self._count_failed)

    def _start_count(self) -> None:
        """Counts the applied filter beside its first page; a count of an earlier filter stops.
        Started only on the running loop (a task first stepped after the loop stops fails): when
        a search is applied outside it, the count starts with the first page's arrival."""
        self._drop_count()
        self._count_pending = True
        if _loop_running():
            self._begin_count()
        self._update_status()

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
        self._update_status()
        return False  # the runner reports it

    def _show_count(self, params: dict[str, str], count: MessageCount) -> None:
        if self.model.params != params:
            return  # a newer search replaces this count: its figure never goes under those rows
        self._count = count
        # Capped: at least one more than the cap, "more than" (the status line says so).
        self.model.set_total(count.total + 1 if count.capped else count.total)
        self._update_status()

    # --- export -------------------------------------------------------------------------------

    def can_export(self) -> bool:
        return True

    async def write_export(self, target: Path) -> int:
        export = MessageExport.model_validate(self.export_params())
        return await self.client.export(export, target, progress=self._on_export_progress)

    # --- language -----------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if not self._ready:
            return
        self.resend_button.setToolTip(translate("MessageRecordsPage", "Resend the selected messages to their "
                                                                      "recorded recipients, with a reason (Ctrl+R)"))
        self.results_button.setText(translate("MessageRecordsPage", "Results…"))
        self.results_button.setToolTip(translate("MessageRecordsPage", "Show how the last resend went"))
        self.filter_bar.editor("recipient").setPlaceholderText(  # type: ignore[attr-defined]
            translate("MessageRecordsPage", "full phone or email"))
        self.update_actions()
        self._update_outcome()

    def _update_status(self, *args: object) -> None:
        super()._update_status(*args)
        model = self.model
        if not self._ready or model.failed or not model.has_more():
            return  # failed, or every row loaded and so counted: QueryPage's line
        if not model.loaded:  # the first page on its way, even if its count came first
            self.status.setText(translate("QueryPage", "Loading…"))
            return
        loaded = f"{model.loaded:,}"
        if self._count is not None and not self._count.capped:
            return  # QueryPage's "Loaded {loaded} of {total}", the model holding the count
        if self._count is not None:
            text = translate("MessageRecordsPage", "Loaded {loaded} of more than {cap}").format(
                loaded=loaded, cap=f"{MESSAGE_TOTAL_CAP:,}")
        elif self.counting:
            text = translate("MessageRecordsPage", "Loaded {loaded}, counting…").format(loaded=loaded)
        else:  # the count failed (and was reported); F5 searches and counts again
            text = translate("MessageRecordsPage", "Loaded {loaded}").format(loaded=loaded)
        self.status.setText(text)

    # --- permissions and selection ------------------------------------------------------------

    @property
    def can_resend(self) -> bool:
        return self._ctx.can(Perm.MESSAGE_RECORD_RESEND)

    @property
    def requesting(self) -> bool:
        """A resend request waits for its answer."""
        return self.ops.running(REQUEST)

    @property
    def following(self) -> bool:
        return self.follows.busy

    def selected_rows(self) -> list[MessageRecordOut]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row(r) for r in rows]

    def resend_candidates(self) -> list[MessageRecordOut]:
        """The selected records; without a selection, the one in the detail."""
        rows = self.selected_rows()
        if not rows and self.detail.record is not None:
            rows = [list_row(self.detail.record)]
        return rows

    def update_actions(self, *_args: object) -> None:
        if not self._ready:
            return
        count = len(self.resend_candidates())
        self.resend_button.setText(translate("MessageRecordsPage", "Resend…") if count <= 1 else
                                   translate("MessageRecordsPage", "Resend Selected ({count})…").format(count=count))
        self.resend_button.setEnabled(self.can_resend and count > 0 and not self.requesting)

    # --- the detail ---------------------------------------------------------------------------

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.open_record(self.model.row(current.row()).id)

    def _open_index(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        record_id = self.model.row(index.row()).id
        self._focus_when_shown = record_id
        self.open_record(record_id)
        shown = self.detail.record
        if shown is not None and shown.id == record_id:
            self._focus_when_shown = None
            self.detail.focus_content()

    def open_record(self, record_id: int, *, force: bool = False) -> asyncio.Task | None:
        """Loads ``record_id`` into the detail; a newer choice cancels an older load in flight."""
        shown = self.detail.record
        if not force and shown is not None and shown.id == record_id:
            return None
        if shown is None or shown.id != record_id:
            self.detail.show_loading(record_id)
        return self.ops.run(self.client.record(record_id), key=DETAIL, on_success=self._show_detail,
                            on_failure=partial(self._detail_not_read, record_id))

    def _show_detail(self, record: MessageRecordDetail) -> None:
        self.detail.show_record(record)
        if self._focus_when_shown == record.id:
            self._focus_when_shown = None
            self.detail.focus_content()

    def _detail_not_read(self, record_id: int, exc: BaseException) -> bool:
        self.detail.show_failed(record_id, self._ctx.describe(exc))
        return False  # the runner reports it too

    # --- resending ----------------------------------------------------------------------------

    def ask_resend(self) -> None:
        """Ctrl+R and the button: asks why, then resends the selection (one request for all)."""
        if not self.can_resend or self.dialog is not None or self.requesting:
            return
        rows = self.resend_candidates()
        if not rows:
            self.show_outcome(translate("MessageRecordsPage", "Select the messages to resend first."), failed=True)
            return
        if len(rows) > BULK_RESEND_MAX:
            self.show_outcome(translate("MessageRecordsPage", "{count} messages are selected; resend at most {max} "
                                                              "at a time.").format(count=f"{len(rows):,}",
                                                                                   max=BULK_RESEND_MAX), failed=True)
            return
        ids = tuple(r.id for r in rows)
        unanswered = self._unanswered if self._unanswered is not None and self._unanswered.record_ids == ids else None
        dialog = ResendDialog(rows, self.template_name, retry_reason=unanswered.reason if unanswered else None,
                              parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.reasonGiven.connect(
            lambda reason: self.start_resend(rows, unanswered or ResendAction(ids, reason)))
        self.dialog = dialog
        dialog.finished.connect(self._dialog_closed)
        dialog.open()

    def _dialog_closed(self, *_args: object) -> None:
        self.dialog = None

    def retry(self, action: ResendAction) -> asyncio.Task | None:
        """Try Again in the results: the same request, with the same key."""
        model = self.results.model
        if model is None or self.results.action is not action:
            return None
        return self.start_resend([o.record for o in model.outcomes()], action)

    def start_resend(self, rows: Sequence[MessageRecordOut], action: ResendAction) -> asyncio.Task | None:
        """Sends ``action`` and follows its attempts; the results window shows each record's outcome."""
        if self.requesting:
            return None
        model = ResendOutcomeModel(rows, self._ctx.describe, self)
        self._live_models.add(model)
        self._outcome_source = model
        model.changed.connect(self._update_outcome)
        shown = self.results.model
        self.results.show_action(action, model)
        self._retire(shown)
        self.results_button.show()
        model.set_requesting()
        return self.ops.run(self.client.resend(action), key=REQUEST, on_success=partial(self._resent, action, model),
                            on_failure=partial(self._not_resent, action, model))

    def _not_resent(self, action: ResendAction, model: ResendOutcomeModel, exc: BaseException) -> bool:
        """Shown per record; the shell hears of sessions and the network too."""
        if may_retry(exc):
            self._unanswered = action  # the next try reuses its key
            model.set_not_sent(exc)
        elif isinstance(exc, ApiError) and not exc.is_auth:
            model.set_refused(exc)
        else:
            model.set_not_sent(exc)
        self.results.set_following(False)
        self._live_models.discard(model)
        return isinstance(exc, ApiError) and not exc.is_auth and not exc.is_network

    def _resent(self, action: ResendAction, model: ResendOutcomeModel, results: list) -> None:
        if self._unanswered is action:
            self._unanswered = None
        model.apply_results(results)
        self.follows.run(self._follow(action, model))

    async def _follow(self, action: ResendAction, model: ResendOutcomeModel) -> None:
        """Shows the new attempt in the detail at once, follows the attempts, then reads the rows again."""
        shown = self.detail.record
        if shown is not None and shown.id in action.record_ids:
            self.open_record(shown.id, force=True)
        attempt_ids = model.attempt_ids()
        try:
            if attempt_ids:
                await self.client.follow(attempt_ids, model.apply_attempts, interval=self.poll_seconds,
                             limit=self.follow_seconds)
        finally:  # followed to the end, stopped, or refused (the runner reports a lost session)
            if shiboken6.isValid(self):
                self._live_models.discard(model)
                if self.results.model is model:
                    self.results.set_following(False)
                else:
                    self._retire(model)
        await self.refresh_records([o.record.id for o in model.outcomes() if o.attempt_id is not None])

    def _retire(self, model: ResendOutcomeModel | None) -> None:
        """Deletes a resend's outcomes once nothing shows or follows them any more."""
        if model is not None and model not in self._live_models and model is not self.results.model:
            if self._outcome_source is model:
                self._outcome_source = None
            model.deleteLater()

    async def refresh_records(self, record_ids: Sequence[int]) -> None:
        """Reads the records again and updates their rows where they are, and the detail if shown."""
        loaded = {row.id for row in self.model.rows()}
        wanted = [i for i in record_ids if i in loaded]
        shown = self.detail.record
        if shown is not None and shown.id in record_ids and shown.id not in wanted:
            wanted.append(shown.id)
        fresh = await self.client.records_now(wanted)
        self.model.update_rows({i: list_row(d) for i, d in fresh.items()})
        shown = self.detail.record
        if shown is not None and shown.id in fresh and not self.ops.running(DETAIL):
            self.detail.show_record(fresh[shown.id])

    def _show_results(self) -> None:
        if self.results.model is not None:
            self.results.show()
            self.results.raise_()

    def _update_outcome(self) -> None:
        model = self._outcome_source
        if model is None:
            return
        self.show_outcome(model.summary(), failed=model.any_failed)

    def show_outcome(self, text: str, *, failed: bool = False) -> None:
        self.outcome.setText(text)
        # The style sheet colours the text by this property (resources/style.qss).
        self.outcome.setProperty("failed", failed)
        self.outcome.style().unpolish(self.outcome)
        self.outcome.style().polish(self.outcome)

    # --- for tests and shutdown ---------------------------------------------------------------

    def stop_following(self) -> None:
        """Stops following resends (their rows are not read again); the page stays usable."""
        self.follows.cancel_all()

    async def wait_idle(self) -> None:
        """Awaits the list page, its count, the detail load, a resend request and its following."""
        await wait_all_idle(self.model.ops, self.ops, self.follows)
