"""Message Center › Message Records over HTTP: masked recipients, every filter, keyset pages newest
first, the count beside them, and the permission."""

from datetime import timedelta

import pytest
from sqlalchemy import text

from backend.kit.hk_time import hk_today
from backend.messages.listing import TOTAL_CAP
from backend.messages.masking import mask_recipient

PATH = "/messages/records"
COUNT_PATH = "/messages/records/count"


@pytest.mark.parametrize(("recipient", "masked"), [
    ("+85291234567", "+852 ****4567"), ("+12125551234", "+1 ****1234"),
    ("chan.tai.man@example.com", "c***@example.com"), ("device:12345678", "****5678"),
])
def test_recipients_are_masked(recipient, masked):
    assert mask_recipient(recipient) == masked


def _first(api, column: str, where: str = "1=1"):
    engine = api.engine()
    with engine.connect() as conn:
        value = conn.execute(text(f"SELECT {column} FROM msg_records WHERE {where} ORDER BY id LIMIT 1")).scalar_one()
    engine.dispose()
    return value


def test_pages_come_newest_first_without_gaps_or_repeats(api):
    with api.client("service") as client:
        first = client.get(PATH, params={"limit": 500}).json()
        second = client.get(PATH, params={"limit": 500, "cursor": first["next_cursor"]}).json()
    rows = first["items"] + second["items"]
    keys = [(r["created_at"], r["id"]) for r in rows]
    assert keys == sorted(keys, reverse=True) and len(set(keys)) == 1000
    assert (first["total"], second["total"]) == (None, None)  # pages never count: the count endpoint does
    assert all("****" in r["recipient"] or "***@" in r["recipient"] for r in rows)
    assert "body" not in rows[0]


def test_each_filter_narrows_the_list(api):
    account = _first(api, "account_no")
    recipient = _first(api, "recipient", "channel = 'sms'")
    with api.client("service") as client:
        def page(**params):
            return client.get(PATH, params={"limit": 200, **params}).json()

        def count(**params):
            answer = client.get(COUNT_PATH, params=params)
            assert answer.status_code == 200, answer.text
            return answer.json()["total"]

        by_account = page(account=account)
        assert count(account=account) > 0 and {r["account_no"] for r in by_account["items"]} == {account}
        sms = page(channel="sms", status="failed")
        assert count(channel="sms", status="failed") > 0
        assert {(r["channel"], r["status"]) for r in sms["items"]} == {("sms", "failed")}
        assert all(r["error"] for r in sms["items"])
        otp = page(template="otp_login")
        assert count(template="otp_login") > 0 and not any(r["resendable"] for r in otp["items"])
        assert count(recipient=recipient) >= 1
        assert count(subject="statement") == count(template="monthly_statement")
        today = hk_today()
        week = {"date_from": (today - timedelta(days=7)).isoformat(), "date_to": today.isoformat()}
        assert page(**week)["items"] and 0 < count(**week) < TOTAL_CAP
        assert client.get(PATH, params={"date_from": "2026-02-02", "date_to": "2026-02-01"}).status_code == 422
        assert client.get(PATH, params={"cursor": "bm9wZQ"}).status_code == 400
    with api.client("maker") as client:
        assert client.get(PATH).status_code == 403


def _rows(client, **params) -> int:
    """The filter's records, every page read."""
    rows, cursor = 0, None
    while True:
        page = client.get(PATH, params={"limit": 1000, **params, **({"cursor": cursor} if cursor else {})}).json()
        rows += len(page["items"])
        if (cursor := page["next_cursor"]) is None:
            return rows


def test_the_count_is_exact_below_the_cap_and_capped_above(api):
    with api.client("service") as client:
        def count(**params):
            answer = client.get(COUNT_PATH, params=params)
            assert answer.status_code == 200, answer.text
            return answer.json()

        # 20,000 demo records: counted as far as the cap, then "more than".
        assert count() == {"total": TOTAL_CAP, "capped": True}
        for params in ({"channel": "sms", "status": "failed"}, {"template": "otp_login", "status": "delivered"},
                       {"subject": "statement", "status": "bounced"}):
            exact = _rows(client, **params)
            assert 0 < exact < TOTAL_CAP
            assert count(**params) == {"total": exact, "capped": False}, params
        assert count(account="nobody") == {"total": 0, "capped": False}
        # The filter alone: a page's cursor or size is no part of a count; a bad filter is refused.
        for extra in ({"limit": "10"}, {"cursor": "abc"}, {"nonsense": "1"}):
            assert client.get(COUNT_PATH, params={"channel": "sms", **extra}).status_code == 422, extra
        assert client.get(COUNT_PATH, params={"date_from": "2026-02-02", "date_to": "2026-02-01"}).status_code == 422
        assert client.get(COUNT_PATH, params={"status": "lost"}).status_code == 422


def test_the_count_needs_the_view_permission(api):
    with api.client("maker") as client:
        refused = client.get(COUNT_PATH)
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"


def _resend(client, record_id: int, reason="Customer asked again", key: str | None = None):
    import uuid

    return client.post(f"{PATH}/{record_id}/resend", json={"reason": reason},
                       headers={"Idempotency-Key": key or str(uuid.uuid4())})


def test_a_resend_queues_one_attempt_per_key_is_limited_audited_and_never_for_one_time_codes(api):
    record_id = _first(api, "id", "template = 'trade_confirmation' AND status = 'delivered'")
    otp = _first(api, "id", "template = 'otp_login'")
    with api.client("service") as client:
        first = _resend(client, record_id, key="resend-key-1")
        assert first.status_code == 202, first.text
        again = _resend(client, record_id, key="resend-key-1")  # a retried request
        assert again.json()["attempt_id"] == first.json()["attempt_id"]
        assert first.json()["status"] == "queued"
        for _ in range(2):
            assert _resend(client, record_id).status_code == 202
        limited = _resend(client, record_id)
        assert (limited.status_code, limited.json()["code"]) == (429, "resend_limit_reached")
        refused = _resend(client, otp)
        assert (refused.status_code, refused.json()["code"]) == (409, "not_resendable")
        blank = client.post(f"{PATH}/{record_id}/resend", json={"reason": ""},
                            headers={"Idempotency-Key": "resend-key-2"})
        assert blank.status_code == 422
    engine = api.engine()
    with engine.connect() as conn:
        attempts = conn.execute(text("SELECT count(*) FROM msg_attempts WHERE record_id = :r AND kind = 'resend'"),
                                {"r": record_id}).scalar_one()
        audited = conn.execute(text("SELECT count(*) FROM audit_events WHERE action = 'message.resend' "
                                    "AND entity_id = :r"), {"r": str(record_id)}).scalar_one()
    engine.dispose()
    assert (attempts, audited) == (3, 3)
    with api.client("maker") as client:
        assert _resend(client, record_id).status_code == 403


@pytest.mark.parametrize("method", ["GET", "OPTIONS", "DELETE"])
def test_the_bulk_resend_path_is_not_a_record_and_answers_405_with_its_one_method(api, method):
    with api.client("service") as client:
        response = client.request(method, f"{PATH}/resend")
        not_an_id = client.get(f"{PATH}/not-a-number")
    assert (response.status_code, response.json()["code"]) == (405, "method_not_allowed")
    assert response.headers["Allow"] == "POST"
    assert (not_an_id.status_code, not_an_id.json()["code"]) == (404, "not_found")
