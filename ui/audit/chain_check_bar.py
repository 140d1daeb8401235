"""The audit log's "Verify Chain": the button, and the answer beside it in words: intact (how many
events, how many signed checkpoints matched, how many events no checkpoint covers yet) or the first
broken link, in red, with a button that opens the event it names."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from services.contract.audit import ChainCheckOut
from ui.audit import labels
from ui.audit.audit_log_controller import CHECK, AuditLogController
from ui.common.shortcuts import local_shortcut

translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings

SHORTCUT = "Ctrl+Shift+V"
INTACT_STYLE = "color: #1e7b34; background: #e3f4e8; border-radius: 3px; padding: 3px 8px;"
BROKEN_STYLE = "color: #9b1c1c; background: #fbe7e6; border-radius: 3px; padding: 3px 8px;"
PLAIN_STYLE = "color: #486581; padding: 3px 8px;"


class ChainCheckBar(QWidget):
    showEventRequested = Signal(object)  # the id of the event the broken link names

    def __init__(self, controller: AuditLogController, shortcut_scope: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("chainCheckBar")
        self._controller = controller
        self._failure: str | None = None  # why the last check could not be run

        self.button = QPushButton(self)
        self.button.setObjectName("verifyChainButton")
        self.button.clicked.connect(controller.verify_chain)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # the server does not say how long the walk takes
        self.progress.setMaximumWidth(100)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.result = QLabel(self)
        self.result.setObjectName("chainCheckResult")
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_button = QPushButton(self)
        self.show_button.setObjectName("showBrokenEvent")
        self.show_button.clicked.connect(self._show_broken_event)
        self.show_button.hide()

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        row.addWidget(self.progress)
        row.addWidget(self.result, 1)
        row.addWidget(self.show_button)

        controller.checkStarted.connect(self._started)
        controller.checkFinished.connect(self._render)
        controller.checkFailed.connect(self._failed)
        controller.ops.runningChanged.connect(self._running_changed)  # the check's busy state settles last
        local_shortcut(SHORTCUT, shortcut_scope, controller.verify_chain)
        self.retranslate_ui()

    def _started(self) -> None:
        self._failure = None
        self._render()

    def _running_changed(self, key: str, _running: bool) -> None:
        if key == CHECK:
            self._render()

    def _failed(self, reason: str) -> None:
        self._failure = reason
        self._render()

    def _show_broken_event(self) -> None:
        check = self._controller.check
        if check is not None and check.broken_event_id is not None:
            self.showEventRequested.emit(check.broken_event_id)

    def _render(self, *_args: object) -> None:
        checking, check = self._controller.checking, self._controller.check
        self.button.setEnabled(not checking)
        self.progress.setVisible(checking)
        broken_event = check.broken_event_id if check is not None and not check.intact else None
        self.show_button.setVisible(broken_event is not None)
        if broken_event is not None:
            self.show_button.setText(translate("AuditLog", "Show Event #{id}").format(id=broken_event))
        if checking:
            self._say(PLAIN_STYLE, translate("AuditLog", "Checking every event of the trail…"))
        elif self._failure is not None:
            self._say(BROKEN_STYLE, translate("AuditLog", "The chain could not be checked: {reason}").format(
                reason=self._failure))
        elif check is None:
            self._say(PLAIN_STYLE, translate("AuditLog", "Checks that no event was changed, removed or added "
                                                         "behind the trail's back."))
        elif check.intact:
            self._say(INTACT_STYLE, self.intact_text(check), translate(
                "AuditLog", "Events after the last signed checkpoint rest on the hash chain alone until "
                            "the next checkpoint signs them."))
        else:
            headline = translate("AuditLog", "Chain broken at event #{id}").format(id=broken_event) \
                if broken_event is not None else translate("AuditLog", "Chain broken")
            sentence = labels.problem_text(check.problem, check.broken_event_id, check.broken_checkpoint_line)
            self._say(BROKEN_STYLE, f"<b>{html.escape(headline)}</b>: {html.escape(sentence)}", check.reason)

    @staticmethod
    def intact_text(check: ChainCheckOut) -> str:
        text = translate("AuditLog", "<b>Chain intact</b> at {time}: {events} events checked.").format(
            events=f"{check.events:,}", time=labels.event_time(check.checked_at))
        if check.checkpoints:
            text += " " + translate("AuditLog", "Signed checkpoints matched: {count} (the last at event #{id}).").format(
                count=f"{check.checkpoints:,}", id=check.last_checkpoint_event_id)
        if check.unanchored:
            text += " " + translate("AuditLog", "Not yet checkpointed: {count} events.").format(
                count=f"{check.unanchored:,}")
        return text

    def _say(self, style: str, text: str, detail: str | None = None) -> None:
        self.result.setStyleSheet(style)
        self.result.setText(text)
        self.result.setToolTip(detail or "")

    def retranslate_ui(self) -> None:
        self.button.setText(translate("AuditLog", "Verify Chain"))
        self.button.setToolTip(translate("AuditLog", "Check the whole audit trail's hash chain and its signed "
                                                     "checkpoints ({shortcut})").format(shortcut=SHORTCUT))
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
