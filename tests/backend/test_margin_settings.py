"""Setting records (設置記錄): a change effective later waits, then the clock, "sync now" or a
revoke decides its fate; a newer approved change of the symbol revokes it."""

import time
from datetime import UTC, datetime, timedelta

from tests.backend.margin_steps import UPDATE, live_rows, row, submit, symbols
from tests.backend.work_order_steps import decide
from tests.conftest import TEST_DEMO_ACCOUNTS, start_backend, stop_backend

SETTINGS = "/risk/margin-settings"


def _later(**delta) -> str:
    return (datetime.now(UTC) + timedelta(**delta)).isoformat()


def _scheduled(server, symbol: str, effective: str, im: str = "0.6") -> dict:
    """Submits and approves a dated update; returns its pending setting record."""
    order = submit(server, UPDATE, row(symbol, im=im, mcm="0.5", mm="0.45", fm="0.4", effective_from=effective))
    assert order.status_code == 201, order.text
    applied = decide(server, "checker", order.json()["id"]).json()
    assert applied["status"] == "applied"
    with server.client("maker") as client:
        page = client.get(SETTINGS, params={"symbol": symbol, "status": "pending"}).json()
    [setting] = page["items"]
    assert setting["work_order_id"] == applied["id"]
    return setting


def test_a_dated_change_waits_until_someone_syncs_it_now(server):
    [symbol] = symbols(server, "HK", 1, with_row=True, financeable=True)
    before = live_rows(server, [symbol])[symbol]
    setting = _scheduled(server, symbol, _later(days=3))
    assert setting["values"]["im"] == "0.6000"
    assert live_rows(server, [symbol])[symbol].version == before.version  # nothing live yet
    with server.client("checker") as checker:  # a checker may decide, not edit
        refused = checker.post(f"{SETTINGS}/{setting['id']}/apply-now")
    assert (refused.status_code, refused.json()["code"]) == (403, "permission_denied")
    with server.client("maker") as maker:
        synced = maker.post(f"{SETTINGS}/{setting['id']}/apply-now")
        assert synced.status_code == 200, synced.text
        assert synced.json()["status"] == "applied"
        again = maker.post(f"{SETTINGS}/{setting['id']}/apply-now")
        assert (again.status_code, again.json()["code"]) == (409, "setting_not_pending")
    after = live_rows(server, [symbol])[symbol]
    assert (str(after.im), after.version) == ("0.6000", before.version + 1)


def test_a_revoked_setting_never_lands(server):
    [symbol] = symbols(server, "US", 1, with_row=True, financeable=True)
    before = live_rows(server, [symbol])[symbol]
    setting = _scheduled(server, symbol, _later(days=1))
    with server.client("maker") as maker:
        blank = maker.post(f"{SETTINGS}/{setting['id']}/revoke", json={"reason": ""})
        assert blank.status_code == 422
        revoked = maker.post(f"{SETTINGS}/{setting['id']}/revoke", json={"reason": "Results moved"}).json()
    assert (revoked["status"], revoked["revoke_reason"]) == ("revoked", "Results moved")
    assert live_rows(server, [symbol])[symbol].version == before.version


def test_a_newer_approved_change_revokes_the_pending_setting_of_its_symbol(server):
    [symbol] = symbols(server, "HK", 1, with_row=True, financeable=True)
    setting = _scheduled(server, symbol, _later(days=2))
    now = submit(server, UPDATE, row(symbol, im="0.7", mcm="0.6", mm="0.5", fm="0.45")).json()
    assert decide(server, "checker", now["id"]).json()["status"] == "applied"
    with server.client("maker") as client:
        page = client.get(SETTINGS, params={"symbol": symbol}).json()
    fates = {s["id"]: (s["status"], s["revoke_reason"]) for s in page["items"]}
    assert fates[setting["id"]] == ("revoked", f"Replaced by work order #{now['id']}")
    assert str(live_rows(server, [symbol])[symbol].im) == "0.7000"


def test_the_clock_applies_a_setting_when_its_time_comes(tmp_path, monkeypatch):
    monkeypatch.setenv("OPSDESK_SETTINGS_CLOCK_SECONDS", "0.2")
    server = start_backend(f"sqlite:///{tmp_path / 'clock.db'}", tmp_path / "backend.log", "--demo",
                           "--demo-accounts", str(TEST_DEMO_ACCOUNTS))
    try:
        [symbol] = symbols(server, "US", 1, with_row=True, financeable=True)
        setting = _scheduled(server, symbol, _later(seconds=2), im="0.6123")  # no demo row has it
        deadline = time.monotonic() + 30
        while str(live_rows(server, [symbol])[symbol].im) != "0.6123":
            assert time.monotonic() < deadline, "the clock did not apply the setting"
            time.sleep(0.2)
        with server.client("maker") as client:
            applied = client.get(SETTINGS, params={"symbol": symbol}).json()["items"]
        assert {(s["id"], s["status"]) for s in applied} == {(setting["id"], "applied")}
    finally:
        stop_backend(server)
