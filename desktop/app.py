"""Entry point of the desktop: options, QApplication, the qasync loop, and the sign-in/window cycle."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog

from desktop import event_loop, i18n
from desktop.app_settings import APPLICATION, LANGUAGES, ORGANIZATION, AppSettings
from desktop.dialog_await import open_and_wait
from desktop.embedded_backend import BackendStartError, EmbeddedBackend
from desktop.login_dialog import LoginDialog
from desktop.main_window import MainWindow, Outcome
from desktop.offline_session import OfflineSession, open_workstation
from desktop.paths import default_data_dir
from desktop.server_url import check_server_url
from desktop.style import apply_style
from services.api_client import ApiClient
from services.offline import grant
from services.offline.store import LocalStore

log = logging.getLogger(__name__)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="opsdesk", description="OpsDesk back office (desktop)")
    parser.add_argument("--server", metavar="URL",
                        help="use this shared backend instead of starting the local one")
    parser.add_argument("--ca-file", metavar="PATH",
                        help="trust this CA certificate (PEM) for an https:// --server "
                             "(default: the system's certificate authorities)")
    parser.add_argument("--allow-insecure-http", action="store_true",
                        help="allow a plain http:// --server on another machine (unencrypted)")
    parser.add_argument("--lang", choices=LANGUAGES,
                        help="display language for this run (default: the saved setting, else zh_Hant)")
    parser.add_argument("--data-dir", type=Path, metavar="DIR",
                        help="folder of the local server's database (default: the user's data folder)")
    parser.add_argument("--offline-grant-key", type=Path, metavar="PATH",
                        help="the server's offline grant public key (PEM, from `python -m backend "
                             "export-offline-grant-key`): only offline grants it signed open a session")
    parser.add_argument("--log-level", default="INFO", help="logging level (default INFO)")
    return parser.parse_args(argv)


def create_application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    # The sign-in dialog closes before the main window opens; the cycle below decides when to quit.
    app.setQuitOnLastWindowClosed(False)
    return app


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.server and (refusal := check_server_url(args.server, args.allow_insecure_http)):
        print(f"opsdesk: error: {refusal}", file=sys.stderr)
        return 2
    if args.ca_file and not Path(args.ca_file).is_file():
        print(f"opsdesk: error: the CA file {args.ca_file!r} does not exist", file=sys.stderr)
        return 2
    logging.basicConfig(level=args.log_level.upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one INFO line per request is noise
    app = create_application(sys.argv[:1])
    settings = AppSettings()
    i18n.set_language(args.lang or settings.language)
    apply_style(app)
    sys.excepthook = _log_unhandled
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl+C in the terminal ends the app
    return event_loop.run(run(args, settings))


async def run(args: argparse.Namespace, settings: AppSettings) -> int:
    backend: EmbeddedBackend | None = None
    try:
        if args.server:
            url = args.server
        else:
            backend = EmbeddedBackend(args.data_dir or default_data_dir())
            url = await _start_with_progress(backend)
            if url is None:
                return 1
        # The embedded backend is plain HTTP on loopback; --ca-file is for a remote server.
        api = ApiClient(url, verify=args.ca_file if args.server and args.ca_file else True)
        workstation = open_workstation(args.data_dir or default_data_dir(), args.offline_grant_key)
        try:
            await sign_in_cycle(api, settings, embedded=backend is not None, workstation=workstation)
        finally:
            await api.aclose()
            workstation.close()
        return 0
    finally:
        if backend is not None:
            backend.stop()


async def sign_in_cycle(api: ApiClient, settings: AppSettings, *, embedded: bool,
                        workstation: LocalStore | None = None) -> None:
    """Sign in, work, and on sign-out (or an expired session) sign in again; quit ends it."""
    reason: BaseException | None = None
    while True:
        dialog = LoginDialog(api, settings, embedded=embedded, reason=reason, workstation=workstation)
        accepted = await open_and_wait(dialog) == QDialog.DialogCode.Accepted
        me, offline_mode = dialog.me, dialog.offline
        dialog.deleteLater()
        if not accepted or me is None:
            return
        offline = None
        until = None
        if workstation is not None and grant.may_work_offline(me):
            offline = OfflineSession(workstation, api, me.username)
            if offline_mode:
                expires = grant.expiry(workstation, me.username)
                until = datetime.fromtimestamp(expires).strftime("%Y-%m-%d %H:%M") if expires else None
        window = MainWindow(api, me, settings, offline=offline, offline_until=until)
        window.show()
        outcome = await window.wait_closed()
        window.deleteLater()  # its pages cancel their requests when destroyed
        if workstation is not None:
            workstation.drafting_keys.clear()  # the next sign-in unlocks its own
        if outcome == Outcome.QUIT:
            return
        api.set_token(None)
        reason = window.end_reason


async def _start_with_progress(backend: EmbeddedBackend) -> str | None:
    progress = QProgressDialog(QCoreApplication.translate("app", "Starting the local server…"),
                               QCoreApplication.translate("app", "Cancel"), 0, 0)
    progress.setWindowTitle(QCoreApplication.translate("app", "OpsDesk"))
    progress.setMinimumDuration(0)
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    start = asyncio.ensure_future(backend.start())
    progress.canceled.connect(start.cancel)
    progress.show()
    try:
        return await start
    except asyncio.CancelledError:
        backend.stop()
        return None
    except BackendStartError as exc:
        log.error("%s", exc)
        box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("app", "OpsDesk"),
                          QCoreApplication.translate("app", "The local server could not be started."))
        box.setDetailedText(str(exc))
        await open_and_wait(box)
        return None
    finally:
        progress.canceled.disconnect(start.cancel)
        progress.close()
        progress.deleteLater()


def _log_unhandled(exc_type, exc, tb) -> None:
    log.critical("unhandled error", exc_info=(exc_type, exc, tb))
