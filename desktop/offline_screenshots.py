"""``python -m desktop.offline_screenshots --out resources/screenshots``: the sign-in dialog's answer
to each refused offline sign-in (services/offline/grant.py ``Outcome``), in both languages.

No backend: the dialog points at an address nothing answers and shows each refusal as it does
after a real offline attempt (``LoginDialog.show_offline_refusal``). Run with
QT_QPA_PLATFORM=offscreen on a machine without a display.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from PySide6.QtCore import QSettings

from desktop import i18n
from desktop.app_settings import AppSettings
from desktop.login_dialog import LoginDialog
from desktop.offline_session import open_workstation
from desktop.preparation import Preparation
from desktop.screenshots import _save, run, settle
from services.api_client import ApiClient
from services.offline import grant
from services.offline.grant import OfflineSignIn, Outcome

DEAD_URL = "http://127.0.0.1:9"  # the discard port: nothing answers


async def capture(out: Path, data_dir: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    workstation = open_workstation(data_dir)
    now = time.time()
    grant.see(workstation, now + 2 * 86_400)  # what the clock-behind sentence names
    api = ApiClient(DEAD_URL)
    written = []
    for language in i18n.LANGUAGES:
        i18n.set_language(language)
        settings = AppSettings(QSettings(str(data_dir / f"settings_{language}.ini"), QSettings.Format.IniFormat))
        settings.last_username = "maker"
        for outcome in Outcome:
            if outcome == Outcome.OK:
                continue
            preparation = Preparation.connected(api, embedded=False, workstation=workstation)
            dialog = LoginDialog(preparation, settings)
            preparation.setParent(dialog)  # deleted with it, on this thread (never by a worker's collection)
            dialog.show()
            dialog.password_edit.setText("password")
            dialog.show_offline_refusal(OfflineSignIn(outcome, expires_at=now - 86_400))
            await settle()
            written.append(_save(dialog, out / f"offline_sign_in_{outcome.value}_{language}.png"))
            dialog.close()
            dialog.deleteLater()
    await api.aclose()
    workstation.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.offline_screenshots",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("resources/screenshots"))
    return run(capture, parser.parse_args(argv).out)


if __name__ == "__main__":
    sys.exit(main())
