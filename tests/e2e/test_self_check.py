"""``main.py --self-check USER PAGE`` (desktop/self_check.py), from the source tree: the desktop with
its embedded backend signs in as a demo user through the sign-in dialog, opens the page from the
menu and says so; a user the server does not list, or a page the user does not have, fails with
why. The built bundle runs the same check in tests/e2e/test_bundle.py."""

import os
import shutil
import subprocess
import sys

import pytest
from sqlalchemy import make_url

from desktop.self_check import LINE, MENU_SEPARATOR
from services.contract.menu import MENU
from tests.conftest import ROOT

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def folders(sqlite_template, tmp_path_factory):
    """One data folder for the module, its server database a copy of the seeded demo template: the
    check is of the desktop's start, sign-in and menu, not of seeding (a fresh data folder's first
    start seeds: tests/ui/test_embedded_backend.py, tests/e2e/test_bundle.py)."""
    root = tmp_path_factory.mktemp("self-check")
    data = root / "data"
    data.mkdir()
    with sqlite_template.copy() as url:
        shutil.move(make_url(url).database, data / "opsdesk.db")
    return data, root / "config"


def _self_check(folders, user: str, page: str) -> subprocess.CompletedProcess:
    data, config = folders
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(config)}
    return subprocess.run([sys.executable, "main.py", "--lang", "en", "--data-dir", str(data),
                           "--self-check", user, page], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)


def test_signs_in_as_the_demo_user_opens_the_page_and_says_so(folders):
    result = _self_check(folders, "checker", "approvals.history")
    assert result.returncode == 0, result.stderr[-6000:]
    history = next(leaf for leaf in MENU if leaf.page == "approvals.history")
    assert result.stdout.splitlines() == [f"{LINE} ok checker approvals.history {MENU_SEPARATOR.join(history.path)}"]
    assert "signed in as checker" in result.stderr


def test_a_user_the_server_does_not_list_fails_with_why(folders):
    result = _self_check(folders, "nobody", "approvals.history")
    assert result.returncode == 1, result.stderr[-6000:]
    assert result.stdout.splitlines() == [f"{LINE} failed nobody is not among the local server's demo users"], \
        result.stderr[-6000:]


def test_a_page_the_user_does_not_have_fails_with_why(folders):
    result = _self_check(folders, "service", "approvals.history")
    assert result.returncode == 1, result.stderr[-6000:]
    assert result.stdout.splitlines() == [f"{LINE} failed service has no page approvals.history in the menu"], \
        result.stderr[-6000:]
