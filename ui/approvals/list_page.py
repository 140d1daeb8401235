"""What every Approvals page shares: filters, the list of orders, the detail below it, actions.

The list is the common QueryPage (keyset pages on demand); choosing a row, or Enter on it, loads
that order in full into the detail panel (order_loader.py). Pages add their buttons with ``add_action_button`` and
run what they change through ``run_action`` (one change at a time on the page's runner, a refusal
said next to the buttons), which refreshes the list and the inbox count.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from services.api_client import ApiError
from services.clients.approvals import ApprovalsClient
from services.contract.queries import PAGE_FIELDS, WorkOrderExport, WorkOrderQuery
from services.contract.schemas import (
    MeOut,
    WorkOrderListItem,
    WorkOrderOut,
    WorkOrderPage,
    WorkOrderStatus,
)
from ui.approvals import empty_texts, labels
from ui.approvals.detail_panel import WorkOrderDetail
from ui.approvals.order_loader import OrderLoader
from ui.common.columns import CENTER, RIGHT, Column, datetime_column
from ui.common.filter_bar import ChoiceField, DateField, FilterField, TextField
from ui.common.page_context import PageContext
from ui.common.query_page import QueryPage, QuerySpec

ACTION = "action"  # the runner's key of a change of an order


CONTEXT = "ApprovalsPage"
WORK_ORDERS_TOPIC = "work_orders"  # announced through PageContext.notify after a change


def list_columns() -> tuple[Column, ...]:
    """The list's columns; flow names follow the UI language at display time."""
    return (
        Column("id", QT_TRANSLATE_NOOP("ApprovalsPage", "No."), format=lambda v: f"#{v}", align=RIGHT,
               width_chars=6),
        Column("flow", QT_TRANSLATE_NOOP("ApprovalsPage", "Flow"),
               format=labels.flow_name, width_chars=30),
        Column("maker_name", QT_TRANSLATE_NOOP("ApprovalsPage", "Maker"), width_chars=20),
        datetime_column("submitted_at", QT_TRANSLATE_NOOP("ApprovalsPage", "Submitted At")),
        Column("summary", QT_TRANSLATE_NOOP("ApprovalsPage", "Target"), labels.summary_text, width_chars=44),
        Column("level", QT_TRANSLATE_NOOP("ApprovalsPage", "Level"), value=lambda row: row,
               format=labels.level_text, align=CENTER, width_chars=5),
        # A blocked order says so in red: someone must act on it.
        Column("status", QT_TRANSLATE_NOOP("ApprovalsPage", "Status"), value=lambda row: row,
               format=labels.list_status_text, width_chars=20, color=labels.list_status_color),
    )


# --- filter fields ------------------------------------------------------------------------------


def flow_field(flows: Iterable[str]) -> ChoiceField:
    """The flows this user deals with, named in the UI language (the names carry their own)."""
    return ChoiceField("flow", QT_TRANSLATE_NOOP("ApprovalsPage", "Flow"), tuple(
        (flow, lambda flow=flow: labels.flow_name(flow)) for flow in flows))


STATUS_FIELD = ChoiceField("status", QT_TRANSLATE_NOOP("ApprovalsPage", "Status"), tuple(
    (status.value, lambda status=status: labels.status_text(status)) for status in WorkOrderStatus))
MAKER_FIELD = TextField("maker", QT_TRANSLATE_NOOP("ApprovalsPage", "Maker User Name"), width_chars=10)
DATE_FIELDS = (
    DateField("submitted_from", QT_TRANSLATE_NOOP("ApprovalsPage", "Submitted From")),
    DateField("submitted_to", QT_TRANSLATE_NOOP("ApprovalsPage", "Submitted To")),
)


def ends_here(exc: BaseException) -> bool:
    """Said on the page is enough: not a lost session nor the network (sign-in, connection)."""
    return isinstance(exc, ApiError) and not exc.is_auth and not exc.is_network


class WorkOrdersPage(QueryPage):
    _ready = False  # QueryPage retranslates while constructing, before this class's widgets exist
    EMPTY = empty_texts.INBOX  # what the empty list says, without and with a filter
    EMPTY_CONTEXT = empty_texts.CONTEXT

    def __init__(self, ctx: PageContext, filter_model: type[WorkOrderQuery], fields: tuple[FilterField, ...],
                 parent: QWidget | None = None):
        self.approvals = ApprovalsClient(ctx.api)

        def fetch_page(params: dict[str, Any]) -> Coroutine[Any, Any, WorkOrderPage]:
            return self.approvals.work_orders(filter_model.model_validate(params))

        spec = QuerySpec(tr_context=CONTEXT, list_path=None, fetch_page=fetch_page, row_model=WorkOrderListItem,
                         filter_model=filter_model, fields=fields, columns=list_columns(),
                         date_ranges=(("submitted_from", "submitted_to"),))
        super().__init__(ctx, spec, parent)
        self.dialog: QDialog | None = None  # the confirmation or reason dialog on screen, if any
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)

        self.detail = WorkOrderDetail(ctx.language, self)
        self.orders = OrderLoader(ctx, self.approvals, self.ops, self.detail, self.update_actions)
        # The detail gets the room: it is what a checker reads.
        self.splitter = self.add_detail_below(self.detail, "approvalsSplitter", 1, 2)

        self.outcome = QLabel(self)
        self.outcome.setObjectName("approvalOutcome")
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.setWordWrap(True)
        self.action_bar = QHBoxLayout()
        self.layout().insertLayout(1, self.action_bar)
        self.action_bar.addWidget(self.outcome, 1)

        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(self._open_index)
        selection.selectionChanged.connect(self.update_actions)
        self.table.activated.connect(self._open_index)  # Enter (and double-click) on a row
        self.model.modelReset.connect(self.update_actions)
        self.ops.runningChanged.connect(self.update_actions)
        self.build_actions()
        self._ready = True
        self.retranslate_actions()
        self.update_actions()

    # --- building -----------------------------------------------------------------------------

    def build_actions(self) -> None:
        """Adds the page's buttons and shortcuts (with ``add_action_button``); none by default."""

    def add_action_button(self, object_name: str) -> QPushButton:
        """A button of the action bar, left of the outcome text; disabled until it can work."""
        button = QPushButton(self)
        button.setObjectName(object_name)
        button.setEnabled(False)
        self.action_bar.insertWidget(self.action_bar.count() - 1, button)
        return button

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if self._ready:
            self.retranslate_actions()
            self.update_actions()

    def retranslate_actions(self) -> None:
        """Button texts and tooltips of the page; pages with buttons override it."""

    # --- export: the server's workbook of the list as filtered ----------------------------------

    def can_export(self) -> bool:
        return True

    async def write_export(self, target: Path, progress: Callable[[int], None]) -> int:
        applied = self.applied_filter.model_dump(exclude=set(PAGE_FIELDS))
        query = WorkOrderExport.model_validate({**applied, "lang": self._ctx.language()})
        return await self.approvals.export(query, target, progress)

    # --- the list and the detail --------------------------------------------------------------

    @property
    def me(self) -> MeOut:
        return self._ctx.me

    @property
    def acting(self) -> bool:
        return self.ops.running(ACTION)

    def selected_rows(self) -> list[WorkOrderListItem]:
        indexes = self.table.selectionModel().selectedIndexes()
        return [self.model.row(r) for r in sorted({i.row() for i in indexes})]

    def _open_index(self, index: QModelIndex, *_previous: QModelIndex) -> None:
        """The current row changed, or Enter was pressed on a row: its order in the detail."""
        if index.isValid():
            self.open_order(self.model.row(index.row()).id)

    def open_order(self, order_id: int, *, force: bool = False) -> asyncio.Task | None:
        """Loads ``order_id`` into the detail; a newer choice cancels an older load in flight."""
        return self.orders.open(order_id, force=force)

    # --- actions ------------------------------------------------------------------------------

    def update_actions(self, *_args: object) -> None:
        """Enables the buttons that can work now; pages with buttons override it."""

    def open_dialog(self, dialog: QDialog) -> None:
        """Shows a confirmation or reason dialog window-modal, without a nested event loop."""
        self.dialog = dialog
        dialog.finished.connect(self._dialog_closed)
        dialog.open()

    def _dialog_closed(self, *_args: object) -> None:
        self.dialog = None

    def run_action(self, coro: Coroutine[Any, Any, Any], order_id: int,
                   on_failure: Callable[[BaseException], bool] | None = None) -> asyncio.Task | None:
        """Runs one change (of ``order_id``) at a time; the buttons stay disabled until it ends. A
        refusal is said next to the buttons (``refused``) unless ``on_failure`` says it."""
        if self.acting:
            coro.close()
            return None
        return self.ops.run(coro, key=ACTION, on_failure=on_failure or partial(self.refused, order_id))

    def changed(self, shown: WorkOrderOut | None = None) -> None:
        """After a change: the order as it is now in the detail, the list and the inbox count refreshed."""
        if shown is not None:
            self.orders.show(shown)
        self.refresh()
        self._ctx.notify(WORK_ORDERS_TOPIC)

    def show_outcome(self, text: str, *, failed: bool = False) -> None:
        self.outcome.setText(text)
        # The style sheet colours the text by this property (resources/style.qss).
        self.outcome.setProperty("failed", failed)
        self.outcome.style().unpolish(self.outcome)
        self.outcome.style().polish(self.outcome)

    def refused(self, order_id: int, exc: BaseException) -> bool:
        """A refused change is said next to the buttons, where the checker is looking; whether the
        shell need not hear of it too (``ends_here``)."""
        self.show_outcome(f"#{order_id} {self._ctx.describe(exc)}", failed=True)
        return ends_here(exc)
