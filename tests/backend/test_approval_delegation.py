"""Delegations while away (委託審批) over HTTP: in force only within their window by the app's
clock, until revoked; the delegate decides the delegator's seat on their behalf (on the trail and in
the audit), sees such orders in the inbox and its count, never decides an order they made nor two
levels of one order, and a seat is never decided twice."""

import pytest

from backend.auth.roles import DEMO_USERS
from tests.backend.chain_steps import WINDOW, change_chain, level, listed, new_user, shown
from tests.backend.handover_steps import audited, awaiting_count, code, delegate, transfer
from tests.backend.work_order_steps import decide, fresh_order
from tests.fixtures.app_backend import AppBackend

NAME = {u.username: u.display_name for u in DEMO_USERS}
BOTH = ("checker", "checker2")


def _mine(api: AppBackend, user: str) -> list[dict]:
    with api.client(user) as client:
        response = client.get("/approval-delegations")
    assert response.status_code == 200, response.text
    return response.json()


def test_a_delegation_works_only_within_its_window_by_the_app_clock(api):
    stand_in = new_user(api, "risk_checker")
    change_chain(api, WINDOW, {"levels": [level(users=("checker",))]})
    given = delegate(api, "checker", stand_in, start_in=20, minutes=30)
    assert given.status_code == 201, given.text
    assert given.json()["state"] == "scheduled"
    order = fresh_order(api, "HK", force_close="15:41")
    assert awaiting_count(api, stand_in) == 0 and order["id"] not in listed(api, stand_in, view="awaiting_me")
    assert code(decide(api, stand_in, order["id"], level=1)) == (403, "not_an_approver")

    api.clock.advance(minutes=25)  # in force
    assert awaiting_count(api, stand_in) == 1 and order["id"] in listed(api, stand_in, view="awaiting_me")
    seen = shown(api, stand_in, order["id"])
    assert seen["delegated_to_me"] == [given.json()["from_id"]]
    assert shown(api, "checker", order["id"])["delegated_to_me"] == []
    assert [d["state"] for d in _mine(api, stand_in)] == ["active"]

    api.clock.advance(minutes=30)  # ended
    assert awaiting_count(api, stand_in) == 0
    assert code(decide(api, stand_in, order["id"], level=1)) == (403, "not_an_approver")
    assert [d["state"] for d in _mine(api, "checker")] == ["ended"]
    assert decide(api, "checker", order["id"]).json()["status"] == "applied"


def test_the_delegate_decides_on_behalf_of_the_approver_on_the_trail_and_in_the_audit(api):
    stand_in = new_user(api, "risk_checker")
    change_chain(api, WINDOW, {"levels": [level(users=("checker",))]})
    delegate(api, "checker", stand_in)
    order = fresh_order(api, "HK", force_close="15:42")
    decided = decide(api, stand_in, order["id"])
    assert decided.status_code == 200, decided.text
    [trail] = decided.json()["decisions"]
    assert (trail["decider_name"], trail["on_behalf_of_name"]) == (f"Tester {stand_in}", NAME["checker"])
    assert decided.json()["status"] == "applied"
    assert order["id"] in listed(api, stand_in, view="decided")
    assert len(audited(api, "work_order.approve", order["id"])) == 1


def test_a_delegate_who_made_the_order_never_decides_it(api):
    change_chain(api, WINDOW, {"levels": [level(users=("checker",))]})
    assert delegate(api, "checker", "maker").status_code == 201  # the maker also holds the approvals inbox
    order = fresh_order(api, "HK", force_close="15:43")
    assert order["id"] not in listed(api, "maker", view="awaiting_me")
    assert awaiting_count(api, "maker") == 0
    for decision in ("approve", "reject"):
        assert code(decide(api, "maker", order["id"], decision, "mine", level=1)) == (403, "maker_cannot_decide")
    assert shown(api, "maker", order["id"])["decisions"] == []


def test_whoever_decided_level_one_cannot_decide_level_two_by_delegation_in_any_session(api):
    change_chain(api, WINDOW, {"levels": [level(users=("checker",)), level(users=("checker2",))]})
    delegate(api, "checker2", "checker")
    order = fresh_order(api, "HK", force_close="15:44")
    first, second = api.fresh_token("checker"), api.fresh_token("checker")
    with api.client(token=first) as client:
        assert client.post(f"/work-orders/{order['id']}/decisions",
                           json={"decision": "approve", "level": 1}).json()["approvals"] == 1
    assert order["id"] not in listed(api, "checker", view="awaiting_me")
    with api.client(token=second) as client:
        for decision in ("approve", "reject"):
            refused = client.post(f"/work-orders/{order['id']}/decisions",
                                  json={"decision": decision, "level": 2, "comment": "for Grace"})
            assert code(refused) == (409, "already_decided")
    assert code(transfer(api, "checker2", order["id"], "checker")) == (422, "transfer_target_not_eligible")
    assert decide(api, "checker2", order["id"]).json()["status"] == "applied"


def test_a_delegated_seat_is_decided_once_whoever_decides_it(api):
    stand_in = new_user(api, "risk_checker")
    change_chain(api, WINDOW, {"levels": [level(users=BOTH, mode="all")]})
    delegate(api, "checker", stand_in)
    order = fresh_order(api, "HK", force_close="15:45")
    half = decide(api, stand_in, order["id"]).json()
    assert (half["status"], half["decisions"][0]["on_behalf_of_name"]) == ("pending", NAME["checker"])
    assert order["id"] not in listed(api, "checker", view="awaiting_me")
    assert code(decide(api, "checker", order["id"])) == (409, "already_decided")
    assert code(decide(api, stand_in, order["id"])) == (409, "already_decided")
    assert decide(api, "checker2", order["id"]).json()["status"] == "applied"


def test_the_approver_deciding_first_leaves_nothing_for_their_delegate(api):
    stand_in = new_user(api, "risk_checker")
    change_chain(api, WINDOW, {"levels": [level(users=BOTH, mode="all")]})
    delegate(api, "checker", stand_in)
    order = fresh_order(api, "HK", force_close="15:46")
    decide(api, "checker", order["id"])
    assert order["id"] not in listed(api, stand_in, view="awaiting_me")
    assert code(decide(api, stand_in, order["id"])) == (409, "already_decided")


def test_a_delegation_for_other_flows_does_not_reach_this_one(api):
    stand_in = new_user(api, "risk_checker")
    change_chain(api, WINDOW, {"levels": [level(users=("checker",))]})
    assert delegate(api, "checker", stand_in, flows=["risk.credit.create_stock_margin_task"]).status_code == 201
    order = fresh_order(api, "HK", force_close="15:47")
    assert awaiting_count(api, stand_in) == 0
    assert code(decide(api, stand_in, order["id"], level=1)) == (403, "not_an_approver")
    assert delegate(api, "checker", stand_in, flows=[WINDOW]).status_code == 201
    assert awaiting_count(api, stand_in) == 1


def test_revoking_ends_it_at_once_and_only_the_delegator_revokes(api):
    stand_in = new_user(api, "risk_checker")
    change_chain(api, WINDOW, {"levels": [level(users=("checker",))]})
    given = delegate(api, "checker", stand_in).json()
    order = fresh_order(api, "HK", force_close="15:48")
    assert awaiting_count(api, stand_in) == 1
    path = f"/approval-delegations/{given['id']}/revoke"
    with api.client(stand_in) as client:
        assert code(client.post(path)) == (404, "not_found")
    with api.client("checker") as client:
        revoked = client.post(path)
        assert revoked.json()["state"] == "revoked" and revoked.json()["revoked_at"] is not None
        assert code(client.post(path)) == (409, "delegation_not_active")
    assert awaiting_count(api, stand_in) == 0
    assert code(decide(api, stand_in, order["id"], level=1)) == (403, "not_an_approver")
    with api.client(stand_in) as client:
        assert client.get(f"/work-orders/{order['id']}").status_code == 404
    assert len(audited(api, "approval_delegation.create", given["id"])) == 1
    assert len(audited(api, "approval_delegation.revoke", given["id"])) == 1


def test_my_delegations_are_those_i_gave_and_received(api):
    stand_in = new_user(api, "risk_checker")
    given = delegate(api, "checker", stand_in).json()
    received = delegate(api, "checker2", "checker", flows=[WINDOW]).json()
    assert [d["id"] for d in _mine(api, "checker")] == [received["id"], given["id"]]
    assert [d["id"] for d in _mine(api, stand_in)] == [given["id"]]
    assert _mine(api, "editor") == []
    assert (received["from_username"], received["to_username"], received["flows"]) == ("checker2", "checker", [WINDOW])


@pytest.mark.parametrize(("change", "field", "reason"), [
    ({"to": "checker"}, "to", "self"),
    ({"to": "ghost"}, "to", "unknown"),
    ({"to": "service"}, "to", "cannot_approve"),
    ({"minutes": 0}, "ends_at", "not_after_start"),
    ({"minutes": -5}, "ends_at", "not_after_start"),
    ({"minutes": 90 * 24 * 60 + 1}, "ends_at", "too_long"),
    ({"start_in": -120}, "ends_at", "in_the_past"),
    ({"start_in": 366 * 24 * 60}, "starts_at", "too_far"),
    ({"flows": ["no.such.flow"]}, "flows", "unknown_flow"),
])
def test_a_bad_delegation_is_refused_naming_the_field_and_nothing_is_made(api, change, field, reason):
    args = {"to": "checker2", **change}
    refused = delegate(api, "checker", args.pop("to"), **args)
    assert code(refused) == (422, "rule_violation")
    assert [(e["field"], e["code"]) for e in refused.json()["errors"]] == [(field, reason)]
    assert _mine(api, "checker") == []


def test_a_time_without_its_utc_offset_is_refused(api):
    with api.client("checker") as client:
        refused = client.post("/approval-delegations", json={
            "to": "checker2", "starts_at": "2030-01-01T09:00:00", "ends_at": "2030-01-02T09:00:00+08:00"})
    assert code(refused) == (422, "validation_error")
    assert [e["field"] for e in refused.json()["errors"]] == ["starts_at"]
    assert _mine(api, "checker") == []


def test_delegations_need_the_approvals_inbox(api):
    assert code(delegate(api, "service", "checker")) == (403, "permission_denied")
    with api.client("funds") as client:
        assert code(client.get("/approval-delegations")) == (403, "permission_denied")
