"""Creating or editing one margin row in a side drawer (側邊欄, as the changelog asks).

Submitting creates the work order of the kind's create or update flow with a fresh idempotency
key, kept across retries of the same proposal so a lost answer never makes a second order.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable

from pydantic import BaseModel
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from services.api_client import ApiError
from services.contract.flows import MARGIN_FLOW_IDS
from services.contract.queries import SECURITIES_PATH
from services.contract.schemas import SecurityOut, WorkOrderOut, WorkOrderSubmit
from services.excel.margin_columns import Kind
from services.rules.symbols import market_of, normalise
from ui.common.owned_tasks import OwnedTasks
from ui.common.page_context import PageContext
from ui.common.side_drawer import SideDrawer
from ui.risk.margin_form import MarginForm

LOOKUP_DELAY_MS = 250


def payload_of(kind: Kind, action: str, row: BaseModel) -> dict:
    """The work order's payload: the row itself, or a list of one for short-sell updates."""
    data = row.model_dump(mode="json")
    return {"rows": [data]} if kind == "short" and action == "update" else data


class MarginDrawer(SideDrawer):
    submitted = Signal(object)  # the WorkOrderOut

    def __init__(self, page: QWidget, ctx: PageContext, kind: Kind, title: Callable[[str, str | None], str]):
        self.form: MarginForm | None = None
        super().__init__(page, is_dirty=lambda: self.form is not None and self.form.is_dirty())
        self.ctx = ctx
        self.kind = kind
        self._title = title  # (action, symbol) → the drawer's title in the UI language
        self.action = "create" if "create" in MARGIN_FLOW_IDS[kind] else "update"
        self._symbol: str | None = None
        self._key: str | None = None
        self._tasks = OwnedTasks(self)
        self._lookup_task: asyncio.Task | None = None
        self._send_task: asyncio.Task | None = None

        self.form = MarginForm(kind, ctx.language, self.body)
        self.security = QLabel(self.body)
        self.security.setObjectName("hint")
        layout = QVBoxLayout(self.body)
        layout.addWidget(self.security)
        layout.addWidget(self.form, 1)
        self.form.changed.connect(self._changed)
        self.primary.clicked.connect(self.submit)
        self._lookup_timer = QTimer(self)
        self._lookup_timer.setSingleShot(True)
        self._lookup_timer.setInterval(LOOKUP_DELAY_MS)
        self._lookup_timer.timeout.connect(self._look_up)
        self.form.editors["symbol"].textEdited.connect(lambda _text: self._lookup_timer.start())
        self.retranslate_drawer()

    # --- opening --------------------------------------------------------------------------------

    def open_create(self) -> None:
        self._start("create", None)
        self.form.set_row({"symbol": "", "market": None}, symbol_fixed=False)
        self._update_primary()
        self.open()
        self.form.editors["symbol"].setFocus()

    def open_edit(self, row: BaseModel) -> None:
        self._start("update", row.symbol)
        self.form.set_row(row, symbol_fixed=True)
        self._show_security(SecurityOut(symbol=row.symbol, market=row.market, name=row.name, name_zh=row.name_zh))
        self._update_primary()
        self.open()
        self.form.editors["im"].setFocus()

    def _start(self, action: str, symbol: str | None) -> None:
        self.action, self._symbol, self._key = action, symbol, None
        self.message.clear()
        self.security.clear()
        self.retranslate_drawer()

    @property
    def flow(self) -> str:
        return MARGIN_FLOW_IDS[self.kind][self.action]

    # --- as the user types ----------------------------------------------------------------------

    def _changed(self) -> None:
        self._key = None  # another proposal: a new submission
        self.message.clear()
        self._update_primary()

    def _update_primary(self) -> None:
        """Submit needs a valid row and, for an edit, a change."""
        self.primary.setEnabled(self.form.result().row is not None and self._send_task is None
                                and (self.action == "create" or self.form.is_dirty()))

    def _look_up(self) -> None:
        symbol = normalise(self.form.editors["symbol"].text())
        if self._lookup_task is not None:
            self._lookup_task.cancel()
        self._lookup_task = self._tasks.start(self._find(symbol)) if market_of(symbol) else None
        if self._lookup_task is None:
            self.security.clear()

    async def _find(self, symbol: str) -> None:
        try:
            page = await self.ctx.api.get_page(SECURITIES_PATH, SecurityOut, {"symbol": symbol, "limit": 1})
        except ApiError:
            return  # the backend judges the symbol again on submit
        found = next((s for s in page.items if s.symbol == symbol), None)
        if found is None:
            self.security.setText(self.tr("{symbol} is not a listed symbol.").format(symbol=symbol))
        else:
            self._show_security(found)

    def _show_security(self, security: SecurityOut) -> None:
        name = security.name_zh if self.ctx.language() == "zh_Hant" and security.name_zh else security.name
        self.security.setText(f"{security.symbol}  {name}  ({security.market})")

    # --- submitting -----------------------------------------------------------------------------

    def submit(self) -> None:
        result = self.form.refresh_notes()
        if result.row is None or not self.primary.isEnabled():
            return
        self._key = self._key or str(uuid.uuid4())
        body = WorkOrderSubmit(flow=self.flow, payload=payload_of(self.kind, self.action, result.row))
        self.primary.setEnabled(False)
        self.message.setText(self.tr("Submitting…"))
        self._send_task = self._tasks.start(self._send(body, self._key))

    async def _send(self, body: WorkOrderSubmit, key: str) -> None:
        try:
            order: WorkOrderOut = await self.ctx.api.submit_work_order(body, key)
        except ApiError as exc:
            self.message.setText(self.ctx.describe(exc))
            if exc.errors:
                self.form.show_server_errors(exc.errors)
            return
        finally:
            self._send_task = None
            self._update_primary()
        self.form.mark_clean()
        self.force_close()
        self.submitted.emit(order)

    # --- language -------------------------------------------------------------------------------

    def retranslate_drawer(self) -> None:
        self.title.setText(self._title(self.action, self._symbol))
        self.primary.setText(self.tr("Submit for approval"))
        self.primary.setToolTip(self.tr("Creates a work order for another person to approve (Ctrl+Enter)"))
        self.secondary.setText(self.tr("Cancel"))
        if self.form is not None:
            self.form.retranslate_ui()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if getattr(self, "form", None) is not None:
            self.retranslate_drawer()
