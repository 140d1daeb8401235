"""The desktop bundle as a workstation gets it (`make bundle`, packaging/opsdesk.spec): its executable,
started outside the source tree with no Python environment, starts its own embedded backend (the
bundle's ``opsdesk-backend``), which builds a new database with the bundle's migrations; the
desktop signs in as a demo user and opens a page (``--self-check``, desktop/self_check.py). The
backend executable's commands work on their own (``verify-audit`` on that database).

Building the bundle takes minutes, so the suite does not: without a bundle, or with one built
before the sources last changed, this is skipped (`make bundle` builds it and runs this).
"""

import os
import sqlite3
import subprocess
import sys

import pytest
from alembic.script import ScriptDirectory

from backend.db.migrate import alembic_config
from desktop.embedded_backend import BUNDLED_BACKEND
from desktop.self_check import LINE, MENU_SEPARATOR
from services.contract.flow_names import ZH_HANT_TS, read_names
from services.contract.launch import PrepareStep
from services.contract.menu import MENU
from tests.conftest import ROOT

BUNDLE = ROOT / "dist" / "OpsDesk"
SUFFIX = ".exe" if sys.platform == "win32" else ""
EXECUTABLE = BUNDLE / f"OpsDesk{SUFFIX}"
# A windowed executable on Windows has no stdout or stderr (PyInstaller sets them to None).
WINDOWED_WITHOUT_OUTPUT = sys.platform == "win32"
USER, PAGE = "checker", "approvals.history"  # not the page a checker lands on: opened from the menu

SOURCES = ("main.py", "backend", "desktop", "ui", "services", "resources/translations", "packaging")


def _stale() -> bool:
    """Built before the newest change of what goes into it (a checkout moves the times too)."""
    files = (f for name in SOURCES for f in ((ROOT / name).rglob("*") if (ROOT / name).is_dir() else [ROOT / name])
             if f.is_file() and "__pycache__" not in f.parts)
    return EXECUTABLE.stat().st_mtime < max(f.stat().st_mtime for f in files)


pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not EXECUTABLE.is_file(), reason=f"no bundle built: `make bundle` builds {EXECUTABLE}"),
    pytest.mark.skipif(EXECUTABLE.is_file() and _stale(),
                       reason="the bundle is older than the sources: `make bundle` builds it again"),
]


def _outside_python(tmp_path) -> dict[str, str]:
    """This environment without Python's variables, the virtual environment on PATH, or OpsDesk's
    settings; the user's folders (settings, data) in the temporary folder."""
    venv_bin = os.path.dirname(sys.executable)
    path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep) if p and p != venv_bin)
    kept = {k: v for k, v in os.environ.items()
            if not k.startswith(("PYTHON", "OPSDESK_", "VIRTUAL_ENV", "QT_", "XDG_"))}
    home = tmp_path / "home"
    return kept | {"PATH": path, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home),
                   "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
                   "XDG_RUNTIME_DIR": str(tmp_path), "APPDATA": str(home / "appdata"),
                   "LOCALAPPDATA": str(home / "localappdata")}


def test_the_built_bundle_starts_its_own_backend_signs_in_and_opens_a_page(tmp_path):
    data = tmp_path / "data"
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    result = subprocess.run([str(EXECUTABLE), "--lang", "zh_Hant", "--data-dir", str(data), "--self-check", USER, PAGE],
                            cwd=elsewhere, env=_outside_python(tmp_path), capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-6000:]
    # the embedded server's database was built by the migrations in the bundle, up to this tree's newest
    with sqlite3.connect(data / "opsdesk.db") as database:
        version = database.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    assert version == ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    # the backend's commands run from the bundle too, here on the database the desktop's server built
    backend = subprocess.run([str(BUNDLE / (BUNDLED_BACKEND + SUFFIX)), "--database-url",
                              f"sqlite:///{(data / 'opsdesk.db').as_posix()}", "verify-audit"],
                             cwd=elsewhere, env=_outside_python(tmp_path), capture_output=True, text=True,
                             timeout=300)
    assert backend.returncode == 0, backend.stdout + backend.stderr[-4000:]
    assert backend.stdout.startswith("audit chain intact: ")
    if WINDOWED_WITHOUT_OUTPUT:  # the exit code and the database say it there
        return
    # the page's menu path in Traditional Chinese: the bundle's translations loaded
    chinese = read_names(ZH_HANT_TS, "menu")
    path = MENU_SEPARATOR.join(chinese[part] for part in next(leaf for leaf in MENU if leaf.page == PAGE).path)
    assert f"{LINE} ok {USER} {PAGE} {path}" in result.stdout.splitlines()
    # the embedded backend was the bundle's own executable, not a Python of this machine
    assert f"starting embedded backend: {BUNDLE / (BUNDLED_BACKEND + SUFFIX)} --host" in result.stderr
    # ... and it told the sign-in dialog what it prepared first (a new database: its schema)
    assert f"local server: {PrepareStep.SCHEMA.value}" in result.stderr
