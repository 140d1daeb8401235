"""An order past its expiry cannot be decided; it is recorded as expired and frees its target."""

import uuid
from datetime import timedelta

from tests.backend.work_order_steps import FLOW, decide, post, window


def test_an_order_past_its_expiry_is_expired_not_decided(api):
    expires = (api.clock.now() + timedelta(minutes=10)).isoformat()
    with api.client("maker") as maker:
        created = post(maker, {"flow": FLOW, "payload": window("HK", force_close="15:38"),
                               "expires_at": expires}, str(uuid.uuid4()))
        assert created.status_code == 201, created.text
        order_id = created.json()["id"]
        api.clock.advance(minutes=10, seconds=1)
        response = decide(api, "checker", order_id)
        assert (response.status_code, response.json()["code"]) == (409, "work_order_not_pending")
        assert maker.get(f"/work-orders/{order_id}").json()["status"] == "expired"
        # The target is free again.
        again = post(maker, {"flow": FLOW, "payload": window("HK", force_close="15:39")}, str(uuid.uuid4()))
    assert again.status_code == 201


def test_an_expiry_in_the_past_is_refused(api):
    past = (api.clock.now() - timedelta(minutes=1)).isoformat()
    with api.client("maker") as maker:
        response = post(maker, {"flow": FLOW, "payload": window("US"), "expires_at": past}, str(uuid.uuid4()))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "expires_at"
