"""Esc in a popup closes the popup and nothing else: the calendar of a date filter and a
completer's list leave the filter bar's values (and the rows shown) as they were, a combo box's
list leaves the side drawer open; Esc outside a popup still resets the filters."""

from datetime import date

from PySide6.QtCore import QPoint, QStringListModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCompleter, QLineEdit

from tests.qt_fixtures import until
from tests.ui.margin_page_steps import open_margin_page
from tests.ui.page_steps import open_page
from ui.common.optional_date_edit import OptionalDateEdit

RECORDS = "risk.credit.setting_records"  # its filters: symbol, market, state, effective from / to


def _active(aio, widget) -> None:
    widget.activateWindow()
    aio(until(widget.isActiveWindow, message="the window active"))


def _open_calendar(aio, edit: OptionalDateEdit):
    QTest.mouseClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(edit.width() - 6, edit.height() // 2))
    aio(until(lambda: QApplication.activePopupWidget() is not None, message="the calendar open"))
    popup = QApplication.activePopupWidget()
    assert popup.isAncestorOf(edit.calendarWidget())
    return popup


def _esc() -> None:
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)


def test_esc_in_a_date_filters_calendar_closes_it_and_keeps_the_filters(qtbot, aio, backend, errors):
    page, api = open_page(qtbot, aio, backend, errors, RECORDS, "maker")
    _active(aio, page)
    bar = page.filter_bar
    bar.set_values(symbol="00005", date_from=date(2026, 1, 5))
    bar.search()
    aio(until(lambda: not page.model.loading, message="the filtered list"))
    asked = dict(page.model.params)
    edit = bar.editor("date_to")
    edit.setFocus()
    popup = _open_calendar(aio, edit)
    _esc()
    assert not popup.isVisible() and QApplication.activePopupWidget() is None
    assert (bar.values()["symbol"], bar.values()["date_from"], bar.values()["date_to"]) == (
        "00005", date(2026, 1, 5), None)
    assert page.model.params == asked and not page.model.loading  # nothing asked again
    _esc()  # now outside the popup: Esc resets, as the Reset button's tooltip says
    assert (bar.values()["symbol"], bar.values()["date_from"]) == (None, None)
    aio(page.wait_idle())
    aio(api.aclose())


def test_esc_in_a_completers_list_closes_it_and_keeps_the_filters(qtbot, aio, backend, errors):
    page, api = open_page(qtbot, aio, backend, errors, RECORDS, "maker")
    _active(aio, page)
    bar = page.filter_bar
    symbol = bar.editor("symbol")
    assert isinstance(symbol, QLineEdit)
    completer = QCompleter(QStringListModel(["00005.HK", "00006.HK"], symbol), symbol)
    symbol.setCompleter(completer)
    symbol.setFocus()
    QTest.keyClicks(symbol, "0000")
    aio(until(lambda: completer.popup().isVisible(), message="the completer's list"))
    _esc()
    assert not completer.popup().isVisible()
    assert bar.values()["symbol"] == "0000"
    aio(page.wait_idle())
    aio(api.aclose())


def test_esc_in_a_drawers_list_closes_the_list_not_the_drawer(qtbot, aio, backend, errors):
    page, api = open_margin_page(qtbot, aio, backend, errors, "risk.credit.long_stock_margin")
    _active(aio, page)
    page.buttons["create"].click()
    drawer = page.drawer
    aio(until(drawer.isVisible, message="the drawer"))
    market = drawer.form.editors["market"]
    market.setFocus()
    market.showPopup()
    aio(until(lambda: QApplication.activePopupWidget() is not None, message="the market list"))
    _esc()
    assert QApplication.activePopupWidget() is None and drawer.isVisible()
    _esc()  # outside the list: Esc closes the drawer
    assert not drawer.isVisible()
    aio(page.wait_idle())
    aio(api.aclose())
