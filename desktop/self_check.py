"""``opsdesk --self-check USER PAGE``: the desktop proves on this machine that it works, as a person
would find out, and quits.

With the embedded server it waits for the sign-in dialog, signs in as the demo user USER from the
dialog's list of demo users (Enter on their row), opens PAGE (a menu page key such as
``approvals.inbox``, services/contract/menu.py) from the menu, and waits until the page has been
painted and has loaded what it asks the server for. It then says on stdout
``OPSDESK_SELF_CHECK ok USER PAGE <its menu path as shown>`` (in the language of the run, so the
translations are seen to load) and ends with 0, or ``OPSDESK_SELF_CHECK failed <why>`` and
ends with 1. Meant for an installed desktop bundle (the README's "Desktop bundle";
tests/e2e/test_bundle.py runs it against the bundle ``make bundle`` built).
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from desktop.first_paint import FirstPaint
from desktop.login_dialog import LoginDialog
from desktop.preparation import Stage
from ui.common.op_runner import OpRunner, wait_all_idle

log = logging.getLogger(__name__)

LINE = "OPSDESK_SELF_CHECK"
WAIT_SECONDS = 300.0  # a first start migrates and seeds the demo data; a slow machine takes minutes
POLL_SECONDS = 0.05
MENU_SEPARATOR = " › "

T = TypeVar("T")


class SelfCheckFailed(RuntimeError):
    pass


def say(text: str) -> None:
    """One line on stdout (a windowed executable on Windows has none: its exit code tells then)."""
    if sys.stdout is not None:
        print(f"{LINE} {text}", flush=True)


async def checked(cycle: Coroutine[Any, Any, None], username: str, page_key: str,
                  timeout: float = WAIT_SECONDS) -> int:
    """Runs the desktop's sign-in cycle and drives it; 0 when the page opened, else 1."""
    cycling = asyncio.ensure_future(cycle)
    try:
        shown = await asyncio.wait_for(_drive(cycling, username, page_key), timeout)
    except (SelfCheckFailed, TimeoutError) as exc:
        reason = str(exc) or f"nothing happened within {timeout:.0f} s"
        log.error("self-check failed: %s", reason)
        say(f"failed {reason}")
        code = 1
    else:
        say(f"ok {username} {page_key} {shown}")
        code = 0
    while not cycling.done():  # again should the window have come up meanwhile
        _close_everything()
        await asyncio.wait({cycling}, timeout=POLL_SECONDS)
    await cycling
    return code


async def _drive(cycling: asyncio.Future[None], username: str, page_key: str) -> str:
    """The page's menu path as the sidebar shows it, once the page has loaded."""
    dialog = await _until(cycling, "the sign-in dialog", lambda: _shown(LoginDialog))

    def demo_row():
        if dialog.preparation.stage is Stage.FAILED:
            failure = dialog.preparation.failure
            raise SelfCheckFailed(f"the local server did not start: {failure.output if failure else ''}")
        if not dialog.demo_users_loaded:
            return None
        if dialog.demo_list.topLevelItemCount() == 0:
            raise SelfCheckFailed("the local server's demo users did not arrive (the log says why)")
        rows = (dialog.demo_list.topLevelItem(i) for i in range(dialog.demo_list.topLevelItemCount()))
        row = next((r for r in rows if r.data(0, Qt.ItemDataRole.UserRole) == username), None)
        if row is None:
            raise SelfCheckFailed(f"{username} is not among the local server's demo users")
        return row

    row = await _until(cycling, "the demo users", demo_row)
    dialog.demo_list.setCurrentItem(row)
    dialog.demo_list.itemActivated.emit(row, 0)  # Enter on their row: sign in as them

    from desktop.error_box import ErrorBox
    from desktop.main_window import MainWindow  # loaded by now (desktop/preparation.py)

    def window_or_refusal():
        if (window := _shown(MainWindow)) is not None:
            return window
        # The dialog is deleted once it has signed in, before the window shows.
        if shiboken6.isValid(dialog) and dialog.isVisible() and not dialog.is_busy and dialog.error_text:
            raise SelfCheckFailed(f"signing in was refused: {dialog.error_text}")
        return None

    window = await _until(cycling, "the main window", window_or_refusal)
    if page_key not in window.sidebar.page_keys():
        raise SelfCheckFailed(f"{username} has no page {page_key} in the menu")
    window.sidebar.select_page(page_key)  # as a click on its menu entry
    page = window.page(page_key)
    if page is None or window.current_page_key() != page_key:
        raise SelfCheckFailed(f"the page {page_key} did not open")
    painted = FirstPaint(page, "self-check")
    await _until(cycling, f"the page {page_key} on screen", lambda: painted.done or None)
    await wait_all_idle(*page.findChildren(OpRunner))
    errors = [box.text() for box in window.findChildren(ErrorBox) if box.isVisible()]
    if errors:
        raise SelfCheckFailed(f"the page {page_key} reported: {errors[0]}")
    return MENU_SEPARATOR.join(window.sidebar.leaf_paths()[window.sidebar.page_keys().index(page_key)])


async def _until(cycling: asyncio.Future[None], what: str, found: Callable[[], T | None]) -> T:
    while (value := found()) is None:
        if cycling.done():
            raise SelfCheckFailed(f"the desktop ended before {what}")
        await asyncio.sleep(POLL_SECONDS)
    return value


def _shown(kind: type[T]) -> T | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None)


def _close_everything() -> None:
    """Ends the sign-in cycle: the dialog rejected, the window closed (quit)."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QWidget) and widget.isVisible():
            if isinstance(widget, LoginDialog):
                widget.reject()
            else:
                widget.close()
