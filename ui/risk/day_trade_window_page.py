"""The day-trade window (日內融時間) of each market, edited in its own time zone; opened from the
intraday margin page's 規則設置 (Rule Settings, margin_row_tools.py).

Times are picked in the market's wall-clock time (Hong Kong for HK, New York for US) and shown in
the user's local time too, for today's date, so a daylight-saving shift is visible. A change is a
work order (``risk.credit.set_day_trade_time_config``); the rules are the shared ones of
services/rules/day_trade_window.py, checked as the user edits, against the market's session from
its exchange calendar (built in a worker thread while the live windows load). A refused order is
corrected here (``correct``, from My Requests' Resubmit…): its market's card prefilled with it,
the order's banner and the note above the cards, and that card resubmits it.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from services.api_client import ApiError
from services.clients.risk import DAY_TRADE_WINDOW_FLOW, RiskClient
from services.contract.schemas import DayTradeWindowIn, DayTradeWindowOut, WorkOrderOut
from services.rules import trading_calendar
from services.rules.day_trade_window import DayTradeWindow, check_window
from services.rules.trading_calendar import MARKETS
from ui.common.op_runner import OpRunner
from ui.common.page_context import PageContext
from ui.common.rule_messages import rule_text
from ui.risk.resubmit_slot import ResubmitSlot

FLOW = DAY_TRADE_WINDOW_FLOW
TIME_FIELDS = ("start", "force_close", "end")

translate = QCoreApplication.translate  # the name lupdate recognises


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _pytime(value: QTime) -> time:
    return time(value.hour(), value.minute())


def local_times(market_zone: str, times: list[time], on: date | None = None) -> list[tuple[time, int]]:
    """Each market wall-clock time as (local time, day offset) on ``on`` (today in the market)."""
    zone = ZoneInfo(market_zone)
    day = on or datetime.now(zone).date()
    out = []
    for t in times:
        local = datetime.combine(day, t, zone).astimezone()
        out.append((local.time().replace(second=0, microsecond=0), (local.date() - day).days))
    return out


class MarketWindowCard(QGroupBox):
    """One market's window: three time pickers, the enabled switch, local times and Submit."""

    def __init__(self, page: DayTradeWindowPage, market: str):
        super().__init__(page)
        self._page = page
        self.market = market
        self.time_zone = MARKETS[market].time_zone
        self.live: DayTradeWindowOut | None = None
        self.proposal: DayTradeWindowIn | None = None  # a refused order's window, shown once the live one is
        self._key: str | None = None  # one idempotency key per submission, reused on a retry

        self.pickers: dict[str, QTimeEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for field in TIME_FIELDS:
            picker = QTimeEdit(self)
            picker.setObjectName(f"{market}_{field}")
            picker.setDisplayFormat("HH:mm")
            picker.timeChanged.connect(self._edited)
            error = QLabel(self)
            error.setObjectName("fieldError")
            self.pickers[field], self.errors[field] = picker, error
            self.labels[field] = QLabel(self)
            row = QHBoxLayout()
            form.addRow(self.labels[field], row)
            row.addWidget(picker)
            row.addWidget(error, 1)
        self.enabled = QCheckBox(self)
        self.enabled.toggled.connect(self._edited)
        form.addRow("", self.enabled)
        self.local = QLabel(self)
        self.local.setObjectName("hint")
        self.pending = QLabel(self)
        self.pending.setObjectName("pendingNotice")
        layout.addWidget(self.local)
        layout.addWidget(self.pending)
        self.result = QLabel(self)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.submit = QPushButton(self)
        self.submit.setObjectName("primaryButton")
        self.submit.clicked.connect(self._submit)
        self.submit.setVisible(page.ctx.can(FLOW))
        self.revert = QPushButton(self)
        self.revert.clicked.connect(self._revert)
        buttons = QHBoxLayout()
        layout.addLayout(buttons)
        buttons.addWidget(self.result, 1)
        buttons.addWidget(self.revert)
        buttons.addWidget(self.submit)
        self.retranslate_ui()

    # --- state ----------------------------------------------------------------------------------

    def show_live(self, live: DayTradeWindowOut) -> None:
        """The live window, once the market's calendar is built (the page loads both)."""
        periods = trading_calendar.regular_periods(self.market)
        for picker in self.pickers.values():
            picker.setTimeRange(_qtime(periods[0][0]), _qtime(periods[-1][1]))
        self.live = live
        self.retranslate_ui()
        self._revert()
        if self.proposal is not None:
            self._show(self.proposal)
            self.proposal = None
            self.pickers["start"].setFocus()  # where the correcting starts

    def _show(self, window: DayTradeWindowIn | DayTradeWindowOut) -> None:
        for field in TIME_FIELDS:
            self.pickers[field].blockSignals(True)
            self.pickers[field].setTime(_qtime(getattr(window, field)))
            self.pickers[field].blockSignals(False)
        self.enabled.blockSignals(True)
        self.enabled.setChecked(window.enabled)
        self.enabled.blockSignals(False)
        self._edited()

    def _revert(self) -> None:
        if self.live is not None:
            self._show(self.live)

    def proposed(self) -> DayTradeWindowIn:
        times = {f: _pytime(self.pickers[f].time()) for f in TIME_FIELDS}
        return DayTradeWindowIn(market=self.market, time_zone=self.time_zone,
                                enabled=self.enabled.isChecked(), **times)

    def violations(self):
        if self.live is None:
            return []  # judged once the live window, and the calendar with it, is here
        p = self.proposed()
        return check_window(DayTradeWindow(p.market, p.time_zone, p.start, p.force_close, p.end, p.enabled))

    def is_changed(self) -> bool:
        if self.live is None:
            return False
        p = self.proposed()
        return any(getattr(p, f) != getattr(self.live, f) for f in (*TIME_FIELDS, "enabled"))

    def forget_key(self) -> None:
        self._key = None  # another proposal: a new submission

    def _edited(self, *_args) -> None:
        self.forget_key()
        by_field: dict[str, list[str]] = {}
        for v in self.violations():
            by_field.setdefault(v.field, []).append(rule_text(v))
        for field, label in self.errors.items():
            label.setText(" ".join(by_field.get(field, [])))
        pending = self.live.pending_work_order_id if self.live else None
        self.pending.setText(translate("DayTradeWindowPage", "Awaiting approval in work order #{id}; a new change can be "
                                                "submitted once it is decided.").format(id=pending)
                             if pending else "")
        self.submit.setEnabled(pending is None and not by_field and self.is_changed())
        self.revert.setEnabled(self.is_changed())
        self._show_local()

    def _show_local(self) -> None:
        p = self.proposed()
        parts = []
        for (local, offset) in local_times(self.time_zone, [p.start, p.force_close, p.end]):
            parts.append(local.strftime("%H:%M") + (f" ({offset:+d}d)" if offset else ""))
        zone = datetime.now().astimezone().tzname()
        self.local.setText(translate("DayTradeWindowPage", "In your local time ({zone}) today: {start} – force-close {close} – "
                                              "{end}").format(zone=zone, start=parts[0], close=parts[1], end=parts[2]))

    # --- submit ---------------------------------------------------------------------------------

    def _submit(self) -> None:
        if not self.submit.isEnabled():
            return
        self._key = self._key or str(uuid.uuid4())
        self.submit.setEnabled(False)
        self._page.ops.run(self._page.client_for(self.market).set_day_trade_window(self.proposed(), self._key),
                           key=f"send {self.market}", on_success=self._sent, on_failure=self._not_sent)

    def _not_sent(self, exc: BaseException) -> bool:
        """Said on the card; the shell hears of sessions."""
        self.result.setText(self._page.ctx.describe(exc))
        self.submit.setEnabled(True)  # the same key: a retry cannot create a second order
        return isinstance(exc, ApiError) and not exc.is_auth

    def _sent(self, order: WorkOrderOut) -> None:
        if order.resubmitted_from_id is not None:
            self.result.setText(translate("DayTradeWindowPage", "Work order #{old} resubmitted as #{id}.").format(
                old=order.resubmitted_from_id, id=order.id))
            self._page.stop_correcting()
        else:
            self.result.setText(translate("DayTradeWindowPage", "Submitted as work order #{id}.").format(id=order.id))
        self._page.ctx.notify("work_orders")
        self._page.reload()

    # --- language -------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        if trading_calendar.is_loaded(self.market):
            title = translate("DayTradeWindowPage", "{market} — {zone}, session {periods}").format(
                market=self.market, zone=self.time_zone,
                periods=trading_calendar.describe_periods(trading_calendar.regular_periods(self.market)))
        else:
            title = f"{self.market} — {self.time_zone}"
        correcting = self._page.resubmitting.order if self._page.correcting == self.market else None
        if correcting is not None:  # which card the banner's order is corrected on
            title = translate("DayTradeWindowPage", "{title} — correcting work order #{id}").format(
                title=title, id=correcting.id)
        self.setTitle(title)
        for picker in self.pickers.values():
            picker.setToolTip(translate("DayTradeWindowPage", "Type the time, or use ↑ and ↓ on the hours or minutes"))
        self.labels["start"].setText(translate("DayTradeWindowPage", "Start"))
        self.labels["force_close"].setText(translate("DayTradeWindowPage", "Force-close"))
        self.labels["end"].setText(translate("DayTradeWindowPage", "End"))
        self.enabled.setText(translate("DayTradeWindowPage", "Day trading enabled"))
        self.submit.setText(translate("DayTradeWindowPage", "Submit for approval"))
        self.revert.setText(translate("DayTradeWindowPage", "Revert"))
        self._edited()


class DayTradeWindowPage(QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.client = RiskClient(ctx.api)
        self.ops = OpRunner(self, ctx.report_error)
        layout = QVBoxLayout(self)
        self.resubmitting = ResubmitSlot(layout, self)  # the refused order a card corrects, at the top
        self.correcting: str | None = None  # that card's market
        self.resubmitting.noteEdited.connect(self._forget_keys)
        self.cards = {market: MarketWindowCard(self, market) for market in MARKETS}
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        row = QHBoxLayout()
        layout.addLayout(row)
        for card in self.cards.values():
            row.addWidget(card, 1)
        layout.addStretch(1)
        self.retranslate_ui()
        self.reload()

    def is_ready(self) -> bool:
        """Every market's live window is on screen."""
        return all(card.live is not None for card in self.cards.values())

    def reload(self) -> asyncio.Task:
        """Every market's live window again."""
        return self.ops.run(self._load(), key="load", on_success=self._show_live)

    async def _load(self) -> list[DayTradeWindowOut]:
        await asyncio.to_thread(trading_calendar.load, tuple(self.cards))
        return await self.client.day_trade_windows()

    def correct(self, order: WorkOrderOut, window: DayTradeWindowIn) -> None:
        """``window``'s market shown with a refused order's window (read again first), to correct
        and resubmit; the other markets submit as usual."""
        self.stop_correcting()
        self.resubmitting.show(order)
        self.correcting = window.market
        card = self.cards[window.market]
        card.proposal = window
        card.retranslate_ui()
        self.reload()

    def stop_correcting(self, revert: bool = False) -> None:
        """No order corrected any more (resubmitted, or given up: ``revert`` shows the live window)."""
        card = self.cards.get(self.correcting or "")
        self.correcting = None
        self.resubmitting.clear()
        if card is not None:
            card.retranslate_ui()
            if revert:
                card.proposal = None
                card._revert()

    def _forget_keys(self) -> None:
        for card in self.cards.values():
            card.forget_key()

    def client_for(self, market: str) -> RiskClient:
        """The client ``market``'s card submits with: resubmitting the order it corrects, if any."""
        return self.client.resubmitting(self.resubmitting.resubmission() if market == self.correcting else None)

    def _show_live(self, windows: list[DayTradeWindowOut]) -> None:
        for window in windows:
            if window.market in self.cards:
                self.cards[window.market].show_live(window)

    def retranslate_ui(self) -> None:
        self.intro.setText(translate("DayTradeWindowPage", "Day traders must close their positions by the force-close time. "
                                              "Times are the market's own; every change needs approval."))
        self.resubmitting.retranslate()
        for card in self.cards.values():
            card.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
