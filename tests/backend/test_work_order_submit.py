"""Submitting work orders over HTTP: idempotency, the flow's rules, one pending order per target."""

import uuid

import pytest

from tests.backend.work_order_steps import FLOW, post, window


def test_the_same_key_and_body_give_the_same_order_never_a_second(api):
    key = str(uuid.uuid4())
    body = {"flow": FLOW, "payload": window("US", force_close="15:45")}
    with api.client("maker") as maker:
        first = post(maker, body, key)
        again = post(maker, body, key)
        other = post(maker, {**body, "payload": window("US", force_close="15:40")}, key)
    assert first.status_code == 201
    order = first.json()
    assert (order["status"], order["levels"], order["approvals"]) == ("pending", 1, 0)
    assert order["summary"] == "US 09:30–15:45–16:00"
    assert order["snapshot"]["rows"][0]["market"] == "US"  # the live row it replaces
    assert again.status_code == 200 and again.json()["id"] == order["id"]
    assert (other.status_code, other.json()["code"]) == (422, "idempotency_key_reused")
    assert f"#{order['id']}" in other.json()["detail"]


def test_a_second_order_on_the_same_target_is_refused_naming_the_first(api):
    with api.client("maker") as maker:
        first = post(maker, {"flow": FLOW, "payload": window("HK")}, str(uuid.uuid4()))
        second = post(maker, {"flow": FLOW, "payload": window("HK", force_close="15:30")}, str(uuid.uuid4()))
    assert first.status_code == 201
    body = second.json()
    assert (second.status_code, body["code"]) == (409, "target_locked")
    assert f"#{first.json()['id']}" in body["detail"]


@pytest.mark.parametrize(("payload", "field", "code"), [
    (window("HK", force_close="16:30"), "force_close", "outside_session"),
    (window("HK", force_close="09:00", start="09:30"), "force_close", "force_close_not_after_start"),
    (window("HK", time_zone="Europe/London"), "time_zone", "wrong_time_zone"),
    (window("HK", start="half past nine"), "start", "time_parsing"),
])
def test_a_change_that_breaks_the_rules_names_the_field_and_creates_nothing(api, payload, field, code):
    key = str(uuid.uuid4())
    with api.client("maker") as maker:
        response = post(maker, {"flow": FLOW, "payload": payload}, key)
        assert response.status_code == 422
        assert any(e["field"] == field and e["code"] == code for e in response.json()["errors"]), response.json()
        # Nothing was created: the same key is still free for a valid body.
        retry = post(maker, {"flow": FLOW, "payload": window("HK")}, key)
    assert retry.status_code == 201


def test_submitting_needs_the_flows_permission_and_a_key(api):
    body = {"flow": FLOW, "payload": window("HK")}
    with api.client("checker") as checker:
        denied = post(checker, body, str(uuid.uuid4()))
    with api.client("maker") as maker:
        keyless = post(maker, body, None)
        unknown = post(maker, {**body, "flow": "risk.credit.no_such_flow"}, str(uuid.uuid4()))
    assert (denied.status_code, denied.json()["code"]) == (403, "permission_denied")
    assert (keyless.status_code, keyless.json()["code"]) == (400, "idempotency_key_required")
    assert (unknown.status_code, unknown.json()["code"]) == (404, "unknown_flow")


def test_an_order_is_visible_to_its_maker_and_checkers_only(api):
    with api.client("maker") as maker:
        created = post(maker, {"flow": FLOW, "payload": window("US", force_close="15:30")}, str(uuid.uuid4()))
        assert created.status_code == 201
        order_id = created.json()["id"]
        assert maker.get(f"/work-orders/{order_id}").status_code == 200
    with api.client("checker") as checker:
        assert checker.get(f"/work-orders/{order_id}").status_code == 200
    with api.client("editor") as editor:
        assert editor.get(f"/work-orders/{order_id}").status_code == 404
