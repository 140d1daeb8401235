"""Setting records (設置記錄): a change effective later waits, then the clock, "sync now" or a
revoke decides its fate; a newer approved change of the symbol revokes it."""

import threading
from datetime import timedelta

from sqlalchemy import event, select
from sqlalchemy.orm import Session
from starlette.testclient import TestClient

from backend.audit.models import AuditEvent
from backend.risk import settings_clock
from tests.backend.margin_steps import UPDATE, live_rows, row, submit, symbols
from tests.backend.work_order_steps import decide
from tests.fixtures.app_backend import AppBackend

SETTINGS = "/risk/margin-settings"


def _later(api: AppBackend, **delta) -> str:
    return (api.clock.now() + timedelta(**delta)).isoformat()


def _scheduled(api, symbol: str, effective: str, im: str = "0.6") -> dict:
    """Submits and approves a dated update; returns its pending setting record."""
    order = submit(api, UPDATE, row(symbol, im=im, mcm="0.5", mm="0.45", fm="0.4", effective_from=effective))
    assert order.status_code == 201, order.text
    applied = decide(api, "checker", order.json()["id"]).json()
    assert applied["status"] == "applied"
    with api.client("maker") as client:
        page = client.get(SETTINGS, params={"symbol": symbol, "status": "pending"}).json()
    [setting] = page["items"]
    assert setting["work_order_id"] == applied["id"]
    return setting


def test_a_dated_change_waits_until_someone_syncs_it_now(api):
    [symbol] = symbols(api, "HK", 1, with_row=True, financeable=True)
    before = live_rows(api, [symbol])[symbol]
    setting = _scheduled(api, symbol, _later(api, days=3))
    assert setting["values"]["im"] == "0.6000"
    assert live_rows(api, [symbol])[symbol].version == before.version  # nothing live yet
    with api.client("checker") as checker:  # a checker may decide, not edit
        refused = checker.post(f"{SETTINGS}/{setting['id']}/apply-now")
    assert (refused.status_code, refused.json()["code"]) == (403, "permission_denied")
    with api.client("maker") as maker:
        synced = maker.post(f"{SETTINGS}/{setting['id']}/apply-now")
        assert synced.status_code == 200, synced.text
        assert synced.json()["status"] == "applied"
        again = maker.post(f"{SETTINGS}/{setting['id']}/apply-now")
        assert (again.status_code, again.json()["code"]) == (409, "setting_not_pending")
    after = live_rows(api, [symbol])[symbol]
    assert (str(after.im), after.version) == ("0.6000", before.version + 1)


def test_a_setting_equal_to_live_writes_nothing_and_is_not_audited_as_a_write(api):
    [symbol] = symbols(api, "HK", 1, with_row=True, financeable=True)
    effective = _later(api, days=1)
    setting = _scheduled(api, symbol, effective, im="0.6")
    with api.client("maker") as maker:  # the values are made live now; a second record repeats them
        assert maker.post(f"{SETTINGS}/{setting['id']}/apply-now").status_code == 200
    live = live_rows(api, [symbol])[symbol]
    again = _scheduled(api, symbol, effective, im="0.6")
    with api.client("maker") as maker:
        assert maker.post(f"{SETTINGS}/{again['id']}/apply-now").json()["status"] == "applied"
    assert live_rows(api, [symbol])[symbol].version == live.version  # not re-versioned
    engine = api.engine()
    with Session(engine) as session:
        actions = dict(session.execute(select(AuditEvent.entity_id, AuditEvent.action).where(
            AuditEvent.entity_id.in_([str(setting["id"]), str(again["id"])]),
            AuditEvent.action.like("margin_setting.%"))).all())
    engine.dispose()
    assert actions == {str(setting["id"]): "margin_setting.apply", str(again["id"]): "margin_setting.already_live"}


def test_a_revoked_setting_never_lands(api):
    [symbol] = symbols(api, "US", 1, with_row=True, financeable=True)
    before = live_rows(api, [symbol])[symbol]
    setting = _scheduled(api, symbol, _later(api, days=1))
    with api.client("maker") as maker:
        blank = maker.post(f"{SETTINGS}/{setting['id']}/revoke", json={"reason": ""})
        assert blank.status_code == 422
        revoked = maker.post(f"{SETTINGS}/{setting['id']}/revoke", json={"reason": "Results moved"}).json()
    assert (revoked["status"], revoked["revoke_reason"]) == ("revoked", "Results moved")
    assert live_rows(api, [symbol])[symbol].version == before.version


def test_a_newer_approved_change_revokes_the_pending_setting_of_its_symbol(api):
    [symbol] = symbols(api, "HK", 1, with_row=True, financeable=True)
    setting = _scheduled(api, symbol, _later(api, days=2))
    now = submit(api, UPDATE, row(symbol, im="0.7", mcm="0.6", mm="0.5", fm="0.45")).json()
    assert decide(api, "checker", now["id"]).json()["status"] == "applied"
    with api.client("maker") as client:
        page = client.get(SETTINGS, params={"symbol": symbol}).json()
    fates = {s["id"]: (s["status"], s["revoke_reason"]) for s in page["items"]}
    assert fates[setting["id"]] == ("revoked", f"Replaced by work order #{now['id']}")
    assert str(live_rows(api, [symbol])[symbol].im) == "0.7000"


def test_the_clock_applies_a_setting_when_its_time_comes(api):
    [symbol] = symbols(api, "US", 1, with_row=True, financeable=True)
    setting = _scheduled(api, symbol, _later(api, minutes=30), im="0.6123")  # no demo row has it
    database = api.app.state.database
    assert settings_clock.run_once(database) == 0  # not yet
    api.clock.advance(minutes=30, seconds=1)
    assert settings_clock.run_once(database) == 1  # on the test's clock, as every backend call here
    assert str(live_rows(api, [symbol])[symbol].im) == "0.6123"
    with api.client("maker") as client:
        applied = client.get(SETTINGS, params={"symbol": symbol}).json()["items"]
    assert {(s["id"], s["status"]) for s in applied} == {(setting["id"], "applied")}


def test_the_running_backend_passes_the_clock_every_few_seconds(api):
    """The app's lifespan runs the clock's passes, on the app's clock."""
    [symbol] = symbols(api, "HK", 1, with_row=True, financeable=True)
    _scheduled(api, symbol, _later(api, minutes=30), im="0.6123")
    api.clock.advance(minutes=30, seconds=1)
    api.app.state.settings.settings_clock_seconds = 0.05
    committed = threading.Event()  # the app's engine committed: a pass may have applied it

    def on_commit(_conn) -> None:
        committed.set()

    engine = api.app.state.database.engine  # the session's one engine: the listener leaves with the test
    event.listen(engine, "commit", on_commit)
    try:
        with TestClient(api.app):  # starts the lifespan and its background passes
            while str(live_rows(api, [symbol])[symbol].im) != "0.6123":
                assert committed.wait(30), "the clock did not apply the setting"
                committed.clear()
    finally:
        event.remove(engine, "commit", on_commit)
