"""The outcome of a resend, record by record, updated as answers and deliveries arrive.

Not modal: the operator keeps working in the list while the dispatcher delivers. Closing it only
hides it; following goes on and the page's Results button shows it again.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.message_resend import ResendAction
from ui.common.dialog_keys import confirm_keys
from ui.common.table_view import CopyableTableView
from ui.messages.resend_outcome_model import WIDTHS_CHARS, ResendOutcomeModel

translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings


class ResendResultsDialog(QDialog):
    retryRequested = Signal(object)  # the ResendAction to send again with its key

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("resendResults")
        self.setModal(False)
        self._model: ResendOutcomeModel | None = None
        self._action: ResendAction | None = None
        self._following = False

        self.reason = QLabel(self)
        self.reason.setObjectName("resendReasonShown")
        self.reason.setWordWrap(True)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.summary = QLabel(self)
        self.summary.setObjectName("approvalOutcome")  # the style sheet's outcome line (red when failed)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # it may quote the server
        self.summary.setWordWrap(True)
        self.table = CopyableTableView(self)
        self.table.setObjectName("resendOutcomes")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.retry_button: QPushButton = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.retry_button.setObjectName("retryResend")
        self.retry_button.hide()
        confirm_keys(self, self.buttons.button(QDialogButtonBox.StandardButton.Close))  # a retry is asked for apart
        self.retry_button.clicked.connect(self._retry)
        self.buttons.rejected.connect(self.hide)

        layout = QVBoxLayout(self)
        layout.addWidget(self.reason)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(980, 380)
        self.retranslate_ui()

    @property
    def model(self) -> ResendOutcomeModel | None:
        return self._model

    @property
    def action(self) -> ResendAction | None:
        return self._action

    def show_action(self, action: ResendAction, model: ResendOutcomeModel) -> None:
        """Shows this resend's records (replacing an earlier one's) and follows its model."""
        if self._model is not None:
            self._model.changed.disconnect(self._update)
        self._action, self._model = action, model
        self._following = True
        self.table.setModel(model)
        digit = self.table.fontMetrics().horizontalAdvance("0")
        for column, chars in enumerate(WIDTHS_CHARS):
            self.table.horizontalHeader().resizeSection(column, chars * digit + 16)
        self.table.horizontalHeader().setStretchLastSection(True)
        model.changed.connect(self._update)
        self._update()
        self.show()
        self.raise_()

    def set_following(self, following: bool) -> None:
        """False once following ended (all final, or the time limit passed)."""
        self._following = following
        self._update()

    def _update(self) -> None:
        model = self._model
        if model is None:
            return
        text = model.summary()
        if not self._following and not model.finished:
            text += " " + translate("ResendResults", "Still in progress after two minutes; the list shows "
                                                     "the latest state when refreshed (F5).")
        self.summary.setText(text)
        tally = model.tally()
        self.summary.setProperty("failed", tally.any_failed)
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)
        self.retry_button.setVisible(tally.not_sent > 0)
        if self._action is not None:
            self.reason.setText(translate("ResendResults", "Reason: {reason}").format(reason=self._action.reason))

    def _retry(self) -> None:
        if self._action is not None:
            self.retryRequested.emit(self._action)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(translate("ResendResults", "Resend Results"))
        self.retry_button.setText(translate("ResendResults", "Try Again"))
        self.retry_button.setToolTip(translate("ResendResults", "Send the same request again; the server "
                                                                "recognises it, so nothing is sent twice"))
        if self._model is not None:
            self._model.retranslate()
        self._update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
