"""The preview of an upload: the checker's before/after table, computed before submitting."""

from datetime import UTC, datetime
from decimal import Decimal

from services.contract.schemas import LongMarginIn, LongMarginRow, UploadMode
from services.excel.margin_preview import preview, snapshot_row
from services.work_orders.diff import Change

D = Decimal
NOW = datetime(2026, 1, 2, tzinfo=UTC)


def upload(symbol, market="HK", im="0.45", **changes):
    return LongMarginIn(symbol=symbol, market=market, im=D(im), mcm=D("0.4"), mm=D("0.35"), fm=D("0.3"), **changes)


def live_row(symbol, market="HK", im="0.4500"):
    """A live row in the backend's snapshot form (ratios as four-decimal strings)."""
    return {"symbol": symbol, "market": market, "im": im, "mcm": "0.4000", "mm": "0.3500", "fm": "0.3000",
            "financeable": True, "effective_from": None, "remark": None, "version": 7}


LIVE = {"00700.HK": live_row("00700.HK"), "09988.HK": live_row("09988.HK", im="0.5000"),
        "00005.HK": live_row("00005.HK"), "AAPL.US": live_row("AAPL.US", market="US")}


def test_an_upsert_shows_new_changed_and_unchanged_rows_and_deletes_nothing():
    rows = [upload("00700.HK"), upload("09988.HK"), upload("600519.SH", market="SH")]
    diffs = preview("long", rows, LIVE, UploadMode.UPSERT)
    assert [(d.key, d.change) for d in diffs] == [
        ("00700.HK", Change.UNCHANGED), ("09988.HK", Change.CHANGED), ("600519.SH", Change.NEW)]
    changed = diffs[1]
    assert changed.changed_fields == {"im"}
    assert (changed.before["im"], changed.after["im"]) == ("0.5000", "0.4500")


def test_a_replace_deletes_the_live_rows_of_the_file_s_markets_that_it_leaves_out():
    diffs = preview("long", [upload("00700.HK")], LIVE, UploadMode.REPLACE)
    assert [(d.key, d.change) for d in diffs] == [
        ("00700.HK", Change.UNCHANGED), ("00005.HK", Change.DELETED), ("09988.HK", Change.DELETED)]


def test_live_rows_from_the_list_compare_on_values_only():
    listed = LongMarginRow(symbol="00700.HK", market="HK", name="Tencent", name_zh="騰訊控股", im=D("0.45"),
                           mcm=D("0.40"), mm=D("0.350"), fm=D("0.3"), financeable=True,
                           effective_from=NOW, remark=None, version=2, updated_at=NOW)
    in_file = upload("00700.HK", effective_from=datetime(2026, 1, 2, 8, tzinfo=UTC).astimezone())
    [diff] = preview("long", [in_file], {"00700.HK": listed}, UploadMode.UPSERT)
    assert diff.change == Change.CHANGED and diff.changed_fields == {"effective_from"}
    assert snapshot_row("long", listed)["effective_from"] == "2026-01-02T00:00:00+00:00"
