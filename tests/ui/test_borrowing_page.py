"""Risk › Margin Call › Borrowing Accounts against the real backend over HTTP."""

from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from services.api_client import ApiClient, ApiError
from services.contract.queries import BORROWING_PATH, BorrowingFilter
from services.contract.schemas import BorrowingRow
from tests.qt_fixtures import until
from tests.ui.page_steps import open_page
from ui.common import formatting
from ui.margin_call.borrowing_page import BorrowingPage

CENT = Decimal("0.01")

PAGE = "margin_call.borrowing_accounts"


@pytest.fixture
def admin_page(qtbot, aio, backend, errors):
    page, api = open_page(qtbot, aio, backend, errors, PAGE)
    yield page, api
    aio(page.model.wait_idle())
    aio(api.aclose())


async def api_rows(api: ApiClient, filter_: BorrowingFilter) -> list[BorrowingRow]:
    return [row async for page in api.iter_pages(BORROWING_PATH, BorrowingRow, filter_.as_params())
            for row in page.items]


def test_all_rows_load_and_match_the_backend(admin_page, aio, errors):
    page, api = admin_page
    assert isinstance(page, BorrowingPage)
    aio(page.model.fetch_all())
    expected = aio(api_rows(api, BorrowingFilter()))
    assert expected and page.model.rows() == tuple(expected)
    assert page.status.text() == f"Loaded {len(expected):,} of {len(expected):,}"
    first = expected[0]
    shown = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert shown[0] == first.account_no
    assert shown[4] == formatting.money(first.amount)
    assert shown[5] == first.borrowed_since.isoformat()
    assert shown[7] == formatting.percent(first.interest_rate) and shown[7].endswith(" %")
    assert shown[9] == ("Yes" if first.auto_convert else "No")
    assert errors == []


def test_currency_days_and_auto_convert_filters(admin_page, aio):
    page, api = admin_page
    page.filter_bar.set_values(currency="USD", min_days=30, auto_convert=False)
    page.filter_bar.search()
    aio(page.model.fetch_all())
    expected = aio(api_rows(api, BorrowingFilter(currency="USD", min_days=30, auto_convert=False)))
    assert page.model.rows() == tuple(expected)
    assert all(r.currency == "USD" and r.days_outstanding >= 30 and not r.auto_convert
               for r in page.model.rows())


def test_export_matches_the_api_rows(admin_page, aio, tmp_path, errors):
    page, api = admin_page
    as_of = date(2024, 9, 23)
    page.filter_bar.set_values(currency="HKD", as_of=as_of)
    page.filter_bar.search()
    target = tmp_path / "borrowing.xlsx"
    assert aio(page.export_to(target)) is True
    expected = aio(api_rows(api, BorrowingFilter(currency="HKD", as_of=as_of)))
    header, *data = list(openpyxl.load_workbook(target, read_only=True).active.iter_rows(values_only=True))
    assert header[0] == "Account No." and len(data) == len(expected)
    for cells, row in zip(data, expected, strict=True):
        cells = cells + (None,) * (len(header) - len(cells))  # read-only rows end at the last value
        assert (cells[0], cells[1], cells[4]) == (row.account_no, row.customer_name, row.currency)
        assert Decimal(str(cells[5])).quantize(CENT) == row.amount
        assert cells[6].date() == row.borrowed_since
        assert cells[7] == row.days_outstanding
        assert Decimal(str(cells[9])).quantize(CENT) == row.accrued_interest
        assert cells[10] == ("Yes" if row.auto_convert else "No")
    assert errors == []


def test_customer_service_may_not_see_borrowing(aio, qtbot, backend, errors):
    # The service role may query auto-convert enrolments but not the borrowing list.
    page, api = open_page(qtbot, aio, backend, errors, PAGE, username="service")
    try:
        aio(until(lambda: errors, message="report_error"))
        assert isinstance(errors[0], ApiError) and errors[0].status == 403
        assert page.model.loaded == 0
        assert page.status.text() == "Loading failed; press F5 to try again."
    finally:
        aio(api.aclose())
