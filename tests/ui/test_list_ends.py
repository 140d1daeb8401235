"""Ctrl+End and Ctrl+Home on a paged list of thousands of rows, against the backend in process:
the real last row after the end's page arrives, placeholders that load the right rows as they
are scrolled into view, pages that grow while reading on, and a reload during the end's fetch
that never mixes rows (ui/common/row_windows.py)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from services.api_client import ApiClient
from services.clients.session import SessionClient
from services.contract.queries import AUTO_CONVERT_PATH, MESSAGE_COUNT_PATH, MESSAGE_RECORDS_PATH
from services.contract.schemas import AutoConvertRow, MessageCount, MessageRecordOut
from tests.qt_fixtures import next_emission, until
from tests.ui.page_steps import open_page
from ui.common.columns import Column
from ui.common.paged_table_model import PagedTableModel
from ui.common.row_windows import NotLoaded
from ui.common.table_view import CopyableTableView

COLUMNS = (Column("id", "ID"), Column("channel", "Channel"), Column("status", "Status"))
SMS = {"channel": "sms"}


@pytest.fixture
def api(aio, backend):
    client = backend.api_client()
    aio(SessionClient(client).login("service", "service-demo"))
    yield client
    aio(client.aclose())


class Reads:
    """The pages' requests as the model sent them (the real client reads them)."""

    def __init__(self, api: ApiClient, path: str, row_model):
        self.params: list[dict] = []
        self._api, self._path, self._row_model = api, path, row_model

    async def __call__(self, params: dict):
        self.params.append(dict(params))
        return await self._api.get_page(self._path, self._row_model, params)


def make(qtbot, api: ApiClient, path: str = MESSAGE_RECORDS_PATH, row_model=MessageRecordOut,
         columns=COLUMNS) -> tuple[PagedTableModel, CopyableTableView, Reads]:
    reads = Reads(api, path, row_model)
    model = PagedTableModel(api, None, row_model, columns, "MessageRecordsPage", fetch=reads)
    view = CopyableTableView()
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.setModel(model)
    view.show()
    return model, view, reads


async def every_row(api: ApiClient, params: dict, path: str = MESSAGE_RECORDS_PATH, row_model=MessageRecordOut):
    return [row async for page in api.iter_pages(path, row_model, params, limit=1000) for row in page.items]


def press(view: CopyableTableView, key: Qt.Key) -> None:
    view.setFocus()
    QTest.keyClick(view, key, Qt.KeyboardModifier.ControlModifier)


def placeholders_in_view(model: PagedTableModel, view: CopyableTableView) -> int:
    top = view.rowAt(0)
    bottom = view.rowAt(view.viewport().height() - 1)
    bottom = model.rowCount() - 1 if bottom < 0 else bottom
    return sum(isinstance(model.row(r), NotLoaded) for r in range(max(top, 0), bottom + 1))


def test_ctrl_end_shows_the_real_last_row_and_ctrl_home_the_first(qtbot, aio, api):
    expected = aio(every_row(api, SMS), timeout=120)
    count = aio(api.get_model(MESSAGE_COUNT_PATH, MessageCount, SMS))
    assert count.total == len(expected) > 2000 and not count.capped
    model, view, reads = make(qtbot, api)
    model.reload(SMS)
    aio(model.wait_idle())
    model.set_total(count.total)  # as the records page does, from its count request
    view.setCurrentIndex(model.index(0, 0))

    reached = next_emission(model.endReached)
    press(view, Qt.Key.Key_End)
    aio(reached)
    last = model.rowCount() - 1
    assert model.rowCount() == len(expected) and model.loaded < len(expected)  # the rows between wait
    assert view.currentIndex().row() == last and model.row(last) == expected[-1]
    assert model.rows()[-100:] == tuple(expected[-100:])
    assert reads.params[-1].get("from_end") == "true"
    assert model.total == len(expected)

    press(view, Qt.Key.Key_Home)
    assert view.currentIndex().row() == 0 and model.row(0) == expected[0]

    # Scrolled into the middle of the gap: the placeholders there load, with the rows that are there.
    middle = len(expected) // 2
    view.scrollTo(model.index(middle, 0), view.ScrollHint.PositionAtCenter)
    aio(until(lambda: not model.loading and placeholders_in_view(model, view) == 0, message="the middle loaded"))
    assert model.row(middle) == expected[middle]
    assert model.row(view.rowAt(0)) == expected[view.rowAt(0)]

    aio(model.fetch_all(), timeout=120)
    assert model.rows() == tuple(expected) and model.rowCount() == len(expected)
    assert not model.has_more() and model.windows.gap is None and model.total == len(expected)


def test_a_list_nobody_counted_shows_one_row_for_the_rows_not_loaded(qtbot, aio, api):
    expected = aio(every_row(api, SMS), timeout=120)
    model, view, _reads = make(qtbot, api)
    model.reload(SMS)
    aio(model.wait_idle())
    assert model.total is None  # record pages carry no count
    reached = next_emission(model.endReached)
    press(view, Qt.Key.Key_End)
    aio(reached)
    gap = model.windows.gap
    assert gap is not None and not gap.sized and model.rowCount() == model.loaded + 1
    assert "not loaded" in model.index(gap.start, 0).data()
    assert model.row(view.currentIndex().row()) == expected[-1]
    aio(model.fetch_all(), timeout=120)
    assert model.rows() == tuple(expected) and model.total == len(expected)


def test_a_count_that_is_off_leaves_no_holes_or_repeats(qtbot, aio, api):
    """A capped count ("more than 10,000") sizes the gap short: the windows still meet exactly."""
    expected = aio(every_row(api, {}), timeout=120)
    count = aio(api.get_model(MESSAGE_COUNT_PATH, MessageCount, {}))
    assert count.capped and len(expected) > count.total
    model, view, _reads = make(qtbot, api)
    model.reload({})
    aio(model.wait_idle())
    model.set_total(count.total + 1)  # as filter_count.py does for a capped count
    reached = next_emission(model.endReached)
    press(view, Qt.Key.Key_End)
    aio(reached)
    assert model.row(model.rowCount() - 1) == expected[-1]
    view.scrollTo(model.index(model.rowCount() - 150, 0))  # read backward from the tail a while
    aio(until(lambda: not model.loading and placeholders_in_view(model, view) == 0, message="the tail grew"))
    aio(model.fetch_all(), timeout=180)
    assert model.rows() == tuple(expected)


def test_a_reload_during_the_ends_fetch_never_mixes_rows(qtbot, aio, api):
    email = {"channel": "email"}
    expected = aio(every_row(api, email), timeout=120)
    model, view, _reads = make(qtbot, api)
    model.reload(SMS)
    aio(model.wait_idle())
    press(view, Qt.Key.Key_End)
    assert model.loading  # the end's page is on its way
    model.reload(email)
    aio(model.wait_idle())
    assert model.windows.gap is None and model.rows() == tuple(expected[:100])
    assert {row.channel for row in model.rows()} == {"email"}
    aio(model.fetch_all(), timeout=120)
    assert model.rows() == tuple(expected)


def test_pages_grow_while_scrolling_on_so_the_end_is_a_few_fetches(qtbot, aio, backend):
    api = backend.api_client()
    aio(SessionClient(api).login("admin", "admin-demo"))
    try:
        expected = aio(every_row(api, {}, AUTO_CONVERT_PATH, AutoConvertRow))
        model, view, reads = make(qtbot, api, AUTO_CONVERT_PATH, AutoConvertRow, (Column("account_no", "Account"),))
        model.reload({})
        aio(model.wait_idle())

        async def scroll_to_end():
            while model.loaded < (model.total or 0):
                view.scrollToBottom()
                await until(lambda: not model.loading or model.loaded >= (model.total or 0))

        aio(scroll_to_end(), timeout=120)
        assert model.rows() == tuple(expected)
        sizes = [p["limit"] for p in reads.params]
        assert sizes[:3] == [100, 500, 1000][:len(sizes[:3])] and len(sizes) <= 3 + len(expected) // 1000
    finally:
        aio(api.aclose())


def test_ctrl_end_on_a_list_page_shows_its_last_row_and_status(qtbot, aio, backend, errors):
    """The real Auto-Convert page: its formatted columns, its column widths and its status line
    take the placeholders in their stride."""
    page, api = open_page(qtbot, aio, backend, errors, "margin_call.auto_convert_query")
    try:
        aio(until(lambda: page.is_ready(), message="first page"))
        expected = aio(every_row(api, {}, AUTO_CONVERT_PATH, AutoConvertRow))
        assert page.model.loaded < len(expected)
        page.table.setCurrentIndex(page.model.index(0, 0))
        reached = next_emission(page.model.endReached)
        press(page.table, Qt.Key.Key_End)
        aio(reached)
        current = page.table.currentIndex().row()
        assert current == len(expected) - 1 and page.model.row(current) == expected[-1]
        assert page.status.text() == f"Loaded {page.model.loaded:,} of {len(expected):,}"
        gap = page.model.windows.gap
        assert gap is not None and page.model.index(gap.start, 3).data() is None  # a placeholder shows no field
        press(page.table, Qt.Key.Key_Home)
        assert page.table.currentIndex().row() == 0 and page.model.row(0) == expected[0]
        aio(page.model.wait_idle())
        assert errors == []
    finally:
        aio(page.model.wait_idle())
        aio(api.aclose())


def test_ctrl_end_on_a_list_read_only_forward_reads_every_page_growing(qtbot, aio, api):
    """A list whose rows must all be read in order (a reorderable one, or an endpoint without
    ``from_end``): Ctrl+End reads on to the end, a few growing pages."""
    expected = aio(every_row(api, SMS), timeout=120)
    reads = Reads(api, MESSAGE_RECORDS_PATH, MessageRecordOut)
    model = PagedTableModel(api, None, MessageRecordOut, COLUMNS, "MessageRecordsPage", fetch=reads,
                            jumps_to_end=False)
    view = CopyableTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.show()
    model.reload(SMS)
    aio(model.wait_idle())
    reached = next_emission(model.endReached)
    press(view, Qt.Key.Key_End)
    aio(reached, timeout=120)
    assert model.rows() == tuple(expected) and model.windows.gap is None
    assert view.currentIndex().row() == len(expected) - 1
    assert not any(p.get("from_end") or p.get("before") for p in reads.params)
    assert [p["limit"] for p in reads.params][:3] == [100, 500, 1000]


def test_an_end_that_overlaps_the_rows_loaded_joins_them_without_repeats(qtbot, aio, api):
    """A short list: the last page starts inside the first, so the list is whole at once."""
    first = aio(api.get_page(MESSAGE_RECORDS_PATH, MessageRecordOut, {"limit": 1}))
    account = {"account": first.items[0].account_no}
    expected = aio(every_row(api, account))
    size = len(expected) * 2 // 3 + 1  # two pages, the second overlapping the first
    assert len(expected) > size > len(expected) // 2
    reads = Reads(api, MESSAGE_RECORDS_PATH, MessageRecordOut)
    # No view: one that shows every row would read the rest itself before Ctrl+End.
    model = PagedTableModel(api, None, MessageRecordOut, COLUMNS, "MessageRecordsPage", fetch=reads,
                            page_size=size)
    model.reload(account)
    aio(model.wait_idle())
    assert model.has_more()
    reached = next_emission(model.endReached)
    assert not model.windows.go_to_end()  # what Ctrl+End asks
    aio(reached)
    assert reads.params[-1].get("from_end") == "true"
    assert model.rows() == tuple(expected) and model.windows.gap is None and not model.has_more()
    assert model.rowCount() == model.total == len(expected)


def test_the_next_page_is_read_before_the_last_row_is_reached(qtbot, aio, api):
    model, view, reads = make(qtbot, api)
    model.reload(SMS)
    aio(model.wait_idle())
    assert model.loaded == 100
    view.scrollTo(model.index(60, 0), view.ScrollHint.PositionAtBottom)  # 40 rows before the last
    assert view.rowAt(view.viewport().height() - 1) < 99  # the last row is not in view
    aio(until(lambda: model.loaded > 100 and not model.loading, message="the next page"))
    assert model.loaded == 600 and reads.params[-1]["limit"] == 500


def test_a_count_over_the_rows_leaves_no_placeholder_behind(qtbot, aio, api):
    """Rows gone since they were counted: the gap is sized too long; where the windows meet, the
    placeholders left over go, and the count settles on the rows read."""
    expected = aio(every_row(api, SMS), timeout=120)
    model, view, _reads = make(qtbot, api)
    model.reload(SMS)
    aio(model.wait_idle())
    model.set_total(len(expected) + 50)
    reached = next_emission(model.endReached)
    press(view, Qt.Key.Key_End)
    aio(reached)
    assert model.rowCount() == len(expected) + 50 and model.row(model.rowCount() - 1) == expected[-1]
    aio(model.fetch_all(), timeout=120)
    assert model.rows() == tuple(expected) and model.rowCount() == model.total == len(expected)
