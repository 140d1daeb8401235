"""Identity › Roles against the in-process backend: each role's permissions grouped by menu area
in words, in both languages; the administrator role not editable; a new role and an edit submitted
for another administrator's decision; and what that administrator reads in the approvals detail."""

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop import i18n
from desktop.error_messages import message_for
from services.contract.identity import ROLE_UPDATE_FLOW, USER_UPDATE_FLOW
from services.contract.permission_areas import all_permission_codes, area_of
from services.contract.permissions import Perm
from tests.qt_fixtures import until
from tests.ui.approval_steps import choose, close_approvals, open_approvals
from tests.ui.page_steps import open_page
from ui.common.page_context import PageContext
from ui.identity.change_view import IdentityChangeView
from ui.identity.permission_labels import known_codes, permission_label
from ui.identity.role_editor import RoleEditorDialog
from ui.identity.roles_page import RolesPage

PAGE = "identity.roles"


def with_shell_texts(ctx: PageContext) -> RolesPage:
    return RolesPage(replace(ctx, error_text=message_for, ui_language=i18n.current_language))


@pytest.fixture
def roles_page(qtbot, aio, backend, errors):
    opened = []

    def run(username: str = "admin") -> RolesPage:
        page, api = open_page(qtbot, aio, backend, errors, PAGE, username=username, factory=with_shell_texts)
        opened.append((page, api))
        return page

    yield run
    for page, api in opened:
        if page.dialog is not None:
            page.dialog.close()
        aio(page.wait_idle())
        aio(api.aclose())


def tree_texts(page: RolesPage) -> dict[str, list[tuple[str, str]]]:
    tree = page.permissions
    return {tree.topLevelItem(i).text(0): [(tree.topLevelItem(i).child(j).text(0), tree.topLevelItem(i).child(j).text(1))
                                           for j in range(tree.topLevelItem(i).childCount())]
            for i in range(tree.topLevelItemCount())}


def editor(page: RolesPage) -> RoleEditorDialog:
    assert isinstance(page.dialog, RoleEditorDialog) and page.dialog.isVisible(), "no role editor on screen"
    return page.dialog


def submitted(aio, page: RolesPage) -> int:
    aio(until(lambda: page.controller.settled and not page.controller.acting, message="submitted and read again"))
    aio(page.wait_idle())
    text, failed = page.controller.outcome
    assert not failed, text
    return int(text.split("#")[1].split(":")[0])


def test_every_permission_code_has_words_in_both_languages():
    codes = set(all_permission_codes())
    worded = {code: permission_label(code) for code in codes}
    assert all(text != code for code, text in worded.items()), [c for c, t in worded.items() if t == c]
    assert permission_label("approval.decide:risk.credit.upload_stock_margin_ratio") == (
        "Approve: Upload long stock margin")
    assert permission_label("some.future.code") == "some.future.code"
    assert known_codes() <= codes
    i18n.set_language("zh_Hant")
    try:
        assert permission_label(Perm.MARGIN_CALL_QUERY.value) == "借幣客戶：查閱"
        assert permission_label(USER_UPDATE_FLOW) == "提交：變更用戶角色"
        assert all(not permission_label(code).isascii() for code in codes)
    finally:
        i18n.set_language("en")


def test_a_roles_permissions_show_by_area_in_words_and_the_administrator_role_is_not_edited(roles_page, errors):
    page = roles_page()
    assert [r.code for r in page.controller.roles][:2] == ["ops_maker", "risk_checker"]
    page.select_role("customer_service")
    assert tree_texts(page) == {
        "Risk (1)": [("Auto-Convert Query: view", "margin_call.auto_convert_query")],
        "Message Center (2)": [("Message Records: view", "message.record.view"),
                               ("Message Records: resend", "message.record.resend")]}
    assert page.title.text() == "Customer service (客戶服務) · customer_service · 3 permission(s)"
    assert page.buttons["edit"].isEnabled()
    page.select_role("admin")
    assert not page.buttons["edit"].isEnabled()
    assert page.buttons["edit"].toolTip() == "The administrator role holds every permission and cannot be edited."
    assert sum(len(codes) for codes in tree_texts(page).values()) == len(all_permission_codes())
    page.open_editor(new=False)
    assert page.dialog is None and not errors


def test_the_page_speaks_chinese(roles_page, errors):
    i18n.set_language("zh_Hant")
    try:
        page = roles_page()
        page.select_role("risk_checker")
        texts = tree_texts(page)
        risk = len([c for c in page.controller.current.permissions if area_of(c) == "Risk"])
        assert f"風控管理 ({risk})" in texts and "工單審批 (1)" in texts
        assert ("審批：上傳多頭股票保證金", "approval.decide:risk.credit.upload_stock_margin_ratio") in texts[
            f"風控管理 ({risk})"]
        assert page.title.text().startswith("風控覆核（Risk checker）")
        assert page.buttons["new"].text() == "新增角色…"
    finally:
        i18n.set_language("en")
    assert not errors


def test_a_new_role_is_made_in_the_editor_and_waits_for_approval(roles_page, qtbot, aio, backend, errors):
    page = roles_page()
    page.activateWindow()
    aio(until(page.isActiveWindow, message="active window"))
    QTest.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = editor(page)
    assert dialog.windowTitle() == "New Role" and not dialog.accept_button.isEnabled()
    qtbot.keyClicks(dialog.code, "Desk")
    assert dialog.notes["code"].text().startswith("Code: 2 to 64 lower-case letters")
    dialog.code.clear()
    qtbot.keyClicks(dialog.code, "risk_checker")
    assert dialog.notes["code"].text() == "Code: a role has it already; edit that role instead."
    dialog.code.clear()
    qtbot.keyClicks(dialog.code, "desk_viewer")
    qtbot.keyClicks(dialog.name_en, "Desk viewer")
    dialog.name_zh.setText("交易台查閱")
    qtbot.keyClicks(dialog.search, "borrowing")
    shown = [item.text(1) for item in dialog._items() if not item.isHidden()]
    assert shown == [Perm.MARGIN_CALL_QUERY.value]
    dialog.set_permission(Perm.MARGIN_CALL_QUERY.value, True)
    dialog.set_permission(Perm.STOCK_MARGIN_VIEW.value, True)
    assert dialog.summary.text() == "2 permission(s): adds 2, removes 0."
    qtbot.keyClicks(dialog.note, "For the dealing desk's supervisors")
    dialog.accept_button.click()
    order = submitted(aio, page)
    with backend.client("admin2") as other:
        detail = other.get(f"/work-orders/{order}").json()
    assert (detail["flow"], detail["payload"]["permissions"], detail["payload"]["note"]) == (
        ROLE_UPDATE_FLOW, [Perm.MARGIN_CALL_QUERY.value, Perm.STOCK_MARGIN_VIEW.value],
        "For the dealing desk's supervisors")
    assert not errors


def test_an_edit_removes_a_permission_and_the_role_then_waits(roles_page, qtbot, aio, errors):
    page = roles_page()
    page.select_role("customer_service")
    page.activateWindow()
    aio(until(page.isActiveWindow, message="active window"))
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_F2)
    dialog = editor(page)
    assert dialog.windowTitle() == "Edit Role customer_service" and not dialog.code.isEnabled()
    assert not dialog.accept_button.isEnabled()  # nothing changed yet
    dialog.set_permission(Perm.MESSAGE_RECORD_RESEND.value, False)
    assert dialog.summary.text() == "2 permission(s): adds 0, removes 1."
    dialog.accept_button.click()
    order = submitted(aio, page)
    assert page.controller.current.pending_work_order_id == order
    assert page.model.index([r.code for r in page.controller.roles].index("customer_service"), 4).data() == (
        f"Awaiting approval (#{order})")
    assert not page.buttons["edit"].isEnabled() and f"#{order}" in page.buttons["edit"].toolTip()
    assert not errors


def test_the_deciding_administrator_reads_what_the_change_adds_and_removes(qtbot, aio, backend, errors):
    with backend.client("admin") as admin:
        response = admin.post("/work-orders", headers={"Idempotency-Key": "role"}, json={
            "flow": ROLE_UPDATE_FLOW, "payload": {
                "code": "customer_service", "name_en": "Client service", "name_zh": "客戶服務",
                "permissions": [Perm.MESSAGE_RECORD_VIEW.value, Perm.HELP_ARTICLE_VIEW.value],
                "note": "Resends move to the <b>operations</b> desk"}})
        role_order = response.json()["id"]
        user_order = admin.post("/work-orders", headers={"Idempotency-Key": "user"}, json={
            "flow": USER_UPDATE_FLOW, "payload": {"username": "funds", "roles": ["customer_service"]}}).json()["id"]
    page, api = open_approvals(qtbot, aio, backend, errors, "approvals.inbox", "admin2")
    try:
        choose(aio, page, role_order)
        view = page.detail.change_view
        assert isinstance(view, IdentityChangeView) and view.isVisible()
        text = view.text.toPlainText()
        assert "Role customer_service" in text and "Customer service → Client service" in text
        assert "Permissions added (1)" in text and "Help Center › Articles: view (help_center.article.view)" in text
        assert "Permissions removed (2)" in text and "Risk › Auto-Convert Query: view" in text
        assert "Resends move to the <b>operations</b> desk" in text  # shown as written, never as markup
        choose(aio, page, user_order)
        text = page.detail.change_view.text.toPlainText()
        assert "Roles of Vivian Tsang 曾曉彤 (funds)" in text
        assert "+ Customer service (customer_service)" in text and "− Fund operations (fund_ops)" in text
    finally:
        close_approvals(aio, page, api)
    assert not errors
