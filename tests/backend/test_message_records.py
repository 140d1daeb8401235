"""Message Center › Message Records over HTTP: masked recipients, every filter, keyset pages newest
first, and the permission."""

from datetime import timedelta

import pytest
from sqlalchemy import text

from backend.kit.hk_time import hk_today
from backend.messages.listing import TOTAL_CAP
from backend.messages.masking import mask_recipient

PATH = "/messages/records"


@pytest.mark.parametrize(("recipient", "masked"), [
    ("+85291234567", "+852 ****4567"), ("+12125551234", "+1 ****1234"),
    ("chan.tai.man@example.com", "c***@example.com"), ("device:12345678", "****5678"),
])
def test_recipients_are_masked(recipient, masked):
    assert mask_recipient(recipient) == masked


def _first(server, column: str, where: str = "1=1"):
    engine = server.engine()
    with engine.connect() as conn:
        value = conn.execute(text(f"SELECT {column} FROM msg_records WHERE {where} ORDER BY id LIMIT 1")).scalar_one()
    engine.dispose()
    return value


def test_pages_come_newest_first_without_gaps_or_repeats(server):
    with server.client("service") as client:
        first = client.get(PATH, params={"limit": 500}).json()
        second = client.get(PATH, params={"limit": 500, "cursor": first["next_cursor"]}).json()
    rows = first["items"] + second["items"]
    keys = [(r["created_at"], r["id"]) for r in rows]
    assert keys == sorted(keys, reverse=True) and len(set(keys)) == 1000
    # 20,000 demo records: the first page counts up to TOTAL_CAP and says "more"; later pages do not count.
    assert (first["total"], second["total"]) == (TOTAL_CAP + 1, None)
    assert all("****" in r["recipient"] or "***@" in r["recipient"] for r in rows)
    assert "body" not in rows[0]


def test_each_filter_narrows_the_list(server):
    account = _first(server, "account_no")
    recipient = _first(server, "recipient", "channel = 'sms'")
    with server.client("service") as client:
        def page(**params):
            return client.get(PATH, params={"limit": 200, **params}).json()

        by_account = page(account=account)
        assert by_account["total"] > 0 and {r["account_no"] for r in by_account["items"]} == {account}
        sms = page(channel="sms", status="failed")
        assert sms["total"] > 0
        assert {(r["channel"], r["status"]) for r in sms["items"]} == {("sms", "failed")}
        assert all(r["error"] for r in sms["items"])
        otp = page(template="otp_login")
        assert otp["total"] > 0 and not any(r["resendable"] for r in otp["items"])
        assert page(recipient=recipient)["total"] >= 1
        assert page(subject="statement")["total"] == page(template="monthly_statement")["total"]
        today = hk_today()
        recent = page(date_from=(today - timedelta(days=7)).isoformat(), date_to=today.isoformat())
        assert 0 < recent["total"] < page()["total"]
        assert client.get(PATH, params={"date_from": "2026-02-02", "date_to": "2026-02-01"}).status_code == 422
        assert client.get(PATH, params={"cursor": "bm9wZQ"}).status_code == 400
    with server.client("maker") as client:
        assert client.get(PATH).status_code == 403


def _resend(client, record_id: int, reason="Customer asked again", key: str | None = None):
    import uuid

    return client.post(f"{PATH}/{record_id}/resend", json={"reason": reason},
                       headers={"Idempotency-Key": key or str(uuid.uuid4())})


def test_a_resend_queues_one_attempt_per_key_is_limited_audited_and_never_for_one_time_codes(server):
    record_id = _first(server, "id", "template = 'trade_confirmation' AND status = 'delivered'")
    otp = _first(server, "id", "template = 'otp_login'")
    with server.client("service") as client:
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
    engine = server.engine()
    with engine.connect() as conn:
        attempts = conn.execute(text("SELECT count(*) FROM msg_attempts WHERE record_id = :r AND kind = 'resend'"),
                                {"r": record_id}).scalar_one()
        audited = conn.execute(text("SELECT count(*) FROM audit_events WHERE action = 'message.resend' "
                                    "AND entity_id = :r"), {"r": str(record_id)}).scalar_one()
    engine.dispose()
    assert (attempts, audited) == (3, 3)
    with server.client("maker") as client:
        assert _resend(client, record_id).status_code == 403
