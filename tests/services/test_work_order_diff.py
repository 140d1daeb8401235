from services.work_orders.diff import Change, columns, diff_rows


def test_rows_are_new_changed_unchanged_or_deleted_and_bookkeeping_is_not_compared():
    before = [{"symbol": "00700.HK", "im": "0.5", "version": 3},
              {"symbol": "AAPL.US", "im": "0.3", "version": 1},
              {"symbol": "09988.HK", "im": "0.6", "version": 2}]
    after = [{"symbol": "00700.HK", "im": "0.55", "version": 4},
             {"symbol": "AAPL.US", "im": "0.3", "version": 9},
             {"symbol": "MSFT.US", "im": "0.3"}]
    diffs = diff_rows(before, after, ["09988.HK"], "symbol")
    assert [(d.key, d.change) for d in diffs] == [
        ("00700.HK", Change.CHANGED), ("AAPL.US", Change.UNCHANGED), ("MSFT.US", Change.NEW),
        ("09988.HK", Change.DELETED)]
    assert diffs[0].changed_fields == {"im"}
    assert diffs[3].before == before[2] and diffs[3].after is None
    assert columns(diffs) == ["symbol", "im"]


def test_a_field_missing_on_one_side_counts_as_changed():
    diffs = diff_rows([{"market": "HK", "enabled": True}], [{"market": "HK", "enabled": True, "end": "16:00"}],
                      [], "market")
    assert diffs[0].change == Change.CHANGED and diffs[0].changed_fields == {"end"}
