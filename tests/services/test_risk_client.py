"""Risk › Credit's typed client against the real backend: keyset pages of the three margin tables,
every row of a filter and its export, the securities master, the day-trade windows, setting
records, and each margin action's work order built with its flow and payload (each withdrawn
afterwards, so the page tests find their rows free).
"""

import uuid
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import TypeVar

import openpyxl
import pytest

from services.api_client import ApiClient, ApiError
from services.clients.approvals import ApprovalsClient
from services.clients.risk import DAY_TRADE_WINDOW_FLOW, RiskClient, margin_flow, margin_flows
from services.clients.session import SessionClient
from services.contract.queries import LongMarginFilter, LongMarginQuery, MarginSettingQuery, SecurityQuery
from services.contract.schemas import (
    DayTradeWindowIn,
    IntradayMarginIn,
    LongMarginIn,
    ShortMarginIn,
    UploadMode,
    WorkOrderOut,
    WorkOrderStatus,
)
from tests.backend.margin_steps import INTRADAY_BATCH_DELETE, INTRADAY_DELETE, SHORT_UPDATE, UPLOAD, symbols
from tests.backend.margin_steps import row as long_row
from tests.backend.margin_steps import short as short_row
from tests.backend.work_order_steps import free_target

T = TypeVar("T")


@pytest.fixture
def signed_in(aio, backend) -> Callable[..., T]:
    """Runs ``scenario(client, api)`` on the session's loop signed in as ``username`` (closed afterwards)."""

    def run(scenario: Callable[[RiskClient, ApiClient], Awaitable[T]], username: str = "maker") -> T:
        async def main() -> T:
            api = backend.api_client()
            try:
                await SessionClient(api).login(username, f"{username}-demo")
                return await scenario(RiskClient(api), api)
            finally:
                await api.aclose()

        return aio(main())

    return run


def key() -> str:
    return str(uuid.uuid4())


async def withdrawn(api: ApiClient, *orders: WorkOrderOut) -> None:
    approvals = ApprovalsClient(api)
    for order in orders:
        assert (await approvals.withdraw(order.id)).status == WorkOrderStatus.WITHDRAWN


def test_the_three_tables_page_by_symbol_and_every_row_of_a_filter_is_read(signed_in):
    async def scenario(client: RiskClient, _api: ApiClient):
        first = await client.long_margins(LongMarginQuery(market="HK", limit=20))
        second = await client.margins("long", {"market": "HK", "limit": 20, "cursor": first.next_cursor})
        short = await client.margins("short", {"limit": 5})
        intraday = await client.margins("intraday", {"limit": 5})
        every = [r async for page in client.iter_margins("long", LongMarginFilter(market="HK"), page_size=200)
                 for r in page.items]
        return first, second, short, intraday, every, await client.live_rows("intraday"), await client.overnight_im()

    first, second, short, intraday, every, live, overnight = signed_in(scenario)
    listed = [r.symbol for r in first.items + second.items]
    assert len(listed) == 40 and listed == sorted(listed) and len(set(listed)) == 40
    assert all(r.market == "HK" for r in first.items + second.items)
    assert short.items and type(short.items[0]).__name__ == "ShortMarginRow"
    assert intraday.items and type(intraday.items[0]).__name__ == "IntradayMarginRow"
    assert len(every) == first.total and [r.symbol for r in every[:40]] == listed
    assert set(live) >= {r.symbol for r in intraday.items}
    assert {r.symbol: r.im for r in every}.items() <= overnight.items()


def test_the_master_finds_a_symbol_and_knows_every_market(backend, signed_in):
    [listed] = symbols(backend, "US", 1, with_row=False)

    async def scenario(client: RiskClient, _api: ApiClient):
        return (await client.security(listed), await client.security("99999.HK"),
                await client.securities(SecurityQuery(market="US", limit=3)), await client.security_markets())

    found, missing, page, markets = signed_in(scenario)
    assert found is not None and (found.symbol, found.market) == (listed, "US") and missing is None
    assert len(page.items) == 3 and page.total is not None and page.total > 3
    assert markets[listed] == "US" and len(markets) > page.total


def test_the_export_writes_the_filters_rows_in_the_upload_layout(signed_in, tmp_path):
    target = tmp_path / "long.xlsx"
    seen: list[int] = []

    async def scenario(client: RiskClient, _api: ApiClient):
        size = await client.export_margins("long", LongMarginFilter(market="US"), target, progress=seen.append)
        return size, (await client.long_margins(LongMarginQuery(market="US", limit=1))).total

    size, total = signed_in(scenario)
    assert size == target.stat().st_size and seen and seen[-1] == total
    sheet = openpyxl.load_workbook(target, read_only=True).worksheets[0]
    symbols_written = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True) if r and r[0]]
    assert len(symbols_written) == total and all(str(s).endswith(".US") for s in symbols_written)


def test_windows_and_a_window_submitted_as_its_flow(backend, signed_in):
    free_target(backend, "US")

    async def scenario(client: RiskClient, api: ApiClient):
        windows = {w.market: w for w in await client.day_trade_windows()}
        us = windows["US"]
        proposal = DayTradeWindowIn(market="US", time_zone=us.time_zone, start=us.start,
                                    force_close=us.force_close, end=us.end, enabled=not us.enabled)
        order_key = key()
        order = await client.set_day_trade_window(proposal, order_key)
        again = await client.set_day_trade_window(proposal, order_key)  # a retry: the same order
        pending = {w.market: w for w in await client.day_trade_windows()}["US"].pending_work_order_id
        await withdrawn(api, order)
        return windows, order, again, pending

    windows, order, again, pending = signed_in(scenario)
    assert {"HK", "US"} <= set(windows)
    assert (order.flow, order.payload["market"]) == (DAY_TRADE_WINDOW_FLOW, "US") and again.id == order.id
    assert pending == order.id


def test_each_margin_action_is_its_flows_work_order(backend, signed_in):
    new, doomed = symbols(backend, "US", 1, with_row=False), symbols(backend, "HK", 2, with_row=True)
    [edited] = symbols(backend, "HK", 1, with_row=True)

    async def scenario(client: RiskClient, api: ApiClient):
        short = (await client.margins("short", {"limit": 50})).items
        free_short = next(r for r in short if r.pending_work_order_id is None)
        intraday = [r for r in (await client.margins("intraday", {"limit": 50})).items
                    if r.pending_work_order_id is None][:3]
        orders = {
            "create": await client.create_margin("long", LongMarginIn(**long_row(new[0])), key()),
            "update": await client.update_margin("long", LongMarginIn(**long_row(edited, im="0.5")), key()),
            "batch_delete": await client.delete_margins("long", doomed, key()),
            "short_update": await client.update_margin("short", ShortMarginIn.model_validate(
                {**free_short.model_dump(), "im": Decimal("0.7")}), key()),
            "intraday_delete": await client.delete_margin("intraday", intraday[0].symbol, key()),
            "intraday_batch": await client.delete_margins("intraday", [r.symbol for r in intraday[1:]], key()),
        }
        with pytest.raises(ValueError):
            await client.create_margin("short", ShortMarginIn(**short_row(free_short.symbol)), key())
        await withdrawn(api, *orders.values())
        return orders, free_short.symbol, [r.symbol for r in intraday]

    orders, short_symbol, intraday = signed_in(scenario)
    assert orders["create"].flow == margin_flow("long", "create") == "risk.credit.create_stock_margin_task"
    assert orders["create"].payload["symbol"] == new[0] and orders["create"].payload["im"] == "0.4"
    assert (orders["update"].flow, orders["update"].payload["im"]) == ("risk.credit.update_stock_margin_task", "0.5")
    assert orders["batch_delete"].payload == {"symbols": doomed}
    assert orders["short_update"].flow == SHORT_UPDATE
    assert [r["symbol"] for r in orders["short_update"].payload["rows"]] == [short_symbol]
    assert (orders["intraday_delete"].flow, orders["intraday_delete"].payload) == (
        INTRADAY_DELETE, {"symbol": intraday[0]})
    assert (orders["intraday_batch"].flow, orders["intraday_batch"].payload) == (
        INTRADAY_BATCH_DELETE, {"symbols": intraday[1:]})
    assert set(margin_flows("short")) == {"update", "upload"} and margin_flow("short", "create") is None


def test_an_upload_is_one_order_and_a_refused_row_names_its_field(backend, signed_in):
    fresh = symbols(backend, "US", 2, with_row=False)

    async def scenario(client: RiskClient, api: ApiClient):
        rows = [LongMarginIn(**long_row(s)) for s in fresh]
        upload = await client.upload_margins("long", rows, UploadMode.UPSERT, key())
        await withdrawn(api, upload)
        with pytest.raises(ApiError) as refused:
            await client.create_margin("intraday", IntradayMarginIn(symbol="99999.HK", market="HK", im=Decimal("0.2"),
                                                                    mm=Decimal("0.15"), fm=Decimal("0.1")), key())
        return upload, refused.value

    upload, refused = signed_in(scenario)
    assert (upload.flow, upload.payload["mode"]) == (UPLOAD, "upsert")
    assert [r["symbol"] for r in upload.payload["rows"]] == fresh
    assert refused.status == 422 and refused.errors and refused.errors[0]["field"] == "symbol"


def test_setting_records_page_newest_first(signed_in):
    async def scenario(client: RiskClient, _api: ApiClient):
        return await client.settings(MarginSettingQuery(limit=5))

    page = signed_in(scenario)
    assert page.total is not None and len(page.items) == min(5, page.total)
    ids = [s.id for s in page.items]
    assert ids == sorted(ids, reverse=True)
