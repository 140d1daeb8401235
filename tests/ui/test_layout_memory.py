"""What a user leaves of a page's layout comes back for them, and only for them: the widths they
dragged of a table's columns and where they left a splitter (desktop/layout_memory.py), and the
window's size and place (desktop/app_settings.py)."""

import pytest
from PySide6.QtCore import QByteArray, QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop.main_window import MainWindow
from services.clients.session import SessionClient
from tests.qt_fixtures import delete_on_loop, until

PAGE = "funds.clearing"


def press_drag_release(area: QWidget, start: QPoint, by: QPoint) -> None:
    """A left-button drag on ``area`` as the user makes it (positions in ``area``'s coordinates)."""
    def send(kind: QEvent.Type, at: QPoint, buttons: Qt.MouseButton) -> None:
        QApplication.sendEvent(area, QMouseEvent(kind, QPointF(at), QPointF(area.mapToGlobal(at)),
                                                 Qt.MouseButton.LeftButton, buttons, Qt.KeyboardModifier.NoModifier))

    send(QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    send(QEvent.Type.MouseMove, start + by, Qt.MouseButton.LeftButton)
    send(QEvent.Type.MouseButtonRelease, start + by, Qt.MouseButton.NoButton)


@pytest.fixture
def clearing_for(aio, backend, settings):
    """Fund Clearing in a main window of the user's, on the shared settings; closed afterwards."""
    opened = []

    def run(username: str):
        api = backend.api_client()
        api.set_token(backend.token(username))
        window = MainWindow(api, aio(SessionClient(api).me()), settings)
        opened.append((window, api))
        window.resize(1400, 900)
        window.show()
        window.open_page(PAGE)
        page = window.page(PAGE)
        aio(until(lambda: page.is_ready() and page.batch_list.model.rowCount() > 0, message="the batches"))
        return window, page

    def close(window) -> None:
        aio(delete_on_loop(window))

    run.close = close
    yield run
    for window, api in opened:
        aio(delete_on_loop(window))
        aio(api.aclose())


def test_dragged_column_widths_and_splitter_come_back_for_the_same_user_only(clearing_for):
    window, page = clearing_for("funds")
    header = page.batch_list.table.horizontalHeader()
    currency = [c.key for c in page.batch_list.model.columns].index("currency")
    fitted = header.sectionSize(currency)
    edge = header.sectionViewportPosition(currency) + header.sectionSize(currency) - 1
    press_drag_release(header.viewport(), QPoint(edge, header.height() // 2), QPoint(50, 0))
    assert header.sectionSize(currency) == fitted + 50
    handle = page.splitter.handle(1)
    before = page.splitter.sizes()
    press_drag_release(handle, handle.rect().center(), QPoint(0, -80))
    moved = page.splitter.sizes()
    assert moved[0] < before[0]
    clearing_for.close(window)

    _again, page = clearing_for("funds")  # the same user, another day
    assert page.batch_list.table.horizontalHeader().sectionSize(currency) == fitted + 50
    assert page.splitter.sizes() == moved

    _other, page = clearing_for("admin")  # another user on the same machine: as fitted
    assert page.batch_list.table.horizontalHeader().sectionSize(currency) == fitted
    assert page.splitter.sizes() != moved


def test_each_user_has_the_window_where_they_left_it_and_a_new_user_the_last_one(settings):
    first, second = QByteArray(b"geometry of funds"), QByteArray(b"geometry of admin")
    settings.set_window_geometry(first, "funds")
    settings.set_window_geometry(second, "admin")

    assert settings.window_geometry("funds") == first
    assert settings.window_geometry("admin") == second
    assert settings.window_geometry("maker") == second  # never signed in here: the last one's
