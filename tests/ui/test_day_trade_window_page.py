"""The Day-Trade Window page against the real backend: edit in market time, rules as you type,
submit a work order, and the pending order shown on the market's card."""

from datetime import date, time

from PySide6.QtCore import QTime

from services.clients.approvals import ApprovalsClient
from tests.backend.work_order_steps import free_target
from tests.qt_fixtures import until
from tests.ui.page_steps import open_page
from ui.risk.day_trade_window_page import DayTradeWindowPage, local_times


def _open(qtbot, aio, backend, errors, user="maker"):
    page, api = open_page(qtbot, aio, backend, errors, "risk.credit.day_trade_window", user,
                          factory=DayTradeWindowPage)
    aio(until(lambda: all(card.live is not None for card in page.cards.values())))
    return page, api


def test_a_changed_window_is_submitted_as_a_work_order_and_then_shown_pending(qtbot, aio, backend, errors):
    free_target(backend, "HK")
    page, api = _open(qtbot, aio, backend, errors)
    card = page.cards["HK"]
    assert not card.submit.isEnabled()  # nothing changed yet
    card.pickers["force_close"].setTime(QTime(15, 40))
    assert card.submit.isEnabled()
    card.submit.click()
    aio(until(lambda: "#" in card.result.text()))
    order_id = int(card.result.text().split("#")[1].rstrip("."))
    approvals = ApprovalsClient(api)
    order = aio(approvals.work_order(order_id))
    assert (order.flow, order.payload["force_close"], order.maker_name) == (
        "risk.credit.set_day_trade_time_config", "15:40:00", "Carmen Chan 陳嘉敏")
    aio(until(lambda: card.live.pending_work_order_id == order_id))
    assert f"#{order_id}" in card.pending.text()
    assert not card.submit.isEnabled()  # one pending order per market
    aio(approvals.withdraw(order_id))
    aio(page.ops.wait_idle())
    aio(api.aclose())
    assert errors == []


def test_a_broken_rule_is_shown_beside_its_field_and_blocks_submit(qtbot, aio, backend, errors):
    free_target(backend, "US")
    page, api = _open(qtbot, aio, backend, errors)
    card = page.cards["US"]
    card.pickers["end"].setTime(QTime(15, 0))
    card.pickers["force_close"].setTime(QTime(15, 30))
    assert card.errors["force_close"].text() == "Force-close 15:30 must not be after the end 15:00."
    assert not card.submit.isEnabled()
    card.revert.click()
    assert card.errors["force_close"].text() == "" and not card.revert.isEnabled()
    aio(page.ops.wait_idle())
    aio(api.aclose())


def test_hong_kongs_lunch_break_is_outside_the_session(qtbot, aio, backend, errors):
    free_target(backend, "HK")
    page, api = _open(qtbot, aio, backend, errors)
    card = page.cards["HK"]
    assert "09:30–12:00, 13:00–16:00" in card.title()  # the exchange calendar's session
    card.pickers["start"].setTime(QTime(12, 30))
    assert card.errors["start"].text() == "12:30 is outside the HK session 09:30–12:00, 13:00–16:00."
    assert not card.submit.isEnabled()
    card.pickers["start"].setTime(QTime(13, 0))
    assert card.errors["start"].text() == "" and card.submit.isEnabled()
    aio(page.ops.wait_idle())
    aio(api.aclose())


def test_a_checker_sees_the_windows_without_a_submit_button(qtbot, aio, backend, errors):
    page, api = _open(qtbot, aio, backend, errors, user="checker")
    assert all(card.submit.isHidden() for card in page.cards.values())
    aio(page.ops.wait_idle())
    aio(api.aclose())


def test_local_times_follow_the_markets_daylight_saving():
    # New York 09:30 is 13:30 UTC in summer (EDT) and 14:30 UTC in winter (EST).
    import os
    import time as clock

    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    clock.tzset()
    try:
        summer = local_times("America/New_York", [time(9, 30)], date(2026, 7, 1))
        winter = local_times("America/New_York", [time(9, 30)], date(2026, 12, 1))
        late = local_times("Asia/Hong_Kong", [time(9, 30)], date(2026, 7, 1))
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        clock.tzset()
    assert summer == [(time(13, 30), 0)] and winter == [(time(14, 30), 0)]
    assert late == [(time(1, 30), 0)]
