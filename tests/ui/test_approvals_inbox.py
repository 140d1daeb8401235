"""Approvals › Inbox against the real backend: orders made by the maker, decided by a checker."""

from datetime import datetime, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QPushButton

from desktop import i18n
from services.api_client import ApiClient
from services.contract.queries import WORK_ORDER_TOTAL_CAP
from services.contract.schemas import WorkOrderStatus
from services.work_orders.diff import Change
from tests.backend.margin_steps import CREATE, UPLOAD
from tests.backend.margin_steps import row as margin_row
from tests.backend.margin_steps import submit as margin_submit
from tests.backend.margin_steps import symbols as margin_symbols
from tests.backend.work_order_steps import FLOW, copies, decide, free_target, fresh_order, live_window
from tests.qt_fixtures import until
from tests.ui.approval_steps import (
    choose,
    close_approvals,
    close_window,
    open_approvals,
    open_window,
    order_now,
    press_accept,
    row_of,
    select,
)
from tests.ui.page_steps import open_page
from ui.approvals.decision_dialogs import RejectDialog
from ui.approvals.inbox_page import InboxPage
from ui.common.diff_model import CHANGE_ROLE, CHANGED_CELL_BACKGROUND
from ui.common.formatting import hk_datetime

INBOX = "approvals.inbox"
FLOW_EN = "Set day-trade window"
MAKER_NAME = "Carmen Chan 陳嘉敏"


@pytest.fixture
def open_inbox(qtbot, aio, backend, errors):
    opened = []

    def run(username: str = "checker", language: str = "en") -> tuple[InboxPage, ApiClient]:
        page, api = open_approvals(qtbot, aio, backend, errors, INBOX, username, language)
        opened.append((page, api))
        return page, api

    yield run
    for page, api in opened:
        close_approvals(aio, page, api)


def cells(page: InboxPage, order_id: int) -> list[str]:
    row = row_of(page, order_id)
    return [page.model.index(row, c).data() for c in range(page.model.columnCount())]


def awaiting(backend, username: str) -> int:
    with backend.client(username) as client:
        return client.get("/work-orders/counts").json()["awaiting_me"]


def hhmm(value: time) -> str:
    return value.strftime("%H:%M")


def test_the_inbox_lists_the_order_with_its_flow_name_and_maker(open_inbox, backend, errors):
    order = fresh_order(backend, "HK", force_close="15:41")
    page, api = open_inbox()
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    assert headers == ["No.", "Flow", "Maker", "Submitted At", "Target", "Level", "Status"]
    assert cells(page, order["id"]) == [
        f"#{order['id']}", FLOW_EN, MAKER_NAME, hk_datetime(datetime.fromisoformat(order["submitted_at"])),
        order["summary"], "1/1", "Pending"]
    assert page.export.button.isVisible()  # every work-order list exports as filtered
    assert errors == []


def test_flow_names_and_summaries_follow_the_ui_language(open_inbox, backend):
    order = fresh_order(backend, "US", force_close="15:42", enabled=False)
    assert order["summary"] == "US 09:30–15:42–16:00 (disabled)"  # stored in English, for search and audit
    i18n.set_language("zh_Hant")  # the catalogue's words (contexts "flows", "summaries"), as the app installs it
    page, _api = open_inbox(language="zh_Hant")
    assert cells(page, order["id"])[1] == "設置日內融時間"
    assert cells(page, order["id"])[4] == "US 09:30–15:42–16:00（已停用）"


def test_choosing_an_order_shows_its_diff_with_the_changed_field_flagged(aio, open_inbox, backend):
    live = live_window(backend, "HK")
    order = fresh_order(backend, "HK", force_close="15:43", enabled=False)
    page, api = open_inbox()
    shown = choose(aio, page, order["id"])
    assert shown.maker_name == MAKER_NAME and shown.status == WorkOrderStatus.PENDING
    model = page.detail.diff_model
    fields = list(model.fields)
    assert fields[0] == "market" and {"force_close", "enabled", "start"} <= set(fields)
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == "~ Changed" and model.index(0, 0).data(CHANGE_ROLE) == Change.CHANGED
    force_close = model.index(0, 1 + fields.index("force_close"))
    assert force_close.data() == f"{hhmm(live.force_close)} → 15:43"
    assert force_close.data(Qt.ItemDataRole.BackgroundRole) == CHANGED_CELL_BACKGROUND
    enabled = model.index(0, 1 + fields.index("enabled"))
    assert enabled.data() == "Yes → No" and enabled.data(Qt.ItemDataRole.BackgroundRole) == CHANGED_CELL_BACKGROUND
    start = model.index(0, 1 + fields.index("start"))
    assert start.data() == hhmm(live.start) and start.data(Qt.ItemDataRole.BackgroundRole) is None
    assert page.detail.counts.text() == "1 changed · 0 new · 0 deleted · 0 unchanged"
    assert f"#{order['id']}" in page.detail.title.text() and FLOW_EN in page.detail.title.text()
    assert page.approve_button.isEnabled() and page.reject_button.isEnabled()
    page.detail.hide_unchanged.setChecked(True)  # the one row changed: it stays
    assert model.rowCount() == 1 and model.hide_unchanged

    # Enter on the current row opens it again after the panel was cleared.
    page.detail.show_placeholder()
    page.activateWindow()
    aio(until(page.isActiveWindow, message="active window"))
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    aio(until(lambda: page.detail.order is not None and page.detail.order.id == order["id"], message="Enter"))


def test_approve_applies_the_change(aio, open_inbox, backend, errors):
    before = live_window(backend, "US")
    order = fresh_order(backend, "US", force_close="15:44")
    page, api = open_inbox()
    choose(aio, page, order["id"])
    page.approve_button.click()
    box = page.dialog  # one order is confirmed as a selection is: its flow and summary shown
    assert isinstance(box, QMessageBox) and box.text() == f"Approve work order #{order['id']}?"
    assert f"#{order['id']}  {FLOW_EN}  ·  {order['summary']}" in box.informativeText()
    assert box.findChild(QPushButton, "confirmAccept").text() == "Approve 1"
    press_accept(page)
    aio(page.wait_idle())
    assert order_now(aio, api, order["id"]).status == WorkOrderStatus.APPLIED
    after = live_window(backend, "US")
    assert hhmm(after.force_close) == "15:44" and after.version == before.version + 1
    assert page.outcome.text() == "1 approved."
    assert page.detail.order.status == WorkOrderStatus.APPLIED  # the detail shows the order as it is now
    assert not page.approve_button.isEnabled() and not page.reject_button.isEnabled()
    assert order["id"] not in [row.id for row in page.model.rows()]  # no longer awaiting me
    assert errors == []


def test_approving_a_level_someone_else_decided_meanwhile_is_refused_and_said(aio, open_inbox, backend, errors):
    """The detail shows level 1 of a two-level order; another checker approves it first: the click
    names level 1, so it is refused instead of giving the level-2 approval nobody chose to give."""
    rows = [margin_row(s, im="0.7", mcm="0.6", mm="0.5", fm="0.4")
            for s in margin_symbols(backend, "US", 1_001, with_row=True)]
    order = margin_submit(backend, UPLOAD, {"mode": "upsert", "rows": rows}).json()
    page, api = open_inbox()
    assert choose(aio, page, order["id"]).approvals == 0
    assert decide(backend, "checker2", order["id"], level=1).status_code == 200
    page.approve_button.click()
    press_accept(page)
    aio(page.wait_idle())
    assert "Level 1 of this work order has been decided meanwhile" in page.outcome.text()
    now = order_now(aio, api, order["id"])
    assert (now.status, now.approvals) == (WorkOrderStatus.PENDING, 1)
    assert errors == []
    with backend.client("maker") as maker:
        assert maker.post(f"/work-orders/{order['id']}/withdraw").status_code == 200  # frees its rows


def test_reject_needs_a_reason_and_records_it(aio, open_inbox, backend):
    order = fresh_order(backend, "HK", force_close="15:45")
    page, api = open_inbox()
    choose(aio, page, order["id"])
    page.reject_button.click()
    dialog = page.dialog
    assert isinstance(dialog, RejectDialog) and dialog.isVisible()
    assert not dialog.reject_button.isEnabled()  # no reason yet
    dialog.comment.setPlainText("   \n ")
    assert not dialog.reject_button.isEnabled()  # blanks are no reason
    dialog.comment.setPlainText("Force close too early for the closing auction")
    assert dialog.reject_button.isEnabled()
    dialog.reject_button.click()
    aio(page.wait_idle())
    rejected = order_now(aio, api, order["id"])
    assert rejected.status == WorkOrderStatus.REJECTED
    assert [d.comment for d in rejected.decisions] == ["Force close too early for the closing auction"]
    assert page.outcome.text() == f"Work order #{order['id']} rejected."
    trail = page.detail.trail
    assert trail.topLevelItem(1).text(1) == "Rejected"
    assert trail.topLevelItem(1).text(4) == "Force close too early for the closing auction"


def test_bulk_approve_confirms_the_count_and_reports_each_outcome(aio, open_inbox, backend):
    orders = [fresh_order(backend, market, force_close="15:46") for market in ("HK", "US")]
    ids = [o["id"] for o in orders]
    page, api = open_inbox()
    select(page, ids)
    assert page.approve_selected_button.text() == "Approve Selected (2)"
    page.approve_selected_button.click()
    box = page.dialog
    assert isinstance(box, QMessageBox) and box.text() == "Approve 2 work orders?"
    assert all(f"#{i}" in box.informativeText() for i in ids)
    press_accept(page)
    aio(page.wait_idle())
    assert page.outcome.text() == "2 approved."
    assert [order_now(aio, api, i).status for i in ids] == [WorkOrderStatus.APPLIED] * 2
    assert not set(ids) & {row.id for row in page.model.rows()}


def test_cancelling_the_confirmation_approves_nothing(aio, open_inbox, backend):
    order = fresh_order(backend, "HK", force_close="15:47")
    page, api = open_inbox()
    choose(aio, page, order["id"])
    page.approve_selected_button.click()  # nothing selected beyond the order on screen: that one
    assert page.dialog.text() == f"Approve work order #{order['id']}?"
    page.dialog.button(QMessageBox.StandardButton.Cancel).click()
    aio(page.wait_idle())
    assert order_now(aio, api, order["id"]).status == WorkOrderStatus.PENDING
    assert page.dialog is None and page.outcome.text() == ""


# --- in the main window ---------------------------------------------------------------------------


@pytest.fixture
def checker_window(qtbot, aio, backend, settings):
    window, api = open_window(qtbot, aio, backend, settings, "checker2")
    yield window
    close_window(aio, window, api)


def test_the_status_bar_count_rises_the_moment_an_order_arrives_and_opens_the_inbox(aio, checker_window, backend):
    """No poll: the event stream says an order arrived, and the count is read again at once."""
    window = checker_window
    free_target(backend, "US")
    aio(until(lambda: window.live.events.live, message="the event stream"))
    assert not window.inbox_count.polling  # polled every 30 s only while the stream is down
    before = awaiting(backend, "checker2")
    aio(until(lambda: window.inbox_count.count == before, message="the count as it stands"))

    fresh_order(backend, "US", force_close="15:48")
    aio(until(lambda: window.inbox_count.count == before + 1, message="the count the event asked for"))
    assert window.inbox_count.text() == f"Awaiting me: {before + 1}"
    assert window.statusBar().currentMessage() == "1 new work order awaits your approval."

    window.inbox_count.click()
    assert window.current_page_key() == INBOX
    aio(window.page(INBOX).model.fetch_all())


def _inbox_listing(aio, window, *order_ids: int):
    """The Inbox, where a checker starts, read again (as its status-bar count does) until it lists the orders."""
    window.open_inbox()
    page = window.page(INBOX)
    aio(until(lambda: set(order_ids) <= {row.id for row in page.model.rows()}, message="the orders listed"))
    return page


def test_ctrl_enter_confirms_then_says_which_order_failed_and_why(aio, checker_window, backend):
    window = checker_window
    ok, gone = (fresh_order(backend, market, force_close="15:49") for market in ("HK", "US"))
    page = _inbox_listing(aio, window, ok["id"], gone["id"])
    select(page, [ok["id"], gone["id"]])
    with backend.client("maker") as maker:  # withdrawn after the checker listed it
        assert maker.post(f"/work-orders/{gone['id']}/withdraw").status_code == 200

    window.activateWindow()
    aio(until(window.isActiveWindow, message="active window"))
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert page.dialog is not None and page.dialog.text() == "Approve 2 work orders?"
    press_accept(page)
    aio(page.wait_idle())
    # The reason is the shell's sentence for the error code (desktop/error_messages.py).
    assert page.outcome.text() == (f"1 approved, 1 failed: #{gone['id']} "
                                   "This work order is no longer pending. Please refresh.")
    assert page.outcome.property("failed") is True
    aio(window.inbox_count.refresh_now())  # the decision asked for a fresh count; let it land


def test_switching_to_traditional_chinese_retranslates_the_inbox(aio, checker_window, backend):
    window = checker_window
    order = fresh_order(backend, "HK", force_close="15:39")
    page = _inbox_listing(aio, window, order["id"])
    choose(aio, page, order["id"])
    i18n.set_language("zh_Hant")
    try:
        aio(until(lambda: page.approve_button.text() == "批准…", message="LanguageChange"))
        assert cells(page, order["id"])[1:2] + cells(page, order["id"])[-1:] == ["設置日內融時間", "待審批"]
        assert page.model.headerData(1, Qt.Orientation.Horizontal) == "流程"
        assert page.detail.diff_model.index(0, 0).data() == "~ 修改"
        assert "設置日內融時間" in page.detail.title.text()
        flows = page.filter_bar.editor("flow")
        assert flows.itemText(flows.findData(FLOW)) == "設置日內融時間"
        assert window.inbox_count.text().startswith("待我審批：")
    finally:
        i18n.set_language("en")
        aio(until(lambda: page.approve_button.text() == "Approve…", message="back to English"))


def test_a_long_inbox_says_more_than_the_cap_until_every_row_is_here(qtbot, aio, backend, errors, settings):
    """The server counts no further than the cap: the first page's line and the status bar say "more"."""
    order = fresh_order(backend, "HK", force_close="15:36")
    copies(backend, order["id"], WORK_ORDER_TOTAL_CAP)
    page, api = open_page(qtbot, aio, backend, errors, INBOX, username="checker")
    try:
        aio(until(lambda: page.model.total is not None and not page.model.loading, message="the first page"))
        assert page.status.text() == f"Loaded {page.model.loaded:,} of more than {WORK_ORDER_TOTAL_CAP:,}"
        aio(page.model.fetch_all())
        assert page.status.text() == f"Loaded {WORK_ORDER_TOTAL_CAP + 1:,} of {WORK_ORDER_TOTAL_CAP + 1:,}"
    finally:
        close_approvals(aio, page, api)
    window, api = open_window(qtbot, aio, backend, settings, "checker")
    try:
        aio(until(lambda: window.inbox_count.count is not None, message="the status bar's count"))
        assert window.inbox_count.text() == f"Awaiting me: {WORK_ORDER_TOTAL_CAP:,}+"
    finally:
        close_window(aio, window, api)


def test_without_the_inbox_permission_there_is_no_count_to_poll(qtbot, aio, backend, settings):
    window, api = open_window(qtbot, aio, backend, settings, "service")  # customer service
    try:
        assert window.inbox_count is None
    finally:
        close_window(aio, window, api)


def test_the_checker_sees_what_the_rules_warned_the_maker_of(aio, open_inbox, backend):
    """A dated change on Christmas is allowed but warned; the checker reads the warning too."""
    [symbol] = margin_symbols(backend, "HK", 1, with_row=False)
    order = margin_submit(backend, CREATE, margin_row(symbol, effective_from="2026-12-25T10:00:00+08:00")).json()
    plain = fresh_order(backend, "HK", force_close="15:38")
    page, _api = open_inbox()
    choose(aio, page, order["id"])
    assert page.detail.warnings.isVisibleTo(page.detail)
    text = page.detail.warnings.text()
    assert "Warnings (1)" in text and "Effective From" in text and "2026-12-28 09:30 HKT" in text
    choose(aio, page, plain["id"])
    assert not page.detail.warnings.isVisibleTo(page.detail) and page.detail.warnings.text() == ""
