"""A sentence over an empty list, centred in its table, saying why it is empty (empty_texts.py);
hidden while a page loads, when it failed (the status line says so), and once there are rows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QTableView

from ui.common.paged_table_model import PagedTableModel


class EmptyNote(QLabel):
    def __init__(self, table: QTableView, model: PagedTableModel, text: Callable[[], str]):
        super().__init__(table.viewport())
        self.setObjectName("emptyNote")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setStyleSheet("color: #627d98; font-size: 14px; padding: 24px;")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._model = model
        self._text = text
        table.viewport().installEventFilter(self)
        model.loadingChanged.connect(self.update_note)
        model.totalChanged.connect(self.update_note)
        model.modelReset.connect(self.update_note)
        self.hide()

    @property
    def empty(self) -> bool:
        model = self._model
        return not model.loading and not model.failed and model.total == 0 and model.rowCount() == 0

    def update_note(self, *_args: object) -> None:
        """Shows the sentence of the list as it is now (also after a language switch)."""
        if self.empty:
            self.setText(self._text())
            self.setGeometry(self.parentWidget().rect())
            self.show()
        else:
            self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False
