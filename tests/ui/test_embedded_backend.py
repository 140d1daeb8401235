"""The embedded default for real: ``python -m backend`` as a QProcess child, over loopback HTTP."""

import sys

import pytest
from PySide6.QtCore import QProcess

from backend.local_delivery.servers import MAIL_FOLDER, SMS_FOLDER
from backend.local_delivery.sms_gateway import LOG_NAME
from desktop.embedded_backend import (
    BackendStartError,
    EmbeddedBackend,
    backend_arguments,
    delivery_dir,
    local_mailbox_dir,
    local_sms_log,
)
from services.api_client import ApiClient
from services.clients.session import SessionClient


def test_starts_answers_and_stops(aio, tmp_path):
    backend = EmbeddedBackend(tmp_path / "data", extra_args=["--demo-accounts", "300", "--demo-messages", "200"])

    async def scenario():
        url = await backend.start()
        assert url.startswith("http://127.0.0.1:")
        api = ApiClient(url)
        try:
            session = SessionClient(api)
            health = await session.health()
            users = await session.demo_users()
        finally:
            await api.aclose()
        return health, users

    try:
        health, users = aio(scenario(), timeout=120)
        assert health.status == "ok" and health.demo
        assert {u.username for u in users} >= {"admin", "maker", "checker"}
        assert (tmp_path / "data" / "opsdesk.db").exists()
        assert (local_mailbox_dir(tmp_path / "data") / "new").is_dir()  # the local SMTP server's Maildir
        process = backend._process
        assert process is not None and process.state() == QProcess.ProcessState.Running
    finally:
        backend.stop(grace_ms=120_000)  # the polite stop is asserted, not how long it takes on a busy machine
    assert not backend.is_running
    assert process.state() == QProcess.ProcessState.NotRunning
    # Stopped as asked (stdin closed), not terminated: it shut down and cleaned up by itself.
    assert (process.exitStatus(), process.exitCode()) == (QProcess.ExitStatus.NormalExit, 0)


def test_database_url_points_into_the_data_folder(tmp_path):
    args = backend_arguments(tmp_path, ["--demo-accounts", "300"])
    url = args[args.index("--database-url") + 1]
    assert url == f"sqlite:///{(tmp_path / 'opsdesk.db').as_posix()}"
    assert {"--demo", "--announce", "--exit-with-parent"} <= set(args)
    assert args[-2:] == ["--demo-accounts", "300"]


def test_local_delivery_goes_into_the_data_folder_where_the_desktop_looks(tmp_path):
    args = backend_arguments(tmp_path)
    folder = args[args.index("--local-delivery") + 1]
    assert folder == str(delivery_dir(tmp_path)) == str(tmp_path / "delivery")
    assert local_mailbox_dir(tmp_path) == delivery_dir(tmp_path) / MAIL_FOLDER
    assert local_sms_log(tmp_path) == delivery_dir(tmp_path) / SMS_FOLDER / LOG_NAME


def test_the_backend_and_workstation_databases_are_backed_up_daily(tmp_path):
    args = backend_arguments(tmp_path)
    assert args[args.index("--backup-every-hours") + 1] == "24"
    assert args[args.index("--backup-also") + 1] == str(tmp_path / "workstation.db")


def test_a_crash_before_ready_reports_the_server_output(aio, tmp_path):
    # A program that dies at once stands in for a backend that cannot open its database.
    crashing = EmbeddedBackend(tmp_path, program=sys.executable,
                               arguments=["-c", "import sys; sys.exit('database is locked')"])
    with pytest.raises(BackendStartError) as info:
        aio(crashing.start())
    assert "exited with code 1" in str(info.value)
    assert "database is locked" in str(info.value)
    assert not crashing.is_running


def test_a_silent_server_times_out_with_a_clear_error(aio, tmp_path):
    silent = EmbeddedBackend(tmp_path, startup_timeout=0.5, program=sys.executable,
                             arguments=["-c", "import sys, time; print('warming up', file=sys.stderr, flush=True); time.sleep(30)"])
    with pytest.raises(BackendStartError) as info:
        aio(silent.start())
    assert "did not start within" in str(info.value)
    assert "warming up" in str(info.value)
    assert not silent.is_running
