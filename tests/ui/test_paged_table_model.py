"""PagedTableModel and its formatters against the real backend over HTTP."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QTableView

from services.api_client import ApiClient, ApiError
from services.clients.session import SessionClient
from services.contract.queries import AUTO_CONVERT_PATH, AutoConvertFilter
from services.contract.schemas import AutoConvertRow
from tests.qt_fixtures import next_emission
from ui.common import formatting
from ui.common.columns import Column, bool_column, datetime_column, money_column
from ui.common.paged_table_model import PagedTableModel

COLUMNS = (
    Column("account_no", "Account No."),
    bool_column("enrolled", "Enrolled"),
    datetime_column("first_enabled_at", "First Enabled At"),
    money_column("last_conversion_amount", "Last Conversion Amount"),
)


@pytest.fixture
def api(aio, backend):
    client = backend.api_client()
    aio(SessionClient(client).login("admin", "admin-demo"))
    yield client
    aio(client.aclose())


def make_model(api: ApiClient, page_size: int = 50) -> PagedTableModel:
    return PagedTableModel(api, AUTO_CONVERT_PATH, AutoConvertRow, COLUMNS, "AutoConvertPage",
                           page_size=page_size)


async def api_rows(api: ApiClient, params: dict[str, str]) -> list[AutoConvertRow]:
    return [row async for page in api.iter_pages(AUTO_CONVERT_PATH, AutoConvertRow, params)
            for row in page.items]


# --- formatters --------------------------------------------------------------------------------


def test_money_has_thousands_separators_and_two_decimals():
    assert formatting.money(Decimal("1234567.5")) == "1,234,567.50"
    assert formatting.money(Decimal("-0.05")) == "-0.05"
    assert formatting.money(None) == ""


def test_datetimes_show_hong_kong_wall_clock():
    assert formatting.hk_datetime(datetime(2024, 9, 23, 16, 30, tzinfo=UTC)) == "2024-09-24 00:30"
    assert formatting.hk_datetime(None) == ""


def test_percent_of_a_decimal_ratio():
    assert formatting.percent(Decimal("0.0725")) == "7.25 %"
    assert formatting.percent(Decimal("0.071875")) == "7.1875 %"
    assert formatting.percent(Decimal("0.1")) == "10.00 %"


def test_yes_no_is_translated_source_text(qapp):
    assert (formatting.yes_no(True), formatting.yes_no(False), formatting.yes_no(None)) == ("Yes", "No", "")


# --- model ------------------------------------------------------------------------------------


def test_model_passes_qtmodeltester_before_and_with_real_rows(qtmodeltester, aio, api):
    model = make_model(api)
    qtmodeltester.check(model)  # empty, before any query
    model.reload({})
    aio(model.wait_idle())
    assert model.total is not None and model.total > model.loaded  # several pages of demo data
    qtmodeltester.check(model)
    aio(model.wait_idle())  # the tester's own fetchMore may have started the next page
    assert model.index(0, 0).data() == model.row(0).account_no
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Last Conversion Amount"
    assert model.index(0, 3).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight


def test_scrolling_to_the_bottom_fetches_pages_until_all_are_loaded(qtbot, aio, api):
    model = make_model(api, page_size=40)
    view = QTableView()
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.setModel(model)
    view.show()
    totals: list[int] = []
    model.totalChanged.connect(totals.append)
    model.reload({})
    aio(model.wait_idle())
    first_total = model.total
    assert model.loaded < first_total

    async def scroll_to_end():
        while model.loaded < (model.total or 0):
            view.scrollToBottom()  # the view asks canFetchMore/fetchMore, as a user's scroll does
            await model.wait_idle()

    aio(scroll_to_end(), timeout=120)
    assert model.loaded == model.total == first_total
    assert not model.canFetchMore()
    accounts = [row.account_no for row in model.rows()]
    assert accounts == sorted(accounts) and len(set(accounts)) == len(accounts)  # keyset order, no repeats
    assert accounts == [row.account_no for row in aio(api_rows(api, {}))]
    assert totals and totals[0] == first_total


def test_reload_drops_pages_of_a_superseded_filter(aio, api):
    model = make_model(api)
    model.reload({})  # in flight when the filter changes
    enrolled_usd = AutoConvertFilter(status="enrolled", currency="USD").as_params()
    model.reload(enrolled_usd)
    aio(model.fetch_all())
    expected = aio(api_rows(api, enrolled_usd))
    assert [r.account_no for r in model.rows()] == [r.account_no for r in expected]
    assert all(r.enrolled and "USD" in r.currencies for r in model.rows())
    assert model.total == len(expected)


def test_a_failed_page_is_reported_and_not_retried_in_a_loop(aio, backend):
    anonymous = backend.api_client()  # no token: the backend answers 401
    try:
        model = make_model(anonymous)
        failed = next_emission(model.errorOccurred)
        model.reload({})
        (error,) = aio(failed)
        assert isinstance(error, ApiError) and error.status == 401
        aio(model.wait_idle())
        assert not model.loading and not model.canFetchMore() and model.loaded == 0
    finally:
        aio(anonymous.aclose())


def test_language_change_refreshes_headers(qtbot, aio, api):
    model = make_model(api)
    model.reload({})
    aio(model.wait_idle())
    with qtbot.waitSignal(model.headerDataChanged) as header_signal, qtbot.waitSignal(model.dataChanged):
        model.retranslate()
    assert header_signal.args == [Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1]
    assert QEvent.Type.LanguageChange  # the page forwards LanguageChange to retranslate()
