"""Resubmitting a rejected or stale order: a new order prefilled from the old one."""

import uuid

from tests.backend.work_order_steps import decide, fresh_order, live_window, window


def resubmit(api, user: str, order_id: int, payload=None, key: str | None = None, note: str | None = None,
             expected_versions: dict | None = None):
    body = {k: v for k, v in (("payload", payload), ("note", note), ("expected_versions", expected_versions))
            if v is not None}
    with api.client(user) as client:
        return client.post(f"/work-orders/{order_id}/resubmit", json=body or None,
                           headers={"Idempotency-Key": key or str(uuid.uuid4())})


def test_a_rejected_order_comes_back_prefilled_and_retries_are_safe(api):
    old = fresh_order(api, "HK", force_close="15:36")
    assert decide(api, "checker", old["id"], "reject", "Use 15:45").json()["status"] == "rejected"
    key = str(uuid.uuid4())
    first = resubmit(api, "maker", old["id"], window("HK", force_close="15:45"), key=key)
    again = resubmit(api, "maker", old["id"], window("HK", force_close="15:45"), key=key)
    assert first.status_code == 201, first.text
    new = first.json()
    assert (new["status"], new["resubmitted_from_id"]) == ("pending", old["id"])
    assert new["payload"]["force_close"] == "15:45:00"
    assert again.status_code == 200 and again.json()["id"] == new["id"]
    # Without a payload, the old order's payload is sent again.
    assert decide(api, "checker", new["id"], "reject", "Not today").status_code == 200
    same = resubmit(api, "maker", new["id"])
    assert same.json()["payload"] == new["payload"]


def test_only_the_maker_resubmits_and_only_a_rejected_or_stale_order(api):
    pending = fresh_order(api, "US", force_close="15:37")
    refused = resubmit(api, "maker", pending["id"])
    assert (refused.status_code, refused.json()["code"]) == (409, "work_order_not_resubmittable")
    decide(api, "checker", pending["id"], "reject", "no")
    other = resubmit(api, "checker", pending["id"])
    assert (other.status_code, other.json()["code"]) == (403, "permission_denied")


def test_the_makers_note_reaches_the_approver_and_the_audit_trail(api):
    old = fresh_order(api, "HK", force_close="15:38")
    decide(api, "checker", old["id"], "reject", "Use 15:45")
    new = resubmit(api, "maker", old["id"], window("HK", force_close="15:45"),
                   note="  Force close moved to 15:45 as asked.  ")
    assert new.status_code == 201, new.text
    with api.client("checker") as client:
        shown = client.get(f"/work-orders/{new.json()['id']}").json()
    with api.client("admin") as client:
        trail = client.get("/audit/events", params={"entity_type": "work_order", "entity_id": str(shown["id"]),
                                                     "action": "work_order.submit"}).json()
        submitted = client.get(f"/audit/events/{trail['items'][0]['id']}").json()
    assert shown["maker_note"] == "Force close moved to 15:45 as asked."
    assert submitted["after"]["note"] == "Force close moved to 15:45 as asked."
    assert old["maker_note"] is None


def test_a_blank_note_is_no_note_and_a_long_one_is_refused_naming_the_field(api):
    old = fresh_order(api, "US", force_close="15:39")
    decide(api, "checker", old["id"], "reject", "no")
    long = resubmit(api, "maker", old["id"], note="x" * 2001)
    assert long.status_code == 422
    assert any(e["field"].endswith("note") for e in long.json()["errors"]), long.text
    blank = resubmit(api, "maker", old["id"], note="   ")
    assert blank.status_code == 201 and blank.json()["maker_note"] is None


def test_a_correction_drafted_against_versions_that_moved_is_refused_like_a_submission(api):
    old = fresh_order(api, "HK", force_close="15:41")
    decide(api, "checker", old["id"], "reject", "no")
    version = live_window(api, "HK").version
    moved = resubmit(api, "maker", old["id"], window("HK", force_close="15:45"),
                     expected_versions={"day_trade_window:HK": version + 1})
    assert (moved.status_code, moved.json()["code"]) == (409, "target_changed")
    kept = resubmit(api, "maker", old["id"], window("HK", force_close="15:45"),
                    expected_versions={"day_trade_window:HK": version})
    assert kept.status_code == 201 and kept.json()["resubmitted_from_id"] == old["id"]
