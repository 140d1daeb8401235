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

import pytest

from services.api_client import ApiError
from services.clients.approvals import ApprovalsClient
from services.clients.session import SessionClient
from services.contract.errors import ErrorCode
from services.contract.queries import WorkOrderQuery, WorkOrderView
from services.contract.schemas import Decision, WorkOrderStatus, WorkOrderSubmit
from tests.backend.work_order_steps import FLOW, free_target, fresh_order, window

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
    """They ask the typed clients; only desktop/screenshots.py still reads other areas' lists by
    path until those areas have their clients."""
    root = Path(__file__).resolve().parents[2]
    transport = re.compile(r"\.(request|get_page|get_model|iter_pages|download)\(|[\"']/(work-orders|auth|me|health)\b")
    sources = [*root.joinpath("ui", "approvals").glob("*.py"), *root.joinpath("desktop").glob("*.py")]
    found = [f"{path.name}: {line.strip()}" for path in sources if path.name != "screenshots.py"
             for line in path.read_text(encoding="utf-8").splitlines() if transport.search(line)]
    assert found == []
