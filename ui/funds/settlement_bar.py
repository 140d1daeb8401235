"""The chosen batch's settlement steps under the batch list: 申購交割 for confirmed subscriptions,
贖回貨交割 then 贖回錢交割 for confirmed redemptions. A button is shown with its permission and
enabled when its side waits for that step; its tooltip says why not otherwise (step_blocker)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from services.contract.fund_clearing import SIDE_STEPS, STEP_SIDE, BatchOut, SettlementStep, Side
from ui.funds import labels

translate = QCoreApplication.translate  # the name lupdate recognises


def step_blocker(batch: BatchOut | None, step: SettlementStep, *, busy: bool = False) -> str | None:
    """Why ``step`` cannot be done on ``batch`` now, in the user's language; None when it can."""
    if batch is None:
        return translate("FundClearingPage", "Choose a batch first.")
    side = STEP_SIDE[step]
    summary = batch.subscriptions if side == Side.SUBSCRIPTION else batch.redemptions
    if summary.settlement is None:
        return (translate("FundClearingPage", "Confirm the subscription reconciliation first.")
                if side == Side.SUBSCRIPTION else
                translate("FundClearingPage", "Confirm the redemption reconciliation first."))
    if any(done.step == step for done in summary.steps):
        return translate("FundClearingPage", "{step} is done.").format(step=labels.step_text(step))
    if summary.next_step != step and summary.next_step is not None:
        return translate("FundClearingPage", "{step} comes first.").format(step=labels.step_text(summary.next_step))
    if busy:
        return translate("FundClearingPage", "Working…")
    return None


class SettlementBar(QWidget):
    stepRequested = Signal(object)  # SettlementStep

    def __init__(self, can_do: Mapping[SettlementStep, bool], parent: QWidget | None = None):
        super().__init__(parent)
        self.batch: BatchOut | None = None
        self.busy = False
        self.title = QLabel(self)
        self.title.setObjectName("hint")
        self.buttons: dict[SettlementStep, QPushButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        for side in Side:
            for step in SIDE_STEPS[side]:
                button = QPushButton(self)
                button.setObjectName(f"{step.value}Button")
                button.clicked.connect(lambda _checked=False, step=step: self.stepRequested.emit(step))
                button.setVisible(can_do.get(step, False))
                self.buttons[step] = button
                layout.addWidget(button)
        self.setVisible(any(can_do.values()))
        self.retranslate_ui()

    def set_batch(self, batch: BatchOut | None, *, busy: bool = False) -> None:
        self.batch, self.busy = batch, busy
        for step, button in self.buttons.items():
            blocker = step_blocker(batch, step, busy=busy)
            button.setEnabled(blocker is None)
            button.setToolTip(blocker or self._tip(step))

    @staticmethod
    def _tip(step: SettlementStep) -> str:
        return {
            SettlementStep.SUBSCRIPTION_DELIVERY: translate(
                "FundClearingPage", "The confirmed subscriptions' units are delivered to the accounts; the "
                                    "subscriptions are settled"),
            SettlementStep.REDEMPTION_UNITS_DELIVERY: translate(
                "FundClearingPage", "The confirmed redemptions' units are taken from the accounts; their cash "
                                    "comes next"),
            SettlementStep.REDEMPTION_CASH_DELIVERY: translate(
                "FundClearingPage", "The redemptions' cash is paid to the accounts; the redemptions are settled"),
        }[step]

    def retranslate_ui(self) -> None:
        self.title.setText(translate("FundClearingPage", "Settlement:"))
        for step, button in self.buttons.items():
            button.setText(labels.step_text(step) + "…")
        self.set_batch(self.batch, busy=self.busy)
