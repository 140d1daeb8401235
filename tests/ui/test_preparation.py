"""The shell's preparation with a shared server (``--server``): ready once the client has loaded and
the workstation's database is open, no process started; a workstation database it cannot open
(a newer OpsDesk's) is said in the sign-in dialog, and trying again after it is put right works."""

import sqlite3

from desktop.login_dialog import LoginDialog
from desktop.offline_session import STORE_NAME, open_workstation
from desktop.preparation import Preparation, Stage
from services.offline.store import SCHEMA_VERSION
from tests.qt_fixtures import until

SHARED = "https://opsdesk.example.test"  # never asked anything here


def shared(folder) -> Preparation:
    return Preparation(server_url=SHARED, open_workstation=lambda: open_workstation(folder))


def test_a_shared_server_is_ready_once_the_client_has_loaded(shell_app, aio, tmp_path):
    preparation = shared(tmp_path)
    preparation.start_server()
    assert preparation.stage is Stage.STARTING and preparation.api is None  # the client loads first
    assert preparation.address == SHARED
    preparation.load_client()
    aio(until(lambda: preparation.stage is Stage.READY, message="ready"))
    assert preparation.api.base_url == SHARED and not preparation.embedded
    assert preparation.workstation is not None and (tmp_path / STORE_NAME).exists()
    aio(preparation.window_ready())
    aio(preparation.close())


def test_a_workstation_database_it_cannot_open_is_said_and_tried_again(qtbot, shell_app, aio, settings, tmp_path):
    with sqlite3.connect(tmp_path / STORE_NAME) as newer:  # as a later OpsDesk leaves it
        newer.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    preparation = shared(tmp_path)
    preparation.start_server()
    dialog = LoginDialog(preparation, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username_edit.setText("maker")
    assert dialog.server_value.text() == SHARED
    preparation.load_client()
    aio(until(lambda: preparation.stage is Stage.FAILED, message="the failure"))
    line = dialog.preparation_line
    assert not preparation.failure.server
    assert line.label.text() == ("This workstation's database could not be opened. What you typed is kept: "
                                 "try again, or see below why.")
    assert f"the local database is version {SCHEMA_VERSION + 1}" in line.details.toPlainText()
    assert dialog.username_edit.text() == "maker" and dialog.username_edit.isEnabled()

    (tmp_path / STORE_NAME).unlink()
    line.retry_button.click()
    aio(until(lambda: preparation.stage is Stage.READY, message="ready"))
    assert not line.isVisible() and preparation.workstation is not None
    dialog.reject()
    aio(preparation.close())
