"""Entry point of the desktop: options, QApplication, the qasync loop, and the sign-in/window cycle.

The sign-in dialog is the first thing on screen: the embedded server starts beside it and the
client's modules (httpx, pydantic, SQLAlchemy, the main window and its pages) load behind it
(desktop/preparation.py). So this module, and what it imports at the top, stays light: whatever
it imports delays the dialog (bench/start_to_sign_in.py).
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from desktop import event_loop, i18n
from desktop.app_settings import APPLICATION, LANGUAGES, ORGANIZATION, AppSettings
from desktop.dialog_await import open_and_wait
from desktop.embedded_backend import EmbeddedBackend
from desktop.first_paint import FirstPaint
from desktop.gui_thread_gc import collect_on_the_gui_thread
from desktop.login_dialog import LoginDialog
from desktop.paths import default_data_dir
from desktop.preparation import Preparation, Stage
from desktop.server_url import check_server_url
from desktop.style import apply_style

if TYPE_CHECKING:
    from services.offline.store import LocalStore

log = logging.getLogger(__name__)

# Should the dialog not be painted (a window manager that maps it late), the client loads anyway.
LOAD_WITHOUT_PAINT_MS = 1000


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
    parser.add_argument("--self-check", nargs=2, metavar=("USER", "PAGE"),
                        help="with the local server: sign in as the demo user USER, open the menu page "
                             "PAGE (e.g. approvals.inbox), say on stdout whether it worked and quit "
                             "(exit 0 or 1): checks an installed desktop bundle")
    return parser.parse_args(argv)


def create_application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    collect_on_the_gui_thread(app)
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


def preparation_for(args: argparse.Namespace) -> Preparation:
    """The embedded server in the data folder, or the ``--server`` given; the workstation's
    database in the data folder either way."""
    data_dir = args.data_dir or default_data_dir()

    def open_workstation() -> LocalStore:  # runs in a worker thread, once the client has loaded
        from desktop.offline_session import open_workstation

        return open_workstation(data_dir, args.offline_grant_key)

    if args.server:
        # The embedded backend is plain HTTP on loopback; --ca-file is for a remote server.
        return Preparation(server_url=args.server, open_workstation=open_workstation,
                           client_options={"verify": args.ca_file} if args.ca_file else None)
    return Preparation(backend=EmbeddedBackend(data_dir), open_workstation=open_workstation)


async def run(args: argparse.Namespace, settings: AppSettings) -> int:
    preparation = preparation_for(args)
    preparation.start_server()  # its process starts before the dialog is built
    try:
        if args.self_check:
            from desktop.self_check import checked

            return await checked(sign_in_cycle(preparation, settings), *args.self_check)
        await sign_in_cycle(preparation, settings)
        return 1 if preparation.stage is Stage.FAILED else 0
    finally:
        await preparation.close()


async def sign_in_cycle(preparation: Preparation, settings: AppSettings) -> None:
    """Sign in, work, and on sign-out (or an expired session) sign in again; quit ends it."""
    reason: BaseException | None = None
    while True:
        dialog = LoginDialog(preparation, settings, reason=reason)
        dialog.first_paint.painted.connect(preparation.load_client)
        QTimer.singleShot(LOAD_WITHOUT_PAINT_MS, preparation.load_client)
        accepted = await open_and_wait(dialog) == QDialog.DialogCode.Accepted
        me, offline_mode, renew = dialog.me, dialog.offline, dialog.renew
        dialog.deleteLater()
        if not accepted or me is None:
            return
        await preparation.window_ready()
        # Loaded by now, off the window's thread (desktop/preparation.py).
        from desktop.main_window import MainWindow, Outcome
        from desktop.offline_session import OfflineSession
        from services.offline import grant

        api, workstation = preparation.api, preparation.workstation
        assert api is not None
        offline = None
        until = None
        if workstation is not None and grant.may_work_offline(me):
            offline = OfflineSession(workstation, api, me.username, unlocking=renew)
            if offline_mode:
                expires = grant.expiry(workstation, me.username)
                until = datetime.fromtimestamp(expires).strftime("%Y-%m-%d %H:%M") if expires else None
        window = MainWindow(api, me, settings, offline=offline, offline_until=until)
        FirstPaint(window.stack.currentWidget(), "first-page")  # the moment bench/ times sign-in to
        window.show()
        outcome = await window.wait_closed()
        window.deleteLater()  # its pages cancel their requests when destroyed
        if workstation is not None:
            workstation.drafting_keys.clear()  # the next sign-in unlocks its own
        if outcome == Outcome.QUIT:
            return
        api.set_token(None)
        reason = window.end_reason


def _log_unhandled(exc_type, exc, tb) -> None:
    log.critical("unhandled error", exc_info=(exc_type, exc, tb))
