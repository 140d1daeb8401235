"""The calendar of a date filter, in the app's look and both languages: every day name whole and
every week inside the popup (the lists' cell padding once cut them off)."""

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTableView, QWidget

from desktop import i18n
from tests.ui.cell_room import is_elided
from ui.common.optional_date_edit import OptionalDateEdit


@pytest.mark.parametrize("language", ["zh_Hant", "en"])
def test_the_calendar_popup_shows_every_day_name_and_every_week(qtbot, styled, language):
    i18n.set_language(language)
    holder = QWidget()
    qtbot.addWidget(holder)
    edit = OptionalDateEdit(holder)
    edit.setDate(QDate(2026, 11, 18))  # six weeks shown: 25 October to 5 December
    holder.show()
    QTest.mouseClick(edit, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(edit.width() - 8, edit.height() // 2))  # the arrow
    calendar = edit.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    days = calendar.findChild(QTableView)
    model = days.model()

    assert not [model.index(0, c).data() for c in range(model.columnCount())
                if not days.isColumnHidden(c) and is_elided(days, 0, c)]
    last_week = model.rowCount() - 1
    assert days.rowViewportPosition(last_week) + days.rowHeight(last_week) <= days.viewport().height()
