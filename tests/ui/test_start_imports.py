"""What the sign-in dialog waits for at start: only Qt and the shell's own light modules. The client
(httpx, pydantic), the databases (SQLAlchemy), the password hashing and the main window with its
pages load behind the dialog (desktop/preparation.py); imported before it, they delayed it by
1–2 s (bench/start_to_sign_in.py). A fresh interpreter says what ``desktop.app`` imports."""

import os
import subprocess
import sys

from desktop.preparation import CLIENT_MODULES, WINDOW_MODULES
from tests.conftest import ROOT

LOADED_LATER = ("httpx", "pydantic", "sqlalchemy", "argon2", "cryptography", "openpyxl", "numpy",
                "services.api_client", "services.contract.schemas", "services.offline", "ui.pages",
                *CLIENT_MODULES, *WINDOW_MODULES)


def test_the_start_imports_nothing_that_loads_behind_the_dialog():
    probe = f"import sys, desktop.app; print(' '.join(m for m in {LOADED_LATER!r} if m in sys.modules))"
    found = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True,
                           env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}).stdout.split()
    assert found == [], f"imported before the sign-in dialog: {found}"
