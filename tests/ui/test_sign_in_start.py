"""The start as a new user sees it: the sign-in dialog is up before the embedded server answers and
says what is being prepared; the demo users fill in when the server answers; Sign in pressed
before that waits visibly and then goes on; a server that cannot start says why, keeps what was
typed and can be tried again. Against the real ``python -m backend``, held back at a gate the test
opens (a file), so that the order is the test's, never a race."""

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog
from sqlalchemy import make_url

from desktop.embedded_backend import EmbeddedBackend, backend_arguments
from desktop.first_paint import REPORT_ENV, parse_line
from desktop.login_dialog import LoginDialog
from desktop.offline_session import open_workstation
from desktop.preparation import Preparation, Stage
from desktop.preparation_line import STEP_TEXTS
from services.contract.launch import PREPARE_STEPS, PrepareStep
from tests.conftest import ROOT
from tests.qt_fixtures import until

pytestmark = pytest.mark.process

SMALL_DEMO = ["--demo-accounts", "300", "--demo-messages", "200"]
# Waits until the gate file exists, then runs `python -m backend` with the arguments that follow.
SERVER_WAIT = 240
GATED = """
import os, runpy, sys, time
gate = sys.argv[1]
while not os.path.exists(gate):
    time.sleep(0.02)
sys.argv = ["backend", *sys.argv[2:]]
runpy.run_module("backend", run_name="__main__", alter_sys=True)
"""


def wait_for_server(aio, predicate, message: str) -> None:
    """As ``aio(until(...))``, as long as a first start may take on a busy machine."""
    aio(until(predicate, timeout=SERVER_WAIT, message=message), timeout=SERVER_WAIT)


def gated_backend(data_dir: Path, gate: Path) -> EmbeddedBackend:
    return EmbeddedBackend(data_dir, program=sys.executable, startup_timeout=SERVER_WAIT,
                           arguments=["-c", GATED, str(gate), *backend_arguments(data_dir, SMALL_DEMO)[2:]])


@pytest.fixture
def gate(tmp_path) -> Path:
    """The file that lets the held-back server go on."""
    return tmp_path / "go"


def _start(aio, tmp_path: Path, gate: Path):
    preparation = Preparation(backend=gated_backend(tmp_path / "data", gate),
                              open_workstation=lambda: open_workstation(tmp_path / "data"))
    preparation.start_server()
    yield preparation
    aio(preparation.close(), timeout=120)


@pytest.fixture
def starting(shell_app, aio, tmp_path, gate):
    """The shell's preparation on a new data folder (a first start), its embedded server held back
    at ``gate``."""
    yield from _start(aio, tmp_path, gate)


@pytest.fixture
def restarting(shell_app, aio, tmp_path, gate, sqlite_template):
    """As ``starting``, on a data folder whose database is prepared already (the run's demo
    template): the server has nothing to seed once the gate opens."""
    (tmp_path / "data").mkdir()
    with sqlite_template.copy() as url:
        shutil.copyfile(make_url(url).database, tmp_path / "data" / "opsdesk.db")
    yield from _start(aio, tmp_path, gate)


def open_dialog(qtbot, preparation: Preparation, settings) -> LoginDialog:
    dialog = LoginDialog(preparation, settings)
    qtbot.addWidget(dialog)
    dialog.first_paint.painted.connect(preparation.load_client)  # as desktop/app.py does
    dialog.show()
    return dialog


def test_the_dialog_is_up_before_the_server_and_the_demo_users_fill_in_when_it_answers(
        qtbot, aio, restarting, gate, settings):
    dialog = open_dialog(qtbot, restarting, settings)
    aio(until(lambda: restarting.api is None and dialog.preparation_line.isVisible(), message="preparing"))
    assert restarting.stage is Stage.STARTING
    assert dialog.preparation_line.label.text() == "Starting the local server…"
    assert dialog.preparation_line.bar.maximum() == 0  # moving: nothing to count yet
    assert dialog.server_value.text() == "this computer (local server)"
    assert dialog.demo_list.topLevelItemCount() == 0 and not dialog.demo_users_loaded
    assert dialog.username_edit.isEnabled() and dialog.sign_in_button.text() == "Sign in"

    gate.touch()
    wait_for_server(aio, lambda: dialog.demo_users_loaded, "the demo users")
    assert restarting.stage is Stage.READY and not dialog.preparation_line.isVisible()
    assert dialog.server_value.text() == restarting.api.base_url
    listed = {dialog.demo_list.topLevelItem(i).text(0) for i in range(dialog.demo_list.topLevelItemCount())}
    assert {"admin", "maker", "checker"} <= listed
    dialog.reject()


def test_signing_in_before_the_server_is_ready_waits_visibly_then_goes_on(qtbot, aio, restarting, gate, settings):
    dialog = open_dialog(qtbot, restarting, settings)
    dialog.username_edit.setText("maker")
    dialog.password_edit.setText("maker-demo")
    dialog.sign_in_button.click()
    assert dialog.is_busy and dialog.sign_in_button.text() == "Waiting for the server…"
    assert not dialog.username_edit.isEnabled() and not dialog.sign_in_button.isEnabled()
    assert dialog.preparation_line.isVisibleTo(dialog) and dialog.error_text == ""
    assert dialog.result() != QDialog.DialogCode.Accepted

    gate.touch()
    wait_for_server(aio, lambda: dialog.result() == QDialog.DialogCode.Accepted, "signed in")
    assert dialog.me is not None and dialog.me.username == "maker"
    assert settings.last_username == "maker"
    assert dialog.renew is not None and aio(dialog.renew())  # what the shell runs once the window is up
    assert "maker" in restarting.workstation.drafting_keys  # the offline grant was renewed as ever


def test_a_first_start_shows_each_preparation_step_in_the_dialog(qtbot, aio, starting, gate, settings):
    dialog = open_dialog(qtbot, starting, settings)
    shown: list[tuple[str, int, int]] = []  # what the line said at each step: text, bar value, maximum
    line = dialog.preparation_line
    starting.changed.connect(lambda: shown.append((line.label.text(), line.bar.value(), line.bar.maximum()))
                             if starting.stage is Stage.STARTING else None)
    gate.touch()
    wait_for_server(aio, lambda: starting.stage is not Stage.STARTING, "the first start")
    assert starting.stage is Stage.READY
    total = len(PREPARE_STEPS)
    expected = [(f"Step {n} of {total}: {STEP_TEXTS[step]}", n - 1, total)
                for n, step in enumerate(PREPARE_STEPS, start=1)]
    assert shown == expected
    aio(until(lambda: dialog.demo_users_loaded, message="the demo users"))


def test_a_server_that_cannot_start_says_why_keeps_what_was_typed_and_tries_again(
        qtbot, aio, shell_app, settings, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "opsdesk.db").write_bytes(b"this is not a database " * 100)
    preparation = Preparation(backend=EmbeddedBackend(data, extra_args=SMALL_DEMO, startup_timeout=SERVER_WAIT))
    preparation.start_server()
    try:
        dialog = open_dialog(qtbot, preparation, settings)
        dialog.username_edit.setText("checker")
        dialog.password_edit.setText("checker-demo")
        wait_for_server(aio, lambda: preparation.stage is Stage.FAILED, "the failed start")
        line = dialog.preparation_line
        assert line.label.text() == ("The local server stopped (exit code 1) before it was ready. What you typed "
                                     "is kept: try again, or see below what it said last.")
        assert line.retry_button.isVisibleTo(dialog) and line.details.isVisibleTo(dialog)
        assert "file is not a database" in line.details.toPlainText()  # what the server said last
        assert not dialog.is_busy and dialog.sign_in_button.isEnabled()
        assert (dialog.username_edit.text(), dialog.password_edit.text()) == ("checker", "checker-demo")

        (data / "opsdesk.db").unlink()  # what the user (or support) puts right
        dialog.sign_in_button.click()  # Sign in tries the start again, and waits for it
        assert preparation.stage is Stage.STARTING and dialog.sign_in_button.text() == "Waiting for the server…"
        assert not line.details.isVisibleTo(dialog)
        wait_for_server(aio, lambda: dialog.result() == QDialog.DialogCode.Accepted, "signed in")
        assert dialog.me.username == "checker"
    finally:
        aio(preparation.close(), timeout=120)


def test_main_paints_the_sign_in_dialog_before_the_server_has_prepared_anything(tmp_path):
    """``python main.py`` on a new data folder: the dialog's first paint comes before the server's
    first preparation step (its migrations), let alone its ready line."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", REPORT_ENV: "1",
           "XDG_CONFIG_HOME": str(tmp_path / "config")}  # never the user's own settings
    process = subprocess.Popen([sys.executable, "main.py", "--lang", "en", "--data-dir", str(tmp_path / "data"),
                                "--log-level", "INFO"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    events = []
    try:
        for line in process.stderr:
            if (mark := parse_line(line)) is not None:
                events.append(mark[0])
            elif "local server: " in line:
                events.append(line.rsplit("local server: ", 1)[1].strip())
            elif "embedded backend ready" in line:
                events.append("ready")
                break
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # the embedded backend goes with its group
        process.wait(60)
    assert events[0] == "sign-in" and events[1] == PrepareStep.SCHEMA and events[-1] == "ready", events


def test_the_screenshot_command_renders_the_dialog_while_the_desktop_starts_in_both_languages(tmp_path):
    result = subprocess.run([sys.executable, "-m", "desktop.sign_in_screenshots", "--out", str(tmp_path)],
                            cwd=ROOT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    states = ("starting", "first_start", "waiting", "failed", "ready")
    assert sorted(p.name for p in tmp_path.glob("*.png")) == sorted(
        f"sign_in_{state}_{language}.png" for state in states for language in ("en", "zh_Hant"))
    pictures = [QImage(str(p)) for p in tmp_path.glob("*.png")]
    assert len({bytes(image.constBits()) for image in pictures}) == len(pictures)  # each its own
