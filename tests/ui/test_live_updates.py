"""The main window kept current by the event stream (desktop/live_updates.py), against the real
backend in process: a maker's order decided by a checker shows a notice at once, with the reason
of a rejection, and counts as "Returned to me" until the maker looks at My Requests."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop import i18n
from tests.backend.work_order_steps import decide, fresh_order
from tests.qt_fixtures import until
from tests.ui.approval_steps import close_window, open_window

MY_REQUESTS = "approvals.my_requests"
REASON = "Force-close at 15:34 leaves the dealers too little time; 15:45 please."


@pytest.fixture
def maker_window(qtbot, aio, backend, settings):
    window, api = open_window(qtbot, aio, backend, settings, "maker")
    aio(until(lambda: window.live.events.live, message="the event stream"))
    yield window
    close_window(aio, window, api)


def rejected(backend, force_close: str) -> dict:
    order = fresh_order(backend, "HK", force_close=force_close)
    assert decide(backend, "checker", order["id"], "reject", REASON).status_code == 200
    return order


def test_a_rejection_shows_a_notice_with_its_reason_and_counts_as_returned(aio, maker_window, backend):
    window = maker_window
    assert not window.returned_count.isVisibleTo(window)  # nothing came back yet
    focused = window.focusWidget()
    order = rejected(backend, "15:34")

    aio(until(lambda: window.notices.notices(), message="the notice"))
    [notice] = window.notices.notices()
    assert notice.text() == f"Work order #{order['id']} (Set day-trade window) was rejected: {REASON}"
    assert notice.property("tone") == "refused" and notice.isVisibleTo(window)
    assert window.focusWidget() is focused  # it never takes the focus from the page
    aio(until(lambda: window.returned_count.count == 1, message="returned to me"))
    assert window.returned_count.isVisibleTo(window)
    assert window.returned_count.text() == "Returned to me: 1"


def test_the_notice_opens_the_order_from_the_keyboard_and_looking_clears_the_count(aio, maker_window, backend):
    window = maker_window
    order = rejected(backend, "15:33")
    aio(until(lambda: window.notices.notices() and window.returned_count.count == 1, message="notice and count"))
    window.activateWindow()
    aio(until(window.isActiveWindow, message="active window"))

    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    [notice] = window.notices.notices()
    assert window.focusWidget() is notice.open_button
    QTest.keyClick(notice.open_button, Qt.Key.Key_Space)

    assert window.current_page_key() == MY_REQUESTS
    page = window.page(MY_REQUESTS)
    aio(until(lambda: page.detail.order is not None and page.detail.order.id == order["id"], message="the order"))
    assert window.notices.notices() == [] and not window.notices.isVisibleTo(window)
    aio(until(lambda: window.returned_count.count == 0, message="looked"))
    assert not window.returned_count.isVisibleTo(window)
    aio(page.wait_idle())


def test_escape_dismisses_a_notice_and_an_applied_order_says_so(aio, maker_window, backend):
    window = maker_window
    order = fresh_order(backend, "US", force_close="15:35")
    assert decide(backend, "checker", order["id"]).status_code == 200
    aio(until(lambda: window.notices.notices(), message="the notice"))
    [notice] = window.notices.notices()
    assert notice.text() == f"Work order #{order['id']} (Set day-trade window) was approved and applied."
    assert notice.property("tone") == "done"
    notice.open_button.setFocus()
    QTest.keyClick(notice.open_button, Qt.Key.Key_Escape)
    assert window.notices.notices() == [] and not window.notices.isVisibleTo(window)
    assert window.current_page_key() != MY_REQUESTS  # dismissed, not opened


def test_a_notice_speaks_the_ui_language(aio, maker_window, backend):
    window = maker_window
    order = rejected(backend, "15:32")
    aio(until(lambda: window.notices.notices() and window.returned_count.count == 1, message="notice and count"))
    [notice] = window.notices.notices()
    i18n.set_language("zh_Hant")
    try:
        aio(until(lambda: notice.open_button.text() != "Open", message="LanguageChange"))
        assert notice.text() == f"工單 #{order['id']}（設置日內融時間）已被駁回：{REASON}"
        assert (notice.open_button.text(), notice.dismiss_button.toolTip()) == ("開啟", "關閉（Esc）")
        assert window.returned_count.text() == "我發起的已批覆：1"
    finally:
        i18n.set_language("en")
