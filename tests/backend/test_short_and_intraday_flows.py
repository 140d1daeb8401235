"""Short-sell and intraday margin flows over HTTP, their lists, and the day-trade window list."""

from decimal import Decimal

from backend.risk.models import IntradayMarginRow, LongMarginRow, ShortMarginRow
from tests.backend.margin_steps import (
    INTRADAY_BATCH_DELETE,
    INTRADAY_CREATE,
    INTRADAY_DELETE,
    INTRADAY_UPDATE,
    INTRADAY_UPLOAD,
    SHORT_UPDATE,
    SHORT_UPLOAD,
    intraday,
    live_rows,
    short,
    submit,
    symbols,
)
from tests.backend.work_order_steps import decide, fresh_order


def _applied(api, response) -> dict:
    assert response.status_code == 201, response.text
    decided = decide(api, "checker", response.json()["id"])
    assert decided.json()["status"] == "applied", decided.text
    return decided.json()


def test_short_sell_rows_are_uploaded_then_edited_several_at_once(api):
    fresh = symbols(api, "HK", 2, with_row=False, table=ShortMarginRow)
    _applied(api, submit(api, SHORT_UPLOAD, {"rows": [short(s) for s in fresh]}))
    rows = live_rows(api, fresh, ShortMarginRow)
    assert {r.status for r in rows.values()} == {"allowed"} and rows[fresh[0]].available_qty == 20000
    edits = [short(fresh[0], status="manual_forbidden", qty=0), short(fresh[1], fee="0.08")]
    order = _applied(api, submit(api, SHORT_UPDATE, {"rows": edits}))
    assert order["summary"] == f"Edit 2 rows: {fresh[0]}, {fresh[1]}"
    rows = live_rows(api, fresh, ShortMarginRow)
    assert (rows[fresh[0]].status, rows[fresh[0]].version) == ("manual_forbidden", 2)
    assert rows[fresh[1]].borrow_fee_rate == Decimal("0.08")


def test_short_sell_rules_refuse_the_system_status_a_bad_fee_and_edits_of_missing_rows(api):
    [live] = symbols(api, "US", 1, with_row=True, table=ShortMarginRow)
    [bare] = symbols(api, "US", 1, with_row=False, table=ShortMarginRow)
    refused = submit(api, SHORT_UPDATE, {"rows": [short(live, status="system_forbidden", fee="1.5", qty=-1),
                                                     short(bare)]})
    assert refused.status_code == 422
    assert live_rows(api, [live], ShortMarginRow)[live].status != "system_forbidden"  # so it is set, not kept
    assert [(e["row"], e["field"], e["code"]) for e in refused.json()["errors"]] == [
        (1, "borrow_fee_rate", "out_of_range"), (1, "available_qty", "below_zero"),
        (1, "status", "status_set_by_system")]
    missing = submit(api, SHORT_UPDATE, {"rows": [short(live), short(bare)]})
    assert [(e["row"], e["code"]) for e in missing.json()["errors"]] == [(2, "no_such_row")]


def test_intraday_rows_go_through_create_update_delete_and_batch_delete(api):
    fresh = symbols(api, "HK", 3, with_row=False, table=IntradayMarginRow)
    _applied(api, submit(api, INTRADAY_CREATE, intraday(fresh[0])))
    _applied(api, submit(api, INTRADAY_UPLOAD, {"rows": [intraday(s, active=False) for s in fresh[1:]]}))
    _applied(api, submit(api, INTRADAY_UPDATE, intraday(fresh[0], im="0.25")))
    rows = live_rows(api, fresh, IntradayMarginRow)
    assert (rows[fresh[0]].im, rows[fresh[0]].version, rows[fresh[1]].active) == (Decimal("0.25"), 2, False)
    broken = submit(api, INTRADAY_UPDATE, intraday(fresh[0], mm="0.3"))
    assert [(e["field"], e["code"]) for e in broken.json()["errors"]] == [("mm", "above_im")]
    _applied(api, submit(api, INTRADAY_DELETE, {"symbol": fresh[0]}))
    _applied(api, submit(api, INTRADAY_BATCH_DELETE, {"symbols": fresh[1:]}))
    assert live_rows(api, fresh, IntradayMarginRow) == {}


def test_a_long_order_and_an_intraday_order_on_one_symbol_do_not_block_each_other(api):
    [symbol] = symbols(api, "US", 1, with_row=False, table=IntradayMarginRow)
    long_rows = live_rows(api, [symbol], LongMarginRow)
    held = submit(api, INTRADAY_CREATE, intraday(symbol, im="0.3", mm="0.25", fm="0.25"))
    assert held.status_code == 201, held.text
    if long_rows:  # each table has targets of its own
        other = submit(api, "risk.credit.delete_stock_margin_ratio", {"symbol": symbol})
        assert other.status_code == 201, other.text


def test_the_short_and_intraday_lists_filter_and_mark_pending_rows(api):
    [held] = symbols(api, "HK", 1, with_row=True, table=IntradayMarginRow)
    order = submit(api, INTRADAY_DELETE, {"symbol": held}).json()
    with api.client("maker") as client:
        page = client.get("/risk/intraday-margins", params={"symbol": held[:5], "limit": 1000}).json()
        assert {r["symbol"]: r["pending_work_order_id"] for r in page["items"]}[held] == order["id"]
        inactive = client.get("/risk/intraday-margins", params={"active": "false", "limit": 1000}).json()
        assert inactive["total"] > 0 and not any(r["active"] for r in inactive["items"])
        forbidden = client.get("/risk/short-sell-margins", params={"status": "system_forbidden"}).json()
        assert forbidden["total"] > 0
        assert {(r["status"], r["available_qty"]) for r in forbidden["items"]} == {("system_forbidden", 0)}
        us = client.get("/risk/short-sell-margins", params={"market": "US", "im_min": "0.7"}).json()
        assert all(r["market"] == "US" and Decimal(r["im"]) >= Decimal("0.7") for r in us["items"])


def test_the_day_trade_window_list_shows_each_market_and_its_pending_order(api):
    order = fresh_order(api, "US", force_close="15:45")
    with api.client("maker") as client:
        windows = {w["market"]: w for w in client.get("/risk/day-trade-windows").json()}
    assert {"HK", "US"} <= set(windows)
    assert windows["US"]["pending_work_order_id"] == order["id"]
    assert windows["HK"]["time_zone"] == "Asia/Hong_Kong"
    with api.client("service") as client:
        assert client.get("/risk/day-trade-windows").status_code == 403


def test_the_securities_master_pages_by_symbol_for_anyone_who_sees_a_credit_page(api):
    with api.client("maker") as client:
        page = client.get("/risk/securities", params={"symbol": "0000", "limit": 3}).json()
        assert [s["symbol"] for s in page["items"]] == ["00001.HK", "00002.HK", "00003.HK"]
        assert page["items"][0]["name_zh"] == "長和" and page["next_cursor"]
        us = client.get("/risk/securities", params={"market": "US", "limit": 1000}).json()
        assert us["total"] >= 5000 and {s["market"] for s in us["items"]} == {"US"}
    with api.client("service") as client:
        assert client.get("/risk/securities").status_code == 403
