"""services/clients/funds.py against the real backend over HTTP: funds, batches by query, a batch
with its lines, a refused and an accepted confirmation file, an explanation, the two
confirmations, the settlement steps, a fund's difference limit, the export, and a missing batch.

Each test makes a fund and batch of its own (tests/fixtures/fund_confirmations.py). Coroutines run
on an asyncio loop of this module's own, never installed as the thread's loop, so the Qt tests'
qasync loop is left alone.
"""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date
from decimal import Decimal
from typing import TypeVar

import openpyxl
import pytest

from services.api_client import ApiError
from services.clients.funds import CSV_TYPE, XLSX_TYPE, FundsClient, confirmation_content_type
from services.clients.session import SessionClient
from services.contract.errors import ErrorCode
from services.contract.fund_clearing import (
    BatchQuery,
    ExplainIn,
    LineStatus,
    SettlementState,
    SettlementStep,
    Side,
    SideState,
)
from services.contract.queries import ExportLanguage
from tests.fixtures.fund_confirmations import OwnBatch, csv_bytes, xlsx_bytes

T = TypeVar("T")
TRADE_DATE = date(2033, 2, 14)


@pytest.fixture(scope="module")
def loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture
def funds_api(backend, loop):
    """Runs ``body(client)`` with a FundsClient signed in as ``username``."""
    def run(body: Callable[[FundsClient], Awaitable[T]], username: str = "funds") -> T:
        async def signed_in() -> T:
            api = backend.api_client()
            try:
                await SessionClient(api).login(username, f"{username}-demo")
                return await body(FundsClient(api))
            finally:
                await api.aclose()
        return loop.run_until_complete(asyncio.wait_for(signed_in(), 60))
    return run


def own_batch(backend) -> OwnBatch:
    return OwnBatch(backend, TRADE_DATE, prefix="C", name="Client Test Fund", name_zh="客戶端測試基金")


def test_funds_batches_by_query_and_a_batch_with_its_lines(backend, funds_api):
    batch = own_batch(backend)

    async def read(client: FundsClient):
        return (await client.funds(), await client.batches(BatchQuery(fund_id=batch.fund_id)),
                await client.batches(BatchQuery(fund_id=batch.fund_id, date_from=date(2033, 2, 15))),
                await client.batch(batch.id))
    funds, listed, later, detail = funds_api(read)

    fund = next(f for f in funds if f.id == batch.fund_id)
    assert (fund.code, fund.unit_decimals, fund.amount_decimals) == (batch.code, 4, 2)
    assert [b.id for b in listed] == [batch.id] and later == []
    assert listed[0].subscriptions.state == SideState.AWAITING_CONFIRMATION
    assert detail.id == batch.id and detail.trade_date == date(2033, 2, 14)
    assert sorted(line.order_ref for line in detail.subscription_lines) == [batch.ref("S1"), batch.ref("S2")]
    assert [line.order_ref for line in detail.redemption_lines] == [batch.ref("R1")]


def test_a_refused_file_then_an_import_an_explanation_and_the_two_confirmations(backend, funds_api):
    batch = own_batch(backend)

    async def refused(client: FundsClient) -> ApiError:
        with pytest.raises(ApiError) as caught:
            await client.import_confirmation(batch.id, "fund-house.csv",
                                             csv_bytes(batch.rows(s1_units="abc")))
        return caught.value
    error = funds_api(refused)
    assert error.code == ErrorCode.FUND_CONFIRMATION_INVALID and error.status == 422
    assert error.errors and error.errors[0]["row"] == 2

    async def reconcile(client: FundsClient):
        imported = await client.import_confirmation(batch.id, "fund-house.xlsx",
                                                    xlsx_bytes(batch.rows(s1_units="800.3", r1_amount="12400")))
        with pytest.raises(ApiError) as unexplained:
            await client.confirm_subscriptions(batch.id)
        line = await client.explain(batch.id, ExplainIn(side=Side.SUBSCRIPTION, order_ref=batch.ref("S1"),
                                                        note="Fund house rounding; agreed by phone."))
        confirmed = await client.confirm_subscriptions(batch.id)
        again = await client.confirm(batch.id, Side.SUBSCRIPTION)
        with pytest.raises(ApiError) as redemptions:
            await client.confirm_redemptions(batch.id)
        detail = await client.batch(batch.id)
        return imported, unexplained.value, line, confirmed, again, redemptions.value, detail
    imported, unexplained, line, confirmed, again, redemptions, detail = funds_api(reconcile)

    assert (imported.file_name, imported.rows, imported.subscription_rows, imported.redemption_rows) == \
        ("fund-house.xlsx", 3, 2, 1)
    assert imported.batch.subscriptions.state == SideState.OPEN
    assert unexplained.code == ErrorCode.FUND_UNEXPLAINED_LINES
    assert line.status == LineStatus.MISMATCHED and not line.needs_explaining
    assert line.explanation is not None and line.explanation.explained_by == "funds"
    assert confirmed.side == Side.SUBSCRIPTION and not confirmed.already_confirmed
    assert confirmed.batch.subscriptions.state == SideState.CONFIRMED and confirmed.confirmed_by == "funds"
    assert again.already_confirmed and again.confirmed_at == confirmed.confirmed_at
    assert redemptions.code == ErrorCode.FUND_BEYOND_LIMIT  # 50 off: no explanation lets it through
    assert (detail.subscriptions.state, detail.redemptions.state) == (SideState.CONFIRMED, SideState.OPEN)
    assert detail.redemptions.beyond_limit == 1 and detail.subscriptions.settlement == SettlementState.SETTLING


def test_settlement_steps_and_the_difference_limit(backend, funds_api):
    batch = own_batch(backend)

    async def settle(client: FundsClient):
        await client.import_confirmation(batch.id, "c.xlsx", xlsx_bytes(batch.rows()))
        with pytest.raises(ApiError) as early:
            await client.settle_step(batch.id, SettlementStep.SUBSCRIPTION_DELIVERY)
        await client.confirm_subscriptions(batch.id)
        return early.value, await client.settle_step(batch.id, SettlementStep.SUBSCRIPTION_DELIVERY)
    early, delivered = funds_api(settle)
    assert early.code == ErrorCode.FUND_SETTLEMENT_OUT_OF_ORDER and early.errors[0]["code"] == "side_not_confirmed"
    assert (delivered.step, delivered.done_by, delivered.already_done) == (
        SettlementStep.SUBSCRIPTION_DELIVERY, "funds", False)
    assert delivered.batch.subscriptions.settlement == SettlementState.SETTLED

    async def set_limit(client: FundsClient):
        return await client.set_difference_limit(batch.fund_id, Decimal("1.25"))
    assert funds_api(set_limit, username="admin").difference_limit == Decimal("1.25")
    with pytest.raises(ApiError) as refused:
        funds_api(set_limit)  # fund operations see the limit, never set it
    assert refused.value.status == 403


def test_the_export_writes_the_workbook_and_reports_progress(backend, funds_api, tmp_path):
    batch = own_batch(backend)
    target = tmp_path / "reconciliation.xlsx"
    seen: list[int] = []

    async def export(client: FundsClient) -> int:
        await client.import_confirmation(batch.id, "c.xlsx", xlsx_bytes(batch.rows()))
        return await client.export(batch.id, target, ExportLanguage.ZH_HANT, progress=seen.append)
    size = funds_api(export)

    assert size == target.stat().st_size > 0 and seen and seen[-1] == size
    workbook = openpyxl.load_workbook(target, read_only=True)
    values = [v for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for v in row]
    workbook.close()
    assert batch.ref("S1") in values and batch.ref("R1") in values
    assert not list(tmp_path.glob("*.part"))


def test_a_missing_batch_and_a_user_without_the_permission_are_refused(backend, funds_api):
    async def missing(client: FundsClient) -> ApiError:
        with pytest.raises(ApiError) as caught:
            await client.batch(2_000_000_000)
        return caught.value
    assert funds_api(missing).status == 404

    async def as_maker(client: FundsClient) -> ApiError:
        with pytest.raises(ApiError) as caught:
            await client.funds()
        return caught.value
    assert funds_api(as_maker, username="maker").status == 403


def test_the_file_name_says_how_it_is_sent():
    assert confirmation_content_type("Confirm.CSV") == CSV_TYPE
    assert confirmation_content_type("confirm.xlsx") == XLSX_TYPE
