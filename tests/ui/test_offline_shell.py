"""The shell's offline drafting: an online sign-in grants offline work on this workstation, the
same password opens it for drafting only while the backend is unreachable, and the status bar
follows the sync engine and the outbox."""

import socket
import time

from PySide6.QtWidgets import QDialog

from desktop.login_dialog import LoginDialog
from desktop.offline_session import OfflineSession, open_workstation
from desktop.outbox_status import OutboxStatus
from desktop.preparation import Preparation
from services.api_client import ApiClient
from services.clients.approvals import ApprovalsClient
from services.clients.session import SessionClient
from services.offline import drafts, grant, proof
from services.offline.models import DraftBatch, LocalMeta
from services.offline.sync import Connection, SyncStatus
from tests.backend.margin_steps import symbols
from tests.qt_fixtures import no_pending_tasks, until


def _dead_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def _sign_in(qtbot, aio, api, settings, workstation, username="maker", password="maker-demo", *,
             renew: bool = True) -> LoginDialog:
    """Signs in through the dialog; online, then renews the key and grant as the shell does once
    its window is up (unless ``renew`` is False)."""
    dialog = LoginDialog(Preparation.connected(api, embedded=False, workstation=workstation), settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username_edit.setText(username)
    dialog.password_edit.setText(password)
    dialog.submit()
    aio(until(lambda: not dialog.is_busy, message="the answer"))
    if renew and dialog.renew is not None:
        aio(dialog.renew())
    return dialog


def test_an_online_sign_in_lets_the_same_user_draft_offline_and_no_one_else(qtbot, aio, backend, settings,
                                                                             tmp_path):
    workstation = open_workstation(tmp_path)
    online = backend.api_client()
    signed_in = _sign_in(qtbot, aio, online, settings, workstation, renew=False)
    assert signed_in.result() == QDialog.DialogCode.Accepted
    # The key and the grant are renewed once the window is up (the shell starts it), not before.
    assert grant.expiry(workstation, "maker") is None and "maker" not in workstation.drafting_keys
    assert signed_in.renew is not None and aio(signed_in.renew())
    assert grant.expiry(workstation, "maker") is not None
    assert "maker" in workstation.drafting_keys  # its items will carry the maker's proof
    workstation.drafting_keys.clear()  # signed out
    dead = ApiClient(_dead_url())
    offline = _sign_in(qtbot, aio, dead, settings, workstation)
    assert offline.result() == QDialog.DialogCode.Accepted and offline.offline
    assert offline.me.permissions == ["risk.credit.draft"] and "maker" in workstation.drafting_keys
    wrong = _sign_in(qtbot, aio, dead, settings, workstation, password="guess")
    assert wrong.result() != QDialog.DialogCode.Accepted and "the password is wrong" in wrong.error_text
    stranger = _sign_in(qtbot, aio, dead, settings, workstation, "checker", "checker-demo")
    assert stranger.result() != QDialog.DialogCode.Accepted
    assert "never signed in on this workstation" in stranger.error_text
    for api in (online, dead):
        aio(api.aclose())
    workstation.close()


def _refusals(qtbot, aio, backend, settings, workstation, prepare) -> str:
    """The sign-in dialog's answer offline, after an online sign-in on the backend's clock moved by ``prepare``."""
    prepare(backend.clock)
    online = backend.api_client()
    assert _sign_in(qtbot, aio, online, settings, workstation).result() == QDialog.DialogCode.Accepted
    dead = ApiClient(_dead_url())
    dialog = _sign_in(qtbot, aio, dead, settings, workstation)
    for api in (online, dead):
        aio(api.aclose())
    workstation.close()
    assert dialog.result() != QDialog.DialogCode.Accepted
    return dialog.error_text


def test_an_expired_grant_and_a_clock_behind_say_so(qtbot, aio, backend, settings, tmp_path):
    # Granted eight days ago by the backend's clock: expired.
    expired = _refusals(qtbot, aio, backend, settings, open_workstation(tmp_path / "a"),
                        lambda clock: clock.advance(days=-(grant.OFFLINE_DAYS + 1)))
    assert "expired on" in expired
    # The backend's time a day ahead of this computer's clock (back from eight days behind): the
    # clock is behind a time seen here.
    behind = _refusals(qtbot, aio, backend, settings, open_workstation(tmp_path / "b"),
                       lambda clock: clock.advance(days=grant.OFFLINE_DAYS + 2))
    assert "clock is behind" in behind


def test_five_wrong_passwords_lock_offline_sign_in_until_an_online_one(qtbot, aio, backend, settings, tmp_path):
    workstation = open_workstation(tmp_path)
    online = backend.api_client()
    assert _sign_in(qtbot, aio, online, settings, workstation).result() == QDialog.DialogCode.Accepted
    dead = ApiClient(_dead_url())
    texts = [_sign_in(qtbot, aio, dead, settings, workstation, password=f"guess{n}").error_text for n in range(5)]
    assert all("the password is wrong" in text for text in texts[:4]) and "is locked" in texts[4]
    right = _sign_in(qtbot, aio, dead, settings, workstation)
    assert right.result() != QDialog.DialogCode.Accepted and "is locked" in right.error_text
    assert _sign_in(qtbot, aio, online, settings, workstation).result() == QDialog.DialogCode.Accepted
    assert _sign_in(qtbot, aio, dead, settings, workstation).result() == QDialog.DialogCode.Accepted
    for api in (online, dead):
        aio(api.aclose())
    workstation.close()


def test_the_status_bar_never_says_up_to_date_while_a_submission_waits(qtbot):
    label = OutboxStatus()
    qtbot.addWidget(label)
    label.show_status(SyncStatus(Connection.ONLINE, 1))
    assert label.text() == "Sync: connected · 1 submission(s) waiting"
    label.show_status(SyncStatus(Connection.ONLINE, 0))
    assert label.text() == "Sync: up to date"


def test_the_status_bar_counts_waiting_submissions_until_the_engine_sends_them(qtbot, aio, backend, tmp_path):
    workstation = open_workstation(tmp_path)
    api = backend.api_client()
    aio(SessionClient(api).login("maker", "maker-demo"))
    proof.unlock_with_password(workstation, "maker", "maker-demo")  # as the sign-in dialog does
    session = OfflineSession(workstation, api, "maker")
    session.engine._last_reference = float("inf")  # about the outbox here, not the reference data
    label = OutboxStatus()
    qtbot.addWidget(label)
    session.status_changed.connect(label.show_status)
    [symbol] = symbols(backend, "US", 1, with_row=False)
    batch = drafts.new_batch(workstation, "maker", "long", "upload")
    drafts.set_rows(workstation, batch, [{"symbol": symbol, "im": "0.5", "mcm": "0.45", "mm": "0.4", "fm": "0.35"}])
    drafts.submit(workstation, batch, "maker")
    session.wake()  # not running yet: the count shows, nothing is sent
    assert label.text() == "Sync: offline · 1 submission(s) waiting"
    session.start()
    aio(until(lambda: label.text() == "Sync: up to date", message="sent"))
    with workstation.session() as local:
        order_id = local.get(DraftBatch, batch).work_order_id
    approvals = ApprovalsClient(api)
    assert aio(approvals.work_order(order_id)).flow == "risk.credit.upload_stock_margin_ratio"
    aio(approvals.withdraw(order_id))
    session.stop()
    aio(until(no_pending_tasks, message="the engine's task ends when stopped"))
    aio(api.aclose())
    workstation.close()


def test_the_workstation_notes_its_clock_when_it_opens_and_as_it_syncs(qtbot, aio, backend, tmp_path):
    """A clock set back after the app ran past a grant's expiry does not revive it."""
    workstation = open_workstation(tmp_path)
    opened = grant.latest_seen(workstation)
    assert opened is not None and abs(opened - time.time()) < 60
    api = backend.api_client()
    session = OfflineSession(workstation, api, "maker")
    with workstation.session() as local, local.begin():
        local.delete(local.get_one(LocalMeta, grant.LATEST_SEEN))
    session.engine.wake()  # a status: the engine says what it is doing
    assert grant.latest_seen(workstation) >= opened
    api.server_time = time.time() + 3600  # the backend's clock an hour ahead of this one
    session.engine.wake()
    assert grant.latest_seen(workstation) >= api.server_time
    aio(api.aclose())
    workstation.close()


def test_the_drafting_session_unlocks_the_key_and_renews_the_grant_before_its_first_round(
        qtbot, aio, backend, settings, tmp_path):
    workstation = open_workstation(tmp_path)
    api = backend.api_client()
    dialog = _sign_in(qtbot, aio, api, settings, workstation, renew=False)
    assert dialog.renew is not None and "maker" not in workstation.drafting_keys
    session = OfflineSession(workstation, api, "maker", unlocking=dialog.renew)
    assert session.unlocking  # a submission made now waits (ui/risk/draft_verdict.py)
    session.start()
    aio(until(lambda: not session.unlocking, message="the key unlocked"))
    assert "maker" in workstation.drafting_keys and grant.expiry(workstation, "maker") is not None
    session.stop()
    aio(session.ops.wait_idle())
    aio(api.aclose())
    workstation.close()
