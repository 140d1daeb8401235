"""A margin row's change history (變更記錄): every applied work order and applied setting record that
wrote the row, newest first, each with the row before and after, its maker, checker and time."""

from datetime import timedelta

from backend.risk import settings_clock
from tests.backend.margin_steps import (
    CREATE,
    DELETE,
    INTRADAY_CREATE,
    SHORT_UPDATE,
    UPDATE,
    UPLOAD,
    intraday,
    row,
    short,
    submit,
    symbols,
)
from tests.backend.work_order_steps import decide
from tests.fixtures.app_backend import AppBackend

MAKER, CHECKER = "Carmen Chan 陳嘉敏", "Kelvin Wong 黃家豪"
SETTINGS = "/risk/margin-settings"


def _approved(api: AppBackend, flow: str, payload: dict) -> int:
    order = submit(api, flow, payload)
    assert order.status_code == 201, order.text
    decided = decide(api, "checker", order.json()["id"]).json()
    assert decided["status"] == "applied", decided
    api.clock.advance(minutes=1)
    return decided["id"]


def _history(api: AppBackend, path: str, user: str = "maker", **params) -> dict:
    with api.client(user) as client:
        response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_create_edit_dated_setting_and_delete_appear_newest_first_with_before_after_and_who(api):
    [symbol] = symbols(api, "HK", 1, with_row=False)
    created = _approved(api, CREATE, row(symbol, im="0.5", mcm="0.45", mm="0.4", fm="0.35", remark="listed"))
    _approved(api, UPDATE, row(symbol, im="0.5", mcm="0.45", mm="0.4", fm="0.35", remark="listed"))  # no change
    edited = _approved(api, UPDATE, row(symbol, im="0.6", mcm="0.45", mm="0.4", fm="0.35", remark="listed"))
    effective = (api.clock.now() + timedelta(minutes=20)).isoformat()
    dated = _approved(api, UPDATE, row(symbol, im="0.7", mcm="0.6", mm="0.4", fm="0.35", remark="results",
                                       effective_from=effective))
    api.clock.advance(minutes=21)
    assert settings_clock.run_once(api.app.state.database) == 1
    api.clock.advance(minutes=1)
    deleted = _approved(api, DELETE, {"symbol": symbol})

    page = _history(api, f"/risk/stock-margins/{symbol}/history")
    assert page["next_cursor"] is None
    steps = [(e["source"], e["work_order_id"], e["change"]) for e in page["items"]]
    assert steps == [("work_order", deleted, "deleted"), ("setting", dated, "changed"),
                     ("work_order", edited, "changed"), ("work_order", created, "new")]
    gone, synced, edit, new = page["items"]
    assert [e["at"] for e in page["items"]] == sorted((e["at"] for e in page["items"]), reverse=True)

    assert new["before"] is None and new["after"]["im"] == "0.5000" and new["after"]["remark"] == "listed"
    assert (new["flow"], new["maker_name"], new["checker_names"]) == (CREATE, MAKER, [CHECKER])
    assert (edit["before"]["im"], edit["after"]["im"], edit["changed_fields"]) == ("0.5000", "0.6000", ["im"])
    assert "version" not in edit["before"]
    assert synced["setting_id"] is not None and synced["flow"] == UPDATE
    assert (synced["before"]["im"], synced["after"]["im"]) == ("0.6000", "0.7000")
    assert synced["changed_fields"] == ["im", "mcm", "effective_from", "remark"]  # in the columns' order
    assert (synced["maker_name"], synced["checker_names"], synced["applied_by_name"]) == (MAKER, [CHECKER], None)
    assert (gone["before"]["im"], gone["after"], gone["flow"]) == ("0.7000", None, DELETE)

    first = _history(api, f"/risk/stock-margins/{symbol}/history", limit=3)
    rest = _history(api, f"/risk/stock-margins/{symbol}/history", limit=3, cursor=first["next_cursor"])
    assert [e["work_order_id"] for e in first["items"] + rest["items"]] == [deleted, dated, edited, created]
    assert rest["next_cursor"] is None


def test_a_setting_synced_now_names_who_synced_it_and_an_upload_lists_only_the_rows_it_changed(api):
    kept, changed = symbols(api, "US", 2, with_row=True, financeable=True)
    effective = (api.clock.now() + timedelta(days=2)).isoformat()
    _approved(api, UPDATE, row(changed, im="0.65", mcm="0.6", mm="0.55", fm="0.5", effective_from=effective))
    with api.client("maker") as maker:
        [setting] = maker.get(SETTINGS, params={"symbol": changed, "status": "pending"}).json()["items"]
        assert maker.post(f"{SETTINGS}/{setting['id']}/apply-now").status_code == 200
        live_kept = maker.get("/risk/stock-margins", params={"symbol": kept}).json()["items"][0]
    api.clock.advance(minutes=1)
    same = {k: live_kept[k] for k in ("symbol", "market", "im", "mcm", "mm", "fm", "financeable", "remark")}
    upload = _approved(api, UPLOAD, {"mode": "upsert", "rows": [
        same, row(changed, im="0.8", mcm="0.6", mm="0.55", fm="0.5")]})

    [synced_then_uploaded, synced] = _history(api, f"/risk/stock-margins/{changed}/history")["items"][:2]
    assert (synced_then_uploaded["work_order_id"], synced_then_uploaded["changed_fields"]) == (
        upload, ["im", "effective_from"])
    assert (synced["setting_id"], synced["applied_by_name"]) == (setting["id"], MAKER)
    assert all(e["work_order_id"] != upload for e in _history(api, f"/risk/stock-margins/{kept}/history")["items"])


def test_short_and_intraday_rows_have_their_own_history_under_their_table_s_permission(api):
    from backend.risk.models import IntradayMarginRow, ShortMarginRow

    [short_symbol] = symbols(api, "HK", 1, with_row=True, table=ShortMarginRow)
    edited = _approved(api, SHORT_UPDATE, {"rows": [short(short_symbol, qty=4321)]})
    [item] = _history(api, f"/risk/short-sell-margins/{short_symbol}/history")["items"][:1]
    assert (item["work_order_id"], item["after"]["available_qty"]) == (edited, 4321)
    code, market = short_symbol.split(".")
    typed = f"{int(code)}.{market.lower()}"  # as a trader types it: the same row
    assert _history(api, f"/risk/short-sell-margins/{typed}/history")["items"][0]["work_order_id"] == edited

    [intraday_symbol] = symbols(api, "US", 1, with_row=False, table=IntradayMarginRow)
    created = _approved(api, INTRADAY_CREATE, intraday(intraday_symbol))
    [item] = _history(api, f"/risk/intraday-margins/{intraday_symbol.lower()}/history", user="checker")["items"]
    assert (item["work_order_id"], item["change"], item["after"]["im"]) == (created, "new", "0.2000")
    # The long table never had this symbol: its history is empty, not another table's.
    assert _history(api, f"/risk/stock-margins/{intraday_symbol}/history")["items"] == []
    with api.client("service") as service:
        refused = service.get(f"/risk/intraday-margins/{intraday_symbol}/history")
    assert (refused.status_code, refused.json()["code"]) == (403, "permission_denied")


def test_a_forged_cursor_is_refused(api):
    with api.client("maker") as maker:
        bad = maker.get("/risk/stock-margins/00700.HK/history", params={"cursor": "WyJ4IiwiMSIsIjIiXQ"})
    assert (bad.status_code, bad.json()["code"]) == (400, "invalid_cursor")
