"""Message Center › Message Records over HTTP: masked recipients, every filter, keyset pages newest
first, and the permission."""

from datetime import timedelta

import pytest
from sqlalchemy import text

from backend.kit.hk_time import hk_today
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
    assert first["total"] >= 20_000
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
