"""Risk › Margin Call › Auto-Convert Query against the real backend over HTTP."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QItemSelection, QItemSelectionModel, Qt, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from services.api_client import ApiClient, ApiError
from services.contract.queries import AUTO_CONVERT_PATH, AutoConvertFilter
from services.contract.schemas import AutoConvertRow
from tests.qt_fixtures import next_emission, until
from tests.ui.page_steps import open_page
from ui.common.filter_bar import FilterBar
from ui.common.formatting import HK
from ui.common.optional_date_edit import OptionalDateEdit
from ui.margin_call import labels
from ui.margin_call.auto_convert_page import FIELDS, AutoConvertPage

ZH_CATALOGUE = Path(__file__).resolve().parents[2] / "resources/translations/opsdesk_zh_Hant.qm"

PAGE = "margin_call.auto_convert_query"


@pytest.fixture
def admin_page(qtbot, aio, backend, errors):
    page, api = open_page(qtbot, aio, backend, errors, PAGE)
    yield page, api
    aio(page.model.wait_idle())
    aio(api.aclose())


async def api_rows(api: ApiClient, filter_: AutoConvertFilter) -> list[AutoConvertRow]:
    return [row async for page in api.iter_pages(AUTO_CONVERT_PATH, AutoConvertRow, filter_.as_params())
            for row in page.items]


# --- filter bar alone (no backend) ----------------------------------------------------------------


def test_filter_bar_builds_the_contract_filter(qtbot):
    bar = FilterBar(FIELDS, AutoConvertFilter, "AutoConvertPage", date_ranges=(("date_from", "date_to"),))
    qtbot.addWidget(bar)
    assert bar.build_filter() == AutoConvertFilter()
    bar.set_values(account=" 10 ", status="disabled", currency="CNH", date_field="disabled",
                   date_from=date(2024, 1, 1), date_to=date(2024, 1, 1))
    with qtbot.waitSignal(bar.searchRequested) as searched:
        bar.search()
    assert searched.args[0] == AutoConvertFilter(account="10", status="disabled", currency="CNH",
                                                 date_field="disabled", date_from=date(2024, 1, 1),
                                                 date_to=date(2024, 1, 1))
    assert searched.args[0].as_params()["date_from"] == "2024-01-01"


def test_optional_date_edit_leaves_any_at_today_and_delete_returns_to_any(qtbot):
    edit = OptionalDateEdit()
    qtbot.addWidget(edit)
    assert edit.is_any() and edit.value() is None and edit.text() == "Any"
    QTest.keyClick(edit, Qt.Key.Key_Up)
    assert edit.value() == date.today()
    QTest.keyClick(edit, Qt.Key.Key_Delete)
    assert edit.value() is None


# --- the page against the backend --------------------------------------------------------------


def test_page_is_registered_and_loads_the_first_page(admin_page, aio, errors):
    page, _api = admin_page
    assert isinstance(page, AutoConvertPage)
    aio(page.model.wait_idle())
    assert page.status.text() == f"Loaded {page.model.loaded:,} of {page.model.total:,}"
    assert not page.busy.isVisible()
    headers = [page.model.headerData(i, Qt.Orientation.Horizontal) for i in range(page.model.columnCount())]
    assert headers[:5] == ["Account No.", "Customer Name", "Account Type", "Base Currency", "Enrolled"]
    assert errors == []


def test_scrolling_loads_every_page(admin_page, aio):
    page, _api = admin_page
    model = page.model

    async def scroll_to_end():
        await until(lambda: model.total is not None and not model.loading)
        while model.loaded < model.total:
            page.table.scrollToBottom()
            await until(lambda: not model.loading)
            await until(lambda: True)

    aio(scroll_to_end(), timeout=120)
    assert model.loaded == model.total
    assert page.status.text() == f"Loaded {model.total:,} of {model.total:,}"


def test_enrolled_usd_filter_shows_exactly_the_backend_rows(qtbot, admin_page, aio, errors):
    page, api = admin_page
    page.filter_bar.set_values(status="enrolled", currency="USD")
    with qtbot.waitSignal(page.filter_bar.searchRequested):
        page.filter_bar.search_button.click()
    aio(page.model.fetch_all())
    expected = aio(api_rows(api, AutoConvertFilter(status="enrolled", currency="USD")))
    assert expected and page.model.rows() == tuple(expected)
    assert page.model.total == len(expected)
    shown = page.model.index(0, 1).data()
    assert shown == labels.customer_name(expected[0])
    assert page.model.index(0, 4).data() == "Yes"
    assert errors == []


def test_date_range_filter_matches_the_backend(admin_page, aio):
    page, api = admin_page
    start, end = date(2024, 1, 1), date(2024, 6, 30)
    page.filter_bar.set_values(date_field="last_conversion", date_from=start, date_to=end)
    page.filter_bar.search()
    aio(page.model.fetch_all())
    expected = aio(api_rows(api, AutoConvertFilter(date_field="last_conversion", date_from=start,
                                                   date_to=end)))
    assert page.model.rows() == tuple(expected)
    for row in page.model.rows():
        assert start <= row.last_conversion_at.astimezone(HK).date() <= end


def test_date_from_after_date_to_blocks_the_query_with_a_message(qtbot, admin_page, aio):
    page, _api = admin_page
    aio(page.model.wait_idle())
    params_before = page.model.params
    page.filter_bar.set_values(account="1", date_from=date(2024, 5, 2), date_to=date(2024, 5, 1))
    page.activateWindow()
    aio(until(page.isActiveWindow, message="active window"))
    page.filter_bar.editor("account").setFocus()
    with qtbot.assertNotEmitted(page.filter_bar.searchRequested):
        QTest.keyClick(page.filter_bar.editor("account"), Qt.Key.Key_Return)  # Enter searches
    assert page.filter_bar.message.isVisible()
    assert page.filter_bar.message.text() == "“From” must not be after “To”."
    assert page.model.params == params_before and not page.model.loading
    # Esc resets the filters and queries everything again (pressed on the loop, where the query runs).
    reset = next_emission(page.filter_bar.searchRequested)

    async def escape() -> None:
        QTest.keyClick(page.filter_bar.editor("account"), Qt.Key.Key_Escape)
        await page.model.wait_idle()

    aio(escape())
    assert aio(reset) == (AutoConvertFilter(),)
    assert not page.filter_bar.message.isVisible()
    assert page.filter_bar.values()["date_from"] is None


def test_ctrl_c_copies_the_selection_as_tsv(qtbot, admin_page, aio):
    page, _api = admin_page
    aio(until(lambda: page.model.loaded >= 2 and not page.model.loading))
    model = page.model
    selection = QItemSelection(model.index(0, 0), model.index(1, 1))
    page.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    page.activateWindow()
    aio(until(page.isActiveWindow, message="active window"))
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    rows = model.rows()[:2]
    assert QGuiApplication.clipboard().text() == "".join(
        f"{row.account_no}\t{labels.customer_name(row)}\n" for row in rows)


def _hk_naive(value: datetime | None) -> datetime | None:
    return None if value is None else value.astimezone(HK).replace(tzinfo=None)


def _close(a: datetime | None, b: datetime | None) -> bool:
    # Excel keeps times as day fractions; a millisecond of rounding is not a difference.
    return a == b or (a is not None and b is not None and abs(a - b) < timedelta(seconds=1))


def test_export_writes_the_filtered_rows_to_xlsx(qtbot, admin_page, aio, tmp_path, errors):
    page, api = admin_page
    page.filter_bar.set_values(status="enrolled")
    page.filter_bar.search()
    target = tmp_path / "auto-convert.xlsx"
    finished: list[tuple[bool, str]] = []
    page.exportFinished.connect(lambda ok, path: finished.append((ok, path)))
    task = page.export_to(target)
    page.table.scrollToBottom()  # the table stays usable while the export runs
    assert aio(task) is True and finished == [(True, str(target))]
    assert "Exported" in page.export.status.text() and page.export.button.isEnabled()
    expected = aio(api_rows(api, AutoConvertFilter(status="enrolled")))

    sheet = openpyxl.load_workbook(target, read_only=True).active
    header, *data = list(sheet.iter_rows(values_only=True))
    assert header[:3] == ("Account No.", "Customer Name", "Chinese Name")  # lang=en from the UI
    assert len(data) == len(expected)
    for cells, row in zip(data, expected, strict=True):
        cells = cells + (None,) * (len(header) - len(cells))  # read-only rows end at the last value
        assert cells[0] == row.account_no
        assert cells[1] == row.customer_name and cells[2] == row.customer_name_zh
        assert cells[4] == row.base_currency and cells[5] == "Yes"
        assert _close(cells[6], _hk_naive(row.first_enabled_at))
        assert _close(cells[11], _hk_naive(row.last_conversion_at))
        assert cells[10] == labels.currency_list(row.currencies)
        amount = None if cells[12] is None else Decimal(str(cells[12])).quantize(Decimal("0.01"))
        assert amount == row.last_conversion_amount
        assert (cells[14] or "") == labels.borrowed_balances(row.borrowed)
    assert errors == []


def test_export_language_follows_the_ui(qtbot, aio, backend, errors, tmp_path):
    page, api = open_page(qtbot, aio, backend, errors, PAGE, language="zh_Hant")
    try:
        assert page.export_params()["lang"] == "zh_Hant"
        target = tmp_path / "zh.xlsx"
        assert aio(page.export_to(target)) is True
        header = next(openpyxl.load_workbook(target, read_only=True).active.iter_rows(values_only=True))
        assert header[0] == "賬戶號碼"
    finally:
        aio(page.model.wait_idle())
        aio(api.aclose())


def test_language_change_retranslates_headers(qtbot, admin_page, aio):
    page, _api = admin_page
    with qtbot.waitSignal(page.model.headerDataChanged):
        QCoreApplication.sendEvent(page, QEvent(QEvent.Type.LanguageChange))
    assert page.export.button.text() == "Export"


def test_switching_to_traditional_chinese_retranslates_the_open_page(admin_page, aio):
    page, _api = admin_page
    aio(page.model.wait_idle())
    translator = QTranslator()
    assert translator.load(str(ZH_CATALOGUE))
    QCoreApplication.installTranslator(translator)  # Qt posts LanguageChange to every widget
    try:
        aio(until(lambda: page.export.button.text() == "匯出", message="LanguageChange"))
        header = page.model.headerData(0, Qt.Orientation.Horizontal)
        assert header == "賬戶號碼"
        assert page.filter_bar.search_button.text() == "查詢"
        assert page.status.text() == f"已載入 {page.model.loaded:,} / 共 {page.model.total:,}"
        assert page.model.index(0, 4).data() in ("是", "否")
    finally:
        QCoreApplication.removeTranslator(translator)
        aio(until(lambda: page.export.button.text() == "Export"))


def test_user_without_permission_gets_403_through_report_error(qtbot, aio, backend, errors, tmp_path):
    page, api = open_page(qtbot, aio, backend, errors, PAGE, username="funds")
    try:
        aio(page.model.wait_idle())
        assert isinstance(errors[0], ApiError) and errors[0].status == 403
        assert errors[0].code == "permission_denied"
        assert page.model.loaded == 0 and not page.busy.isVisible()
        assert aio(page.export_to(tmp_path / "denied.xlsx")) is None  # failed, and said so once
        assert [e.status for e in errors] == [403, 403]
        assert not (tmp_path / "denied.xlsx").exists()
        assert page.export.status.text() == "Export failed."
    finally:
        aio(api.aclose())
