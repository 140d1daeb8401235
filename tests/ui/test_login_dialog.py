"""The sign-in dialog against a live backend: fields, Enter, errors, demo users, memory."""

import socket

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit

from desktop.login_dialog import LoginDialog
from desktop.preparation import Preparation
from services.api_client import ApiClient
from services.clients.session import SessionClient
from tests.qt_fixtures import until


@pytest.fixture
def api(backend, aio):
    client = backend.api_client()
    yield client
    aio(client.aclose())


def unused_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def make_dialog(qtbot, aio, api, settings, embedded=True) -> LoginDialog:
    dialog = LoginDialog(Preparation.connected(api, embedded=embedded), settings)
    qtbot.addWidget(dialog)
    dialog.show()
    # Let the demo-user request finish so no task outlives the test.
    aio(until(lambda: dialog.demo_users_loaded, message="demo users"))
    return dialog


def test_shows_the_server_and_masks_the_password(qtbot, aio, api, settings, backend):
    dialog = make_dialog(qtbot, aio, api, settings)
    assert dialog.server_value.text() == backend.url
    assert dialog.password_edit.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.sign_in_button.isDefault()
    assert dialog.windowTitle() == "Sign in to OpsDesk"
    assert not dialog.error_label.isVisible()


def test_enter_signs_in_without_blocking_and_remembers_the_user(qtbot, aio, api, settings):
    dialog = make_dialog(qtbot, aio, api, settings)
    qtbot.keyClicks(dialog.username_edit, "maker")
    qtbot.keyClicks(dialog.password_edit, "maker-demo")
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    # The request is in flight on the loop: the dialog is busy, not frozen.
    assert dialog.is_busy
    assert not dialog.sign_in_button.isEnabled()
    assert dialog.sign_in_button.text() == "Signing in…"
    aio(until(lambda: dialog.result() == QDialog.DialogCode.Accepted, message="accepted"))
    assert dialog.me is not None and dialog.me.username == "maker"
    assert api.token
    assert settings.last_username == "maker"

    again = make_dialog(qtbot, aio, ApiClient("http://unused.invalid"), settings, embedded=False)
    assert again.username_edit.text() == "maker"
    aio(again.preparation.api.aclose())


def test_wrong_password_shows_the_error_and_stays_open(qtbot, aio, api, settings):
    dialog = make_dialog(qtbot, aio, api, settings)
    dialog.username_edit.setText("maker")
    dialog.password_edit.setText("not-the-password")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    aio(until(lambda: not dialog.is_busy, message="answer"))
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.me is None and api.token is None
    assert dialog.error_text == "The username or password is incorrect."
    assert dialog.error_label.isVisible()
    assert dialog.password_edit.isEnabled() and dialog.sign_in_button.isEnabled()
    assert settings.last_username == ""


def test_empty_fields_are_caught_before_the_network(qtbot, aio, api, settings):
    dialog = make_dialog(qtbot, aio, api, settings)
    qtbot.keyClick(dialog.username_edit, Qt.Key.Key_Return)
    assert dialog.error_text == "Please enter your username."
    assert not dialog.is_busy


def test_unreachable_server_is_reported_as_a_network_error(qtbot, aio, settings):
    api = ApiClient(unused_url())
    dialog = make_dialog(qtbot, aio, api, settings, embedded=False)
    dialog.username_edit.setText("maker")
    dialog.password_edit.setText("maker-demo")
    dialog.submit()
    aio(until(lambda: not dialog.is_busy, message="answer"))
    assert dialog.error_text.startswith("Cannot reach the server.")
    assert dialog.isVisible()
    aio(api.aclose())


def test_demo_users_are_listed_and_a_click_fills_the_fields(qtbot, aio, api, settings):
    dialog = make_dialog(qtbot, aio, api, settings)
    expected = aio(SessionClient(api).demo_users())
    rows = [dialog.demo_list.topLevelItem(i) for i in range(dialog.demo_list.topLevelItemCount())]
    assert [(r.text(0), r.text(1)) for r in rows] == [(u.username, u.display_name) for u in expected]
    checker = next(r for r in rows if r.text(0) == "checker")
    assert checker.text(2) == "Risk checker"

    rect = dialog.demo_list.visualItemRect(checker)
    qtbot.mouseClick(dialog.demo_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.username_edit.text() == "checker"
    assert dialog.password_edit.text() == "checker-demo"


def test_without_the_embedded_server_no_demo_list(qtbot, aio, api, settings):
    dialog = make_dialog(qtbot, aio, api, settings, embedded=False)
    assert not dialog.demo_list.isVisible()


def test_escape_cancels(qtbot, aio, api, settings):
    dialog = make_dialog(qtbot, aio, api, settings)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()
    assert dialog.me is None


def test_escape_while_signing_in_abandons_the_attempt(qtbot, aio, api, settings):
    dialog = make_dialog(qtbot, aio, api, settings)
    dialog.username_edit.setText("maker")
    dialog.password_edit.setText("maker-demo")
    dialog.submit()
    assert dialog.is_busy
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    aio(dialog.ops.wait_idle())  # the cancelled sign-in has ended
    assert dialog.me is None
    assert settings.last_username == ""


def _one_time_password(backend, username: str) -> str:
    with backend.client("admin") as admin:
        response = admin.post("/identity/users", json={"username": username, "display_name": "Lee Ka Ho"})
    assert response.status_code == 201, response.text
    return response.json()["one_time_password"]


def _sign_in_with(qtbot, dialog: LoginDialog, username: str, password: str) -> None:
    dialog.username_edit.clear()
    qtbot.keyClicks(dialog.username_edit, username)
    dialog.password_edit.clear()
    qtbot.keyClicks(dialog.password_edit, password)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)


def test_a_one_time_password_asks_for_ones_own_and_signs_in_with_it(qtbot, aio, api, settings, backend):
    otp = _one_time_password(backend, "ops.lee")
    dialog = make_dialog(qtbot, aio, api, settings)
    _sign_in_with(qtbot, dialog, "ops.lee", otp)
    aio(until(lambda: dialog.password_dialog is not None and dialog.password_dialog.isVisible(),
              message="the password dialog"))
    chooser = dialog.password_dialog
    assert chooser.windowTitle() == "Choose Your Password" and "one-time password" in chooser.hint_label.text()
    assert not chooser.current_edit.isVisible() and chooser.new_edit.hasFocus()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.me is None
    qtbot.keyClicks(chooser.new_edit, "harbour-lights-2026")
    qtbot.keyClicks(chooser.repeat_edit, "harbour-lights-2026")
    chooser.change_button.click()
    aio(until(lambda: dialog.result() == QDialog.DialogCode.Accepted, message="signed in with the new password"))
    assert dialog.me.username == "ops.lee" and settings.last_username == "ops.lee"
    assert backend.login("ops.lee", otp).status_code == 401  # the one-time password is gone
    assert backend.login("ops.lee", "harbour-lights-2026").json()["password_change_required"] is False


def test_cancelling_the_choice_ends_the_one_time_session_and_says_why(qtbot, aio, api, settings, backend):
    otp = _one_time_password(backend, "ops.ho")
    dialog = make_dialog(qtbot, aio, api, settings)
    _sign_in_with(qtbot, dialog, "ops.ho", otp)
    aio(until(lambda: dialog.password_dialog is not None and dialog.password_dialog.isVisible(),
              message="the password dialog"))
    token = api.token
    dialog.password_dialog.reject()
    aio(until(lambda: not dialog.ops.busy, message="signed out"))
    assert dialog.error_text.startswith("Choose your own password to sign in")
    assert dialog.result() != QDialog.DialogCode.Accepted and not api.token
    with backend.client(token=token) as client:
        assert client.get("/me").json()["code"] == "token_revoked"
