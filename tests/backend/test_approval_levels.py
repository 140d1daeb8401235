"""Deciding the levels an approval chain gave an order: four eyes whatever roles people hold and
however many sessions they have, 會簽 levels that need every approver, orders blocked when their
approvers are disabled (never skipped), and approvers deciding at the same moment."""

import threading

import pytest
from sqlalchemy import text

from backend.auth.roles import DEMO_USERS
from tests.backend.chain_steps import (
    WINDOW,
    approvers,
    change_chain,
    level,
    listed,
    new_user,
    set_active,
    shown,
)
from tests.backend.work_order_steps import decide, fresh_order, live_window
from tests.fixtures.app_backend import AppBackend

NAME = {u.username: u.display_name for u in DEMO_USERS}
BOTH = ("checker", "checker2")


def _decide_with(api: AppBackend, token: str, order_id: int, decision: str = "approve", level_no: int = 1,
                 comment: str | None = None):
    with api.client(token=token) as client:
        return client.post(f"/work-orders/{order_id}/decisions",
                           json={"decision": decision, "level": level_no, "comment": comment})


def _code(response) -> tuple[int, str | None]:
    return response.status_code, response.json().get("code")


# --- four eyes -----------------------------------------------------------------------------------


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_a_maker_who_also_holds_the_checker_role_never_decides_their_own_order(api, decision):
    dual = new_user(api, "ops_maker", "risk_checker")
    order = fresh_order(api, "HK", maker=dual, force_close="15:41")
    assert f"Tester {dual}" not in approvers(order)
    assert approvers(order) == {NAME[u] for u in ("checker", "checker2", "admin", "admin2")}
    refused = decide(api, dual, order["id"], decision, comment="my own", level=1)
    assert _code(refused) == (403, "maker_cannot_decide")
    assert order["id"] not in listed(api, dual, view="awaiting_me")
    assert shown(api, dual, order["id"])["decisions"] == []
    # as a checker of someone else's order, the same person decides
    other = fresh_order(api, "US", force_close="15:41")
    assert f"Tester {dual}" in approvers(other)
    assert other["id"] in listed(api, dual, view="awaiting_me")
    assert decide(api, dual, other["id"], decision, comment="checked").status_code == 200
    assert decide(api, "checker", order["id"]).json()["status"] == "applied"


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_a_second_session_of_whoever_decided_level_one_cannot_decide_level_two(api, decision):
    change_chain(api, WINDOW, {"levels": [level("risk_checker"), level("risk_checker", "admin")]})
    order = fresh_order(api, "HK", force_close="15:42")
    assert order["levels"] == 2
    first, second = api.fresh_token("checker"), api.fresh_token("checker")
    assert _decide_with(api, first, order["id"]).json()["approvals"] == 1
    refused = _decide_with(api, second, order["id"], decision, level_no=2, comment="again")
    assert _code(refused) == (409, "already_decided")
    assert order["id"] not in listed(api, "checker", view="awaiting_me")
    assert order["id"] in listed(api, "checker2", view="awaiting_me")
    decided = decide(api, "checker2", order["id"], decision, comment="second pair of eyes")
    assert decided.json()["status"] == ("applied" if decision == "approve" else "rejected")
    assert [(d["level"], d["decider_name"]) for d in decided.json()["decisions"]] == [
        (1, NAME["checker"]), (2, NAME["checker2"])]


# --- 會簽 ----------------------------------------------------------------------------------------


def test_a_joint_level_needs_every_approver_before_it_applies(api):
    change_chain(api, WINDOW, {"levels": [level(users=BOTH, mode="all")]})
    order = fresh_order(api, "HK", force_close="15:43")
    before = live_window(api, "HK")
    assert order["approval_levels"][0]["mode"] == "all"
    half = decide(api, "checker", order["id"]).json()
    assert (half["status"], half["approvals"], len(half["decisions"])) == ("pending", 0, 1)
    assert live_window(api, "HK").version == before.version  # nothing applied on one approval
    assert order["id"] not in listed(api, "checker", view="awaiting_me")
    assert order["id"] in listed(api, "checker2", view="awaiting_me")
    assert _code(decide(api, "checker", order["id"])) == (409, "already_decided")
    assert decide(api, "checker2", order["id"]).json()["status"] == "applied"
    assert live_window(api, "HK").version == before.version + 1


def test_one_rejection_of_a_joint_level_rejects_the_order(api):
    change_chain(api, WINDOW, {"levels": [level(users=BOTH, mode="all")]})
    order = fresh_order(api, "HK", force_close="15:44")
    decide(api, "checker", order["id"])
    rejected = decide(api, "checker2", order["id"], "reject", "not with this close")
    assert rejected.json()["status"] == "rejected"


# --- blocked -------------------------------------------------------------------------------------


def _blocked_ids(api: AppBackend, blocked: bool) -> list[int]:
    return listed(api, "admin", view="all", blocked=str(blocked).lower())


def test_an_order_whose_only_approver_is_disabled_is_blocked_until_someone_acts(api):
    approver = new_user(api, "risk_checker")
    change_chain(api, WINDOW, {"levels": [level(users=(approver,))]})
    order = fresh_order(api, "HK", force_close="15:45")
    assert order["blocked"] is False and order["id"] in _blocked_ids(api, False)
    set_active(api, approver, False)
    assert shown(api, "maker", order["id"])["blocked"] is True
    assert order["id"] in _blocked_ids(api, True) and order["id"] not in _blocked_ids(api, False)
    [item] = [i for i in listed_items(api, "maker", view="mine") if i["id"] == order["id"]]
    assert item["blocked"] is True
    assert shown(api, "maker", order["id"])["status"] == "pending"  # never skipped
    with api.client("checker") as client:  # the filter is for those who see every order
        assert _code(client.get("/work-orders", params={"view": "awaiting_me", "blocked": "true"})) == (
            403, "permission_denied")
    set_active(api, approver, True)
    assert shown(api, "maker", order["id"])["blocked"] is False
    assert decide(api, approver, order["id"]).json()["status"] == "applied"


def test_a_joint_level_is_blocked_by_any_disabled_approver(api):
    change_chain(api, WINDOW, {"levels": [level(users=BOTH, mode="all")]})
    order = fresh_order(api, "HK", force_close="15:46")
    decide(api, "checker", order["id"])
    set_active(api, "checker2", False)
    try:
        assert shown(api, "maker", order["id"])["blocked"] is True
        assert order["id"] in _blocked_ids(api, True)
    finally:
        set_active(api, "checker2", True)
    assert shown(api, "maker", order["id"])["blocked"] is False


def test_a_level_left_with_only_someone_who_decided_an_earlier_level_is_blocked(api):
    """One person decides one level: a second level that names only them can never complete."""
    change_chain(api, WINDOW, {"levels": [level(users=("checker",)), level(users=("checker",))]})
    order = fresh_order(api, "HK", force_close="15:47")
    assert shown(api, "maker", order["id"])["blocked"] is False
    decide(api, "checker", order["id"])
    after = shown(api, "maker", order["id"])
    assert (after["status"], after["approvals"], after["blocked"]) == ("pending", 1, True)
    assert order["id"] in _blocked_ids(api, True)


def listed_items(api: AppBackend, user: str, **params) -> list[dict]:
    with api.client(user) as client:
        return client.get("/work-orders", params={"limit": 1000, **params}).json()["items"]


# --- at the same moment ----------------------------------------------------------------------------


def _together(api: AppBackend, order_id: int, tokens: list[str]) -> list:
    """Each token approves level 1 from a thread of its own, released at the same instant."""
    barrier = threading.Barrier(len(tokens))
    results: list = []

    def approve(token: str) -> None:
        with api.client(token=token) as client:
            barrier.wait()
            results.append(client.post(f"/work-orders/{order_id}/decisions",
                                       json={"decision": "approve", "level": 1}))

    threads = [threading.Thread(target=approve, args=(t,)) for t in tokens]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def _counts(api: AppBackend, order_id: int) -> tuple[int, int]:
    engine = api.engine()
    with engine.connect() as conn:
        applied = conn.execute(text("SELECT count(*) FROM audit_events WHERE action = 'work_order.apply' "
                                    "AND entity_id = :id"), {"id": str(order_id)}).scalar_one()
        decisions = conn.execute(text("SELECT count(*) FROM work_order_decisions WHERE work_order_id = :id"),
                                 {"id": order_id}).scalar_one()
    engine.dispose()
    return applied, decisions


def test_both_approvers_of_a_joint_level_at_once_both_count_and_it_applies_once(api):
    change_chain(api, WINDOW, {"levels": [level(users=BOTH, mode="all")]})
    for minute in (50, 51, 52):
        order = fresh_order(api, "US", force_close=f"15:{minute}")
        before = live_window(api, "US")
        results = _together(api, order["id"], [api.token("checker"), api.token("checker2")])
        assert sorted(r.status_code for r in results) == [200, 200], [r.text for r in results]
        assert sorted(r.json()["status"] for r in results) == ["applied", "pending"]
        assert live_window(api, "US").version == before.version + 1
        assert _counts(api, order["id"]) == (1, 2)


def test_one_person_in_two_sessions_at_once_counts_once_on_a_joint_level(api):
    change_chain(api, WINDOW, {"levels": [level(users=BOTH, mode="all")]})
    for minute in (53, 54):
        order = fresh_order(api, "US", force_close=f"15:{minute}")
        results = _together(api, order["id"], [api.fresh_token("checker"), api.fresh_token("checker")])
        assert sorted(_code(r)[0] for r in results) == [200, 409], [r.text for r in results]
        assert shown(api, "maker", order["id"])["status"] == "pending"
        assert _counts(api, order["id"]) == (0, 1)


def test_what_an_approver_decided_elsewhere_leaves_their_inbox_and_an_order_unblocked(api):
    """Decisions count for their own order only: a checker who decided one order still has the next
    in their inbox, and a level whose approvers all decided other orders is not blocked."""
    approver = new_user(api, "risk_checker")
    change_chain(api, WINDOW, {"levels": [level(users=(approver,))]})
    first = fresh_order(api, "HK", force_close="15:44")
    assert decide(api, approver, first["id"]).json()["status"] == "applied"
    second = fresh_order(api, "US", force_close="15:44")
    assert second["id"] in listed(api, approver, view="awaiting_me")
    assert shown(api, "maker", second["id"])["blocked"] is False
    assert second["id"] in _blocked_ids(api, False)
