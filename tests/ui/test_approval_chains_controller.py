"""審批流程配置's controller without a widget, against the in-process backend: the chains by
business area in the menu's order with the default chain apart, where each flow's orders go, a
change submitted as a work order (said with its number), one refused by the shared rules before
it leaves, and a second change of a chain with one pending refused as such."""

import pytest

from services.clients.session import SessionClient
from services.contract.identity import ApprovalMode
from tests.qt_fixtures import next_emission
from ui.approval_chains import labels
from ui.approval_chains.chain_draft import ChainDraft, Part
from ui.approval_chains.chains_controller import ChainsController
from ui.common.page_context import PageContext

WINDOW = "risk.credit.set_day_trade_time_config"


@pytest.fixture
def controller(aio, backend, errors):
    api = backend.api_client()
    api.set_token(backend.token("admin"))
    ctx = PageContext(api, aio(SessionClient(api).me()), errors.append, ui_language=lambda: "en")
    made = ChainsController(ctx)
    aio(made.load())
    yield made
    aio(made.wait_idle())
    aio(api.aclose())


def test_the_flows_are_grouped_by_area_in_the_menus_order_and_say_where_their_orders_go(controller):
    groups = controller.groups()
    assert [g.root for g in groups] == ["Risk", "Help Center", "Identity"]
    assert groups[0].chains[0].flow == "risk.credit.upload_stock_margin_ratio"
    assert [c.flow for c in groups[2].chains] == ["identity.approval_chain.update", "identity.user.update",
                                                  "identity.role.update"]
    window = controller.chain(WINDOW)
    assert controller.source(window) == labels.OWN
    default = controller.chain(None)
    assert (default.flow, default.version, controller.source(default)) == (None, None, labels.ADMINISTRATORS)
    assert controller.directory.person_name("checker") == "Kelvin Wong 黃家豪"
    assert controller.directory.role_name("risk_checker", "zh_Hant") == "風控覆核"


def test_a_change_is_submitted_as_a_work_order_and_said_with_its_number(aio, controller, errors):
    draft = ChainDraft.of(controller.chain(WINDOW).chain)
    level = draft.level(Part(None, draft.add_level(None).level))
    level.users.append("admin2")
    level.mode = ApprovalMode.ALL
    draft.note = "Two levels for the window."
    submitted = next_emission(controller.submitted)
    controller.submit(WINDOW, draft)
    (order,) = aio(submitted)
    aio(controller.wait_idle())
    assert order.flow == "identity.approval_chain.update" and order.payload["note"] == "Two levels for the window."
    assert order.payload["chain"]["levels"][1] == {"approvers": {"roles": [], "users": ["admin2"]}, "mode": "all"}
    assert controller.outcome == (f"Submitted for approval as #{order.id}: a second administrator decides it.",
                                  False)
    assert controller.chain(WINDOW).pending_order_id == order.id  # read again after the submission

    again = next_emission(controller.refused)
    controller.submit(WINDOW, draft)
    (refusal,) = aio(again)
    aio(controller.wait_idle())
    assert refusal.code == "target_locked"
    assert controller.outcome[1] and "already awaits approval" in controller.outcome[0]
    assert not errors


def test_a_draft_that_breaks_a_rule_is_never_sent(aio, backend, controller):
    draft = ChainDraft.of(None)  # a level naming nobody
    before = aio(controller.client.chains())
    assert controller.submit(WINDOW, draft) is None
    assert [(v.field, v.code) for v in controller.violations(draft)] == [("levels.1", "level_without_approver")]
    aio(controller.wait_idle())
    assert aio(controller.client.chains()) == before
