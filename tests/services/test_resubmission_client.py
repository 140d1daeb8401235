"""services/clients/resubmission.py against the real backend: an area client ``resubmitting`` a
rejected order sends the editor's corrected change as that order's resubmission, with the
maker's note; a change of another flow is refused before anything is sent."""

import uuid

import pytest

from services.clients.approvals import ApprovalsClient
from services.clients.resubmission import Resubmission
from services.clients.risk import RiskClient
from services.clients.session import SessionClient
from services.contract.queries import WorkOrderQuery, WorkOrderView
from services.contract.schemas import DayTradeWindowIn, WorkOrderStatus
from tests.backend.work_order_steps import FLOW, decide, fresh_order, window


def _run(aio, backend, scenario):
    async def main():
        api = backend.api_client()
        try:
            await SessionClient(api).login("maker", "maker-demo")
            return await scenario(RiskClient(api), ApprovalsClient(api))
        finally:
            await api.aclose()

    return aio(main())


def test_an_editors_submission_resubmits_the_rejected_order_with_the_note(aio, backend):
    old = fresh_order(backend, "HK", force_close="15:41")
    assert decide(backend, "checker", old["id"], "reject", "Use 15:45").status_code == 200
    corrected = DayTradeWindowIn.model_validate(window("HK", force_close="15:45"))
    key = str(uuid.uuid4())

    async def scenario(risk: RiskClient, approvals: ApprovalsClient):
        resubmitting = risk.resubmitting(Resubmission(old["id"], FLOW, "Moved to 15:45"))
        new = await resubmitting.set_day_trade_window(corrected, key)
        retried = await resubmitting.set_day_trade_window(corrected, key)
        mine = await approvals.work_orders(WorkOrderQuery(view=WorkOrderView.MINE, flow=FLOW, limit=5))
        return new, retried, mine

    new, retried, mine = _run(aio, backend, scenario)
    assert (new.resubmitted_from_id, new.maker_note, new.status) == (old["id"], "Moved to 15:45",
                                                                      WorkOrderStatus.PENDING)
    assert new.payload["force_close"].startswith("15:45") and retried.id == new.id
    assert [o.id for o in mine.items].count(new.id) == 1


def test_a_change_of_another_flow_is_refused_before_it_is_sent(aio, backend):
    old = fresh_order(backend, "US", force_close="15:42")
    decide(backend, "checker", old["id"], "reject", "no")

    async def scenario(risk: RiskClient, approvals: ApprovalsClient):
        resubmitting = risk.resubmitting(Resubmission(old["id"], "risk.credit.delete_stock_margin_ratio"))
        with pytest.raises(ValueError, match="resubmitting work order"):
            await resubmitting.set_day_trade_window(DayTradeWindowIn.model_validate(window("US")), str(uuid.uuid4()))
        return await approvals.work_orders(WorkOrderQuery(view=WorkOrderView.MINE, flow=FLOW, limit=5))

    mine = _run(aio, backend, scenario)
    assert not [o for o in mine.items if o.status == WorkOrderStatus.PENDING]


def test_without_a_resubmission_the_client_submits_as_before(aio, backend):
    async def scenario(risk: RiskClient, approvals: ApprovalsClient):
        return risk.resubmitting(None) is risk

    assert _run(aio, backend, scenario)
