"""Message Records: only SMS and Email are resent (the 2024-09-23 changelog), and no delivery
attempt waits for ever for a provider nobody has (SQLite, PostgreSQL; the clock is moved, never
waited for)."""

import asyncio
import threading
import uuid
from datetime import timedelta

from sqlalchemy import event, text
from starlette.testclient import TestClient

from backend.messages.dispatcher import UNDELIVERABLE_AFTER, dispatch_once

PATH = "/messages/records"


def _one(api, where: str) -> int:
    engine = api.engine()
    with engine.connect() as conn:
        found = conn.execute(text(f"SELECT id FROM msg_records WHERE {where} ORDER BY id DESC LIMIT 1")).scalar_one()
    engine.dispose()
    return found


def _state(api, record_id: int) -> tuple:
    engine = api.engine()
    with engine.connect() as conn:
        row = conn.execute(text("SELECT status, error, attempts FROM msg_records WHERE id = :id"),
                           {"id": record_id}).one()
    engine.dispose()
    return tuple(row)


def _resend(client, record_id: int):
    return client.post(f"{PATH}/{record_id}/resend", json={"reason": "Customer asked again"},
                       headers={"Idempotency-Key": str(uuid.uuid4())})


def test_a_push_message_is_never_resent_and_the_refusal_names_its_channel(api):
    push = _one(api, "channel = 'push' AND resendable")
    before = _state(api, push)
    with api.client("service") as client:
        refused = _resend(client, push)
        assert (refused.status_code, refused.json()["code"]) == (409, "channel_not_resendable")
        assert "push" in refused.json()["detail"]
        assert [(e["field"], e["code"]) for e in refused.json()["errors"]] == [("channel", "channel_not_resendable")]
        timeline = client.get(f"{PATH}/{push}").json()["timeline"]
    assert _state(api, push) == before and [a["kind"] for a in timeline] == ["original"]


def test_a_bulk_resend_refuses_push_records_one_by_one_and_sends_the_others(api):
    push = _one(api, "channel = 'push' AND resendable")
    sms = _one(api, "channel = 'sms' AND resendable AND status = 'delivered'")
    with api.client("service") as client:
        answer = client.post(f"{PATH}/resend", json={"record_ids": [push, sms], "reason": "Asked again"},
                             headers={"Idempotency-Key": str(uuid.uuid4())})
    assert answer.status_code == 200, answer.text
    results = {r["record_id"]: (r["status"], r["code"]) for r in answer.json()["results"]}
    assert results == {push: (None, "channel_not_resendable"), sms: ("queued", None)}


def _run(coro):
    """A dispatcher pass on the test's clock (a new loop copies the test's context)."""
    return asyncio.run(coro)


def test_an_attempt_no_provider_can_send_fails_after_the_bounded_wait(api):
    sms = _one(api, "channel = 'sms' AND resendable AND status = 'delivered'")
    with api.client("service") as client:
        assert _resend(client, sms).status_code == 202
    database = api.app.state.database
    assert _run(dispatch_once(database, {})) == 0  # this backend has no SMS gateway: it waits, for now
    assert _state(api, sms)[0] == "queued"
    api.clock.advance(UNDELIVERABLE_AFTER - timedelta(seconds=5))
    assert _run(dispatch_once(database, {})) == 0
    api.clock.advance(seconds=6)
    assert _run(dispatch_once(database, {})) == 1
    status, error, attempts = _state(api, sms)
    assert (status, error, attempts) == ("failed", "no provider for channel sms", 2)
    with api.client("service") as client:
        timeline = client.get(f"{PATH}/{sms}").json()["timeline"]
    assert (timeline[-1]["status"], timeline[-1]["error"]) == ("failed", "no provider for channel sms")
    assert _run(dispatch_once(database, {})) == 0  # failed once, for good


def test_the_running_backend_fails_unserved_attempts_after_its_setting(api):
    """The lifespan runs the dispatcher even with no provider at all, with the setting's wait."""
    email = _one(api, "channel = 'email' AND resendable AND status = 'delivered'")
    with api.client("service") as client:
        assert _resend(client, email).status_code == 202
    api.clock.advance(minutes=2, seconds=1)
    settings = api.app.state.settings
    settings.undeliverable_minutes, settings.dispatch_seconds = 2, 0.05
    committed = threading.Event()

    def on_commit(_conn) -> None:
        committed.set()

    engine = api.app.state.database.engine
    event.listen(engine, "commit", on_commit)
    try:
        with TestClient(api.app):  # starts the lifespan and its background passes
            while _state(api, email)[0] != "failed":
                assert committed.wait(30), "the dispatcher did not fail the attempt"
                committed.clear()
    finally:
        event.remove(engine, "commit", on_commit)
    assert _state(api, email)[1] == "no provider for channel email"
