"""Every page, at a laptop's 1366×768 and a desktop's 1920×1080, in both languages, on the demo
as the screenshots show it (desktop/screenshots/ seeds it and prepares each page): no cell of a
number, date or identifier is elided, a cut free text carries its whole text as a tooltip, and
every table fills its view's width.

A cell is elided as Qt's style decides it when painting (cell_room.py). One backend process for the module, seeded once by the first test.
"""

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QTableView

from desktop import i18n, screenshots
from desktop.app_settings import AppSettings
from services.api_client import ApiClient
from services.clients.session import SessionClient
from tests.conftest import LiveBackend
from tests.fixtures.app_backend import demo_backend_process
from tests.qt_fixtures import delete_on_loop
from tests.ui.cell_room import text_room
from ui.common.columns import Column
from ui.pages import PAGES

SIZES = {"1366x768": (1366, 768), "1920x1080": (1920, 1080)}
CHECKED_ROWS = 300  # of each table's loaded rows (a page or two): what sizing on load promises


@dataclass
class Demo:
    backend: LiveBackend
    seeded: bool = False


@pytest.fixture(scope="module")
def demo(sqlite_template, tmp_path_factory) -> Iterator[Demo]:
    folder = tmp_path_factory.mktemp("nothing-cut-off")
    with demo_backend_process(sqlite_template, folder / "backend.log") as backend:
        yield Demo(backend)


@pytest.fixture
def window_of(aio, demo, styled, tmp_path):
    """The admin's main window on the seeded demo, in a language and at a size."""
    opened = []

    def run(language: str, size: tuple[int, int]):
        if not demo.seeded:
            aio(screenshots.seed_demo(demo.backend.url), 180)
            demo.seeded = True
        i18n.set_language(language)
        api = ApiClient(demo.backend.url)
        api.set_token(demo.backend.token("admin"))
        me = aio(SessionClient(api).me())
        settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        window = screenshots.open_window(api, me, settings, tmp_path / "workstation")
        opened.append((window, api))
        window.resize(*size)
        window.show()
        return window

    yield run
    for window, api in opened:
        store = window.offline.store
        aio(delete_on_loop(window))
        store.close()
        aio(api.aclose())


def what_is_cut_off(key: str, page) -> list[str]:
    """Each elided figure or identifier, each cut free text without its tooltip and each table
    narrower than its view, of ``page``'s visible tables declared by Columns (ui/common/columns.py;
    the draft grid's editable columns are sized by the editor)."""
    found = []
    for view in page.findChildren(QTableView):
        columns = getattr(view.model(), "columns", None)
        if not columns or not all(isinstance(c, Column) for c in columns) or not view.isVisible():
            continue
        name = f"{key} › {view.objectName() or type(view.model()).__name__}"
        header = view.horizontalHeader()
        if header.length() < view.viewport().width():
            found.append(f"{name}: the columns leave {view.viewport().width() - header.length()}px empty")
        for row in range(min(view.model().rowCount(), CHECKED_ROWS)):
            for section, column in enumerate(columns):
                if header.isSectionHidden(section):
                    continue
                text, needed, room = text_room(view, row, section)
                if not text or needed <= room:
                    continue
                if column.shown_whole:
                    found.append(f"{name}: {column.key} {text!r} needs {needed:.1f}px, has {room}px")
                elif not view.model().index(row, section).data(Qt.ItemDataRole.ToolTipRole):
                    found.append(f"{name}: {column.key} {text!r} is cut without a tooltip")
    return found


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["zh_Hant", "en"])
def test_no_figure_or_identifier_is_cut_off_on_any_page(aio, window_of, language, size):
    window = window_of(language, SIZES[size])
    assert sorted(window.sidebar.page_keys()) == sorted(PAGES)  # the administrator sees every page
    found = []
    for key in window.sidebar.page_keys():
        page = aio(screenshots.show_page(window, key), 120)
        window.grab()  # painted as on screen
        found += what_is_cut_off(key, page)
    assert not found, "\n".join(found)
