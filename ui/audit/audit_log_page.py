"""身份管理 › 審計日誌 (Identity › Audit Log): every audited action, newest first, filtered by who
acted, on what, which action (or every action of a kind) and Hong Kong days; the chosen event's
before and after below the list; Verify Chain (Ctrl+Shift+V) checks the whole trail and names its
first broken link; Export (Ctrl+E) writes the filtered list to Excel.

The list is the common QueryPage (keyset pages as the table scrolls); what the page loads, keeps
and decides is the AuditLogController (audit_log_controller.py), whose signals it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QWidget

from services.contract.audit import (
    AUDIT_TOTAL_CAP,
    AuditEventDetail,
    AuditEventExport,
    AuditEventFilter,
    AuditEventOut,
    ChainCheckOut,
)
from ui.audit import labels
from ui.audit.audit_log_controller import AuditLogController
from ui.audit.chain_check_bar import ChainCheckBar
from ui.audit.event_panel import AuditEventPanel
from ui.common.columns import RIGHT, Column
from ui.common.filter_bar import ChoiceField, DateField, TextField
from ui.common.op_runner import wait_all_idle
from ui.common.page_context import PageContext
from ui.common.query_page import QueryPage, QuerySpec

translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings

CONTEXT = "AuditLog"

FIELDS = (
    TextField("actor", QT_TRANSLATE_NOOP("AuditLog", "Actor"), max_length=64, width_chars=10),
    ChoiceField("action", QT_TRANSLATE_NOOP("AuditLog", "Action"), labels.action_choices()),
    ChoiceField("entity_type", QT_TRANSLATE_NOOP("AuditLog", "Entity"), labels.entity_choices()),
    TextField("entity_id", QT_TRANSLATE_NOOP("AuditLog", "Entity ID"), max_length=128, width_chars=8),
    DateField("date_from", QT_TRANSLATE_NOOP("AuditLog", "From")),
    DateField("date_to", QT_TRANSLATE_NOOP("AuditLog", "To")),
)

COLUMNS = (
    Column("id", QT_TRANSLATE_NOOP("AuditLog", "Event"), format=lambda i: f"#{i}", align=RIGHT, width_chars=7),
    Column("at", QT_TRANSLATE_NOOP("AuditLog", "Time (HKT)"), format=labels.event_time, width_chars=19,
           identifier=True),
    Column("actor", QT_TRANSLATE_NOOP("AuditLog", "Actor"), value=lambda event: event, format=labels.actor_text,
           width_chars=30, tooltip=labels.actor_username),
    Column("action", QT_TRANSLATE_NOOP("AuditLog", "Action"), format=labels.action_name, width_chars=24,
           tooltip=lambda code: f"{labels.action_name(code)}\n{code}"),
    Column("entity_type", QT_TRANSLATE_NOOP("AuditLog", "Entity"), format=labels.entity_name, width_chars=22,
           tooltip=lambda code: f"{labels.entity_name(code)}\n{code}"),
    Column("entity_id", QT_TRANSLATE_NOOP("AuditLog", "Entity ID"), width_chars=10, identifier=True),
)


def _spec(controller: AuditLogController) -> QuerySpec:
    return QuerySpec(
        tr_context=CONTEXT,
        list_path=None,
        fetch_page=controller.fetch_page,
        row_model=AuditEventOut,
        filter_model=AuditEventFilter,
        export_model=AuditEventExport,
        fields=FIELDS,
        columns=COLUMNS,
        export_stem="audit-log",
        date_ranges=(("date_from", "date_to"),),
        fields_per_row=3,
    )


class AuditLogPage(QueryPage):
    EMPTY = (QT_TRANSLATE_NOOP("AuditLog", "Nothing has been recorded yet."),
             QT_TRANSLATE_NOOP("AuditLog", "No event matches the filter ({filter})."))
    EMPTY_CONTEXT = CONTEXT
    _ready = False  # QueryPage retranslates while constructing, before this class's widgets exist

    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        controller = AuditLogController(ctx)  # before the list: it reads the list's pages
        super().__init__(ctx, _spec(controller), parent)
        controller.setParent(self)
        self.controller = controller
        self.setObjectName("auditLogPage")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

        self.detail = AuditEventPanel(self)
        self.splitter = self.add_detail_below(self.detail, "auditLogSplitter", 3, 2)
        self.chain_check = ChainCheckBar(controller, self, self)
        self.chain_check.showEventRequested.connect(self.show_event)
        self.layout().insertWidget(1, self.chain_check)

        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        controller.detailLoading.connect(self.detail.show_loading)
        controller.detailShown.connect(self._show_detail)
        controller.detailFailed.connect(self.detail.show_failed)
        controller.checkFinished.connect(self._checked)
        self._ready = True
        self.retranslate_ui()

    async def wait_idle(self) -> None:
        """Awaits the list page, the detail, the chain's check and an export."""
        await wait_all_idle(self.ops, self.controller.ops, self.model.ops)

    # --- the detail ---------------------------------------------------------------------------

    def show_event(self, event_id: int) -> None:
        """Selects the event's row if it is loaded, and reads the event afresh into the detail (the
        event a broken link names may be far down the list, changed since it was shown, or gone)."""
        row = next((i for i, e in enumerate(self.model.rows()) if e.id == event_id), None)
        if row is None:
            self.table.clearSelection()
        elif self.table.currentIndex().row() != row:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        self.controller.open_event(event_id, force=True)

    def _checked(self, check: ChainCheckOut) -> None:
        """A broken link in the event on screen: read it again, as it is now, and say so (and no
        longer say so of an event the new check passed)."""
        shown = self.controller.shown
        if shown is None:
            return
        if self.controller.breaks_chain(shown.id):
            self.controller.open_event(shown.id, force=True)
        else:
            self._show_detail(shown)

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.controller.open_event(self.model.row(current.row()).id)

    def _show_detail(self, event: AuditEventDetail) -> None:
        self.detail.show_event(event, self.controller.changes(), self.controller.breaks_chain(event.id))

    # --- export -------------------------------------------------------------------------------

    def can_export(self) -> bool:
        return True

    async def write_export(self, target: Path, progress: Callable[[int], None]) -> int:
        export = AuditEventExport.model_validate(self.export_params())
        return await self.controller.client.export(export, target, progress=progress)

    # --- the status line ----------------------------------------------------------------------

    def _update_status(self, *args: object) -> None:
        super()._update_status(*args)
        model = self.model
        if self._ready and not model.failed and model.has_more() and model.total is not None \
                and self.controller.capped:
            self.status.setText(translate("AuditLog", "Loaded {loaded} of more than {cap}").format(
                loaded=f"{model.loaded:,}", cap=f"{AUDIT_TOTAL_CAP:,}"))
