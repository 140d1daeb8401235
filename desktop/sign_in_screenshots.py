"""``python -m desktop.sign_in_screenshots --out resources/screenshots``: the sign-in dialog while the
desktop starts, in both languages: the local server starting, a first start's step, Sign in pressed
before the server is ready, a server that could not start, and ready with the demo users.

The states before ready come from stand-ins for the server that say what it says on its stdout and
stderr (services/contract/launch.py), held there until the dialog lets them go (they exit when their
stdin closes, as the real server does with ``--exit-with-parent``); ready is the real embedded
server, one for both languages, launched first so that it prepares its data while the stand-ins'
pictures are taken. Run with QT_QPA_PLATFORM=offscreen on a machine without a display.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings

from desktop import i18n
from desktop.app_settings import AppSettings
from desktop.embedded_backend import EmbeddedBackend
from desktop.login_dialog import LoginDialog
from desktop.offline_session import open_workstation
from desktop.preparation import Preparation, Stage
from desktop.screenshots import _save, run, settle, wait_for
from services.contract.launch import PrepareStep, progress_line

HELD = "import sys\n{say}\nsys.stdin.read()\n"  # says something, then waits to be stopped
BROKEN = ("import sys\nprint('sqlite3.DatabaseError: file is not a database', file=sys.stderr)\n"
          "print('The database file is damaged or is not an OpsDesk database.', file=sys.stderr)\nsys.exit(1)\n")


def stand_in(data_dir: Path, script: str) -> EmbeddedBackend:
    return EmbeddedBackend(data_dir, program=sys.executable, arguments=["-c", script])


async def _shot(out: Path, name: str, backend: EmbeddedBackend, settings: AppSettings,
                reached: Callable[[Preparation, LoginDialog], bool], workstation_dir: Path,
                before: Callable[[LoginDialog], None] = lambda dialog: None, keep_server: bool = False) -> Path:
    """``keep_server``: the backend goes on running for the next picture (the caller stops it)."""
    preparation = Preparation(backend=backend, open_workstation=lambda: open_workstation(workstation_dir))
    preparation.start_server()
    dialog = LoginDialog(preparation, settings)
    dialog.first_paint.painted.connect(preparation.load_client)
    dialog.show()
    try:
        before(dialog)
        await wait_for(lambda: reached(preparation, dialog), 240, name)
        await settle()
        return _save(dialog, out / f"{name}_{i18n.current_language()}.png")
    finally:
        dialog.reject()
        dialog.deleteLater()
        if keep_server:
            preparation.backend = None
        await preparation.close()
        # Deleted here, on the window's thread. Left to Python's garbage collector, the next
        # picture's worker threads (the client made, the workstation opened) could run the
        # collection that deletes these QObjects, on a thread that is not theirs.
        preparation.deleteLater()
        if not keep_server:
            backend.deleteLater()
        await settle()
        gc.collect()


def _sign_in_pressed(dialog: LoginDialog) -> None:
    dialog.username_edit.setText("maker")
    dialog.password_edit.setText("maker-demo")
    dialog.submit()


async def capture(out: Path, data_dir: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    real = EmbeddedBackend(data_dir / "server", extra_args=["--demo-accounts", "300", "--demo-messages", "200"],
                           startup_timeout=240)
    real.launch()  # its first start migrates and seeds while the stand-ins' pictures are taken
    try:
        for language in i18n.LANGUAGES:
            written += await _capture_language(out, data_dir, language, real)
    finally:
        real.stop()
    return written


async def _capture_language(out: Path, data_dir: Path, language: str, real: EmbeddedBackend) -> list[Path]:
    written = []
    i18n.set_language(language)
    settings = AppSettings(QSettings(str(data_dir / f"settings_{language}.ini"), QSettings.Format.IniFormat))
    quiet = stand_in(data_dir / "quiet", HELD.format(say="pass"))
    written.append(await _shot(out, "sign_in_starting", quiet, settings,
                               lambda p, d: d.preparation_line.isVisible(), data_dir / "ws"))
    step = HELD.format(say=f"print({progress_line(PrepareStep.DEMO_ACCOUNTS)!r}, flush=True)")
    written.append(await _shot(out, "sign_in_first_start", stand_in(data_dir / "first", step), settings,
                               lambda p, d: p.step == PrepareStep.DEMO_ACCOUNTS, data_dir / "ws"))
    quiet = stand_in(data_dir / "quiet", HELD.format(say="pass"))
    written.append(await _shot(out, "sign_in_waiting", quiet, settings,
                               lambda p, d: d.is_busy, data_dir / "ws", before=_sign_in_pressed))
    written.append(await _shot(out, "sign_in_failed", stand_in(data_dir / "broken", BROKEN), settings,
                               lambda p, d: p.stage is Stage.FAILED, data_dir / "ws",
                               before=_sign_in_pressed))
    written.append(await _shot(out, "sign_in_ready", real, settings,
                               lambda p, d: d.demo_list.topLevelItemCount() > 0, data_dir / "ws",
                               keep_server=True))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.sign_in_screenshots",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("resources/screenshots"))
    return run(capture, parser.parse_args(argv).out)


if __name__ == "__main__":
    sys.exit(main())
