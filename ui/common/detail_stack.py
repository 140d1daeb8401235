"""A detail panel's two faces: a sentence instead of the item (choose one, loading, could not load)
or the item itself. The sentence is kept as its source text and arguments, so a language switch
translates it again."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget


class DetailStack(QStackedWidget):
    def __init__(self, tr_context: str, content: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self._tr_context = tr_context
        self._message: tuple[str, dict[str, str]] = ("", {})
        self.placeholder = QLabel(self)
        self.placeholder.setObjectName("detailPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.addWidget(self.placeholder)
        self.addWidget(content)

    def show_message(self, source: str, **args: str) -> None:
        self._message = (source, args)
        self.retranslate()
        self.setCurrentWidget(self.placeholder)

    def show_content(self) -> None:
        self.setCurrentIndex(1)

    def retranslate(self) -> None:
        source, args = self._message
        self.placeholder.setText(QCoreApplication.translate(self._tr_context, source).format(**args) if source else "")
