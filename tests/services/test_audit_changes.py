"""An audit event's before and after, field by field: nested objects by path, lists whole, a field
only on one side new or deleted, in the order the fields first appear."""

from services.audit_changes import ABSENT, FieldChange, field_changes
from services.work_orders.diff import Change


def test_a_status_change_is_one_changed_field():
    assert field_changes({"status": "pending"}, {"status": "approved", "comment": None}) == [
        FieldChange(("status",), "pending", "approved", Change.CHANGED),
        FieldChange(("comment",), ABSENT, None, Change.NEW),
    ]


def test_nested_values_compare_leaf_by_leaf_and_lists_whole():
    before = {"symbol": "00700.HK", "values": {"im": "0.5", "mm": "0.4"}, "rows": [1, 2], "gone": {"x": 1}}
    after = {"symbol": "00700.HK", "values": {"im": "0.6", "mm": "0.4", "fm": "0.3"}, "rows": [1, 2, 3]}
    assert [(c.path, c.change) for c in field_changes(before, after)] == [
        (("symbol",), Change.UNCHANGED),
        (("values", "im"), Change.CHANGED),
        (("values", "mm"), Change.UNCHANGED),
        (("rows",), Change.CHANGED),
        (("gone", "x"), Change.DELETED),
        (("values", "fm"), Change.NEW),
    ]


def test_one_side_or_none_at_all():
    assert [c.change for c in field_changes(None, {"a": 1, "b": {}})] == [Change.NEW, Change.NEW]
    assert field_changes({"a": 1}, None) == [FieldChange(("a",), 1, ABSENT, Change.DELETED)]
    assert field_changes(None, None) == []
