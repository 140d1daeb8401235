"""The approver's and the maker's views in Approvals against the real backend: the CC'd-to-me list
(read only), the approval route in the detail (levels, modes, approvers, who decided, CC, blocked),
blocked rows marked, empty lists that say why, the export of a list as filtered, and Ctrl+Enter in
the decision dialogs."""

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QPushButton

from desktop import i18n
from services.contract.flow_names import flow_name
from services.contract.flows import FLOWS
from services.contract.queries import ExportLanguage
from services.contract.schemas import WorkOrderStatus
from tests.backend.chain_steps import WINDOW, change_chain, level, new_user, set_active
from tests.backend.work_order_steps import decide, fresh_order
from tests.qt_fixtures import until
from tests.ui.approval_steps import choose, close_approvals, open_approvals, order_now, row_of
from ui.approvals import labels
from ui.approvals.cc_me_page import CcMePage
from ui.approvals.decision_dialogs import RejectDialog

CC_ME = "approvals.cc_me"
INBOX = "approvals.inbox"
MY_REQUESTS = "approvals.my_requests"
FLOW_EN = "Set day-trade window"


@pytest.fixture
def open_list(qtbot, aio, backend, errors):
    opened = []

    def run(key: str, username: str, language: str = "en"):
        page, api = open_approvals(qtbot, aio, backend, errors, key, username, language)
        opened.append((page, api))
        return page, api

    yield run
    for page, api in opened:
        close_approvals(aio, page, api)


@pytest.fixture
def two_levels(backend) -> dict:
    """A window order whose chain has two levels (the checker; then two new people jointly) and copies
    a third person; returns the order and the people's usernames."""
    first, second, copied = (new_user(backend, "risk_checker") for _ in range(3))
    change_chain(backend, WINDOW, {"levels": [level(users=("checker",)), level(users=(first, second), mode="all")],
                                   "cc": {"users": [copied]}})
    order = fresh_order(backend, "HK", force_close="15:40")
    return {"order": order, "first": first, "second": second, "copied": copied}


def _name(username: str) -> str:
    return f"Tester {username}"


def test_the_cc_list_shows_what_i_was_copied_on_read_only(aio, open_list, two_levels, errors):
    order = two_levels["order"]
    page, _api = open_list(CC_ME, two_levels["copied"])
    assert isinstance(page, CcMePage)
    assert [row.id for row in page.model.rows()] == [order["id"]]
    shown = choose(aio, page, order["id"])
    assert shown.id == order["id"] and page.detail.route.cc.text() == f"CC: {_name(two_levels['copied'])}"
    # Read only: the page's only button is the export.
    assert [b.objectName() for b in page.findChildren(QPushButton) if b.isVisibleTo(page)
            and b.parent() is page] == ["exportButton"]
    assert not page.empty_note.isVisible()
    assert errors == []


def test_the_detail_shows_the_route_who_decided_and_a_blocked_order_in_red(aio, open_list, backend, two_levels):
    order, first, second = two_levels["order"], two_levels["first"], two_levels["second"]
    assert decide(backend, "checker", order["id"]).json()["approvals"] == 1
    page, _api = open_list(MY_REQUESTS, "maker")
    choose(aio, page, order["id"])
    route = page.detail.route
    rows = [[route.levels.topLevelItem(r).text(c) for c in range(4)] for r in range(route.levels.topLevelItemCount())]
    assert rows == [
        ["1", "Any one approves", "Kelvin Wong 黃家豪", "Kelvin Wong 黃家豪 ✓"],
        ["2", "All approve", ", ".join(sorted([_name(first), _name(second)])), ""],
    ]
    assert route.levels.topLevelItem(1).font(0).bold()  # the level awaiting a decision now
    assert not route.blocked.isVisibleTo(route)

    set_active(backend, second, False)  # a joint level with a disabled approver can never complete
    page.refresh()
    aio(page.wait_idle())
    cell = page.model.index(row_of(page, order["id"]), page.model.columnCount() - 1)
    assert cell.data() == "Pending · Blocked"
    assert cell.data(Qt.ItemDataRole.ForegroundRole) == QColor("#b42318")
    page.open_order(order["id"], force=True)
    aio(page.wait_idle())
    assert route.blocked.isVisibleTo(route) and "#b42318" in route.blocked.text()
    assert f"Blocked: level 2 has no approver left who can decide it ({_name(second)} is disabled)" \
        in route.blocked.text()
    assert f"{_name(second)} (disabled)" in route.levels.topLevelItem(1).text(2)


def test_the_route_speaks_chinese(aio, open_list, two_levels):
    page, _api = open_list(CC_ME, two_levels["copied"], language="zh_Hant")
    from desktop import i18n

    i18n.set_language("zh_Hant")
    try:
        choose(aio, page, two_levels["order"]["id"])
        route = page.detail.route
        assert [route.levels.topLevelItem(r).text(1) for r in range(2)] == ["或簽", "會簽"]
        assert route.caption.text() == "審批路線"
        assert page.status.text() and page.model.headerData(1, Qt.Orientation.Horizontal) == "流程"
    finally:
        i18n.set_language("en")


def test_empty_lists_say_why_and_name_the_filter(aio, open_list):
    inbox, _ = open_list(INBOX, "maker")  # the maker approves nothing
    aio(until(inbox.empty_note.isVisible, message="the inbox's empty note"))
    assert inbox.empty_note.text() == "Nothing awaits your decision."
    cc, _ = open_list(CC_ME, "checker")
    aio(until(cc.empty_note.isVisible, message="the CC list's empty note"))
    assert cc.empty_note.text() == "No order was CC'd to you."
    cc.filter_bar.set_values(flow=WINDOW, maker="maker")
    cc.filter_bar.search()
    aio(cc.wait_idle())
    assert cc.empty_note.isVisible()
    assert cc.empty_note.text() == (f"No order CC'd to you matches the filter "
                                    f"(Flow: {FLOW_EN}; Maker User Name: maker).")


def test_the_list_exports_as_filtered_in_the_users_language(aio, open_list, backend, tmp_path):
    orders = [fresh_order(backend, market, force_close="15:39") for market in ("HK", "US")]
    page, _api = open_list(INBOX, "checker", language="zh_Hant")
    page.filter_bar.set_values(flow=WINDOW)
    page.filter_bar.search()
    aio(page.model.fetch_all())
    target = tmp_path / "inbox.xlsx"
    assert aio(page.export_to(target)) is True
    rows = list(load_workbook(target, read_only=True).active.values)
    assert rows[0][:3] == ("編號", "流程", "發起人")
    assert [r[0] for r in rows[1:]] == [row.id for row in page.model.rows()] == [o["id"] for o in reversed(orders)]
    assert {r[6] for r in rows[1:]} == {"待審批"}
    assert {r[1] for r in rows[1:]} == {"設置日內融時間"}  # the flow's Chinese name, not its English one


def test_every_flow_reads_in_chinese_as_the_export_writes_it(shell_app):
    """The desktop names flows through Qt's catalogue, the backend from the translation file: the same words."""
    i18n.set_language("zh_Hant")
    assert {f.id: labels.flow_name(f.id) for f in FLOWS} == {f.id: flow_name(f.id, ExportLanguage.ZH_HANT)
                                                             for f in FLOWS}


def test_approve_alone_is_confirmed_with_its_summary_and_ctrl_enter_confirms(aio, open_list, backend):
    order = fresh_order(backend, "US", force_close="15:37")
    page, api = open_list(INBOX, "checker")
    choose(aio, page, order["id"])
    page.approve_button.click()
    box = page.dialog
    assert isinstance(box, QMessageBox) and box.text() == f"Approve work order #{order['id']}?"
    assert f"{FLOW_EN}  ·  {order['summary']}" in box.informativeText()
    box.activateWindow()
    aio(until(box.isActiveWindow, message="the confirmation active"))
    QTest.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    aio(page.wait_idle())
    assert order_now(aio, api, order["id"]).status == WorkOrderStatus.APPLIED


def test_ctrl_enter_rejects_only_with_a_reason(aio, open_list, backend):
    order = fresh_order(backend, "HK", force_close="15:36")
    page, api = open_list(INBOX, "checker")
    choose(aio, page, order["id"])
    page.reject_button.click()
    dialog = page.dialog
    assert isinstance(dialog, RejectDialog)
    dialog.activateWindow()
    aio(until(dialog.isActiveWindow, message="the reject dialog active"))
    dialog.comment.setFocus()
    QTest.keyClick(dialog.comment, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()  # no reason yet: nothing sent
    dialog.comment.setPlainText("Too early")
    QTest.keyClick(dialog.comment, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)  # the keypad's
    aio(page.wait_idle())
    rejected = order_now(aio, api, order["id"])
    assert rejected.status == WorkOrderStatus.REJECTED and rejected.decisions[0].comment == "Too early"
