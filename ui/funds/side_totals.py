"""One side's figures as a grid, two to a row (two panels side by side stay narrow): orders,
amounts, the NAV of the side's own NAV date, expected and confirmed totals, the lines, the file
the side was reconciled against, and who confirmed it."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QWidget

from services.contract.fund_clearing import Side, SideSummary
from ui.common.formatting import hk_datetime
from ui.funds import labels

translate = QCoreApplication.translate  # the name lupdate recognises

# (key, source label) in grid order: two to a row, then the long ones a row each.
TOTALS = (
    ("orders", QT_TRANSLATE_NOOP("FundClearingPage", "Orders")),
    ("ordered", QT_TRANSLATE_NOOP("FundClearingPage", "Ordered")),
    ("fees", QT_TRANSLATE_NOOP("FundClearingPage", "Fees")),
    ("nav", QT_TRANSLATE_NOOP("FundClearingPage", "NAV")),
    ("expected", QT_TRANSLATE_NOOP("FundClearingPage", "Expected")),
    ("confirmed", QT_TRANSLATE_NOOP("FundClearingPage", "Confirmed")),
    ("difference", QT_TRANSLATE_NOOP("FundClearingPage", "Difference")),
    ("confirmed_by", QT_TRANSLATE_NOOP("FundClearingPage", "Confirmed By")),
    ("lines", QT_TRANSLATE_NOOP("FundClearingPage", "Lines")),
    ("file", QT_TRANSLATE_NOOP("FundClearingPage", "Confirmation")),
)
WIDE = ("lines", "file")
ALERT = "color: #b42318;"


def nav_text(summary: SideSummary) -> str:
    """The side's NAV and its NAV date, as the fund house confirmed them."""
    if summary.nav is None:
        return "—"
    nav = f"{summary.nav.normalize():f}"
    if summary.nav_date is None:
        return nav
    return translate("FundClearingPage", "{nav} of {date}").format(nav=nav, date=summary.nav_date.isoformat())


def file_text(summary: SideSummary) -> str:
    if summary.confirmed_by_system:
        return translate("FundClearingPage", "None needed: no orders")
    if not summary.file_name:
        return translate("FundClearingPage", "Not imported yet")
    return translate("FundClearingPage", "{file} by {user} at {time}").format(
        file=summary.file_name, user=summary.imported_by or "", time=hk_datetime(summary.imported_at))


def confirmed_by_text(summary: SideSummary) -> str:
    if summary.confirmed_by_system:
        return translate("FundClearingPage", "The system, at {time}").format(time=hk_datetime(summary.confirmed_at))
    if summary.confirmed_at is None:
        return "—"
    return translate("FundClearingPage", "{user} at {time}").format(user=summary.confirmed_by or "",
                                                                    time=hk_datetime(summary.confirmed_at))


def lines_text(s: SideSummary) -> str:
    values = {"matched": s.matched, "differ": s.mismatched + s.missing_ours + s.missing_theirs,
              "explained": s.explained, "unexplained": s.unexplained, "beyond": s.beyond_limit}
    if s.beyond_limit:
        return translate("FundClearingPage", "{matched} matched, {differ} differ ({beyond} beyond the limit), "
                                             "{explained} explained, {unexplained} to explain").format(**values)
    return translate("FundClearingPage", "{matched} matched, {differ} differ, {explained} explained, "
                                         "{unexplained} to explain").format(**values)


class SideTotals(QWidget):
    def __init__(self, side: Side, parent: QWidget | None = None):
        super().__init__(parent)
        self.side = side
        self.labels: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        paired = [key for key, _source in TOTALS if key not in WIDE]
        for key, _source in TOTALS:
            wide = key in WIDE
            row, slot = ((len(paired) + 1) // 2 + WIDE.index(key), 0) if wide else divmod(paired.index(key), 2)
            label, value = QLabel(self), QLabel(self)
            label.setObjectName("hint")
            value.setObjectName(f"total_{key}")
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            # Never wider than the page: a long file name is cut (its tooltip says it whole).
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            grid.addWidget(label, row, slot * 2, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(value, row, slot * 2 + 1, 1, 3 if wide else 1)
            self.labels[key], self.values[key] = label, value
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.retranslate_ui()

    def show_summary(self, s: SideSummary | None, units: int, amounts: int, currency: str) -> None:
        if s is None:
            for value in self.values.values():
                value.clear()
            return
        subscription = self.side == Side.SUBSCRIPTION
        cash = currency + " " if currency else ""

        def measure(value) -> str:  # subscriptions total units, redemptions cash
            if value is None:
                return "—"
            return labels.fixed(value, units) if subscription else cash + labels.fixed(value, amounts)

        texts = {
            "orders": f"{s.orders:,}",
            "ordered": (cash + labels.fixed(s.ordered_amount, amounts)) if subscription
            else translate("FundClearingPage", "{units} units").format(units=labels.fixed(s.ordered_units, units)),
            "fees": cash + labels.fixed(s.fees, amounts),
            "nav": nav_text(s),
            "expected": measure(s.expected_total),
            "confirmed": measure(s.confirmed_total),
            "difference": "—" if s.difference_total is None else (
                labels.fixed(s.difference_total, units if subscription else amounts, signed=True)),
            "lines": lines_text(s),
            "file": file_text(s),
            "confirmed_by": confirmed_by_text(s),
        }
        for key, text in texts.items():
            self.values[key].setText(text)
            self.values[key].setToolTip(text)
        self.values["difference"].setStyleSheet(ALERT if s.difference_total else "")
        self.values["lines"].setStyleSheet(ALERT if s.unexplained or s.beyond_limit else "")

    def text(self) -> str:
        """The figures as shown, one "Label: value" a line (what a confirmation confirms)."""
        return "\n".join(f"{self.labels[key].text()} {self.values[key].text()}" for key, _source in TOTALS
                         if key not in ("file", "confirmed_by"))

    def retranslate_ui(self) -> None:
        for key, source in TOTALS:
            self.labels[key].setText(translate("FundClearingPage", source) + ":")
