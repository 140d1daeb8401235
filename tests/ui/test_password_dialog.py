"""Change password, each test on a database of its own (a changed password stays changed): local
checks, a wrong current password, and success ending every session of the user."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from desktop.main_window import MainWindow, Outcome
from desktop.offline_session import open_workstation
from desktop.password_dialog import MIN_LENGTH, PasswordDialog
from services.api_client import ApiClient, ApiError
from services.clients.session import SessionClient
from services.offline import drafts, proof
from services.offline.models import OutboxItem
from tests.qt_fixtures import no_pending_tasks, until

NEW = "harbour-lights-2026"


@pytest.fixture
def signed_in(backend, aio):
    clients: list[ApiClient] = []

    def run(username: str, password: str | None = None) -> ApiClient:
        api = backend.api_client()
        clients.append(api)
        aio(SessionClient(api).login(username, password or f"{username}-demo"))
        return api

    yield run
    for api in clients:
        aio(api.aclose())


def _dialog(qtbot, api) -> PasswordDialog:
    dialog = PasswordDialog(api)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _fill(qtbot, dialog: PasswordDialog, current: str, new: str, repeat: str | None = None) -> None:
    for edit, text in ((dialog.current_edit, current), (dialog.new_edit, new),
                       (dialog.repeat_edit, new if repeat is None else repeat)):
        edit.clear()
        qtbot.keyClicks(edit, text)


def test_the_fields_are_masked_and_local_checks_answer_without_asking(qtbot, aio, signed_in, backend):
    api = signed_in("maker")
    dialog = _dialog(qtbot, api)
    assert all(e.echoMode() == QLineEdit.EchoMode.Password
               for e in (dialog.current_edit, dialog.new_edit, dialog.repeat_edit))
    assert dialog.windowTitle() == "Change Password" and dialog.change_button.isDefault()
    cases = [("", NEW, None, "Enter your current password."),
             ("maker-demo", "short", None, f"The new password needs at least {MIN_LENGTH} characters."),
             ("maker-demo", "maker-demo", None, "The new password must differ from the current one."),
             ("maker-demo", NEW, NEW + "x", "The two new passwords differ.")]
    for current, new, repeat, message in cases:
        _fill(qtbot, dialog, current, new, repeat)
        qtbot.keyClick(dialog.repeat_edit, Qt.Key.Key_Return)
        assert not dialog.is_busy
        assert dialog.message_label.isVisible() and dialog.message_label.text() == message
    assert aio(SessionClient(api).me()).username == "maker"  # nothing was sent, the session is as it was
    assert backend.login("maker").status_code == 200


def test_a_wrong_current_password_is_said_plainly_and_the_session_goes_on(qtbot, aio, signed_in):
    api = signed_in("checker")
    dialog = _dialog(qtbot, api)
    _fill(qtbot, dialog, "not-my-password", NEW)
    dialog.change_button.click()
    assert dialog.is_busy and dialog.change_button.text() == "Changing…"
    aio(until(lambda: not dialog.is_busy, message="answer"))
    assert dialog.message_label.text() == "The current password is wrong."
    assert not dialog.changed and dialog.current_edit.hasFocus()
    assert aio(SessionClient(api).me()).username == "checker"


def test_changing_ends_every_session_and_asks_to_sign_in_again(qtbot, aio, signed_in, backend):
    api, elsewhere = signed_in("service"), signed_in("service")
    dialog = _dialog(qtbot, api)
    _fill(qtbot, dialog, "service-demo", NEW)
    qtbot.keyClick(dialog.repeat_edit, Qt.Key.Key_Return)
    aio(until(lambda: dialog.changed, message="changed"))
    assert dialog.message_label.text() == "Your password was changed and every session of yours has ended."
    assert dialog.change_button.text() == "Sign In Again" and not dialog.cancel_button.isVisible()
    assert not any(e.text() for e in (dialog.current_edit, dialog.new_edit, dialog.repeat_edit))
    with pytest.raises(ApiError) as ended:
        aio(SessionClient(elsewhere).me())
    assert ended.value.code == "token_revoked"
    assert api.token is None
    old = backend.login("service")
    assert (old.status_code, old.json()["code"]) == (401, "invalid_credentials")
    assert aio(SessionClient(signed_in("service", NEW)).me()).username == "service"
    dialog.change_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted


def test_the_main_window_sends_the_user_back_to_sign_in_after_a_change(qtbot, aio, signed_in, settings):
    api = signed_in("funds")
    window = MainWindow(api, aio(SessionClient(api).me()), settings, pages={})
    qtbot.addWidget(window)
    window.show()
    aio(until(no_pending_tasks, message="startup requests"))
    assert window.password_action in window.file_menu.actions()
    window.password_action.trigger()
    dialog = window.findChild(PasswordDialog)
    assert dialog is not None and dialog.isVisible()
    _fill(qtbot, dialog, "funds-demo", NEW)
    dialog.change_button.click()
    aio(until(lambda: dialog.changed, message="changed"))
    dialog.reject()  # Esc or the close box: the session is over either way
    assert aio(window.wait_closed()) == Outcome.SIGNED_OUT


def test_items_waiting_in_the_outbox_stay_the_makers_under_the_new_password(qtbot, aio, signed_in, tmp_path):
    """Queued before the change, pushed after the sign-in with the new password: still proven theirs."""
    workstation = open_workstation(tmp_path)
    proof.unlock_with_password(workstation, "maker", "maker-demo")  # the maker's sign-in
    batch = drafts.new_batch(workstation, "maker", "long", "batch_delete")
    drafts.set_rows(workstation, batch, [{"symbol": "0005.HK"}])
    item = drafts.submit(workstation, batch, "maker")
    api = signed_in("maker")
    dialog = PasswordDialog(api, workstation=workstation, username="maker")
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog, "maker-demo", NEW)
    dialog.change_button.click()
    aio(until(lambda: dialog.changed, message="changed"))
    workstation.drafting_keys.clear()
    proof.unlock_with_password(workstation, "maker", NEW)  # the next sign-in, with the new password
    with workstation.session() as session:
        assert proof.proven(workstation.drafting_keys["maker"], session.get_one(OutboxItem, item.id))
    workstation.close()
