"""Fund Clearing's row of actions: Import…, Export and Refresh, the busy bar, and the outcome line
the last action left (red when it failed)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal, SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from ui.funds.batch_actions import Outcome

translate = QCoreApplication.translate  # the name lupdate recognises


class ClearingActionBar(QWidget):
    importRequested = Signal()
    exportRequested = Signal()
    refreshRequested = Signal()

    def __init__(self, *, can_import: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.import_button, self.export_button, self.refresh_button = (
            self._button(name, signal) for name, signal in (("importButton", self.importRequested),
                                                            ("exportButton", self.exportRequested),
                                                            ("refreshButton", self.refreshRequested)))
        self.import_button.setVisible(can_import)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # the server does not say how long
        self.busy.setMaximumWidth(120)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.outcome = QLabel(self)
        self.outcome.setObjectName("approvalOutcome")  # the style sheet's outcome line (red when failed)
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.import_button)
        layout.addWidget(self.export_button)
        layout.addWidget(self.refresh_button)
        layout.addWidget(self.busy)
        layout.addWidget(self.outcome, 1)
        self._confirmed = False
        self.retranslate_ui()

    def _button(self, object_name: str, clicked: SignalInstance) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(object_name)
        button.clicked.connect(clicked)
        return button

    def set_actions(self, *, may_import: bool, confirmed: bool, may_export: bool) -> None:
        """``confirmed``: both sides of the chosen batch are confirmed (the import button says why)."""
        self._confirmed = confirmed
        self.import_button.setEnabled(may_import)
        self.import_button.setToolTip(
            translate("FundClearingPage", "Both sides of this batch are confirmed; each keeps the confirmation it "
                                          "was reconciled against")
            if confirmed else translate("FundClearingPage", "Import the fund house's confirmation file (.xlsx or "
                                                            ".csv) for the chosen batch: it replaces the sides it "
                                                            "holds rows for (Ctrl+I)"))
        self.export_button.setEnabled(may_export)

    def show_outcome(self, outcome: Outcome | None) -> None:
        self.outcome.setText(outcome.text() if outcome is not None else "")
        self.outcome.setProperty("failed", outcome is not None and outcome.failed)  # the style sheet colours it
        self.outcome.style().unpolish(self.outcome)
        self.outcome.style().polish(self.outcome)

    def retranslate_ui(self) -> None:
        self.import_button.setText(translate("FundClearingPage", "Import…"))
        self.export_button.setText(translate("FundClearingPage", "Export"))
        self.export_button.setToolTip(translate("FundClearingPage", "Export the chosen batch's reconciliation to "
                                                                    "Excel (Ctrl+E)"))
        self.refresh_button.setText(translate("FundClearingPage", "Refresh"))
        self.refresh_button.setToolTip(translate("FundClearingPage", "Read the batches again (F5)"))
