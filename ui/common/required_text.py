"""A required free-text answer (a rejection reason, a resend reason, a note) with its counter.

Dialogs that must not go on without a reason share it: ``valid()`` is "something, and not over
the contract's limit", and ``changed`` tells the dialog to enable or disable its button.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget


class RequiredText(QWidget):
    changed = Signal()

    def __init__(self, max_length: int, placeholder: str, object_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.max_length = max_length
        self.edit = QPlainTextEdit(self)
        self.edit.setObjectName(object_name)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setTabChangesFocus(True)
        self.counter = QLabel(self)
        self.counter.setObjectName("commentCounter")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.counter)
        self.edit.textChanged.connect(self._update)
        self._update()

    def text(self) -> str:
        return self.edit.toPlainText().strip()

    def valid(self) -> bool:
        return 0 < len(self.text()) <= self.max_length

    def _update(self) -> None:
        self.counter.setText(f"{len(self.text()):,} / {self.max_length:,}")
        self.changed.emit()
