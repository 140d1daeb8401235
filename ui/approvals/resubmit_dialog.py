"""Resubmitting an order whose change has nothing to correct (a delete, hiding an article) or whose
editor cannot open it (the row is gone): the order as it was, with a note to the approvers.

Everything else is corrected in its area's editor (ui/common/resubmission.py). Ctrl+Enter resubmits.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from services.contract.schemas import WorkOrderOut
from ui.approvals.labels import flow_name, summary_text
from ui.common.dialog_keys import confirm_keys
from ui.common.resubmission import ResubmitBanner

translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings


class ResubmitDialog(QDialog):
    resubmitRequested = Signal(object)  # the note (str | None)

    def __init__(self, order: WorkOrderOut, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("resubmitDialog")
        self.setWindowTitle(translate("ResubmitDialog", "Resubmit Work Order"))
        self.banner = ResubmitBanner(order, self)
        self.change = QLabel(translate("ResubmitDialog", "It is submitted again as it was: {summary}")
                             .format(summary=summary_text(order)), self)
        self.change.setObjectName("resubmitChange")
        self.change.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.resubmit_button = self.buttons.addButton(translate("ResubmitDialog", "Resubmit"),
                                                      QDialogButtonBox.ButtonRole.AcceptRole)
        self.resubmit_button.setObjectName("confirmResubmit")
        self.resubmit_button.setToolTip(translate("ResubmitDialog", "Resubmit (Ctrl+Enter)"))
        self.resubmit_button.setDefault(True)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        confirm_keys(self, self.resubmit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.change)
        layout.addWidget(self.buttons)
        self.setWindowTitle(translate("ResubmitDialog", "Resubmit {order}")
                            .format(order=f"#{order.id} {flow_name(order.flow)}"))
        self.resize(560, self.sizeHint().height())
        self.banner.note_edit.setFocus()

    def confirm(self) -> None:
        self.resubmitRequested.emit(self.banner.note())
        self.accept()
