"""The exchange calendars in the API: a day-trade window outside its market's session is refused,
naming the field; a dated margin setting outside the session is accepted with a warning that names
the time in the market's zone, for the maker at submission and for the checker who reads it."""

import uuid

from tests.backend.margin_steps import CREATE, UPLOAD, row, submit, symbols
from tests.backend.work_order_steps import FLOW, free_target, post, window


def test_a_hong_kong_window_starting_in_the_lunch_break_is_refused_naming_the_field(api):
    free_target(api, "HK")
    with api.client("maker") as client:
        refused = post(client, {"flow": FLOW, "payload": window("HK", start="12:30")}, str(uuid.uuid4()))
        assert refused.status_code == 422
        assert refused.json()["errors"] == [{
            "row": None, "field": "start", "code": "outside_session",
            "reason": "12:30 is outside the HK session 09:30–12:00, 13:00–16:00.",
            "params": {"time": "12:30", "market": "HK", "session": "09:30–12:00, 13:00–16:00"}}]
        # New York has no lunch break: the same time is in its session.
        accepted = post(client, {"flow": FLOW, "payload": window("US", start="12:30")}, str(uuid.uuid4()))
        assert accepted.status_code == 201, accepted.text
        assert accepted.json()["warnings"] == []


def test_a_hong_kong_window_ending_after_the_close_is_refused(api):
    with api.client("maker") as client:
        refused = post(client, {"flow": FLOW, "payload": window("HK", force_close="16:05", end="16:10")},
                       str(uuid.uuid4()))
    assert refused.status_code == 422
    assert {(e["field"], e["code"]) for e in refused.json()["errors"]} == {
        ("force_close", "outside_session"), ("end", "outside_session")}


def test_a_dated_setting_on_christmas_is_accepted_with_a_warning_in_market_time(api):
    [hk_symbol] = symbols(api, "HK", 1, with_row=False)
    created = submit(api, CREATE, row(hk_symbol, effective_from="2026-12-25T10:00:00+08:00"))
    assert created.status_code == 201, created.text
    assert created.json()["warnings"] == [{
        "row": None, "field": "effective_from", "code": "effective_outside_session",
        "reason": "2026-12-25 10:00 HKT is outside the HK trading session; the change first counts at the next "
                  "open, 2026-12-28 09:30 HKT.",
        "params": {"at": "2026-12-25 10:00 HKT", "market": "HK", "next_open": "2026-12-28 09:30 HKT"}}]
    with api.client("checker") as checker:
        read = checker.get(f"/work-orders/{created.json()['id']}").json()
    assert [w["code"] for w in read["warnings"]] == ["effective_outside_session"]


def test_an_upload_warns_row_by_row_in_each_markets_zone(api):
    hk_symbol, = symbols(api, "HK", 1, with_row=False)
    us_open, us_closed = symbols(api, "US", 2, with_row=False)
    rows = [row(hk_symbol, effective_from="2026-12-23T10:00:00+08:00"),  # trading: quiet
            row(us_open, im="0.6", mcm="0.5", mm="0.5", fm="0.4", effective_from="2026-12-24T14:30:00Z"),
            row(us_closed, im="0.6", mcm="0.5", mm="0.5", fm="0.4", effective_from="2026-12-24T19:00:00Z")]
    order = submit(api, UPLOAD, {"mode": "upsert", "rows": rows})
    assert order.status_code == 201, order.text
    # 14:00 New York on the half day is after its 13:00 close.
    assert [(w["row"], w["params"]["at"], w["params"]["next_open"]) for w in order.json()["warnings"]] == [
        (3, "2026-12-24 14:00 EST", "2026-12-28 09:30 EST")]


def test_a_dated_setting_inside_the_session_carries_no_warning(api):
    [hk_symbol] = symbols(api, "HK", 1, with_row=False)
    created = submit(api, CREATE, row(hk_symbol, effective_from="2026-12-23T13:00:00+08:00"))
    assert created.status_code == 201, created.text
    assert created.json()["warnings"] == []
