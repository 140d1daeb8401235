"""Message Records: the detail with its timeline, bulk resend answered per record, following
attempts, and the per-operator limit — over HTTP (SQLite, PostgreSQL)."""

import uuid

from sqlalchemy import text
from sqlalchemy.orm import Session
from starlette.testclient import TestClient

from backend.auth.bootstrap import create_user
from backend.messages.masking import mask_codes

PATH = "/messages/records"


def _ids(api, where: str, n: int) -> list[int]:
    engine = api.engine()
    with engine.connect() as conn:
        ids = list(conn.execute(text(f"SELECT id FROM msg_records WHERE {where} ORDER BY id DESC LIMIT {n}")).scalars())
    engine.dispose()
    assert len(ids) == n
    return ids


def _bulk(client, ids, key: str, reason="Customer did not receive it"):
    return client.post(f"{PATH}/resend", json={"record_ids": ids, "reason": reason},
                       headers={"Idempotency-Key": key})


def _new_operator(api) -> TestClient:
    """A customer-service user of this test alone: the per-operator limit counts per user."""
    username = f"cs-{uuid.uuid4().hex[:8]}"
    engine = api.engine()
    with Session(engine) as session:
        create_user(session, username, "a-long-password", "Limit tester", ("customer_service",))
        session.commit()
    engine.dispose()
    return api.client(token=api.fresh_token(username, "a-long-password"))


def test_one_time_codes_are_masked_in_the_detail():
    assert mask_codes("Your code is 483920. It expires in 5 minutes.") == "Your code is ••••••. It expires in 5 minutes."
    assert mask_codes("Account 80001234 ref 12") == "Account •••••••• ref 12"


def test_the_detail_shows_the_content_and_every_attempt_in_order(api):
    email, = _ids(api, "channel = 'email' AND template = 'trade_confirmation' AND status = 'delivered'", 1)
    with api.client("service") as client:
        assert client.post(f"{PATH}/{email}/resend", json={"reason": "Lost in spam"},
                           headers={"Idempotency-Key": str(uuid.uuid4())}).status_code == 202
        detail = client.get(f"{PATH}/{email}").json()
        assert client.get(f"{PATH}/999999999").json()["code"] == "not_found"
    assert detail["sender"] and "***@" in detail["recipient"] and detail["body"]
    assert detail["template_name"] and detail["template_name_zh"]
    kinds = [(a["kind"], a["requested_by"], a["reason"]) for a in detail["timeline"]]
    assert kinds == [("original", None, None), ("resend", "service", "Lost in spam")]
    assert detail["timeline"][0]["status"] == "delivered" and detail["timeline"][1]["status"] == "queued"
    assert detail["attempts"] == 2 and detail["status"] == "queued"
    with api.client("maker") as client:
        assert client.get(f"{PATH}/{email}").status_code == 403


def test_bulk_resend_answers_each_record_and_a_retry_sends_nothing_twice(api):
    resendable = _ids(api, "template = 'monthly_statement' AND status = 'delivered'", 3)
    otp, = _ids(api, "template = 'otp_login'", 1)
    asked = [resendable[0], otp, resendable[1], 999999999, resendable[2], resendable[0]]
    key = str(uuid.uuid4())
    with api.client("service") as client:
        first = _bulk(client, asked, key)
        assert first.status_code == 200, first.text
        results = first.json()["results"]
        assert [r["record_id"] for r in results] == [resendable[0], otp, resendable[1], 999999999, resendable[2]]
        by_id = {r["record_id"]: r for r in results}
        assert (by_id[otp]["code"], by_id[otp]["attempt_id"]) == ("not_resendable", None)
        assert by_id[999999999]["code"] == "not_found"
        queued = [by_id[i] for i in resendable]
        assert all(r["attempt_id"] and r["status"] == "queued" and r["code"] is None for r in queued)

        again = _bulk(client, asked, key).json()["results"]  # the same request, retried
        assert [r["attempt_id"] for r in again] == [r["attempt_id"] for r in results]

        states = client.get("/messages/attempts", params={"ids": [r["attempt_id"] for r in queued]}).json()
        assert sorted(a["id"] for a in states) == sorted(r["attempt_id"] for r in queued)
        assert {(a["kind"], a["requested_by"], a["reason"]) for a in states} == {
            ("resend", "service", "Customer did not receive it")}
        assert client.get("/messages/attempts").status_code == 422
        assert _bulk(client, [], str(uuid.uuid4())).status_code == 422
        assert _bulk(client, list(range(1, 202)), str(uuid.uuid4())).status_code == 422
        assert client.post(f"{PATH}/resend", json={"record_ids": resendable, "reason": "x"}).json()["code"] == \
            "idempotency_key_required"
    engine = api.engine()
    with engine.connect() as conn:
        count = conn.execute(text("SELECT count(*) FROM msg_attempts WHERE kind = 'resend' AND record_id IN "
                                  f"({','.join(map(str, resendable))})")).scalar_one()
        audited = conn.execute(text("SELECT count(*) FROM audit_events WHERE action = 'message.resend' AND "
                                    f"entity_id IN ({','.join(repr(str(i)) for i in resendable)})")).scalar_one()
    engine.dispose()
    assert (count, audited) == (3, 3)
    with api.client("maker") as client:
        assert _bulk(client, resendable, str(uuid.uuid4())).status_code == 403


def test_an_operator_may_resend_200_messages_an_hour(api):
    ids = _ids(api, "resendable AND template = 'trade_confirmation'", 201)
    with _new_operator(api) as client:
        first = _bulk(client, ids[:200], str(uuid.uuid4())).json()["results"]
        assert all(r["code"] is None for r in first), [r for r in first if r["code"]][:3]
        last = _bulk(client, ids[200:], str(uuid.uuid4())).json()["results"]
        assert last[0]["code"] == "resend_limit_reached" and "200" in last[0]["detail"]
        single = client.post(f"{PATH}/{ids[200]}/resend", json={"reason": "again"},
                             headers={"Idempotency-Key": str(uuid.uuid4())})
        assert (single.status_code, single.json()["code"]) == (429, "resend_limit_reached")


def test_the_templates_say_which_may_be_resent(api):
    with api.client("service") as client:
        templates = {t["code"]: t for t in client.get("/messages/templates").json()}
    assert len(templates) == 8 and templates["otp_login"]["resendable"] is False
    assert templates["trade_confirmation"]["channel"] == "email" and templates["trade_confirmation"]["name_zh"]
    with api.client("maker") as client:
        assert client.get("/messages/templates").status_code == 403
