"""Resubmitting a rejected or stale order: a new order prefilled from the old one."""

import uuid

from tests.backend.work_order_steps import decide, fresh_order, window


def resubmit(api, user: str, order_id: int, payload=None, key: str | None = None):
    with api.client(user) as client:
        return client.post(f"/work-orders/{order_id}/resubmit",
                           json={"payload": payload} if payload is not None else None,
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
