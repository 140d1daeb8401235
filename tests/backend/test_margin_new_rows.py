"""New rows over HTTP: a symbol is read in its stored form before anything looks it up, a new row
of a symbol that has one is refused (edit it instead), a row created while a new one waits makes
that order stale, and a value only the system sets is carried as it is live, never set."""

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.risk.models import IntradayMarginRow, ShortMarginRow
from backend.work_orders.models import WorkOrder
from tests.backend.margin_steps import (
    BATCH_DELETE,
    CREATE,
    DELETE,
    INTRADAY_CREATE,
    SHORT_UPLOAD,
    intraday,
    live_rows,
    row,
    short,
    submit,
    symbols,
)
from tests.backend.work_order_steps import decide


def _orders(api) -> int:
    engine = api.engine()
    with Session(engine) as session:
        count = session.scalar(select(func.count()).select_from(WorkOrder))
    engine.dispose()
    return count


def _typed_loosely(symbol: str) -> str:
    """``symbol`` as a trader might type it: lower case, blanks around, an HK code without zeros."""
    code, _, market = symbol.rpartition(".")
    return f" {code.lstrip('0') if market == 'HK' else code.lower()}.{market.lower()} "


def test_a_new_row_of_a_symbol_that_has_one_is_refused_however_it_is_typed(api):
    [taken] = symbols(api, "HK", 1, with_row=True, financeable=True)
    [taken_intraday] = symbols(api, "US", 1, with_row=True, table=IntradayMarginRow)
    before, orders = live_rows(api, [taken])[taken], _orders(api)
    for flow, payload, symbol in ((CREATE, row(taken), taken),
                                  (CREATE, row(_typed_loosely(taken)) | {"market": "hk"}, taken),
                                  (INTRADAY_CREATE, intraday(_typed_loosely(taken_intraday)) | {"market": "US"},
                                   taken_intraday)):
        refused = submit(api, flow, payload)
        assert (refused.status_code, refused.json()["code"]) == (422, "rule_violation"), refused.text
        assert refused.json()["errors"] == [{"row": None, "field": "symbol", "code": "symbol_exists",
                                             "reason": f"{symbol} already exists: edit it instead.",
                                             "params": {"symbol": symbol}}]
    assert _orders(api) == orders
    assert live_rows(api, [taken])[taken].version == before.version


def test_a_loosely_typed_symbol_is_stored_once_in_its_canonical_form(api):
    [fresh] = symbols(api, "HK", 1, with_row=False)
    created = submit(api, CREATE, row(_typed_loosely(fresh)) | {"market": " hk"})
    assert created.status_code == 201, created.text
    assert (created.json()["payload"]["symbol"], created.json()["payload"]["market"]) == (fresh, "HK")
    assert decide(api, "checker", created.json()["id"]).json()["status"] == "applied"
    assert set(live_rows(api, [fresh, fresh.lstrip("0")])) == {fresh}
    again = submit(api, CREATE, row(fresh.lstrip("0")))  # the variant is the same symbol, not a second
    assert again.json()["errors"][0]["code"] == "symbol_exists"
    deleted = submit(api, DELETE, {"symbol": _typed_loosely(fresh)})
    assert (deleted.status_code, deleted.json()["payload"]) == (201, {"symbol": fresh})
    malformed = submit(api, BATCH_DELETE, {"symbols": ["AAPL", fresh]})
    assert [(e["row"], e["field"], e["code"]) for e in malformed.json()["errors"]] == [
        (1, "symbol", "malformed_symbol")]
    assert "expected CODE.MARKET such as 00700.HK or AAPL.US" in malformed.json()["errors"][0]["reason"]


def test_a_row_created_while_a_new_row_waits_makes_that_order_stale_not_an_edit(api):
    [symbol] = symbols(api, "US", 1, with_row=False)
    later = (api.clock.now() + timedelta(days=2)).isoformat()
    dated = submit(api, CREATE, row(symbol, im="0.8", mcm="0.7", mm="0.6", fm="0.5", effective_from=later)).json()
    assert decide(api, "checker", dated["id"]).json()["status"] == "applied"
    assert live_rows(api, [symbol]) == {}  # waiting as a setting record: no live row yet
    new = submit(api, CREATE, row(symbol, im="0.5"))
    assert new.status_code == 201, new.text
    assert new.json()["snapshot"] == {"rows": []}  # the checker is shown a new row
    with api.client("maker") as maker:
        [setting] = maker.get("/risk/margin-settings", params={"symbol": symbol, "status": "pending"}).json()["items"]
        assert maker.post(f"/risk/margin-settings/{setting['id']}/apply-now").status_code == 200
    assert decide(api, "checker", new.json()["id"]).json()["status"] == "stale"
    live = live_rows(api, [symbol])[symbol]
    assert (str(live.im), live.version) == ("0.8000", 1)  # the new row never landed on it as an edit


def test_a_short_row_carries_the_system_s_status_as_it_is_live_and_nothing_is_written(api):
    engine = api.engine()
    with Session(engine) as session:
        forbidden = session.scalars(select(ShortMarginRow).where(ShortMarginRow.status == "system_forbidden")
                                    .order_by(ShortMarginRow.symbol).limit(1)).one()
        allowed = session.scalars(select(ShortMarginRow).where(ShortMarginRow.status == "allowed")
                                  .order_by(ShortMarginRow.symbol).limit(1)).one()
        session.expunge_all()
    engine.dispose()

    def as_live(r: ShortMarginRow, **changes) -> dict:
        return short(r.symbol, im=str(r.im), mcm=str(r.mcm), mm=str(r.mm), fm=str(r.fm), status=r.status,
                     fee=str(r.borrow_fee_rate), qty=r.available_qty) | changes

    set_by_a_person = submit(api, SHORT_UPLOAD, {"rows": [as_live(allowed, status="system_forbidden")]})
    assert [(e["row"], e["field"], e["code"]) for e in set_by_a_person.json()["errors"]] == [
        (1, "status", "status_set_by_system")]
    carried = submit(api, SHORT_UPLOAD, {"rows": [as_live(forbidden), as_live(allowed)]})
    assert carried.status_code == 201, carried.text
    applied = decide(api, "checker", carried.json()["id"])
    assert applied.json()["status"] == "applied"
    after = live_rows(api, [forbidden.symbol, allowed.symbol], ShortMarginRow)
    assert (after[forbidden.symbol].version, after[forbidden.symbol].status) == (forbidden.version,
                                                                                 "system_forbidden")
    assert after[allowed.symbol].version == allowed.version
