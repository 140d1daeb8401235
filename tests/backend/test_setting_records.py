"""Setting Records (設置記錄) as the page reads them: filters, names, a record beside its live row,
同步 and 取消同步 each under its own permission and audited; and the waiting setting on its row."""

import os
from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from backend.audit.models import AuditEvent
from tests.backend.margin_steps import UPDATE, live_rows, row, submit, symbols
from tests.backend.work_order_steps import decide
from tests.fixtures.app_backend import AppBackend

SETTINGS = "/risk/margin-settings"
MAKER = "Carmen Chan 陳嘉敏"
HK = ZoneInfo("Asia/Hong_Kong")


def _scheduled(api: AppBackend, symbol: str, days: int, im: str = "0.6") -> tuple[int, dict]:
    """A dated update submitted and approved; returns (its order, its pending setting record)."""
    effective = (api.clock.now() + timedelta(days=days)).isoformat()
    order = submit(api, UPDATE, row(symbol, im=im, mcm="0.5", mm="0.45", fm="0.4", effective_from=effective))
    assert order.status_code == 201, order.text
    assert decide(api, "checker", order.json()["id"]).json()["status"] == "applied"
    with api.client("maker") as client:
        [setting] = client.get(SETTINGS, params={"symbol": symbol, "status": "pending"}).json()["items"]
    return order.json()["id"], setting


def _audit(api: AppBackend, setting_id: int) -> list[AuditEvent]:
    engine = api.engine()
    with Session(engine) as session:
        events = list(session.scalars(select(AuditEvent).where(
            AuditEvent.entity_id == str(setting_id), AuditEvent.action.like("margin_setting.%"))
            .order_by(AuditEvent.id)))
        session.expunge_all()
    engine.dispose()
    return events


def test_records_filter_by_kind_state_symbol_and_effective_day_and_name_who_acted(api):
    near, far = symbols(api, "HK", 2, with_row=True, financeable=True)
    near_order, near_setting = _scheduled(api, near, days=1)
    _far_order, far_setting = _scheduled(api, far, days=9)
    assert (near_setting["maker_name"], near_setting["name"], near_setting["work_order_id"]) == (
        MAKER, live_name(api, near), near_order)
    with api.client("maker") as maker:
        assert maker.post(f"{SETTINGS}/{near_setting['id']}/revoke", json={"reason": "Wrong day"}).status_code == 200
        day = (api.clock.now() + timedelta(days=9)).astimezone(HK).date()
        in_range = maker.get(SETTINGS, params={"kind": "stock_margin", "date_from": day.isoformat(),
                                               "date_to": (day + timedelta(days=1)).isoformat()}).json()
        revoked = maker.get(SETTINGS, params={"symbol": near, "status": "revoked"}).json()["items"]
        none_short = maker.get(SETTINGS, params={"kind": "short_margin", "symbol": far}).json()
        backwards = maker.get(SETTINGS, params={"date_from": "2024-09-30", "date_to": "2024-09-01"})
    assert far_setting["id"] in [s["id"] for s in in_range["items"]]
    assert near_setting["id"] not in [s["id"] for s in in_range["items"]]
    assert [(s["id"], s["revoked_by_name"], s["revoke_reason"]) for s in revoked] == [
        (near_setting["id"], MAKER, "Wrong day")]
    assert none_short == {"items": [], "next_cursor": None, "prev_cursor": None, "total": 0}
    assert backwards.status_code == 422


def live_name(api: AppBackend, symbol: str) -> str:
    with api.client("maker") as maker:
        return maker.get("/risk/securities", params={"symbol": symbol}).json()["items"][0]["name"]


def test_a_record_is_shown_beside_its_live_row_and_the_order_waiting_on_that_row(api):
    [symbol] = symbols(api, "US", 1, with_row=True, financeable=True)
    _order, setting = _scheduled(api, symbol, days=2, im="0.65")
    live = live_rows(api, [symbol])[symbol]
    waiting = submit(api, UPDATE, row(symbol, im="0.9", mcm="0.5", mm="0.45", fm="0.4")).json()
    with api.client("checker") as checker:  # checkers read the records, they do not act on them
        detail = checker.get(f"{SETTINGS}/{setting['id']}").json()
        assert checker.get(f"{SETTINGS}/999999").status_code == 404
    assert (detail["values"]["im"], detail["live"]["im"], detail["live"]["version"]) == (
        "0.6500", str(live.im), live.version)
    assert detail["live_pending_work_order_id"] == waiting["id"]


def test_sync_and_cancel_each_need_their_own_permission_and_are_audited_with_before_and_after(api):
    synced_symbol, revoked_symbol = symbols(api, "HK", 2, with_row=True, financeable=True)
    _o1, to_sync = _scheduled(api, synced_symbol, days=3)
    _o2, to_revoke = _scheduled(api, revoked_symbol, days=3)
    before = live_rows(api, [synced_symbol])[synced_symbol]
    for user, code in (("checker", 403), ("service", 403)):
        with api.client(user) as other:
            assert other.post(f"{SETTINGS}/{to_sync['id']}/apply-now").status_code == code
            assert other.post(f"{SETTINGS}/{to_revoke['id']}/revoke", json={"reason": "no"}).status_code == code
    with api.client("service") as service:
        assert service.get(SETTINGS).status_code == 403
    with api.client("maker") as maker:
        synced = maker.post(f"{SETTINGS}/{to_sync['id']}/apply-now").json()
        revoked = maker.post(f"{SETTINGS}/{to_revoke['id']}/revoke", json={"reason": "Results delayed"}).json()
    assert (synced["status"], synced["applied_by_name"]) == ("applied", MAKER)
    assert (revoked["status"], revoked["revoked_by_name"]) == ("revoked", MAKER)
    [applied] = _audit(api, to_sync["id"])
    assert (applied.action, applied.before["values"]["im"], applied.after["values"]["im"]) == (
        "margin_setting.apply", str(before.im), "0.6000")
    [cancelled] = _audit(api, to_revoke["id"])
    assert (cancelled.action, cancelled.after) == ("margin_setting.revoke",
                                                   {"status": "revoked", "reason": "Results delayed"})


def test_a_row_with_a_waiting_setting_carries_it_in_the_list_without_a_query_per_row(api):
    first, second, third = sorted(symbols(api, "US", 3, with_row=True, financeable=True))
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    def page_of(symbols_: list[str]) -> list[dict]:
        engine = api.app.state.database.engine
        event.listen(engine, "before_cursor_execute", count)
        try:
            with api.client("maker") as maker:
                rows = [maker.get("/risk/stock-margins", params={"symbol": s}).json()["items"][0] for s in symbols_]
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return rows

    page_of([first])  # the first read may move the token's idle clock: a write of its own
    statements.clear()
    page_of([first])
    without = len(statements)
    statements.clear()
    _order, setting = _scheduled(api, first, days=4, im="0.7")
    [marked] = page_of([first])
    assert len(statements) == without + 1  # the page's settings in one query
    assert marked["pending_setting"]["id"] == setting["id"]
    assert (marked["pending_setting"]["effective_at"], marked["pending_setting"]["values"]["im"]) == (
        setting["effective_at"], "0.7000")
    _scheduled(api, second, days=4)
    _scheduled(api, third, days=5)
    statements.clear()
    with api.client("maker") as maker:
        engine = api.app.state.database.engine
        event.listen(engine, "before_cursor_execute", count)
        try:
            rows = maker.get("/risk/stock-margins", params={
                "symbol": os.path.commonprefix([first, second, third]), "limit": 1000}).json()["items"]
        finally:
            event.remove(engine, "before_cursor_execute", count)
    assert {r["symbol"] for r in rows if r["pending_setting"]} >= {first, second, third}
    assert len(statements) == without + 1  # three marked rows: still one query for their settings
    with api.client("maker") as maker:
        assert maker.post(f"{SETTINGS}/{setting['id']}/apply-now").status_code == 200
        after = maker.get("/risk/stock-margins", params={"symbol": first}).json()["items"][0]
    assert after["pending_setting"] is None
