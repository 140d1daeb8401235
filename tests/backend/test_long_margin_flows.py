"""The five long stock margin flows over HTTP: rules at submission, apply on approval, batches
all-or-nothing, two levels for big uploads, stale replaces, and the list with its pending marker."""

from decimal import Decimal

from tests.backend.margin_steps import (
    BATCH_DELETE,
    CREATE,
    DELETE,
    UPDATE,
    UPLOAD,
    live_rows,
    row,
    submit,
    symbols,
)
from tests.backend.work_order_steps import decide


def _approved(api, order_id: int, checker: str = "checker") -> dict:
    response = decide(api, checker, order_id)
    assert response.status_code == 200, response.text
    return response.json()


def test_create_applies_on_approval_with_version_one_and_shows_the_diff(api):
    [symbol] = symbols(api, "HK", 1, with_row=False)
    submitted = submit(api, CREATE, row(symbol, remark="new listing"))
    assert submitted.status_code == 201, submitted.text
    order = submitted.json()
    assert order["snapshot"] == {"rows": []}
    assert order["proposed"]["rows"][0]["im"] == "0.4000"
    assert order["diff_key"] == "symbol"
    assert live_rows(api, [symbol]) == {}
    assert _approved(api, order["id"])["status"] == "applied"
    live = live_rows(api, [symbol])[symbol]
    assert (live.im, live.fm, live.version, live.remark) == (Decimal("0.4"), Decimal("0.25"), 1, "new listing")


def test_update_bumps_the_version_and_a_broken_ladder_is_refused_naming_the_field(api):
    [symbol] = symbols(api, "HK", 1, with_row=True, financeable=True)
    before = live_rows(api, [symbol])[symbol]
    refused = submit(api, UPDATE, row(symbol, mm="0.5"))
    assert refused.status_code == 422
    body = refused.json()
    assert body["code"] == "rule_violation"
    assert [(e["field"], e["code"]) for e in body["errors"]] == [("mm", "above_mcm")]
    order = submit(api, UPDATE, row(symbol, im="0.55", mcm="0.5", mm="0.45", fm="0.4")).json()
    assert order["snapshot"]["rows"][0]["im"] == str(before.im.quantize(Decimal("0.0001")))
    _approved(api, order["id"])
    after = live_rows(api, [symbol])[symbol]
    assert (after.im, after.version) == (Decimal("0.55"), before.version + 1)


def test_update_of_a_symbol_without_a_row_and_unknown_or_foreign_symbols_are_refused(api):
    [bare] = symbols(api, "US", 1, with_row=False)
    cases = [(UPDATE, row(bare, im="0.5"), "symbol", "no_such_row"),
             (CREATE, row("99999.HK"), "symbol", "unknown_symbol"),
             (CREATE, row("AAPL.US") | {"market": "HK"}, "market", "market_mismatch"),
             (DELETE, {"symbol": bare}, "symbol", "no_such_row")]
    for flow, payload, field, code in cases:
        response = submit(api, flow, payload)
        assert response.status_code == 422, (flow, response.text)
        assert (response.json()["errors"][0]["field"], response.json()["errors"][0]["code"]) == (field, code)
    assert live_rows(api, [bare]) == {}


def test_a_second_order_on_a_symbol_is_refused_naming_the_first(api):
    [symbol] = symbols(api, "HK", 1, with_row=True, financeable=True)
    first = submit(api, DELETE, {"symbol": symbol}).json()
    second = submit(api, UPDATE, row(symbol, im="0.6", mcm="0.5", mm="0.45", fm="0.4"), maker="admin")
    assert (second.status_code, second.json()["code"]) == (409, "target_locked")
    assert second.json()["errors"][0] == {"work_order_id": first["id"], "target": f"stock_margin:{symbol}"}
    _approved(api, first["id"])
    assert live_rows(api, [symbol]) == {}


def test_batch_delete_is_all_or_nothing(api):
    doomed = symbols(api, "US", 3, with_row=True)
    [bare] = symbols(api, "US", 1, with_row=False)
    refused = submit(api, BATCH_DELETE, {"symbols": [*doomed, doomed[0], bare]})
    assert refused.status_code == 422
    assert [(e["row"], e["code"]) for e in refused.json()["errors"]] == [(4, "duplicate_symbol"),
                                                                         (5, "no_such_row")]
    assert len(live_rows(api, doomed)) == 3
    order = submit(api, BATCH_DELETE, {"symbols": doomed}).json()
    assert (order["levels"], order["proposed"]["deleted"]) == (1, doomed)
    _approved(api, order["id"])
    assert live_rows(api, doomed) == {}


def test_an_upload_with_one_bad_row_is_refused_whole_with_its_row_number(api):
    fresh = symbols(api, "HK", 3, with_row=False)
    rows = [row(fresh[0]), row(fresh[1], fm="0.5"), row(fresh[2])]
    refused = submit(api, UPLOAD, {"mode": "upsert", "rows": rows})
    assert refused.status_code == 422
    assert [(e["row"], e["field"], e["code"]) for e in refused.json()["errors"]] == [(2, "fm", "above_mm")]
    assert live_rows(api, fresh) == {}


def test_an_upload_above_a_thousand_rows_needs_two_different_approvers(api):
    targets = symbols(api, "US", 1_001, with_row=True)
    rows = [row(s, im="0.8", mcm="0.7", mm="0.6", fm="0.5") for s in targets]
    order = submit(api, UPLOAD, {"mode": "upsert", "rows": rows})
    assert order.status_code == 201, order.text
    order = order.json()
    assert order["levels"] == 2
    assert order["summary"] == "Upsert 1,001 rows (US)"
    first = _approved(api, order["id"])
    assert (first["status"], first["approvals"]) == ("pending", 1)
    again = decide(api, "checker", order["id"])
    assert (again.status_code, again.json()["code"]) == (409, "already_decided")
    assert _approved(api, order["id"], "checker2")["status"] == "applied"
    live = live_rows(api, targets)
    assert {r.im for r in live.values()} == {Decimal("0.8")}
    assert all(r.version >= 2 for r in live.values())


def test_a_replacing_upload_deletes_what_the_file_leaves_out_and_goes_stale_if_its_market_grows(api):
    engine = api.engine()
    with engine.begin() as conn:  # a small market of its own to replace
        conn.exec_driver_sql("INSERT INTO risk_securities (symbol, market, name) VALUES "
                             "('600000.SH', 'SH', 'Pudong Bank'), ('600036.SH', 'SH', 'China Merchants Bank'), "
                             "('601318.SH', 'SH', 'Ping An A')")
    engine.dispose()
    create = submit(api, UPLOAD, {"mode": "upsert", "rows": [row("600000.SH"), row("600036.SH")]}).json()
    _approved(api, create["id"])
    replace = submit(api, UPLOAD, {"mode": "replace", "rows": [row("600036.SH", im="0.5")]}).json()
    assert replace["proposed"]["deleted"] == ["600000.SH"]
    assert [r["symbol"] for r in replace["snapshot"]["rows"]] == ["600000.SH", "600036.SH"]
    # A new SH row lands while the replace waits: the replace would now delete a row its maker never saw.
    newcomer = submit(api, CREATE, row("601318.SH"), maker="admin").json()
    _approved(api, newcomer["id"])
    assert _approved(api, replace["id"])["status"] == "stale"
    assert set(live_rows(api, ["600000.SH", "600036.SH", "601318.SH"])) == {"600000.SH", "600036.SH",
                                                                                 "601318.SH"}
    again = submit(api, UPLOAD, {"mode": "replace", "rows": [row("600036.SH", im="0.5")]}).json()
    _approved(api, again["id"])
    assert set(live_rows(api, ["600000.SH", "600036.SH", "601318.SH"])) == {"600036.SH"}


def test_the_list_filters_pages_by_symbol_and_marks_pending_rows(api):
    [held] = symbols(api, "HK", 1, with_row=True, financeable=True)
    order = submit(api, DELETE, {"symbol": held}).json()
    with api.client("maker") as client:
        seen, cursor = [], None
        while True:
            page = client.get("/risk/stock-margins", params={"market": "HK", "limit": 1000,
                                                             **({"cursor": cursor} if cursor else {})}).json()
            seen += page["items"]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert len(seen) == page["total"] > 1000
        assert [r["symbol"] for r in seen] == sorted({r["symbol"] for r in seen})
        assert {r["market"] for r in seen} == {"HK"}
        marked = {r["symbol"]: r["pending_work_order_id"] for r in seen if r["pending_work_order_id"]}
        assert marked[held] == order["id"]
        pending = client.get("/risk/stock-margins", params={"pending": "true", "limit": 1000}).json()
        assert held in {r["symbol"] for r in pending["items"]}
        ranged = client.get("/risk/stock-margins", params={"im_min": "0.3", "im_max": "0.4", "market": "HK",
                                                           "financeable": "true"}).json()
        assert ranged["total"] > 0
        assert all(Decimal("0.3") <= Decimal(r["im"]) <= Decimal("0.4") for r in ranged["items"])
        tencent = client.get("/risk/stock-margins", params={"symbol": "0070"}).json()["items"]
        assert tencent[0]["symbol"] == "00700.HK" and tencent[0]["name_zh"] == "騰訊控股"
        bad = client.get("/risk/stock-margins", params={"im_min": "0.5", "im_max": "0.4"})
        assert bad.status_code == 422
    with api.client("service") as client:  # customer service has no Risk › Credit
        assert client.get("/risk/stock-margins").status_code == 403


def test_a_draft_that_expects_an_older_version_is_refused_as_changed(api):
    import uuid

    [symbol] = symbols(api, "HK", 1, with_row=True, financeable=True)
    version = live_rows(api, [symbol])[symbol].version
    body = {"flow": UPDATE, "payload": row(symbol, im="0.6", mcm="0.5", mm="0.45", fm="0.4")}
    with api.client("maker") as client:
        moved = client.post("/work-orders", json={**body, "expected_versions": {f"stock_margin:{symbol}": version - 1}},
                            headers={"Idempotency-Key": str(uuid.uuid4())})
        assert (moved.status_code, moved.json()["code"]) == (409, "target_changed")
        assert moved.json()["errors"] == [{"target": f"stock_margin:{symbol}", "expected": version - 1,
                                           "current": version}]
        same = client.post("/work-orders", json={**body, "expected_versions": {f"stock_margin:{symbol}": version}},
                           headers={"Idempotency-Key": str(uuid.uuid4())})
        assert same.status_code == 201
        assert client.post(f"/work-orders/{same.json()['id']}/withdraw").status_code == 200


def _post(api, body: dict):
    import uuid

    with api.client("maker") as client:
        return client.post("/work-orders", json=body, headers={"Idempotency-Key": str(uuid.uuid4())})


def test_a_row_drafted_as_new_is_refused_once_its_symbol_exists_live(api):
    [taken] = symbols(api, "HK", 1, with_row=True, financeable=True)
    [free] = symbols(api, "HK", 1, with_row=False)
    before = live_rows(api, [taken])[taken]
    version, proposed_im = before.version, "0.55" if before.im == Decimal("0.5") else "0.5"
    absent = {f"stock_margin:{taken}": 0, f"stock_margin:{free}": 0}
    body = {"flow": UPLOAD, "payload": {"mode": "upsert", "rows": [row(taken, im=proposed_im), row(free)]}}
    refused = _post(api, {**body, "expected_versions": absent})
    assert (refused.status_code, refused.json()["code"]) == (409, "target_changed")
    assert refused.json()["errors"] == [{"target": f"stock_margin:{taken}", "expected": 0, "current": version}]
    after = live_rows(api, [taken])[taken]
    assert (after.im, after.version) == (before.im, before.version)  # nothing written
    assert _post(api, {**body, "expected_versions": {"stock_margin:x": -1}}).status_code == 422
    only_new = _post(api, {"flow": UPLOAD, "payload": {"mode": "upsert", "rows": [row(free)]},
                           "expected_versions": {f"stock_margin:{free}": 0}})
    assert only_new.status_code == 201, only_new.text


def test_a_row_expected_absent_that_appears_before_approval_makes_the_order_stale(api):
    from datetime import timedelta

    [symbol] = symbols(api, "US", 1, with_row=False)
    later = (api.clock.now() + timedelta(days=2)).isoformat()
    dated = submit(api, CREATE, row(symbol, im="0.8", mcm="0.7", mm="0.6", fm="0.5", effective_from=later)).json()
    assert _approved(api, dated["id"])["status"] == "applied"
    assert live_rows(api, [symbol]) == {}  # waiting as a setting record
    drafted = _post(api, {"flow": UPLOAD, "payload": {"mode": "upsert", "rows": [row(symbol, im="0.5")]},
                          "expected_versions": {f"stock_margin:{symbol}": 0}})
    assert drafted.status_code == 201, drafted.text
    with api.client("maker") as maker:
        [setting] = maker.get("/risk/margin-settings", params={"symbol": symbol, "status": "pending"}).json()["items"]
        assert maker.post(f"/risk/margin-settings/{setting['id']}/apply-now").status_code == 200
    assert _approved(api, drafted.json()["id"])["status"] == "stale"
    assert live_rows(api, [symbol])[symbol].im == Decimal("0.8")


def test_a_row_equal_to_its_live_row_is_neither_written_nor_versioned_nor_audited_as_written(api):
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from backend.audit.models import AuditEvent

    same, moved = symbols(api, "HK", 2, with_row=True, financeable=True)
    live = live_rows(api, [same, moved])
    unchanged = {"symbol": same, "market": live[same].market, "im": str(live[same].im), "mcm": str(live[same].mcm),
                 "mm": str(live[same].mm), "fm": str(live[same].fm), "financeable": live[same].financeable,
                 "effective_from": live[same].effective_from.isoformat() if live[same].effective_from else None,
                 "remark": live[same].remark}
    order = submit(api, UPLOAD, {"mode": "upsert", "rows": [unchanged, row(moved, im="0.55", mcm="0.5", mm="0.45",
                                                                                fm="0.4")]}).json()
    assert _approved(api, order["id"])["status"] == "applied"
    after = live_rows(api, [same, moved])
    assert (after[same].version, after[same].updated_at) == (live[same].version, live[same].updated_at)
    assert after[moved].version == live[moved].version + 1
    one = submit(api, UPDATE, {**unchanged, "remark": unchanged["remark"] or ""}).json()
    assert _approved(api, one["id"])["status"] == "applied"
    assert live_rows(api, [same])[same].version == live[same].version
    engine = api.engine()
    with Session(engine) as session:
        applied = {e.entity_id: e.after for e in session.scalars(select(AuditEvent).where(
            AuditEvent.action == "work_order.apply", AuditEvent.entity_id.in_([str(order["id"]), str(one["id"])])))}
    engine.dispose()
    assert (applied[str(order["id"])]["written"], applied[str(order["id"])]["unchanged"]) == (1, [same])
    assert (applied[str(one["id"])]["rows"], applied[str(one["id"])]["unchanged"]) == ([], [same])
