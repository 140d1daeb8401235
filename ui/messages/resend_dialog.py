"""Asks why the selected messages are resent: how many, which, and which will be skipped.

Opened with ``open()`` and answered through ``reasonGiven``; ``exec()`` would start a nested event
loop under the qasync loop the network runs on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.contract.schemas import MessageRecordOut
from services.message_resend import REASON_MAX
from ui.common.dialog_keys import confirm_keys
from ui.common.required_text import RequiredText

translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings
LISTED = 6  # records named one by one; the rest are counted


def record_line(record: MessageRecordOut) -> str:
    return "  ".join(part for part in (f"#{record.id}", record.account_no or "", record.recipient,
                                       record.subject) if part)


class ResendDialog(QDialog):
    """Resend stays disabled until there is a reason (it is audited) and something can be resent.

    ``retry_reason`` is the reason of an earlier request that got no answer: it is shown read-only,
    since sending again repeats that request (same key) rather than making a new one.
    """

    reasonGiven = Signal(str)  # the reason, stripped; emitted on Resend

    def __init__(self, records: Sequence[MessageRecordOut], template_name: Callable[[str], str],
                 retry_reason: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("resendDialog")
        self.setWindowTitle(translate("ResendDialog", "Resend Messages"))
        count = len(records)
        skipped = sum(not r.resendable for r in records)
        self._resendable = count - skipped

        question = (translate("ResendDialog", "Resend message #{id} to its recorded recipient?").format(
            id=records[0].id) if count == 1 else
            translate("ResendDialog", "Resend {count} messages to their recorded recipients?").format(count=count))
        self.prompt = QLabel(question, self)
        self.prompt.setObjectName("resendPrompt")
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt.setWordWrap(True)
        lines = [record_line(r) for r in records[:LISTED]]
        if count > LISTED:
            lines.append(translate("ResendDialog", "… and {count} more").format(count=count - LISTED))
        self.records = QLabel("\n".join(lines), self)
        self.records.setObjectName("resendRecords")
        self.records.setTextFormat(Qt.TextFormat.PlainText)
        self.records.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.warning = QLabel(self)
        self.warning.setObjectName("pendingNotice")  # the style sheet's amber notice
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setWordWrap(True)
        if skipped == count:
            self.warning.setText(translate("ResendDialog", "One-time codes and verification codes are never "
                                                           "sent twice; nothing here can be resent."))
        elif skipped:
            self.warning.setText(translate("ResendDialog", "{count} of them hold one-time codes ({templates}) "
                                                           "and will be skipped.").format(
                count=skipped, templates=", ".join(sorted({template_name(r.template)
                                                           for r in records if not r.resendable}))))
        self.warning.setVisible(bool(skipped))

        self.answer = RequiredText(REASON_MAX, translate("ResendDialog", "Why are they resent? (required, kept "
                                                                         "in the audit trail)"), "resendReason", self)
        self.reason = self.answer.edit
        self.retry_note = QLabel(self)
        self.retry_note.setObjectName("hint")
        self.retry_note.setWordWrap(True)
        if retry_reason is not None:
            self.reason.setPlainText(retry_reason)
            self.reason.setReadOnly(True)
            self.retry_note.setText(translate("ResendDialog", "The last request for these messages got no "
                                                              "answer. Sending it again repeats that request, "
                                                              "so nothing is sent twice."))
        self.retry_note.setVisible(retry_reason is not None)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        accept = (translate("ResendDialog", "Resend") if count == 1
                  else translate("ResendDialog", "Resend {count}").format(count=self._resendable))
        self.resend_button: QPushButton = self.buttons.addButton(accept, QDialogButtonBox.ButtonRole.AcceptRole)
        self.resend_button.setObjectName("confirmResend")
        confirm_keys(self, self.resend_button)
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.records)
        layout.addWidget(self.warning)
        layout.addWidget(self.answer, 1)
        layout.addWidget(self.retry_note)
        layout.addWidget(self.buttons)
        self.resize(560, 320)
        self.answer.changed.connect(self._update)
        self._update()
        self.reason.setFocus()

    def text(self) -> str:
        return self.answer.text()

    def valid(self) -> bool:
        return self._resendable > 0 and self.answer.valid()

    def _update(self) -> None:
        self.resend_button.setEnabled(self.valid())

    def _accept_if_valid(self) -> None:
        if self.valid():
            self.reasonGiven.emit(self.text())
            self.accept()
