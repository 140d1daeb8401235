"""Steps of the Approvals page tests: orders made over HTTP, pages opened as the shell opens them,
rows chosen and dialogs answered as a person would."""

import shiboken6
from PySide6.QtCore import QItemSelection, QItemSelectionModel
from PySide6.QtWidgets import QPushButton

from desktop.main_window import MainWindow
from services.api_client import ApiClient
from services.clients.approvals import ApprovalsClient
from services.clients.session import SessionClient
from services.contract.schemas import WorkOrderOut
from tests.qt_fixtures import until
from tests.ui.page_steps import open_page
from tests.ui.test_main_window import no_pending_tasks
from ui.approvals.list_page import WorkOrdersPage


def open_approvals(qtbot, aio, backend, errors: list, key: str, username: str,
                   language: str = "en") -> tuple[WorkOrdersPage, ApiClient]:
    """The page signed in as ``username``, its first page of orders loaded."""
    page, api = open_page(qtbot, aio, backend, errors, key, username=username, language=language)
    aio(page.model.fetch_all())
    return page, api


def close_approvals(aio, page: WorkOrdersPage, api: ApiClient) -> None:
    """Nothing left in flight: the test ends with no pending tasks."""
    aio(page.wait_idle())
    aio(api.aclose())


def row_of(page: WorkOrdersPage, order_id: int) -> int:
    ids = [row.id for row in page.model.rows()]
    assert order_id in ids, f"work order #{order_id} is not listed ({ids[:20]}…)"
    return ids.index(order_id)


def choose(aio, page: WorkOrdersPage, order_id: int) -> WorkOrderOut:
    """Makes the order's row current, as a click or an arrow key does; returns it once shown."""
    index = page.model.index(row_of(page, order_id), 0)
    page.table.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    aio(until(lambda: page.detail.order is not None and page.detail.order.id == order_id,
              message=f"detail of #{order_id}"))
    return page.detail.order


def select(page: WorkOrdersPage, order_ids: list[int]) -> None:
    """Selects the orders' rows (as Ctrl+click does) without changing the order on screen."""
    selection = QItemSelection()
    for order_id in order_ids:
        row = row_of(page, order_id)
        selection.select(page.model.index(row, 0), page.model.index(row, page.model.columnCount() - 1))
    page.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def press_accept(page: WorkOrdersPage) -> None:
    """Presses the accept button of the confirmation on screen (its text says what it does)."""
    assert page.dialog is not None and page.dialog.isVisible(), "no confirmation on screen"
    page.dialog.findChild(QPushButton, "confirmAccept").click()


def order_now(aio, api: ApiClient, order_id: int) -> WorkOrderOut:
    return aio(ApprovalsClient(api).work_order(order_id))


def open_window(qtbot, aio, backend, settings, username: str) -> tuple[MainWindow, ApiClient]:
    """The main window signed in as ``username``, its startup requests answered."""
    api = backend.api_client()
    session = SessionClient(api)
    aio(session.login(username, f"{username}-demo"))
    window = MainWindow(api, aio(session.me()), settings)
    qtbot.addWidget(window)
    window.show()
    aio(until(no_pending_tasks, message="startup requests"))
    return window, api


def close_window(aio, window: MainWindow, api: ApiClient) -> None:
    """Closes the window unless pytest-qt already did, and waits until nothing is in flight."""
    if shiboken6.isValid(window) and window.isVisible():
        pages = [window.page(key) for key in window.sidebar.page_keys()]
        for page in pages:
            if isinstance(page, WorkOrdersPage):
                aio(page.wait_idle())
        window.close()
    aio(until(no_pending_tasks, message="cancelled tasks"))
    aio(api.aclose())
