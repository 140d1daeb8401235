"""One side of a clearing batch (Subscriptions or Redemptions): its state badge, totals, lines
with the ones that differ tinted and named, and its Explain… and Confirm buttons."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.contract.fund_clearing import LineOut, Side, SideState, SideSummary
from services.rules.fund_reconciliation import DEFAULT_AMOUNT_DECIMALS, DEFAULT_UNIT_DECIMALS
from ui.common.formatting import hk_datetime
from ui.funds import labels
from ui.funds.batch_columns import CONTEXT, line_columns, line_tint
from ui.funds.rows_model import RowsTableModel, rows_table

translate = QCoreApplication.translate  # the name lupdate recognises

# (key, source label) of the totals grid, two to a row (two panels side by side stay narrow).
TOTALS = (
    ("orders", QT_TRANSLATE_NOOP("FundClearingPage", "Orders")),
    ("ordered", QT_TRANSLATE_NOOP("FundClearingPage", "Ordered")),
    ("fees", QT_TRANSLATE_NOOP("FundClearingPage", "Fees")),
    ("expected", QT_TRANSLATE_NOOP("FundClearingPage", "Expected")),
    ("confirmed", QT_TRANSLATE_NOOP("FundClearingPage", "Confirmed")),
    ("difference", QT_TRANSLATE_NOOP("FundClearingPage", "Difference")),
    ("lines", QT_TRANSLATE_NOOP("FundClearingPage", "Lines")),
)


class SidePanel(QFrame):
    explainRequested = Signal(object)  # Side
    confirmRequested = Signal(object)  # Side

    def __init__(self, side: Side, *, can_explain: bool, can_confirm: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.side = side
        self.setObjectName(f"{side.value}Panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.summary: SideSummary | None = None
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
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.state_badge)
        head.addStretch(1)

        self.total_labels: dict[str, QLabel] = {}
        self.total_values: dict[str, QLabel] = {}
        totals = QGridLayout()
        totals.setHorizontalSpacing(8)
        totals.setVerticalSpacing(2)
        for position, (key, _source) in enumerate(TOTALS):
            row, slot = divmod(position, 2)
            label, value = QLabel(self), QLabel(self)
            label.setObjectName("hint")
            value.setObjectName(f"total_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            totals.addWidget(label, row, slot * 2, Qt.AlignmentFlag.AlignRight)
            totals.addWidget(value, row, slot * 2 + 1)
            self.total_labels[key], self.total_values[key] = label, value
        totals.setColumnStretch(3, 1)

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
        buttons = QHBoxLayout()
        buttons.addWidget(self.explain_button)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(totals)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.retranslate_ui()

    # --- content ------------------------------------------------------------------------------

    def show_side(self, summary: SideSummary | None, lines: list[LineOut], units: int, amounts: int,
                  currency: str) -> None:
        """The side of a batch; the current line stays current when it is still there."""
        current = self.current_line()
        if (units, amounts) != self._places:
            self._places = (units, amounts)
            self.model.set_columns(line_columns(self.side, units, amounts))
        self._currency = currency
        self.summary = summary
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
        return "\n".join(f"{self.total_labels[key].text()} {self.total_values[key].text()}" for key, _source in TOTALS)

    def _activated(self, index: QModelIndex) -> None:
        line = self.model.row(index.row())
        if line.needs_explaining and self.can_explain:
            self.explainRequested.emit(self.side)

    def _show_totals(self) -> None:
        s = self.summary
        units, amounts = self._places
        subscription = self.side == Side.SUBSCRIPTION
        if s is None:
            for value in self.total_values.values():
                value.clear()
            self.state_badge.clear()
            return
        self.state_badge.setText(labels.state_text(s.state))
        self.state_badge.setStyleSheet(f"color: {labels.state_color(s.state) or '#000'};")
        cash = self._currency + " " if self._currency else ""
        measure_units = subscription  # subscriptions total units, redemptions cash
        def measure(value) -> str:
            if value is None:
                return "—"
            return labels.fixed(value, units) if measure_units else cash + labels.fixed(value, amounts)
        values = {
            "orders": f"{s.orders:,}",
            "ordered": (cash + labels.fixed(s.ordered_amount, amounts)) if subscription
            else translate("FundClearingPage", "{units} units").format(units=labels.fixed(s.ordered_units, units)),
            "fees": cash + labels.fixed(s.fees, amounts),
            "expected": measure(s.expected_total),
            "confirmed": measure(s.confirmed_total),
            "difference": "—" if s.difference_total is None else (
                labels.fixed(s.difference_total, units if measure_units else amounts, signed=True)),
            "lines": translate("FundClearingPage", "{matched} matched, {differ} differ, {explained} explained, "
                                                   "{unexplained} to explain").format(
                matched=s.matched, differ=s.mismatched + s.missing_ours + s.missing_theirs,
                explained=s.explained, unexplained=s.unexplained),
        }
        for key, text in values.items():
            self.total_values[key].setText(text)
        difference = self.total_values["difference"]
        difference.setStyleSheet("color: #b42318;" if s.difference_total else "")
        self.total_values["lines"].setStyleSheet("color: #b42318;" if s.unexplained else "")

    # --- actions ------------------------------------------------------------------------------

    def confirm_blocker(self) -> str | None:
        """Why this side cannot be confirmed now, or None when it can."""
        s = self.summary
        if s is None:
            return translate("FundClearingPage", "Choose a batch first.")
        if s.state == SideState.AWAITING_CONFIRMATION:
            return translate("FundClearingPage", "Import the fund house's confirmation first.")
        if s.state == SideState.OPEN:
            return translate("FundClearingPage", "{count} line(s) differ and are not explained yet.").format(
                count=s.unexplained)
        if s.state == SideState.CONFIRMED:
            return translate("FundClearingPage", "Already confirmed by {user} at {time}.").format(
                user=s.confirmed_by or "", time=hk_datetime(s.confirmed_at))
        if s.orders == 0 and not self.model.rowCount():
            return translate("FundClearingPage", "This side has no orders.")
        if self.busy:
            return translate("FundClearingPage", "Working…")
        return None

    def update_actions(self, *_args: object) -> None:
        line = self.current_line()
        confirmed = self.summary is not None and self.summary.state == SideState.CONFIRMED
        self.explain_button.setEnabled(line is not None and line.needs_explaining and not confirmed
                                       and not self.busy)
        blocker = self.confirm_blocker()
        self.confirm_button.setEnabled(blocker is None)
        subscription = self.side == Side.SUBSCRIPTION
        tip = (translate("FundClearingPage", "Confirm the subscriptions of this batch against the fund house's "
                                             "confirmation; final") if subscription else
               translate("FundClearingPage", "Confirm the redemptions of this batch against the fund house's "
                                             "confirmation; final"))
        self.confirm_button.setToolTip(blocker or tip)
        if line is None or not line.needs_explaining:
            self.explain_button.setToolTip(translate("FundClearingPage", "Choose a line that differs and is not "
                                                                         "explained yet"))
        else:
            self.explain_button.setToolTip(translate("FundClearingPage", "Explain why line {ref} differs").format(
                ref=line.order_ref))

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.update_actions()

    # --- language -----------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.title.setText(labels.side_text(self.side))
        for key, source in TOTALS:
            self.total_labels[key].setText(translate("FundClearingPage", source) + ":")
        self.explain_button.setText(translate("FundClearingPage", "Explain…"))
        self.confirm_button.setText(translate("FundClearingPage", "Confirm Subscriptions…")
                                    if self.side == Side.SUBSCRIPTION
                                    else translate("FundClearingPage", "Confirm Redemptions…"))
        self.model.retranslate()
        self._show_totals()
        self.update_actions()
