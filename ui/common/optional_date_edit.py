"""A date edit whose lowest date means "any" (Qt's special-value idiom), shown as translated text.

Leaving the "any" state by keyboard or calendar starts from today rather than the sentinel year.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QWidget

ANY_SENTINEL = QDate(2000, 1, 1)
_STEP_KEYS = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}


class OptionalDateEdit(QDateEdit):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setCalendarPopup(True)
        self.setMinimumDate(ANY_SENTINEL)
        self.setDate(ANY_SENTINEL)
        self.calendarWidget().installEventFilter(self)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setSpecialValueText(QCoreApplication.translate("FilterBar", "Any"))
        self.setToolTip(QCoreApplication.translate("FilterBar", "Delete: any date"))

    def is_any(self) -> bool:
        return self.date() == self.minimumDate()

    def value(self) -> date | None:
        return None if self.is_any() else self.date().toPython()

    def set_value(self, value: date | None) -> None:
        self.setDate(self.minimumDate() if value is None else QDate(value.year, value.month, value.day))

    def clear_value(self) -> None:
        self.setDate(self.minimumDate())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete:
            self.clear_value()
            event.accept()
            return
        if self.is_any() and (event.key() in _STEP_KEYS or event.text().isdigit()):
            self.setDate(QDate.currentDate())
            if event.key() in _STEP_KEYS:
                event.accept()
                return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The popup would open on January 2000 for "any"; show the current month instead.
        if watched is self.calendarWidget() and event.type() == QEvent.Type.Show and self.is_any():
            today = QDate.currentDate()
            self.calendarWidget().setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)
