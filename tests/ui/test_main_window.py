"""The main window against a live backend: the sidebar per role, status bar, errors, sign-out, and
the keyboard in the page shown (its shortcuts work without a click)."""

import asyncio
import socket
import threading

import pytest
import shiboken6
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import text

from desktop import i18n
from desktop.app import sign_in_cycle
from desktop.connection_monitor import ConnectionState
from desktop.login_dialog import LoginDialog
from desktop.main_window import MainWindow, Outcome
from desktop.preparation import Preparation
from services.api_client import ApiClient, ApiError
from services.clients.session import SessionClient
from services.contract.menu import MENU, landing_page
from tests.qt_fixtures import delete_on_loop, no_pending_tasks, until
from ui.common.query_page import QueryPage
from ui.pages import PAGES

ROLES_UNDER_TEST = ("maker", "checker", "service", "editor", "funds", "admin")


@pytest.fixture
def sign_in(backend, aio):
    """Signs a demo user in through the real API; returns (api, me)."""
    clients: list[ApiClient] = []

    def run(username: str):
        api = backend.api_client()
        clients.append(api)
        session = SessionClient(api)
        aio(session.login(username, f"{username}-demo"))
        return api, aio(session.me())

    yield run
    for api in clients:
        aio(api.aclose())


@pytest.fixture
def open_window(qtbot, aio, settings):
    windows: list[MainWindow] = []

    def run(api, me, **kwargs) -> MainWindow:
        window = MainWindow(api, me, settings, **kwargs)
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        # First health probe and page load answered: the window is in its steady state.
        aio(until(no_pending_tasks, message="startup requests"))
        return window

    yield run
    aio(delete_on_loop(*windows))


@pytest.mark.parametrize("username", ROLES_UNDER_TEST)
def test_sidebar_shows_exactly_the_permitted_built_pages(username, sign_in, open_window):
    api, me = sign_in(username)
    window = open_window(api, me)
    expected = [leaf for leaf in MENU if leaf.permission in me.permissions and leaf.page in PAGES]

    assert window.sidebar.page_keys() == [leaf.page for leaf in expected]
    assert window.sidebar.leaf_paths() == [leaf.path for leaf in expected]
    if expected:  # the first page this user can act on (tests/services/test_landing_page.py)
        landing = landing_page(set(me.permissions), set(PAGES))
        assert window.current_page_key() == landing and window.sidebar.current_page() == landing
        assert window.stack.currentWidget() is window.page(landing)
    else:
        assert window.stack.currentWidget() is window.stack.empty_label
        assert "No pages are available" in window.stack.empty_label.text()


def test_pages_open_lazily_from_the_sidebar(aio, sign_in, open_window):
    api, me = sign_in("admin")
    window = open_window(api, me)
    start = window.current_page_key()
    keys = [key for key in window.sidebar.page_keys() if key != start]
    assert start is not None and keys, "needs two built pages"
    assert all(window.page(key) is None for key in keys)  # only the start page is made

    async def browse() -> None:  # on the loop, where the new page's first requests run to their end
        window.sidebar.select_page(keys[0])
        assert window.current_page_key() == keys[0]
        first = window.page(start)
        window.sidebar.select_page(start)
        assert window.page(start) is first  # created once, then reused
        await until(no_pending_tasks, message="the new page's requests")

    aio(browse())


def test_what_the_users_pages_await_on_first_opening_is_done_ahead_in_a_worker_thread(aio, sign_in, open_window):
    api, me = sign_in("checker")
    visible = [leaf.page for leaf in MENU if leaf.permission in me.permissions]
    hidden = next(leaf.page for leaf in MENU if leaf.permission not in me.permissions)
    landing = landing_page(set(me.permissions), set(PAGES))
    later = next(key for key in visible if key != landing)
    done: dict[str, bool] = {}

    def work(key: str):
        return lambda: done.setdefault(key, threading.current_thread() is not threading.main_thread())

    window = open_window(api, me, ahead={key: work(key) for key in (landing, later, hidden)})
    aio(until(lambda: later in done, message="the work done ahead"))
    aio(until(no_pending_tasks, message="the other work, if any"))
    # In a worker thread, for the user's page not opened yet only: the landing page is open and
    # the hidden one is not theirs.
    assert done == {later: True}
    window.sidebar.select_page(later)
    assert window.page(later) is not None


def test_status_bar_shows_server_user_and_connection(aio, sign_in, open_window, backend):
    api, me = sign_in("checker")
    window = open_window(api, me)
    assert backend.url in window.status.server_status.text()
    assert me.display_name in window.status.user_status.text()
    assert "Risk checker" in window.status.user_status.text()
    aio(until(lambda: window.monitor.state == ConnectionState.CONNECTED, message="connected"))
    assert window.status.connection_status.text() == "● Connected"
    assert window.status.connection_status.property("state") == "connected"


def test_an_unreachable_server_shows_disconnected(aio, sign_in, open_window):
    _, me = sign_in("checker")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        dead_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    dead = ApiClient(dead_url)
    window = open_window(dead, me, pages={})
    aio(until(lambda: window.monitor.state == ConnectionState.DISCONNECTED, message="disconnected"))
    assert window.status.connection_status.text() == "● Disconnected"
    aio(dead.aclose())


def test_a_server_error_is_reported_without_blocking(aio, sign_in, open_window):
    api, me = sign_in("checker")
    window = open_window(api, me, pages={})
    with pytest.raises(ApiError) as info:
        aio(api.request("GET", "/no-such-endpoint"))
    window.report_error(info.value)
    assert window.statusBar().currentMessage() == "The requested item was not found. It may have been removed."
    assert window._error_box is not None and window._error_box.isVisible()
    assert not window._error_box.isModal()


def test_a_revoked_session_sends_the_user_back_to_sign_in(aio, sign_in, open_window):
    api, me = sign_in("checker")
    window = open_window(api, me, pages={})
    token = api.token
    session = SessionClient(api)
    aio(session.logout())
    api.set_token(token)  # as if another client had signed this session out
    with pytest.raises(ApiError) as info:
        aio(session.me())
    window.report_error(info.value)
    assert aio(window.wait_closed()) == Outcome.SESSION_ENDED
    assert window.end_reason is info.value


def test_sign_out_ends_the_session_on_the_server(aio, sign_in, open_window):
    api, me = sign_in("maker")
    window = open_window(api, me, pages={})
    window.sign_out_action.trigger()
    assert aio(window.wait_closed()) == Outcome.SIGNED_OUT
    assert api.token is None


def test_shortcuts(sign_in, open_window):
    api, me = sign_in("maker")
    window = open_window(api, me, pages={})
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    assert window.settings_action.shortcut() == QKeySequence("Ctrl+,")
    window.quit_action.trigger()
    assert not window.isVisible()
    assert window.outcome == Outcome.QUIT


def test_window_size_and_splitter_are_remembered(sign_in, open_window):
    api, me = sign_in("admin")
    first = open_window(api, me, pages={})
    first.resize(700, 500)  # inside the offscreen screen (800x600)
    first.splitter.setSizes([260, 440])
    sidebar_width = first.splitter.sizes()[0]
    first.close()
    second = open_window(api, me, pages={})
    assert second.size() == QSize(700, 500)
    assert second.splitter.sizes()[0] == sidebar_width


def test_the_shell_cycle_sign_in_sign_out_sign_in_again(qtbot, aio, backend, settings):
    """desktop.app's loop: sign-in dialog → main window → sign out → sign-in dialog → cancel."""
    api = backend.api_client()

    def top(kind):
        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, kind) and shiboken6.isValid(w) and w.isVisible()), None)

    async def scenario():
        cycle = asyncio.ensure_future(sign_in_cycle(Preparation.connected(api, embedded=True), settings))
        await until(lambda: top(LoginDialog) is not None and top(LoginDialog).demo_users_loaded)
        login = top(LoginDialog)
        login.username_edit.setText("checker")
        login.password_edit.setText("checker-demo")
        login.submit()
        await until(lambda: top(MainWindow) is not None, message="main window")
        window = top(MainWindow)
        assert window.me.username == "checker"
        await until(lambda: no_pending_tasks(cycle), message="pages loaded")
        window.sign_out_action.trigger()
        await until(lambda: top(LoginDialog) is not None and top(LoginDialog).demo_users_loaded,
                    message="sign-in again")
        again = top(LoginDialog)
        assert again.username_edit.text() == "checker"  # remembered
        again.reject()
        await asyncio.wait_for(cycle, 10)
        await until(no_pending_tasks, message="cancelled tasks")

    aio(scenario())
    assert api.token is None
    aio(api.aclose())


def _active(aio, window: MainWindow) -> None:
    window.activateWindow()
    aio(until(window.isActiveWindow, message="the window active"))


def _press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed where the keyboard is, as a person presses it (shortcuts first)."""
    QTest.keyClick(QApplication.focusWidget(), key, modifier)


def _in(widget) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and (focus is widget or widget.isAncestorOf(focus))


@pytest.mark.parametrize("username", ["maker", "checker"])
def test_the_landing_pages_shortcuts_work_right_after_sign_in(aio, sign_in, open_window, username):
    api, me = sign_in(username)
    window = open_window(api, me)
    _active(aio, window)
    page = window.page(window.current_page_key())
    assert isinstance(page, QueryPage)
    assert QApplication.focusWidget() is page.table  # the list, not the menu
    _press(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Ctrl+F: the filters
    first_filter = page.filter_bar.editor(next(iter(page.filter_bar.values())))
    assert QApplication.focusWidget() is first_filter


def test_arrowing_through_the_menu_stays_there_and_enter_or_a_click_goes_to_the_page(aio, sign_in, open_window):
    api, me = sign_in("maker")
    window = open_window(api, me)
    _active(aio, window)
    landing = window.current_page_key()
    _press(Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # Ctrl+0: the menu
    assert QApplication.focusWidget() is window.sidebar

    async def browse() -> None:  # on the loop, where the pages' first requests run
        _press(Qt.Key.Key_Down)
        await until(lambda: window.current_page_key() != landing, message="the next page")
        assert QApplication.focusWidget() is window.sidebar  # still choosing
        _press(Qt.Key.Key_Return)
        shown = window.page(window.current_page_key())
        assert _in(shown) and isinstance(shown, QueryPage)
        _press(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        assert _in(shown.filter_bar)

        item = window.sidebar.findItems(window.sidebar.leaf_paths()[0][-1], Qt.MatchFlag.MatchRecursive)[0]
        where = window.sidebar.visualItemRect(item).center()
        QTest.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=where)
        clicked = window.page(window.current_page_key())
        assert window.current_page_key() == window.sidebar.page_keys()[0] and _in(clicked)
        await until(no_pending_tasks, message="the pages' requests")

    aio(browse())


@pytest.mark.parametrize("username", ROLES_UNDER_TEST)
def test_every_page_chosen_in_the_menu_has_the_keyboard(aio, sign_in, open_window, username):
    api, me = sign_in(username)
    window = open_window(api, me)
    _active(aio, window)

    async def visit_all() -> None:
        for key in window.sidebar.page_keys():
            window.sidebar.setFocus()
            window.sidebar.select_page(key)
            assert QApplication.focusWidget() is window.sidebar
            _press(Qt.Key.Key_Return)
            assert _in(window.page(key)), (key, QApplication.focusWidget())
            await until(no_pending_tasks, message=f"{key}'s requests")

    aio(visit_all())


def test_the_status_bar_names_the_roles_as_the_database_does_in_chinese(aio, sign_in, open_window, backend):
    """A role an administrator created (the desktop has no label of its own for it) reads by its
    Chinese name, the built-in ones too."""
    engine = backend.engine()
    with engine.begin() as db:
        db.execute(text("INSERT INTO roles (code, name_en, name_zh, version) VALUES ('desk_lead', 'Desk lead', "
                        "'交易主管', 1)"))
        db.execute(text("INSERT INTO user_roles (user_id, role_id) SELECT u.id, r.id FROM users u, roles r "
                        "WHERE u.username = 'service' AND r.code = 'desk_lead'"))
    i18n.set_language("zh_Hant")
    try:
        api, me = sign_in("service")
        assert {(r.code, r.name_zh) for r in me.role_names} == {("customer_service", "客戶服務"),
                                                                  ("desk_lead", "交易主管")}
        window = open_window(api, me)
        assert window.status.user_status.text() == f"已登入：{me.display_name}（客戶服務, 交易主管）"
        i18n.set_language("en")
        aio(until(lambda: "Desk lead" in window.status.user_status.text(), message="English names"))
        assert window.status.user_status.text().endswith("(Customer service, Desk lead)")
    finally:
        i18n.set_language("en")
        with engine.begin() as db:
            db.execute(text("DELETE FROM user_roles WHERE role_id = (SELECT id FROM roles WHERE code = 'desk_lead')"))
            db.execute(text("DELETE FROM roles WHERE code = 'desk_lead'"))
        engine.dispose()
