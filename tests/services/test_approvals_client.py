"""services/clients/approvals.py against the real backend: submit (a retry with the same key gets
the same order), the lists by query and their pages, an order in full, the inbox count, approve
(a second decision refused), reject, resubmit and withdraw.

Orders are made on the day-trade window of a market (tests/backend/work_order_steps.py), whose
pending order is withdrawn first: the tests share one backend.
"""

import re
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import httpx
import pytest

from services.api_client import ApiError
from services.clients.approvals import ApprovalsClient
from services.clients.session import SessionClient
from services.contract.errors import ErrorCode
from services.contract.queries import WorkOrderQuery, WorkOrderView
from services.contract.schemas import Decision, WorkOrderStatus, WorkOrderSubmit
from tests.backend.work_order_steps import FLOW, decide, free_target, fresh_order, window

T = TypeVar("T")


@pytest.fixture
def approvals(aio, backend) -> Callable[..., T]:
    """Runs ``scenario(maker, checker)``: clients signed in as the demo maker and checker."""

    def run(scenario: Callable[[ApprovalsClient, ApprovalsClient], Awaitable[T]]) -> T:
        async def main() -> T:
            apis = [backend.api_client() for _ in range(2)]
            try:
                for api, username in zip(apis, ("maker", "checker"), strict=True):
                    await SessionClient(api).login(username, f"{username}-demo")
                return await scenario(*(ApprovalsClient(api) for api in apis))
            finally:
                for api in apis:
                    await api.aclose()

        return aio(main())

    return run


def test_a_submission_retried_with_its_key_is_one_order_listed_and_counted(approvals, backend):
    free_target(backend, "US")
    body = WorkOrderSubmit(flow=FLOW, payload=window("US", force_close="15:36"))
    key = str(uuid.uuid4())

    async def scenario(maker: ApprovalsClient, checker: ApprovalsClient):
        first = await maker.submit(body, key)
        again = await maker.submit(body, key)
        mine = await maker.work_orders(WorkOrderQuery(view=WorkOrderView.MINE, flow=FLOW, limit=5))
        awaiting = await checker.work_orders(WorkOrderQuery(flow=FLOW, maker="maker", limit=200))
        return first, again, mine, awaiting, await checker.counts(), await checker.work_order(first.id)

    first, again, mine, awaiting, counts, shown = approvals(scenario)
    assert again.id == first.id and first.status == WorkOrderStatus.PENDING
    assert mine.items[0].id == first.id and mine.items[0].maker_name == first.maker_name
    assert first.id in [o.id for o in awaiting.items] and counts.awaiting_me >= 1
    assert shown.payload["force_close"].startswith("15:36") and shown.levels == 1 and shown.decisions == []


def test_pages_follow_their_cursor_newest_first(approvals, backend):
    made = [fresh_order(backend, "HK", force_close=f"15:2{n}")["id"] for n in range(3)]

    async def scenario(maker: ApprovalsClient, _checker: ApprovalsClient):
        query = WorkOrderQuery(view=WorkOrderView.MINE, flow=FLOW, limit=2)
        return [page async for page in maker.iter_work_orders(query)]

    pages = approvals(scenario)
    ids = [o.id for page in pages for o in page.items]
    assert len(pages[0].items) == 2 and pages[0].next_cursor and not pages[-1].next_cursor
    assert ids == sorted(ids, reverse=True) and ids[:3] == made[::-1]


def test_approving_applies_the_order_and_a_second_decision_is_refused(approvals, backend):
    order = fresh_order(backend, "US", force_close="15:37")

    async def scenario(_maker: ApprovalsClient, checker: ApprovalsClient):
        applied = await checker.approve(order["id"], level=1)
        with pytest.raises(ApiError) as again:
            await checker.decide(order["id"], Decision.APPROVE, level=1)
        return applied, again.value

    applied, again = approvals(scenario)
    assert applied.status == WorkOrderStatus.APPLIED and applied.approvals == 1
    assert [d.decision for d in applied.decisions] == [Decision.APPROVE]
    assert (again.status, again.code) == (409, ErrorCode.NOT_PENDING)


def test_a_rejected_order_is_resubmitted_as_a_new_one_which_its_maker_withdraws(approvals, backend):
    order = fresh_order(backend, "HK", force_close="15:38")
    key = str(uuid.uuid4())

    async def scenario(maker: ApprovalsClient, checker: ApprovalsClient):
        rejected = await checker.reject(order["id"], "Force close too late for Friday", level=1)
        new = await maker.resubmit(order["id"], key, {**order["payload"], "force_close": "15:30"})
        retried = await maker.resubmit(order["id"], key, {**order["payload"], "force_close": "15:30"})
        withdrawn = await maker.withdraw(new.id)
        with pytest.raises(ApiError) as twice:
            await maker.withdraw(new.id)
        with pytest.raises(ApiError) as missing:
            await maker.work_order(2**31 - 1)
        return rejected, new, retried, withdrawn, twice.value, missing.value

    rejected, new, retried, withdrawn, twice, missing = approvals(scenario)
    assert rejected.status == WorkOrderStatus.REJECTED
    assert rejected.decisions[0].comment == "Force close too late for Friday"
    assert new.id != order["id"] and new.resubmitted_from_id == order["id"] and retried.id == new.id
    assert new.payload["force_close"].startswith("15:30")
    assert withdrawn.status == WorkOrderStatus.WITHDRAWN
    assert (twice.status, twice.code) == (409, ErrorCode.NOT_PENDING)
    assert (missing.status, missing.code) == (404, ErrorCode.NOT_FOUND)


def test_the_maker_counts_what_came_back_until_they_look(approvals, backend):
    order = fresh_order(backend, "US", force_close="15:39")
    backend.clock.advance(seconds=1)

    async def scenario(maker: ApprovalsClient, checker: ApprovalsClient):
        await maker.mark_returned_seen()
        backend.clock.advance(seconds=1)
        await checker.reject(order["id"], "Too close to the close", level=1)
        return await maker.counts(), await maker.mark_returned_seen(), await maker.counts()

    returned, looked, after = approvals(scenario)
    assert (returned.returned_to_me, looked.returned_to_me, after.returned_to_me) == (1, 0, 0)


def test_the_approvals_pages_and_the_shell_write_no_path_or_verb():
    """They ask the typed clients; only desktop/screenshots/ still reads other areas' lists by
    path until those areas have their clients."""
    root = Path(__file__).resolve().parents[2]
    transport = re.compile(r"\.(request|get_page|get_model|iter_pages|download)\(|[\"']/(work-orders|auth|me|health)\b")
    sources = [*root.joinpath("ui", "approvals").glob("*.py"), *root.joinpath("desktop").glob("*.py")]
    found = [f"{path.name}: {line.strip()}" for path in sources
             for line in path.read_text(encoding="utf-8").splitlines() if transport.search(line)]
    assert found == []


class _AnswerLost(httpx.AsyncBaseTransport):
    """Serves through ``inner`` but loses the answer of the first request to ``path_end`` after the
    server made it: what the desktop sees when the instance that took it dies before answering."""

    def __init__(self, inner: httpx.AsyncBaseTransport, path_end: str):
        self.inner, self.path_end, self.lost = inner, path_end, 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.method == "POST" and request.url.path.endswith(self.path_end) and not self.lost:
            await response.aread()
            self.lost += 1
            raise httpx.ReadError("the connection was reset", request=request)
        return response


def _lossy(backend, username: str, path_end: str) -> Callable[..., Awaitable[T]]:
    async def run(scenario):
        lossy = _AnswerLost(backend.transport(), path_end)
        api = backend.api_client(transport=lossy)
        try:
            await SessionClient(api).login(username, f"{username}-demo")
            return await scenario(ApprovalsClient(api)), lossy.lost
        finally:
            await api.aclose()
    return run


def test_a_submission_whose_answer_was_lost_is_sent_again_and_made_once(aio, backend):
    free_target(backend, "HK")
    body = WorkOrderSubmit(flow=FLOW, payload=window("HK", force_close="15:33"))
    key = str(uuid.uuid4())
    order, lost = aio(_lossy(backend, "maker", "/work-orders")(lambda maker: maker.submit(body, key)))
    assert lost == 1
    with backend.client("maker") as client:
        mine = client.get("/work-orders", params={"view": "mine", "flow": FLOW, "limit": 50}).json()["items"]
    assert [o["id"] for o in mine if o["status"] == "pending"] == [order.id]


def test_a_decision_whose_answer_was_lost_is_recognised_on_its_retry(aio, backend):
    order = fresh_order(backend, "US", force_close="15:34")
    decided, lost = aio(_lossy(backend, "checker", "/decisions")(
        lambda checker: checker.approve(order["id"], level=1)))
    assert lost == 1  # the first attempt was made and its answer lost; the retry found it made
    assert decided.status == WorkOrderStatus.APPLIED
    assert [(d.level, d.decision) for d in decided.decisions] == [(1, Decision.APPROVE)]


def test_a_retried_decision_that_finds_someone_elses_is_refused(aio, backend):
    order = fresh_order(backend, "HK", force_close="15:35")

    async def scenario(admin: ApprovalsClient):
        # Someone else decides level 1 while my first attempt's answer is lost (before it is made).
        assert decide(backend, "checker", order["id"], "reject", "Not today").status_code == 200
        with pytest.raises(ApiError) as refused:
            await admin.approve(order["id"], level=1)
        return refused.value

    class _LostBeforeMade(_AnswerLost):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            if request.method == "POST" and request.url.path.endswith(self.path_end) and not self.lost:
                self.lost += 1
                raise httpx.ConnectError("the instance went away", request=request)
            return await self.inner.handle_async_request(request)

    async def run():
        lossy = _LostBeforeMade(backend.transport(), "/decisions")
        api = backend.api_client(transport=lossy)
        try:
            await SessionClient(api).login("admin", "admin-demo")
            return await scenario(ApprovalsClient(api)), lossy.lost
        finally:
            await api.aclose()

    refused, lost = aio(run())
    assert lost == 1
    assert refused.code in (ErrorCode.DECISION_LEVEL_MOVED, ErrorCode.NOT_PENDING)
