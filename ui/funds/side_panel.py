"""One side of a clearing batch (申購 or 贖回): its status badge (reconciliation, then settlement),
figures (side_totals.py), lines with the ones that differ tinted and named, and its Explain… and
reconciliation confirm (申購核對確認 / 贖回核對確認) buttons, with why not as their tooltips
(side_blockers.py)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QModelIndex, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from services.contract.fund_clearing import LineOut, Side, SideState, SideSummary
from services.rules.fund_reconciliation import DEFAULT_AMOUNT_DECIMALS, DEFAULT_UNIT_DECIMALS
from ui.funds import labels
from ui.funds.batch_columns import CONTEXT, line_columns, line_tint
from ui.funds.rows_model import RowsTableModel, rows_table
from ui.funds.side_blockers import confirm_blocker, explain_blocker
from ui.funds.side_totals import SideTotals

translate = QCoreApplication.translate  # the name lupdate recognises


class SidePanel(QFrame):
    explainRequested = Signal(object)  # Side
    confirmRequested = Signal(object)  # Side

    def __init__(self, side: Side, *, can_explain: bool, can_confirm: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.side = side
        self.setObjectName(f"{side.value}Panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.summary: SideSummary | None = None
        self.limit: Decimal | None = None  # the fund's difference limit
        self.busy = False
        self._places = (DEFAULT_UNIT_DECIMALS, DEFAULT_AMOUNT_DECIMALS)  # the fund's, set with each batch
        self._currency = ""

        self.title = QLabel(self)
        self.title.setObjectName("sideTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.state_badge = QLabel(self)
        self.state_badge.setObjectName("sideState")
        badge_font = self.state_badge.font()
        badge_font.setBold(True)
        self.state_badge.setFont(badge_font)
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        layout.addLayout(head)
        head.addWidget(self.title)
        head.addWidget(self.state_badge)
        head.addStretch(1)

        self.totals = SideTotals(side, self)
        self.total_values = self.totals.values

        self.model = RowsTableModel(line_columns(side, *self._places), CONTEXT, line_tint, self)
        self.table = rows_table(self.model, f"{side.value}Lines", self)
        self.table.selectionModel().currentRowChanged.connect(self.update_actions)
        self.table.activated.connect(self._activated)

        self.explain_button = QPushButton(self)
        self.explain_button.setObjectName("explainButton")
        self.explain_button.clicked.connect(lambda: self.explainRequested.emit(self.side))
        self.explain_button.setVisible(can_explain)
        self.confirm_button = QPushButton(self)
        self.confirm_button.setObjectName("confirmSideButton")
        self.confirm_button.clicked.connect(lambda: self.confirmRequested.emit(self.side))
        self.confirm_button.setVisible(can_confirm)
        self.can_explain, self.can_confirm = can_explain, can_confirm

        layout.addWidget(self.totals)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        layout.addLayout(buttons)
        buttons.addWidget(self.explain_button)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        self.retranslate_ui()

    # --- content ------------------------------------------------------------------------------

    def show_side(self, summary: SideSummary | None, lines: list[LineOut], units: int, amounts: int,
                  currency: str, limit: Decimal | None = None) -> None:
        """The side of a batch; the current line stays current when it is still there."""
        current = self.current_line()
        if (units, amounts) != self._places:
            self._places = (units, amounts)
            self.model.set_columns(line_columns(self.side, units, amounts))
        self._currency = currency
        self.summary = summary
        self.limit = limit
        self.model.set_rows(lines)
        if current is not None:
            self.select_line(current.order_ref)
        self._show_totals()
        self.update_actions()

    def clear(self) -> None:
        self.show_side(None, [], *self._places, "")

    def lines(self) -> list[LineOut]:
        return self.model.rows()

    def current_line(self) -> LineOut | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row(index.row())

    def select_line(self, order_ref: str) -> bool:
        refs = [line.order_ref for line in self.model.rows()]
        if order_ref not in refs:
            return False
        self.table.selectRow(refs.index(order_ref))
        return True

    def totals_text(self) -> str:
        """The totals as shown, one "Label: value" a line (what a confirmation confirms)."""
        return self.totals.text()

    def _activated(self, index: QModelIndex) -> None:
        line = self.model.row(index.row())
        if line.needs_explaining and self.can_explain:
            self.explainRequested.emit(self.side)

    def _show_totals(self) -> None:
        self.totals.show_summary(self.summary, *self._places, self._currency)
        self.state_badge.setText(labels.side_status(self.summary))
        self.state_badge.setStyleSheet(f"color: {labels.side_status_color(self.summary) or '#000'};")

    # --- actions ------------------------------------------------------------------------------

    def confirm_blocker(self) -> str | None:
        """Why this side cannot be confirmed now, or None when it can."""
        return confirm_blocker(self.summary, self.limit, has_lines=self.model.rowCount() > 0, busy=self.busy)

    def explain_blocker(self) -> str | None:
        confirmed = self.summary is not None and self.summary.state == SideState.CONFIRMED
        return explain_blocker(self.current_line(), self.limit, confirmed=confirmed, busy=self.busy)

    def update_actions(self, *_args: object) -> None:
        line = self.current_line()
        explain_blocked = self.explain_blocker()
        self.explain_button.setEnabled(explain_blocked is None)
        self.explain_button.setToolTip(explain_blocked or translate(
            "FundClearingPage", "Explain why line {ref} differs").format(ref=line.order_ref if line else ""))
        blocker = self.confirm_blocker()
        self.confirm_button.setEnabled(blocker is None)
        tip = (translate("FundClearingPage", "Confirm the subscriptions of this batch against the fund house's "
                                             "confirmation; final") if self.side == Side.SUBSCRIPTION else
               translate("FundClearingPage", "Confirm the redemptions of this batch against the fund house's "
                                             "confirmation; final"))
        self.confirm_button.setToolTip(blocker or tip)

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.update_actions()

    # --- language -----------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.title.setText(labels.side_text(self.side))
        self.totals.retranslate_ui()
        self.explain_button.setText(translate("FundClearingPage", "Explain…"))
        self.confirm_button.setText(translate("FundClearingPage", "Confirm Subscription Reconciliation…")
                                    if self.side == Side.SUBSCRIPTION
                                    else translate("FundClearingPage", "Confirm Redemption Reconciliation…"))
        self.model.retranslate()
        self._show_totals()
        self.update_actions()
