"""Deciding work orders over HTTP: apply on the last approval, four eyes, stale, races."""

import threading

from sqlalchemy import text, update

from backend.risk.models import DayTradeWindowRow
from tests.backend.margin_steps import UPLOAD, row, submit, symbols
from tests.backend.work_order_steps import decide, fresh_order, live_window
from tests.fixtures.app_backend import AppBackend


def test_the_last_approval_applies_the_change_in_the_same_transaction(api):
    order = fresh_order(api, "HK", force_close="15:40")
    before = live_window(api, "HK")
    response = decide(api, "checker", order["id"])
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "applied"
    after = live_window(api, "HK")
    assert after.force_close.strftime("%H:%M") == "15:40"
    assert after.version == before.version + 1
    again = decide(api, "checker2", order["id"])
    assert (again.status_code, again.json()["code"]) == (409, "work_order_not_pending")


def test_the_maker_can_never_decide_their_own_order_whatever_their_roles(api):
    order = fresh_order(api, "US", maker="admin", force_close="15:35")  # admin holds every permission
    response = decide(api, "admin", order["id"])
    assert (response.status_code, response.json()["code"]) == (403, "maker_cannot_decide")


def test_only_the_people_the_approval_chain_names_decide(api):
    order = fresh_order(api, "US", force_close="15:35")
    response = decide(api, "editor", order["id"], level=1)  # uses the approvals, not named by the chain
    assert (response.status_code, response.json()["code"]) == (403, "not_an_approver")
    response = decide(api, "service", order["id"], level=1)  # no approvals at all
    assert (response.status_code, response.json()["code"]) == (403, "permission_denied")
    assert decide(api, "checker", order["id"]).json()["status"] == "applied"


def test_reject_needs_a_comment_then_frees_the_target(api):
    order = fresh_order(api, "HK", force_close="15:30")
    bare = decide(api, "checker", order["id"], "reject")
    assert (bare.status_code, bare.json()["code"]) == (422, "comment_required")
    rejected = decide(api, "checker", order["id"], "reject", "Too early for the HK close auction")
    assert rejected.json()["status"] == "rejected"
    fresh_order(api, "HK", force_close="15:31")  # the target is free again


def test_only_the_maker_withdraws(api):
    order = fresh_order(api, "US", force_close="15:33")
    with api.client("checker") as checker:
        refused = checker.post(f"/work-orders/{order['id']}/withdraw")
    assert (refused.status_code, refused.json()["code"]) == (403, "only_maker_withdraws")
    with api.client("maker") as maker:
        assert maker.post(f"/work-orders/{order['id']}/withdraw").json()["status"] == "withdrawn"


def test_a_target_changed_since_submission_makes_the_order_stale_and_nothing_is_applied(api):
    order = fresh_order(api, "HK", force_close="15:20")
    engine = api.engine()
    with engine.begin() as conn:  # another change of the same row lands first
        conn.execute(update(DayTradeWindowRow).where(DayTradeWindowRow.market == "HK")
                     .values(version=DayTradeWindowRow.version + 1))
    engine.dispose()
    before = live_window(api, "HK")
    response = decide(api, "checker", order["id"])
    assert response.json()["status"] == "stale"
    after = live_window(api, "HK")
    assert (after.force_close, after.version) == (before.force_close, before.version)


def _approve_together(api: AppBackend, order_id: int, users: tuple[str, ...], level: int = 1) -> list:
    """Each user approves ``level`` from a thread of its own, released at the same instant."""
    barrier = threading.Barrier(len(users))
    results: list = []

    def approve(user: str) -> None:
        with api.client(user) as client:
            barrier.wait()
            results.append(client.post(f"/work-orders/{order_id}/decisions",
                                       json={"decision": "approve", "level": level}))

    threads = [threading.Thread(target=approve, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_two_approvers_at_the_same_moment_one_wins_and_it_applies_once(api):
    for _ in range(3):
        order = fresh_order(api, "US", force_close="15:25")
        before = live_window(api, "US")
        results = _approve_together(api, order["id"], ("checker", "checker2"))
        assert sorted(r.status_code for r in results) == [200, 409], [r.text for r in results]
        assert live_window(api, "US").version == before.version + 1
        engine = api.engine()
        with engine.connect() as conn:
            applied = conn.execute(text("SELECT count(*) FROM audit_events WHERE action = 'work_order.apply' "
                                        "AND entity_id = :id"), {"id": str(order["id"])}).scalar_one()
            decisions = conn.execute(text("SELECT count(*) FROM work_order_decisions WHERE work_order_id = :id"),
                                     {"id": order["id"]}).scalar_one()
        engine.dispose()
        assert (applied, decisions) == (1, 1)


def test_two_approvers_of_the_same_level_decide_it_once_and_the_slower_is_told_it_moved(api):
    """Both saw level 1 of a two-level order: the slower click is refused, never recorded as the
    level-2 approval that neither chose to give."""
    targets = symbols(api, "US", 1_001, with_row=True)
    order = submit(api, UPLOAD, {"mode": "upsert", "rows": [row(s, im="0.7", mcm="0.6", mm="0.5", fm="0.4")
                                                               for s in targets]})
    assert order.status_code == 201, order.text
    order_id = order.json()["id"]
    assert order.json()["levels"] == 2
    results = _approve_together(api, order_id, ("checker", "checker2"), level=1)
    assert sorted((r.status_code, r.json().get("code")) for r in results) == [
        (200, None), (409, "decision_level_moved")], [r.text for r in results]
    with api.client("maker") as maker:
        shown = maker.get(f"/work-orders/{order_id}").json()
        assert (shown["status"], shown["approvals"], len(shown["decisions"])) == ("pending", 1, 1)
        assert maker.post(f"/work-orders/{order_id}/withdraw").status_code == 200  # frees its rows
