"""Creating or editing one margin row in a side drawer (側邊欄, as the changelog asks).

Submitting creates the work order of the kind's create or update flow with a fresh idempotency
key, kept across retries of the same proposal so a lost answer never makes a second order.
Opened to correct a refused order (``correct``, from My Requests' Resubmit…, margin_resubmit.py),
it shows the order's banner and note above the fields and submits as that order's resubmission.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from functools import partial
from typing import cast

from pydantic import BaseModel
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from services.api_client import ApiError
from services.clients.risk import MarginIn, MarginRow, RiskClient, margin_flow
from services.contract.schemas import SecurityOut, WorkOrderOut
from services.excel.margin_columns import Kind
from services.rules import trading_calendar
from services.rules.symbols import normalise, refusal
from ui.common.op_runner import OpRunner
from ui.common.page_context import PageContext
from ui.common.side_drawer import SideDrawer
from ui.risk.margin_form import MarginForm
from ui.risk.resubmit_slot import ResubmitSlot
from ui.risk.setting_texts import drawer_notice

LOOKUP_DELAY_MS = 250
LOOKUP, SEND = "lookup", "send"  # the drawer's kinds of background work


async def look_up(client: RiskClient, kind: Kind, symbol: str,
                  creating: bool) -> tuple[SecurityOut | None, MarginRow | None]:
    """The listed security ``symbol`` names and, for a new row, the live row it already has."""
    security = await client.security(symbol)
    return security, (await client.margin_row(kind, symbol) if creating else None)


class MarginDrawer(SideDrawer):
    submitted = Signal(object)  # the WorkOrderOut
    historyRequested = Signal(str)  # the symbol whose change history the user asked for

    def __init__(self, page: QWidget, ctx: PageContext, client: RiskClient, kind: Kind,
                 title: Callable[[str, str | None], str]):
        self.form: MarginForm | None = None
        super().__init__(page, is_dirty=lambda: self.form is not None and self.form.is_dirty())
        self.ctx = ctx
        self.client = client
        self.kind = kind
        self._title = title  # (action, symbol) → the drawer's title in the UI language
        self.action = "create" if margin_flow(kind, "create") else "update"
        self._symbol: str | None = None
        self._key: str | None = None
        self.ops = OpRunner(self, ctx.report_error)

        self.form = MarginForm(kind, ctx.language, self.body)
        self.security = QLabel(self.body)
        self.security.setObjectName("hint")
        self.scheduled = QLabel(self.body)  # a setting record already waiting to change this row
        self.scheduled.setObjectName("pendingNotice")
        self.scheduled.setWordWrap(True)
        self.history = QPushButton(self.body)
        self.history.setObjectName("historyLink")
        self.history.setFlat(True)
        self.history.clicked.connect(lambda: self.historyRequested.emit(self._symbol or ""))
        self.notice = QLabel(self.body)  # why a correction opened as something else (its row is gone)
        self.notice.setObjectName("pendingNotice")
        self.notice.setWordWrap(True)
        layout = QVBoxLayout(self.body)
        self.resubmitting = ResubmitSlot(layout, self.body)  # the refused order corrected, at the top
        self.resubmitting.noteEdited.connect(self._forget_key)
        layout.addWidget(self.notice)
        layout.addWidget(self.security)
        layout.addWidget(self.scheduled)
        layout.addWidget(self.history, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.form, 1)
        self.form.changed.connect(self._changed)
        self.ops.runningChanged.connect(self._update_primary)  # no Submit while sending
        self.primary.clicked.connect(self.submit)
        self._lookup_timer = QTimer(self)
        self._lookup_timer.setSingleShot(True)
        self._lookup_timer.setInterval(LOOKUP_DELAY_MS)
        self._lookup_timer.timeout.connect(self._look_up)
        self.form.editors["symbol"].textEdited.connect(self._symbol_typed)
        self.closed.connect(self._forget_look_up)
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
        self.scheduled.setText(drawer_notice(getattr(row, "pending_setting", None), self.ctx.language))
        self.scheduled.setVisible(bool(self.scheduled.text()))
        self.history.show()
        self._update_primary()
        self.open()
        self.form.editors["im"].setFocus()

    def correct(self, order: WorkOrderOut, row: BaseModel, live: BaseModel | None, notice: str = "") -> None:
        """Opens ``order``'s row to correct and resubmit it: an edit of ``live`` with the order's
        values, or a new row of them; ``notice`` (without the banner) when it cannot be a
        resubmission (the edited row is gone, so the values go as a new row in a new order)."""
        if live is not None:
            self.open_edit(live)
            self.form.propose(row)
        else:
            self.open_create()
            self.form.set_row(row, symbol_fixed=False)
            self._look_up()  # its name, and whether the symbol has a row by now
        if notice:
            self.notice.setText(notice)
            self.notice.show()
        else:
            self.resubmitting.show(order)
        self._update_primary()

    def _start(self, action: str, symbol: str | None) -> None:
        self.action, self._symbol, self._key = action, symbol, None
        self.resubmitting.clear()
        self.form.looked_up.clear()
        self.message.clear()
        self.security.clear()
        self.notice.hide()
        self.scheduled.hide()
        self.history.hide()
        self.retranslate_drawer()
        if self.kind == "long" and not trading_calendar.is_loaded("HK"):
            # An effective time is judged against the calendars: built now, off the window's thread.
            self.ops.run(asyncio.to_thread(trading_calendar.load), key="calendar", if_running="keep")

    # --- as the user types ----------------------------------------------------------------------

    def _changed(self) -> None:
        self._forget_key()
        self.message.clear()
        self._update_primary()

    def _forget_key(self) -> None:
        self._key = None  # another proposal: a new submission

    def _update_primary(self, *_args: object) -> None:
        """Submit needs a valid row, for a new row a symbol without one, for an edit a change."""
        self.primary.setEnabled(self.form.result().row is not None and not self.ops.running(SEND)
                                and not self.form.looked_up
                                and (self.action == "create" or self.form.is_changed()))

    def _typed_symbol(self) -> str | None:
        """The symbol typed, as stored; None while it is none (the form says why)."""
        symbol = normalise(self.form.editors["symbol"].text())
        return None if refusal(symbol) else symbol

    def _symbol_typed(self, _text: str) -> None:
        """What the last look-up found is forgotten until the next, a moment after typing stops."""
        if self.form.looked_up:
            self.form.looked_up.clear()
            self.form.refresh_notes()
            self._update_primary()
        self._lookup_timer.start()

    def _forget_look_up(self) -> None:
        """A closed drawer looks nothing up: the typed symbol left with it."""
        self._lookup_timer.stop()
        self.ops.cancel(LOOKUP)

    def _look_up(self) -> None:
        symbol = self._typed_symbol()
        if symbol is None:
            self.ops.cancel(LOOKUP)
            self.security.clear()
            return
        # Unanswered, the symbol goes without its name: the backend judges it again on submit.
        self.ops.run(look_up(self.client, self.kind, symbol, self.action == "create"), key=LOOKUP,
                     on_success=partial(self._found, symbol), on_failure=lambda _exc: True)

    def _found(self, symbol: str, found: tuple[SecurityOut | None, MarginRow | None]) -> None:
        if symbol != self._typed_symbol():
            return  # typed on meanwhile: the next look-up tells
        security, live = found
        if security is None:
            self.security.setText(self.tr("{symbol} is not a listed symbol.").format(symbol=symbol))
        else:
            self._show_security(security)
        if live is not None and self.action == "create":
            self.form.looked_up["symbol"] = self.tr("{symbol} already exists: edit it instead.").format(
                symbol=symbol)
            self.form.refresh_notes()
            self._update_primary()

    def _show_security(self, security: SecurityOut) -> None:
        name = security.name_zh if self.ctx.language() == "zh_Hant" and security.name_zh else security.name
        self.security.setText(f"{security.symbol}  {name}  ({security.market})")

    # --- submitting -----------------------------------------------------------------------------

    def submit(self) -> None:
        result = self.form.refresh_notes()
        if result.row is None or not self.primary.isEnabled():
            return
        self._key = self._key or str(uuid.uuid4())
        row = cast(MarginIn, result.row)  # the form makes the kind's row model
        client = self.client.resubmitting(self.resubmitting.resubmission())
        sending = (client.create_margin(self.kind, row, self._key) if self.action == "create"
                   else client.update_margin(self.kind, row, self._key))
        self.primary.setEnabled(False)
        self.message.setText(self.tr("Submitting…"))
        self.ops.run(sending, key=SEND, on_success=self._sent, on_failure=self._not_sent)

    def _not_sent(self, exc: BaseException) -> bool:
        """Said in the drawer, the refused fields beside themselves; the shell hears of sessions."""
        self.message.setText(self.ctx.describe(exc))
        if isinstance(exc, ApiError) and exc.errors:
            self.form.show_server_errors(exc.errors)
        return isinstance(exc, ApiError) and not exc.is_auth

    def _sent(self, order: WorkOrderOut) -> None:
        self.form.mark_clean()
        self.force_close()
        self.submitted.emit(order)

    # --- language -------------------------------------------------------------------------------

    def retranslate_drawer(self) -> None:
        self.title.setText(self._title(self.action, self._symbol))
        self.primary.setText(self.tr("Submit for approval"))
        self.primary.setToolTip(self.tr("Creates a work order for another person to approve (Ctrl+Enter)"))
        self.secondary.setText(self.tr("Cancel"))
        self.history.setText(self.tr("Change History of This Row…"))
        self.resubmitting.retranslate()
        if self.form is not None:
            self.form.retranslate_ui()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if getattr(self, "form", None) is not None:
            self.retranslate_drawer()
