"""The action bar above Message Records' list: Resend (asks why, then resends the selection),
Results (how the last resend went) and the outcome line. What is sent, when, and each record's
outcome are the ResendController's; this bar asks and shows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from services.contract.schemas import MessageRecordOut, channel_resendable
from services.message_resend import ResendAction
from ui.messages.resend_controller import ResendController
from ui.messages.resend_dialog import ResendDialog
from ui.messages.resend_outcome_model import ResendOutcomeModel
from ui.messages.resend_results_dialog import ResendResultsDialog

translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings


class ResendBar(QWidget):
    def __init__(self, resends: ResendController, candidates: Callable[[], list[MessageRecordOut]],
                 template_name: Callable[[str], str], parent: QWidget | None = None):
        """``candidates``: what Resend would resend now (the selection, or the record in the detail)."""
        super().__init__(parent)
        self._resends = resends
        self._candidates = candidates
        self._template_name = template_name
        self.dialog: QDialog | None = None  # the reason dialog on screen, if any

        self.resend_button = QPushButton(self)
        self.resend_button.setObjectName("resendButton")
        self.resend_button.clicked.connect(self.ask_resend)
        self.resend_button.setVisible(resends.can_resend)
        self.results_button = QPushButton(self)
        self.results_button.setObjectName("resendResultsButton")
        self.results_button.hide()
        self.outcome = QLabel(self)
        self.outcome.setObjectName("approvalOutcome")  # the style sheet's outcome line (red when failed)
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)  # it may quote the server
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.resend_button)
        layout.addWidget(self.results_button)
        layout.addWidget(self.outcome, 1)

        self.results = ResendResultsDialog(self)
        self.results.retryRequested.connect(resends.retry)
        self.results_button.clicked.connect(self._show_results)
        resends.started.connect(self._started)
        resends.followingEnded.connect(self._following_ended)
        resends.ops.runningChanged.connect(self.update_actions)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.resend_button.setToolTip(translate("MessageRecordsPage", "Resend the selected messages to their "
                                                                      "recorded recipients, with a reason (Ctrl+R)"))
        self.results_button.setText(translate("MessageRecordsPage", "Results…"))
        self.results_button.setToolTip(translate("MessageRecordsPage", "Show how the last resend went"))
        self.update_actions()
        self._update_outcome()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def update_actions(self, *_args: object) -> None:
        candidates = self._candidates()
        count = len(candidates)
        self.resend_button.setText(translate("MessageRecordsPage", "Resend…") if count <= 1 else
                                   translate("MessageRecordsPage", "Resend Selected ({count})…").format(count=count))
        # SMS and Email only (the changelog): push and any other channel offer no Resend at all.
        offered = not candidates or any(channel_resendable(r.channel) for r in candidates)
        self.resend_button.setVisible(self._resends.can_resend and offered)
        self.resend_button.setEnabled(self._resends.can_resend and count > 0 and not self._resends.requesting)

    def ask_resend(self) -> None:
        """Ctrl+R and the button: asks why, then resends the candidates (one request for all)."""
        resends = self._resends
        if not resends.can_resend or self.dialog is not None or resends.requesting:
            return
        rows = self._candidates()
        problem = resends.problem(rows)
        if problem is not None:
            self.show_outcome(problem, failed=True)
            return
        unanswered = resends.unanswered(rows)
        dialog = ResendDialog(rows, self._template_name, retry_reason=unanswered.reason if unanswered else None,
                              parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.reasonGiven.connect(
            lambda reason: resends.start(rows, unanswered or ResendAction(tuple(r.id for r in rows), reason)))
        self.dialog = dialog
        dialog.finished.connect(self._dialog_closed)
        dialog.open()

    def _dialog_closed(self, *_args: object) -> None:
        self.dialog = None

    def _started(self, action: ResendAction, model: ResendOutcomeModel) -> None:
        model.changed.connect(self._update_outcome)
        self.results.show_action(action, model)
        self.results_button.show()

    def _following_ended(self, model: ResendOutcomeModel) -> None:
        if self.results.model is model:
            self.results.set_following(False)

    def _show_results(self) -> None:
        if self.results.model is not None:
            self.results.show()
            self.results.raise_()

    def _update_outcome(self) -> None:
        model = self._resends.current
        if model is not None:
            self.show_outcome(model.summary(), failed=model.tally().any_failed)

    def show_outcome(self, text: str, *, failed: bool = False) -> None:
        self.outcome.setText(text)
        # The style sheet colours the text by this property (resources/style.qss).
        self.outcome.setProperty("failed", failed)
        self.outcome.style().unpolish(self.outcome)
        self.outcome.style().polish(self.outcome)
