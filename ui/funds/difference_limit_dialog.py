"""Difference Limit… of a fund: the new limit (as the contract's DIFFERENCE_LIMIT_PATTERN takes
it: above 0, below 1,000,000, at most six decimals), with what it means; the question that
confirms it comes after."""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from services.contract.fund_clearing import DIFFERENCE_LIMIT_PATTERN
from ui.common.dialog_keys import confirm_keys

translate = QCoreApplication.translate  # the name lupdate recognises


def parse_limit(text: str) -> Decimal | None:
    """The limit typed, or None when it is not one the backend takes."""
    text = text.strip()
    return Decimal(text) if re.fullmatch(DIFFERENCE_LIMIT_PATTERN, text) else None


class DifferenceLimitDialog(QDialog):
    limitGiven = Signal(object)  # Decimal

    def __init__(self, fund: str, current: Decimal, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("differenceLimitDialog")
        self.current = current
        self.setWindowTitle(translate("FundClearingPage", "Difference Limit of {fund}").format(fund=fund))
        intro = QLabel(self)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        intro.setText(translate("FundClearingPage", "A line whose confirmed units (subscriptions) or amount "
                                                    "(redemptions) differ from the expected figure by the limit or "
                                                    "more cannot be confirmed, explained or not: the fund house must "
                                                    "correct its confirmation. Now {limit}.").format(
            limit=f"{current.normalize():f}"))
        self.edit = QLineEdit(self)
        self.edit.setObjectName("differenceLimit")
        self.edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"^\d{0,6}(\.\d{0,6})?$"), self.edit))
        self.edit.setText(f"{current.normalize():f}")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.addButton(translate("FundClearingPage", "Change Limit…"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveDifferenceLimit")
        confirm_keys(self, self.save_button)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.edit.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.edit)
        layout.addWidget(self.buttons)
        self.resize(460, 200)
        self._update()

    def _update(self) -> None:
        value = parse_limit(self.edit.text())
        self.save_button.setEnabled(value is not None and value != self.current)

    def _accept(self) -> None:
        value = parse_limit(self.edit.text())
        if value is None or value == self.current:
            return
        self.accept()
        self.limitGiven.emit(value)
