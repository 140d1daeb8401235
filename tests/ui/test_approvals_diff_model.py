"""The before/after table model on its own: 10,000 rows of an upload, marked and highlighted."""

from PySide6.QtCore import Qt

from services.work_orders.diff import Change, columns, diff_rows
from ui.common.diff_model import (
    CHANGE_ROLE,
    CHANGED_CELL_BACKGROUND,
    DELETED_BACKGROUND,
    NEW_BACKGROUND,
    DiffTableModel,
)

ROWS = 10_000


def upload(rows: int = ROWS):
    """Live rows; the upload changes every 10th IM, adds every 25th symbol and deletes every 50th."""
    before = [{"symbol": f"{i:05d}.HK", "market": "HK", "im": "0.4000", "financeable": True, "version": 3}
              for i in range(rows)]
    after = [{**row, "im": "0.4500" if i % 10 == 0 else row["im"]} for i, row in enumerate(before)
             if i % 50 != 49]
    after += [{"symbol": f"N{i:04d}.HK", "market": "HK", "im": "0.6000", "financeable": False}
              for i in range(rows // 25)]
    deleted = [row["symbol"] for i, row in enumerate(before) if i % 50 == 49]
    diffs = diff_rows(before, after, deleted, "symbol")
    return diffs, columns(diffs)


def test_ten_thousand_rows_are_marked_and_the_changed_cells_highlighted(qtmodeltester):
    diffs, fields = upload()
    model = DiffTableModel()
    model.set_diffs(diffs, fields)
    counts = model.counts()
    assert (counts[Change.CHANGED], counts[Change.NEW], counts[Change.DELETED]) == (1_000, 400, 200)
    assert model.rowCount() == len(diffs) == ROWS + 400
    assert model.columnCount() == 1 + len(fields) == 5
    im = 1 + fields.index("im")

    changed = model.index(0, im)
    assert changed.data() == "0.4000 → 0.4500"
    assert changed.data(Qt.ItemDataRole.BackgroundRole) == CHANGED_CELL_BACKGROUND
    assert changed.data(Qt.ItemDataRole.ToolTipRole) == "Before: 0.4000\nAfter: 0.4500"
    assert model.index(0, 0).data() == "~ Changed" and model.index(0, 0).data(CHANGE_ROLE) == Change.CHANGED
    assert model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) is None  # the symbol did not change

    unchanged = model.index(1, im)
    assert unchanged.data() == "0.4000" and unchanged.data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(1, 0).data() == "= Unchanged"

    first_new = len(diffs) - 400 - 200
    assert model.index(first_new, 0).data() == "+ New"
    assert model.index(first_new, im).data() == "0.6000"
    assert model.index(first_new, im).data(Qt.ItemDataRole.BackgroundRole) == NEW_BACKGROUND
    assert model.index(first_new, 1 + fields.index("financeable")).data() == "No"

    last = model.rowCount() - 1
    assert model.index(last, 0).data() == "− Deleted" and model.index(last, 0).data(CHANGE_ROLE) == Change.DELETED
    assert model.index(last, 1).data() == "09999.HK"  # a deleted row shows what disappears
    assert model.index(last, im).data(Qt.ItemDataRole.BackgroundRole) == DELETED_BACKGROUND
    assert model.index(last, im).data(Qt.ItemDataRole.FontRole).strikeOut()

    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Change", "Symbol", "Market", "IM", "Financeable"]
    qtmodeltester.check(model)


def test_hiding_unchanged_rows_keeps_only_the_differences():
    diffs, fields = upload()
    model = DiffTableModel()
    model.set_diffs(diffs, fields)
    model.set_hide_unchanged(True)
    assert model.rowCount() == 1_000 + 400 + 200
    assert {model.index(r, 0).data(CHANGE_ROLE) for r in range(model.rowCount())} == {
        Change.CHANGED, Change.NEW, Change.DELETED}
    assert model.counts()[Change.UNCHANGED] == ROWS - 1_000 - 200  # still counted while hidden
    model.set_hide_unchanged(False)
    assert model.rowCount() == ROWS + 400
