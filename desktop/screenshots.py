"""``python -m desktop.screenshots --out resources/screenshots``: PNGs of the real app, both languages.

Starts a real embedded backend on a temporary data folder, signs in as ``admin`` and grabs the
sign-in dialog and the main window showing the Auto-Convert Query page once its rows arrived.
Run with QT_QPA_PLATFORM=offscreen on a machine without a display.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
import time
from pathlib import Path

import qasync  # binds to PySide6 through QT_API (set in desktop/__init__.py)
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractItemView, QDialog, QWidget

from desktop import i18n
from desktop.app import create_application
from desktop.app_settings import AppSettings
from desktop.embedded_backend import EmbeddedBackend
from desktop.login_dialog import LoginDialog
from desktop.main_window import MainWindow
from desktop.style import apply_style
from services.api_client import ApiClient
from ui.pages import PAGES

log = logging.getLogger(__name__)

FEATURED_PAGE = "margin_call.auto_convert_query"
FEATURED_NAME = "auto_convert"
WINDOW_SIZE = (1440, 860)


async def wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")
        await asyncio.sleep(0.05)


def has_rows(page: QWidget) -> bool:
    return any(view.model() is not None and view.model().rowCount() > 0
               for view in page.findChildren(QAbstractItemView))


async def settle() -> None:
    # A few turns of the loop so layouts, fonts and pending paints are done before grabbing.
    await asyncio.sleep(0.3)


async def capture(out: Path, data_dir: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    backend = EmbeddedBackend(data_dir / "server", extra_args=["--demo-accounts", "2000"])
    api = ApiClient(await backend.start())
    try:
        written: list[Path] = []
        for language in ("zh_Hant", "en"):
            written += await _capture_language(api, language, out, data_dir)
        return written
    finally:
        await api.aclose()
        backend.stop()


async def _capture_language(api: ApiClient, language: str, out: Path, data_dir: Path) -> list[Path]:
    i18n.set_language(language)
    settings = AppSettings(QSettings(str(data_dir / f"settings_{language}.ini"), QSettings.Format.IniFormat))
    login = LoginDialog(api, settings, embedded=True)
    login.show()
    await wait_for(lambda: login.demo_list.topLevelItemCount() > 0, 30, "demo users")
    login.username_edit.setText("admin")
    login.password_edit.setText("admin-demo")
    await settle()
    written = [_save(login, out / f"login_{language}.png")]

    login.submit()
    await wait_for(lambda: login.result() == QDialog.DialogCode.Accepted, 30, "sign-in")
    window = MainWindow(api, login.me, settings)
    login.deleteLater()
    window.resize(*WINDOW_SIZE)
    window.show()
    key = FEATURED_PAGE if FEATURED_PAGE in PAGES else window.sidebar.page_keys()[0]
    name = FEATURED_NAME if key == FEATURED_PAGE else key.replace(".", "_")
    window.open_page(key)
    page = window.page(key)
    await wait_for(lambda: has_rows(page), 60, f"rows on {key}")
    await wait_for(lambda: window.connection_status.property("state") == "connected", 20, "connection")
    await settle()
    written.append(_save(window, out / f"{name}_{language}.png"))
    window.close()
    # Deleted by Qt's event loop, as the app does, never by Python's garbage collector.
    window.deleteLater()
    await api.logout()
    return written


def _save(widget: QWidget, path: Path) -> Path:
    if not widget.grab().save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    log.info("wrote %s", path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.screenshots", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("resources/screenshots"))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one INFO line per request is noise
    app = create_application(sys.argv[:1])
    apply_style(app)
    with tempfile.TemporaryDirectory(prefix="opsdesk-shots-") as tmp:
        written = qasync.run(capture(args.out, Path(tmp)))
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
