"""Explain… on a line that differs: a required note (at most NOTE_MAX characters) saying why."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from services.contract.fund_clearing import NOTE_MAX, LineOut
from ui.common.dialog_keys import confirm_keys
from ui.common.required_text import RequiredText
from ui.funds import labels

translate = QCoreApplication.translate  # the name lupdate recognises


class ExplainDialog(QDialog):
    noteGiven = Signal(str)

    def __init__(self, line: LineOut, difference: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("explainDialog")
        self.line = line
        self.setWindowTitle(translate("FundClearingPage", "Explain Line {ref}").format(ref=line.order_ref))
        summary = QLabel(self)
        summary.setObjectName("explainSummary")
        summary.setTextFormat(Qt.TextFormat.PlainText)
        summary.setWordWrap(True)
        text = translate("FundClearingPage", "{side} line {ref}: {status}.").format(
            side=labels.side_text(line.side), ref=line.order_ref, status=labels.status_text(line.status))
        if difference:
            text += " " + translate("FundClearingPage", "Difference: {difference}.").format(difference=difference)
        summary.setText(text + "\n" + translate("FundClearingPage", "Say why it differs; the note is kept with "
                                                                     "the line and audited."))
        self.note = RequiredText(NOTE_MAX, translate("FundClearingPage", "For example: fund house rounding, "
                                                                          "agreed by phone"), "explainNote", self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.addButton(translate("FundClearingPage", "Save Explanation"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveExplanation")
        confirm_keys(self, self.save_button)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.note.changed.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.note, 1)
        layout.addWidget(self.buttons)
        self.resize(480, 260)
        self._update()

    def _update(self) -> None:
        self.save_button.setEnabled(self.note.valid())

    def _accept(self) -> None:
        if not self.note.valid():
            return
        self.noteGiven.emit(self.note.text())
        self.accept()
