"""轉交 and 抄送 over HTTP: an approver of the current level hands their seat to someone eligible
(the seat still takes exactly one decision), every refusal names its reason and changes nothing, a
transfer and a decision at the same moment take turns; the maker or an approver copies people."""

import threading
from functools import partial

import pytest

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
from tests.backend.handover_steps import audited, candidates, code, transfer
from tests.backend.work_order_steps import decide, fresh_order, live_window

NAME = {u.username: u.display_name for u in DEMO_USERS}
BOTH = ("checker", "checker2")


def test_the_seat_moves_to_the_target_who_decides_it_and_the_trail_shows_the_transfer(api):
    change_chain(api, WINDOW, {"levels": [level(users=("checker",))]})
    order = fresh_order(api, "HK", force_close="15:41")
    assert order["id"] in listed(api, "checker", view="awaiting_me")
    moved = transfer(api, "checker", order["id"], "checker2", "Away at the HKEX briefing")
    assert moved.status_code == 200, moved.text
    out = moved.json()
    assert [(a["name"], a["via"]) for a in out["approval_levels"][0]["approvers"]] == [
        (NAME["checker2"], "transfer:checker")]
    [trail] = out["transfers"]
    assert (trail["level"], trail["from_name"], trail["to_name"], trail["note"]) == (
        1, NAME["checker"], NAME["checker2"], "Away at the HKEX briefing")
    assert order["id"] not in listed(api, "checker", view="awaiting_me")
    assert order["id"] in listed(api, "checker2", view="awaiting_me")
    assert shown(api, "checker", order["id"])["transfers"] == out["transfers"]  # the former holder still reads it
    assert code(decide(api, "checker", order["id"])) == (403, "not_an_approver")
    assert decide(api, "checker2", order["id"]).json()["status"] == "applied"
    assert [e["action"] for e in audited(api, "work_order.transfer", order["id"])] == ["work_order.transfer"]


def test_a_transferred_joint_seat_still_needs_exactly_one_decision(api):
    stand_in = new_user(api, "risk_checker")
    change_chain(api, WINDOW, {"levels": [level(users=BOTH, mode="all")]})
    order = fresh_order(api, "HK", force_close="15:42")
    before = live_window(api, "HK")
    assert transfer(api, "checker", order["id"], stand_in).status_code == 200
    assert approvers(shown(api, "maker", order["id"])) == {NAME["checker2"], f"Tester {stand_in}"}
    half = decide(api, "checker2", order["id"]).json()
    assert (half["status"], half["approvals"]) == ("pending", 0)
    assert code(decide(api, "checker", order["id"])) == (403, "not_an_approver")
    assert live_window(api, "HK").version == before.version
    assert decide(api, stand_in, order["id"]).json()["status"] == "applied"
    assert live_window(api, "HK").version == before.version + 1


@pytest.mark.parametrize(("target", "reason"), [
    ("nobody-here", "unknown"), ("maker", "maker"), ("checker2", "already_approver"), ("service", "cannot_approve")])
def test_a_target_who_may_not_take_the_seat_is_refused_with_the_reason_and_nothing_changes(api, target, reason):
    change_chain(api, WINDOW, {"levels": [level(users=BOTH)]})
    order = fresh_order(api, "HK", force_close="15:43")
    refused = transfer(api, "checker", order["id"], target)
    assert code(refused) == (422, "transfer_target_not_eligible")
    assert [(e["field"], e["code"]) for e in refused.json()["errors"]] == [("to", reason)]
    after = shown(api, "maker", order["id"])
    assert (after["transfers"], approvers(after)) == ([], {NAME["checker"], NAME["checker2"]})
    assert audited(api, "work_order.transfer", order["id"]) == []


def test_a_disabled_account_cannot_take_a_seat(api):
    away = new_user(api, "risk_checker")
    set_active(api, away, False)
    change_chain(api, WINDOW, {"levels": [level(users=("checker",))]})
    order = fresh_order(api, "HK", force_close="15:44")
    refused = transfer(api, "checker", order["id"], away)
    assert [e["code"] for e in refused.json()["errors"]] == ["inactive"]
    assert away not in candidates(api, "checker", order["id"])


def test_whoever_decided_level_one_never_receives_level_two_in_any_session(api):
    change_chain(api, WINDOW, {"levels": [level(users=("checker",)), level(users=("checker2",))]})
    order = fresh_order(api, "HK", force_close="15:45")
    with api.client(token=api.fresh_token("checker")) as first:
        assert first.post(f"/work-orders/{order['id']}/decisions",
                          json={"decision": "approve", "level": 1}).json()["approvals"] == 1
    refused = transfer(api, "checker2", order["id"], "checker")
    assert [e["code"] for e in refused.json()["errors"]] == ["decided_other_level"]
    assert "checker" not in candidates(api, "checker2", order["id"])
    second = api.fresh_token("checker")  # another session of the same person changes nothing
    assert code(transfer(api, "checker", order["id"], "admin", token=second)) == (403, "not_an_approver")
    assert approvers(shown(api, "maker", order["id"]), level=2) == {NAME["checker2"]}


def test_the_candidates_are_exactly_those_a_transfer_would_accept(api):
    change_chain(api, WINDOW, {"levels": [level(users=BOTH)]})
    order = fresh_order(api, "HK", force_close="15:46")
    offered = candidates(api, "checker", order["id"])
    assert {"admin", "admin2", "editor", "publisher"} <= set(offered)
    assert not {"maker", "checker", "checker2", "service", "funds"} & set(offered)  # maker, on the level, no inbox
    assert candidates(api, "checker", order["id"], q="grace") == []  # Grace Lam (checker2) is on the level
    assert candidates(api, "checker", order["id"], q="SANDY") == ["admin2"]  # by name, any case
    assert candidates(api, "checker", order["id"], q="publ") == ["publisher"]  # by username
    for other in ("maker", "editor"):
        with api.client(other) as client:
            assert code(client.get(f"/work-orders/{order['id']}/transfer-candidates")) == (403, "not_an_approver")


def test_only_an_approver_of_the_current_level_with_an_undecided_seat_transfers(api):
    change_chain(api, WINDOW, {"levels": [level(users=BOTH, mode="all")]})
    order = fresh_order(api, "HK", force_close="15:47")
    assert code(transfer(api, "maker", order["id"], "admin")) == (403, "not_an_approver")
    assert code(transfer(api, "editor", order["id"], "admin")) == (403, "not_an_approver")
    assert code(transfer(api, "service", order["id"], "admin")) == (403, "permission_denied")
    decide(api, "checker", order["id"])
    assert code(transfer(api, "checker", order["id"], "admin")) == (409, "already_decided")
    decide(api, "checker2", order["id"])
    assert code(transfer(api, "checker2", order["id"], "admin")) == (409, "work_order_not_pending")


@pytest.mark.parametrize(("note", "field"), [("   ", "note"), ("x" * 501, "note"), ("", "note")])
def test_a_transfer_needs_a_note_of_at_most_500_characters(api, note, field):
    order = fresh_order(api, "HK", force_close="15:48")
    refused = transfer(api, "checker", order["id"], "admin", note)
    assert code(refused) == (422, "validation_error")
    assert [e["field"] for e in refused.json()["errors"]] == [field]
    assert shown(api, "maker", order["id"])["transfers"] == []


# --- at the same moment ----------------------------------------------------------------------------


def _together(*calls) -> list:
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index: int) -> None:
        barrier.wait()
        results[index] = calls[index]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def _approve(api, token: str, order_id: int):
    with api.client(token=token) as client:
        return client.post(f"/work-orders/{order_id}/decisions", json={"decision": "approve", "level": 1})


def test_a_transfer_and_a_decision_of_the_same_seat_at_once_one_wins_and_the_seat_is_decided_once(api):
    change_chain(api, WINDOW, {"levels": [level(users=BOTH, mode="all")]})
    for minute in (50, 51, 52, 53):
        order = fresh_order(api, "US", force_close=f"15:{minute}")
        moved, approved = _together(  # two sessions of the same approver
            partial(transfer, api, "checker", order["id"], "admin", token=api.fresh_token("checker")),
            partial(_approve, api, api.fresh_token("checker"), order["id"]))
        assert sorted([moved.status_code, approved.status_code]) in ([200, 403], [200, 409]), (moved.text, approved.text)
        after = shown(api, "maker", order["id"])
        if moved.status_code == 200:  # the transfer came first: checker no longer sits there
            assert code(approved) == (403, "not_an_approver")
            assert (after["decisions"], approvers(after)) == ([], {NAME["checker2"], NAME["admin"]})
        else:  # the decision came first: a decided seat stays where it is
            assert code(moved) == (409, "already_decided")
            assert [d["decider_name"] for d in after["decisions"]] == [NAME["checker"]]
            assert after["transfers"] == [] and approvers(after) == {NAME["checker"], NAME["checker2"]}
        with api.client("maker") as maker:
            maker.post(f"/work-orders/{order['id']}/withdraw")


# --- 抄送 --------------------------------------------------------------------------------------------


def test_the_maker_or_an_approver_copies_people_who_then_read_the_order(api):
    change_chain(api, WINDOW, {"levels": [level(users=("checker",))]})
    order = fresh_order(api, "HK", force_close="15:49")
    with api.client("editor") as editor:
        assert editor.get(f"/work-orders/{order['id']}").status_code == 404
    with api.client("maker") as maker:
        copied = maker.post(f"/work-orders/{order['id']}/cc", json={"users": ["editor"]})
    assert copied.status_code == 200, copied.text
    [cc] = [c for c in copied.json()["cc"] if c["name"] == NAME["editor"]]
    assert cc["via"] == "added:maker" and cc["added_at"] is not None
    assert order["id"] in listed(api, "editor", view="cc_me")
    assert shown(api, "editor", order["id"])["id"] == order["id"]
    with api.client("checker") as checker:  # an approver too; someone already copied stays once
        again = checker.post(f"/work-orders/{order['id']}/cc", json={"users": ["editor", "publisher"]})
    assert sorted(c["name"] for c in again.json()["cc"] if c["via"].startswith("added:")) == sorted(
        [NAME["editor"], NAME["publisher"]])
    assert len(audited(api, "work_order.cc", order["id"])) == 2


def test_copying_is_refused_to_outsiders_and_for_people_who_cannot_be_copied(api):
    order = fresh_order(api, "HK", force_close="15:39")
    with api.client("editor") as editor:
        assert code(editor.post(f"/work-orders/{order['id']}/cc", json={"users": ["publisher"]})) == (
            403, "permission_denied")
    with api.client("maker") as maker:
        refused = maker.post(f"/work-orders/{order['id']}/cc", json={"users": ["publisher", "ghost", "maker"]})
        assert code(refused) == (422, "rule_violation")
        assert [e["field"] for e in refused.json()["errors"]] == ["users.1", "users.2"]
        assert code(maker.post(f"/work-orders/{order['id']}/cc", json={"users": []})) == (422, "validation_error")
    assert shown(api, "maker", order["id"])["cc"] == order["cc"]
    assert audited(api, "work_order.cc", order["id"]) == []
