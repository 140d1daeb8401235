"""Risk › Margin Call's typed client against the real backend: keyset pages of both lists and the
server's workbooks of a filter."""

from collections.abc import Awaitable, Callable
from typing import TypeVar

import openpyxl
import pytest

from services.clients.margin_call import MarginCallClient
from services.clients.session import SessionClient
from services.contract.queries import AutoConvertExport, AutoConvertQuery, BorrowingExport, BorrowingQuery

T = TypeVar("T")


@pytest.fixture
def signed_in(aio, backend) -> Callable[..., T]:
    def run(scenario: Callable[[MarginCallClient], Awaitable[T]]) -> T:
        async def main() -> T:
            api = backend.api_client()
            try:
                await SessionClient(api).login("admin", "admin-demo")
                return await scenario(MarginCallClient(api))
            finally:
                await api.aclose()

        return aio(main())

    return run


def exported_rows(path) -> int:
    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    return sum(1 for row in sheet.iter_rows(min_row=2, values_only=True) if any(row))


def test_borrowing_pages_follow_their_cursor_and_the_export_holds_the_filter(signed_in, tmp_path):
    target = tmp_path / "borrowing.xlsx"

    async def scenario(client: MarginCallClient):
        first = await client.borrowing(BorrowingQuery(currency="USD", limit=5))
        second = await client.borrowing(BorrowingQuery(currency="USD", limit=5, cursor=first.next_cursor))
        size = await client.export_borrowing(BorrowingExport(currency="USD"), target)
        return first, second, size

    first, second, size = signed_in(scenario)
    rows = first.items + second.items
    assert len(rows) == 10 and all(r.currency == "USD" for r in rows)
    assert len({(r.account_no, r.currency) for r in rows}) == 10
    assert size == target.stat().st_size and exported_rows(target) == first.total


def test_auto_convert_pages_and_export(signed_in, tmp_path):
    target = tmp_path / "auto-convert.xlsx"
    seen: list[int] = []

    async def scenario(client: MarginCallClient):
        page = await client.auto_convert(AutoConvertQuery(status="enrolled", currency="USD", limit=3))
        size = await client.export_auto_convert(AutoConvertExport(status="enrolled", currency="USD"), target,
                                                progress=seen.append)
        return page, size

    page, size = signed_in(scenario)
    assert len(page.items) == 3 and all(r.enrolled for r in page.items)
    assert size == target.stat().st_size and seen and seen[-1] == size
    assert exported_rows(target) == page.total
