"""End to end: a real backend process, and the real sign-in dialog and main window driven against it.

A customer-service user signs in through the dialog, opens Risk › Margin Call › Auto-Convert
Query from the sidebar, filters by typing into the filter bar, scrolls the table to the end and
exports through the Export button and its file dialog; every result is compared with what the
backend returns for the same filter over plain HTTP. Qt events are processed only inside ``aio``
(see tests/qt_fixtures.py), and every test ends with no asyncio task pending.
"""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx
import openpyxl
import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QTreeWidgetItemIterator

from desktop import i18n
from desktop.login_dialog import LoginDialog
from desktop.main_window import MainWindow, Outcome
from desktop.preparation import Preparation
from desktop.sidebar import PAGE_KEY_ROLE
from services.api_client import ApiClient
from services.clients.session import SessionClient
from services.contract.queries import AUTO_CONVERT_PATH, BORROWING_PATH, AutoConvertFilter
from services.contract.schemas import AutoConvertRow, MeOut, Page
from tests.conftest import LiveBackend, start_backend, stop_backend
from tests.qt_fixtures import until
from ui.common.formatting import file_size
from ui.common.list_export import EXPORTED
from ui.margin_call import labels
from ui.margin_call.auto_convert_page import SPEC, AutoConvertPage

pytestmark = pytest.mark.e2e

DEMO_ACCOUNTS = 3000  # about 1,000 auto-convert rows: ten and more pages of 100 to scroll through
PAGE_KEY = "margin_call.auto_convert_query"
USER, PASSWORD = "service", "service-demo"  # customer service: this one margin-call page only
ACCOUNT, NAME, ENROLLED = 0, 1, 4  # columns of the page's table
EXPORT_HEADERS = {  # the sheet's first columns per export language (backend/margin_call/export.py)
    "en": ("Account No.", "Customer Name", "Chinese Name", "Account Type", "Base Currency", "Enrolled"),
    "zh_Hant": ("賬戶號碼", "客戶名稱", "中文名稱", "賬戶類型", "基礎貨幣", "已開通"),
}
YES = {"en": "Yes", "zh_Hant": "是"}


# --- the backend: a process of this module's own, and its rows read over plain HTTP ---------------


@pytest.fixture(scope="module")
def live(tmp_path_factory) -> LiveBackend:
    database = tmp_path_factory.mktemp("e2e-db") / "opsdesk.db"
    log_path = tmp_path_factory.mktemp("e2e-log") / "backend.log"
    backend = start_backend(f"sqlite:///{database}", log_path,
                            "--demo", "--demo-accounts", str(DEMO_ACCOUNTS), "--demo-messages", "200")
    yield backend
    stop_backend(backend)


def backend_rows(live: LiveBackend, filter_: AutoConvertFilter) -> list[AutoConvertRow]:
    """Every row of ``filter_`` in the backend's order, paged with its cursors."""
    rows: list[AutoConvertRow] = []
    params: dict[str, str | int] = {**filter_.as_params(), "limit": 250}
    with live.client(USER) as http:
        while True:
            response = http.get(AUTO_CONVERT_PATH, params=params)
            response.raise_for_status()
            page = Page[AutoConvertRow].model_validate_json(response.content)
            rows.extend(page.items)
            if page.next_cursor is None:
                return rows
            params["cursor"] = page.next_cursor


@pytest.fixture(scope="module")
def enrolled_usd(live) -> list[AutoConvertRow]:
    return backend_rows(live, AutoConvertFilter(status="enrolled", currency="USD"))


@pytest.fixture(scope="module")
def name_fragment(enrolled_usd) -> str:
    """Three letters that many (not all) enrolled USD customers have in their English name."""
    counts = Counter(fragment for row in enrolled_usd
                     for fragment in {row.customer_name.lower()[i:i + 3]
                                      for i in range(len(row.customer_name) - 2)}
                     if fragment.isalpha())
    fragment, count = next((f, c) for f, c in counts.most_common() if c < len(enrolled_usd))
    assert count > 100, "the filtered result should need more than one page of the table"
    return fragment


# --- driving the UI ----------------------------------------------------------------------------------


def no_pending_tasks() -> bool:
    # As tests/ui/test_main_window.py: only this check and aio's wait_for wrapper may be running.
    current = asyncio.current_task()
    return all(task.done() or task is current or task.get_coro().__name__ == "wait_for"
               for task in asyncio.all_tasks())


def settle(aio, predicate, message: str, timeout: float = 20.0) -> None:
    """Awaits ``predicate`` and then the end of every task in flight.

    A request still in flight (say the status bar's health probe) would otherwise be cancelled
    at the end of the test or land in the next check; ending each ``aio`` with nothing in flight
    keeps every step's effects inside that step.
    """
    async def run():
        await until(predicate, timeout, message)
        await until(no_pending_tasks, timeout, f"tasks in flight after: {message}")
    aio(run(), timeout + 5)


def tr(context: str, source: str) -> str:
    return QCoreApplication.translate(context, source)


def shown(model, column: int) -> list[str]:
    """A column as the user reads it (DisplayRole), top to bottom."""
    return [model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
            for row in range(model.rowCount())]


def type_into(qtbot, widget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def choose_with_arrow_keys(combo, text: str) -> None:
    combo.setFocus()
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        QTest.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text


async def scroll_to_the_end(page: AutoConvertPage) -> None:
    """Drags the scroll bar to the bottom, again and again, until the last page has arrived."""
    model, bar = page.model, page.table.verticalScrollBar()
    await until(lambda: model.total is not None and not model.loading, message="first page")
    while model.loaded < model.total:
        # The view lays the new rows out on its own timer; then the bar can go further down.
        await until(lambda: bar.maximum() > bar.value(), message="scroll range for the new rows")
        loaded = model.loaded
        bar.setValue(bar.maximum())  # the view asks the model for more at the bottom
        await until(lambda before=loaded: model.loaded > before and not model.loading, message="next page")
    await until(no_pending_tasks, message="tasks in flight after the last page")


def sign_in_with_the_dialog(qtbot, aio, api: ApiClient, settings, password: str = PASSWORD,
                            ) -> LoginDialog:
    dialog = LoginDialog(Preparation.connected(api, embedded=True), settings)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(aio, lambda: dialog.demo_users_loaded, "demo users")
    demo = [dialog.demo_list.topLevelItem(i).text(0) for i in range(dialog.demo_list.topLevelItemCount())]
    assert dialog.demo_list.isVisible() and USER in demo
    dialog.username_edit.clear()
    type_into(qtbot, dialog.username_edit, USER)
    dialog.password_edit.clear()
    type_into(qtbot, dialog.password_edit, password)
    QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)  # the default button: Sign in
    assert dialog.is_busy
    settle(aio, lambda: not dialog.is_busy, "the server's answer to the sign-in")
    return dialog


@pytest.fixture
def api(live, aio):
    client = ApiClient(live.url)
    yield client
    aio(client.aclose())


@pytest.fixture
def sign_in(qtbot, aio, api, settings):
    """Signs USER in through the real dialog; returns the dialog's ``me``."""
    def run() -> MeOut:
        dialog = sign_in_with_the_dialog(qtbot, aio, api, settings)
        assert dialog.result() == LoginDialog.DialogCode.Accepted and not dialog.isVisible()
        assert dialog.me is not None and dialog.me.username == USER
        assert api.token is not None
        return dialog.me
    return run


@pytest.fixture
def window(qtbot, aio, api, sign_in, settings, live):
    """The real main window of the signed-in user, the Auto-Convert page chosen in the sidebar."""
    me = sign_in()
    main = MainWindow(api, me, settings)
    qtbot.addWidget(main)
    main.show()
    settle(aio, main.isVisible, "main window and its startup requests")

    # Customer service sees one margin-call page and the message records, and the server agrees.
    sidebar = main.sidebar
    assert sidebar.leaf_paths() == [("Risk", "Margin Call", "Auto-Convert Query"),
                                    ("Message Center", "Message Records")]
    items = []
    iterator = QTreeWidgetItemIterator(sidebar)
    while iterator.value() is not None:
        items.append(iterator.value())
        iterator += 1
    assert "Borrowing Accounts" not in [item.text(0) for item in items]
    with live.client(USER) as http:
        assert http.get(BORROWING_PATH, params={"limit": 1}).status_code == 403

    leaf = next(item for item in items if item.data(0, PAGE_KEY_ROLE) == PAGE_KEY)
    QTest.mouseClick(sidebar.viewport(), Qt.MouseButton.LeftButton,
                     pos=sidebar.visualItemRect(leaf).center())
    assert sidebar.currentItem() is leaf
    page = main.page(PAGE_KEY)
    assert isinstance(page, AutoConvertPage) and main.stack.currentWidget() is page
    settle(aio, lambda: page.isVisible() and page.model.total is not None and not page.model.loading,
           "the page's first rows")
    main.activateWindow()  # Enter in the filter bar is a shortcut: it needs the active window
    settle(aio, main.isActiveWindow, "active window")
    yield main

    if shiboken6.isValid(main) and main.isVisible():  # a failed test: still leave nothing behind
        main.close()
    aio(until(no_pending_tasks, message="cancelled tasks"))


def auto_convert_page(main: MainWindow) -> AutoConvertPage:
    page = main.page(PAGE_KEY)
    assert isinstance(page, AutoConvertPage)
    return page


def sign_out(aio, main: MainWindow, api: ApiClient, live: LiveBackend) -> None:
    token = api.token
    main.sign_out_action.trigger()  # File › Sign out

    async def closed() -> Outcome:
        outcome = await main.wait_closed()
        await until(no_pending_tasks, message="the window's requests ended")
        return outcome

    assert aio(closed()) == Outcome.SIGNED_OUT
    assert not main.isVisible() and api.token is None
    revoked = httpx.get(f"{live.url}/me", headers={"Authorization": f"Bearer {token}"})
    assert revoked.status_code == 401  # the server forgot the session, not only the client


# --- the tests -----------------------------------------------------------------------------------


def test_a_wrong_password_keeps_the_dialog_open_then_the_right_one_signs_in(qtbot, aio, api, settings):
    dialog = sign_in_with_the_dialog(qtbot, aio, api, settings, password="not-the-password")
    assert dialog.isVisible() and dialog.me is None and api.token is None
    assert dialog.error_label.isVisible()
    assert dialog.error_text == "The username or password is incorrect."

    dialog.password_edit.clear()
    type_into(qtbot, dialog.password_edit, PASSWORD)
    QTest.keyClick(dialog.password_edit, Qt.Key.Key_Enter)
    settle(aio, lambda: not dialog.isVisible(), "dialog accepted")
    assert dialog.result() == LoginDialog.DialogCode.Accepted and dialog.error_text == ""
    assert dialog.me is not None and dialog.me.username == USER
    assert settings.last_username == USER
    aio(SessionClient(api).logout())


@pytest.mark.parametrize("language", ["en", "zh_Hant"])
def test_filter_then_export_match_the_backend(qtbot, aio, window, api, live, tmp_path, language,
                                              enrolled_usd, name_fragment):
    page = auto_convert_page(window)
    bar, model = page.filter_bar, page.model
    i18n.set_language(language)  # as the settings dialog does; the open window follows
    settle(aio, lambda: window.sidebar.leaf_paths()[0][-1] == tr("menu", "Auto-Convert Query")
           and model.headerData(ACCOUNT, Qt.Orientation.Horizontal) == EXPORT_HEADERS[language][0],
           "the window retranslated")

    # Filter: the status by arrow keys until it reads "Enrolled" in the UI's language, the
    # currency by typing its code (a combo box jumps to the item), the name by typing.
    choose_with_arrow_keys(bar.editor("status"), tr("AutoConvertPage", "Enrolled"))
    type_into(qtbot, bar.editor("currency"), "USD")
    type_into(qtbot, bar.editor("name"), name_fragment)
    QTest.keyClick(bar.editor("name"), Qt.Key.Key_Return)
    filter_ = AutoConvertFilter(status="enrolled", currency="USD", name=name_fragment)
    assert page.applied_filter == filter_ and model.params == filter_.as_params()
    aio(scroll_to_the_end(page), 60)

    expected = backend_rows(live, filter_)
    assert SPEC.page_size < len(expected) < len(enrolled_usd)  # several pages, and the name narrowed
    assert shown(model, ACCOUNT) == [row.account_no for row in expected]
    assert shown(model, NAME) == [labels.customer_name(row) for row in expected]
    assert set(shown(model, ENROLLED)) == {tr("Formatting", "Yes")} == {YES[language]}
    assert all(name_fragment in f"{row.customer_name} {row.customer_name_zh}".lower() for row in expected)
    assert page.status.text() == tr("QueryPage", "Loaded {loaded} of {total}").format(
        loaded=f"{len(expected):,}", total=f"{len(expected):,}")

    # Export: the button, then the file dialog (Qt's own under the offscreen platform).
    target = tmp_path / f"auto-convert-{language}.xlsx"
    finished: list[tuple[bool, str]] = []
    page.exportFinished.connect(lambda ok, path: finished.append((ok, path)))
    qtbot.mouseClick(page.export.button, Qt.MouseButton.LeftButton)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog) and w.isVisible()]
    assert len(dialogs) == 1
    dialogs[0].selectFile(str(target))
    dialogs[0].accept()  # Save
    settle(aio, lambda: finished, "export finished")
    assert finished == [(True, str(target))]
    assert page.export.status.text() == tr("QueryPage", EXPORTED).format(
        size=file_size(target.stat().st_size), path=str(target))
    assert page.export.button.isEnabled() and page.export_params()["lang"] == language

    workbook = openpyxl.load_workbook(target, read_only=True)
    try:
        header, *data = list(workbook.active.iter_rows(values_only=True))
    finally:
        workbook.close()
    assert header[:6] == EXPORT_HEADERS[language]
    ui_headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in (ACCOUNT, NAME, ENROLLED)]
    assert [header[0], header[1], header[5]] == ui_headers  # the sheet speaks the UI's language
    assert [cells[0] for cells in data] == shown(model, ACCOUNT)
    for cells, row in zip(data, expected, strict=True):
        assert (cells[0], cells[1], cells[2]) == (row.account_no, row.customer_name, row.customer_name_zh)
        assert row.enrolled and cells[5] == YES[language]

    sign_out(aio, window, api, live)


def test_reset_and_scroll_to_the_end_loads_every_row_in_the_backend_order(qtbot, aio, window, api,
                                                                         live, enrolled_usd):
    page = auto_convert_page(window)
    bar, model = page.filter_bar, page.model
    type_into(qtbot, bar.editor("currency"), "USD")
    QTest.keyClick(bar.editor("currency"), Qt.Key.Key_Return)
    assert model.params == AutoConvertFilter(currency="USD").as_params()
    settle(aio, lambda: model.total is not None and not model.loading, "the USD rows")
    assert model.total > len(enrolled_usd)  # enrolled ones and disabled ones

    qtbot.mouseClick(bar.reset_button, Qt.MouseButton.LeftButton)
    assert bar.values()["currency"] is None and model.params == AutoConvertFilter().as_params()
    aio(scroll_to_the_end(page), 60)

    expected = [row.account_no for row in backend_rows(live, AutoConvertFilter())]
    assert len(expected) > 5 * SPEC.page_size  # the scroll really went through many pages
    accounts = shown(model, ACCOUNT)
    assert accounts == expected and len(set(accounts)) == len(accounts)
    assert model.loaded == model.total == len(expected)
    assert page.status.text() == f"Loaded {len(expected):,} of {len(expected):,}"

    sign_out(aio, window, api, live)
