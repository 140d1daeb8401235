"""Identity › Users against the in-process backend: the list filtered as typed; a new user whose
one-time password is shown once with a copy button; disabling with a confirmation, which ends the
user's sessions, and enabling; a reset; a change of roles submitted with a note; one's own account
left alone; the keyboard; and a refusal said in the user's language."""

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from desktop import i18n
from desktop.error_messages import message_for
from tests.qt_fixtures import until
from tests.ui.page_steps import open_page
from ui.common.page_context import PageContext
from ui.identity.user_dialogs import NewUserDialog, OneTimePasswordDialog, UserRolesDialog
from ui.identity.users_page import UsersPage

PAGE = "identity.users"


def with_shell_texts(ctx: PageContext) -> UsersPage:
    return UsersPage(replace(ctx, error_text=message_for, ui_language=i18n.current_language))


@pytest.fixture
def users_page(qtbot, aio, backend, errors):
    opened = []

    def run(username: str = "admin") -> UsersPage:
        page, api = open_page(qtbot, aio, backend, errors, PAGE, username=username, factory=with_shell_texts)
        opened.append((page, api))
        return page

    yield run
    for page, api in opened:
        if page.dialog is not None:
            page.dialog.close()
        aio(page.wait_idle())
        aio(api.aclose())


def settled(aio, page: UsersPage) -> None:
    aio(until(lambda: page.controller.settled and not page.controller.acting, message="the answer and the list"))
    aio(page.wait_idle())


def press(aio, page: UsersPage, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed in the list, the window active."""
    page.activateWindow()
    aio(until(page.isActiveWindow, message="active window"))
    page.table.setFocus()
    QTest.keyClick(page.table, key, modifier)


def shown_dialog(page: UsersPage, kind):
    assert isinstance(page.dialog, kind) and page.dialog.isVisible(), f"no {kind.__name__} on screen"
    return page.dialog


def cell(page: UsersPage, username: str, header: str) -> str:
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    row = [u.username for u in page.controller.shown].index(username)
    return page.model.index(row, headers.index(header)).data()


def test_the_list_shows_each_user_and_filters_as_typed(users_page, qtbot, errors):
    page = users_page()
    assert page.model.rowCount() == len(page.controller.users) == 9  # the demo users
    assert cell(page, "checker", "Roles") == "Risk checker" and cell(page, "checker", "Status") == "Active"
    qtbot.keyClicks(page.filter, "content")
    assert [u.username for u in page.controller.shown] == ["editor", "publisher"]
    assert page.count.text() == f"2 of {len(page.controller.users)} users"
    page.status.setCurrentIndex(page.status.findData("disabled"))
    assert page.model.rowCount() == 0
    assert not errors


def test_a_new_user_gets_a_one_time_password_shown_once_with_a_copy_button(users_page, qtbot, aio, backend, errors):
    page = users_page()
    press(aio, page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = shown_dialog(page, NewUserDialog)
    qtbot.keyClicks(dialog.username, "Ops Lee")
    assert dialog.notes["username"].text().startswith("Username: 3 to 64 lower-case letters")
    assert not dialog.accept_button.isEnabled()
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, "checker")
    assert dialog.notes["username"].text() == "Username: another user has it, perhaps a disabled one."
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, "ops.lee")
    qtbot.keyClicks(dialog.display_name, "Lee Ka Ho")  # QTest types ASCII only
    assert dialog.notes["username"].text() == "" and dialog.accept_button.isEnabled()
    dialog.accept_button.click()
    settled(aio, page)
    shown = shown_dialog(page, OneTimePasswordDialog)
    password = shown.password.text()
    assert len(password) == 19 and "Lee Ka Ho (ops.lee)" in shown.findChildren(type(shown.password))[0].text()
    shown.copy_button.click()
    assert QGuiApplication.clipboard().text() == password and shown.copy_button.text() == "Copied"
    assert backend.login("ops.lee", password).json()["password_change_required"] is True
    assert page.controller.current.username == "ops.lee"
    assert cell(page, "ops.lee", "Status") == "Must change password" and cell(page, "ops.lee", "Roles") == ""
    shown.reject()
    assert password not in {str(getattr(u, "model_dump", dict)()) for u in page.controller.users}
    assert not errors


def test_disabling_asks_first_ends_the_sessions_and_enabling_undoes_it(users_page, qtbot, aio, backend, errors):
    page = users_page()
    token = backend.fresh_token("service")
    page.select_user("service")
    assert page.buttons["toggle"].text() == "Disable…"
    press(aio, page, Qt.Key.Key_Delete)
    assert page.dialog is not None and "Disable Peter Ho 何志明 (service)?" == page.dialog.text()
    page.dialog.findChild(QPushButton, "confirmAccept").click()
    settled(aio, page)
    assert cell(page, "service", "Status") == "Disabled" and page.buttons["toggle"].text() == "Enable…"
    assert page.outcome.text() == "Disabled service: their sessions have ended."
    with backend.client(token=token) as client:
        assert client.get("/me").json()["code"] == "token_revoked"
    page.buttons["toggle"].click()
    page.dialog.findChild(QPushButton, "confirmAccept").click()
    settled(aio, page)
    assert cell(page, "service", "Status") == "Active" and backend.login("service").status_code == 200
    assert not errors


def test_a_reset_asks_first_and_shows_the_new_one_time_password(users_page, qtbot, aio, backend, errors):
    page = users_page()
    page.select_user("funds")
    press(aio, page, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    page.dialog.findChild(QPushButton, "confirmAccept").click()
    settled(aio, page)
    password = shown_dialog(page, OneTimePasswordDialog).password.text()
    assert backend.login("funds").json()["code"] == "invalid_credentials"
    assert backend.login("funds", password).json()["password_change_required"] is True
    assert page.outcome.text() == "Reset the password of funds: their sessions have ended."
    assert not errors


def test_a_change_of_roles_is_submitted_with_a_note_and_waits(users_page, qtbot, aio, backend, errors):
    page = users_page()
    page.select_user("funds")
    press(aio, page, Qt.Key.Key_F2)
    dialog = shown_dialog(page, UserRolesDialog)
    assert dialog.chosen_roles() == ["fund_ops"] and not dialog.accept_button.isEnabled()
    dialog.set_role("customer_service", True)
    assert dialog.summary.text() == "Adds 1, removes 0."
    qtbot.keyClicks(dialog.note, "Covers the message desk in December")
    dialog.accept_button.click()
    settled(aio, page)
    order = page.controller.current.pending_work_order_id
    assert order is not None and cell(page, "funds", "Awaiting Approval") == f"Work order #{order}"
    assert not page.buttons["roles"].isEnabled() and f"#{order}" in page.buttons["roles"].toolTip()
    with backend.client("admin2") as other:
        shown = other.get(f"/work-orders/{order}").json()
    assert shown["payload"] == {"username": "funds", "roles": ["customer_service", "fund_ops"],
                                "note": "Covers the message desk in December"}
    assert not errors


def test_ones_own_account_offers_nothing_but_says_why(users_page, errors):
    page = users_page()
    page.select_user("admin")
    for name in ("roles", "toggle", "reset"):
        assert not page.buttons[name].isEnabled()
    assert page.buttons["roles"].toolTip() == "Your own roles are changed by another administrator."
    page.open_roles()
    page.confirm_toggle()
    assert page.dialog is None and not errors


def test_a_refusal_is_said_in_the_users_language_and_the_list_read_again(users_page, aio, backend, errors):
    page = users_page()
    page.select_user("editor")
    with backend.client("admin2") as other:  # another administrator was first
        other.post("/work-orders", json={"flow": "identity.user.update",
                                         "payload": {"username": "editor", "roles": ["content_approver"]}},
                   headers={"Idempotency-Key": "first"}).raise_for_status()
    i18n.set_language("zh_Hant")
    try:
        page.controller.change_roles(["content_editor", "fund_ops"], "")
        settled(aio, page)
        assert page.outcome.text().startswith("此項目已在另一張工單中等待審批")
        assert page.controller.current.pending_work_order_id is not None
        assert page.buttons["new"].text() == "新增用戶…"
    finally:
        i18n.set_language("en")
    assert not errors
