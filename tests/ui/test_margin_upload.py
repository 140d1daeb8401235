"""Uploading a margin workbook through the real page and backend: read off the UI thread, errors by
row and field, corrections in the preview, the before/after preview, one work order; the template
and the export in the upload layout."""

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from desktop import i18n
from services.clients.approvals import ApprovalsClient
from services.excel.margin_reader import read_margin_workbook
from services.work_orders.diff import Change
from tests.backend.margin_steps import live_rows, symbols
from tests.fixtures.margin_workbooks import LONG_HEADER, long_row, write_sheet
from tests.qt_fixtures import until
from tests.ui.margin_page_steps import open_margin_page

LONG = "risk.credit.long_stock_margin"


def test_a_bad_row_is_fixed_in_the_preview_then_the_upload_is_submitted(qtbot, aio, backend, errors, tmp_path):
    changed = symbols(backend, "HK", 2, with_row=True, financeable=True)
    [new] = symbols(backend, "HK", 1, with_row=False)
    live = live_rows(backend, changed)
    rows = [long_row(s, im=0.85, mcm=0.8, mm=0.7, fm=0.6) for s in changed]
    rows += [long_row(new, im="45%", mcm="40%", mm="50%", fm="30%")]  # MM above MCM, on workbook row 4
    path = write_sheet(tmp_path / "upload.xlsx", [LONG_HEADER, *rows])
    page, api = open_margin_page(qtbot, aio, backend, errors, LONG)
    dialog = page.open_upload()
    aio(dialog.load(path))
    assert not dialog.submit_button.isEnabled()
    assert (dialog.errors.rowCount(), dialog.errors.item(0, 0).text(), dialog.errors.item(0, 1).text()) == (
        1, "4", "MM")
    assert "Must not be above MCM." in dialog.errors.item(0, 3).text()

    dialog.errors.item(0, 2).setText("35%")
    assert dialog.apply_fixes_button.isEnabled()
    aio(dialog.apply_fixes())
    assert dialog.upload.result.ok and dialog.errors.rowCount() == 0 and dialog.upload.path != path
    counts = dialog.diff_model.counts()
    assert (counts[Change.NEW], counts[Change.CHANGED]) == (1, 2)
    assert load_workbook(path).active["E4"].value == "50%"  # the user's own file is left as it was

    dialog.submit()
    aio(until(lambda: dialog.upload.order is not None, message="the work order"))
    approvals = ApprovalsClient(api)
    order = aio(approvals.work_order(dialog.upload.order.id))
    assert order.flow == "risk.credit.upload_stock_margin_ratio" and order.payload["mode"] == "upsert"
    assert [(r["symbol"], r["mm"]) for r in order.payload["rows"]] == [
        (changed[0], "0.7000"), (changed[1], "0.7000"), (new, "0.3500")]
    assert {r["symbol"]: r["im"] for r in order.snapshot["rows"]} == {
        s: str(live[s].im) for s in changed}
    dialog.close()
    aio(until(lambda: f"#{order.id}" in page.outcome.text(), message="outcome on the page"))
    aio(approvals.withdraw(order.id))
    aio(page.wait_idle())
    aio(api.aclose())


def test_a_file_that_is_not_a_workbook_is_refused_with_its_reason(qtbot, aio, backend, errors, tmp_path):
    path = tmp_path / "margins.xlsx"
    path.write_text("Symbol,IM\n00700.HK,0.5\n")
    page, api = open_margin_page(qtbot, aio, backend, errors, LONG)
    dialog = page.open_upload()
    aio(dialog.load(path))
    assert dialog.errors.rowCount() == 1 and dialog.errors.item(0, 1).text() == "file"  # no column: the file
    reason = dialog.errors.item(0, 3).text()
    assert "CSV" in reason or "text" in reason
    assert reason.startswith("Not an Excel workbook (.xlsx).")
    detail = reason.removeprefix("Not an Excel workbook (.xlsx).").strip()
    assert detail and reason.count(detail) == 1  # the reader's own words, once
    assert not dialog.submit_button.isEnabled() and not dialog.apply_fixes_button.isEnabled()
    i18n.set_language("zh_Hant")
    try:
        aio(dialog.load(path))
        assert dialog.errors.item(0, 3).text() == f"不是 Excel 活頁簿（.xlsx）。 {detail}"
    finally:
        i18n.set_language("en")
    dialog.close()
    aio(page.wait_idle())
    aio(api.aclose())


def test_the_template_and_the_export_read_back_as_upload_workbooks(qtbot, aio, backend, errors, tmp_path):
    page, api = open_margin_page(qtbot, aio, backend, errors, LONG)
    aio(page.controller.save_template(tmp_path / "template.xlsx"))
    header = [c.value for c in next(load_workbook(tmp_path / "template.xlsx").worksheets[0].iter_rows(max_row=1))]
    assert header[:3] == ["代碼 Symbol *", "市場 Market", "初始保證金比率 IM *"]  # * marks a required column
    page.filter_bar.set_values(symbol="000")
    page.filter_bar.search()
    aio(until(lambda: not page.model.loading and page.model.total is not None, message="filtered"))
    assert aio(page.export_to(tmp_path / "export.xlsx"))
    back = read_margin_workbook(tmp_path / "export.xlsx", "long")
    assert back.ok and len(back.rows) == page.model.total
    assert {r.symbol for r in back.rows} == {r.symbol for r in page.model.rows()}
    aio(page.wait_idle())
    aio(api.aclose())


def test_every_problem_of_a_file_shows_at_once_and_the_changes_tab_says_why_it_is_empty(
        qtbot, aio, backend, errors, tmp_path):
    changed = symbols(backend, "HK", 2, with_row=True, financeable=True)
    new, other = symbols(backend, "HK", 2, with_row=False)
    rows = [long_row(changed[0], im=0.85, mcm=0.8, mm=0.7, fm=0.6) + ["note"],
            long_row(changed[1], im=0.85, mcm="abc", mm=0.7, fm=0.6) + [""],  # MCM is no number
            long_row(new, im="45%", mcm="40%", mm="50%", fm="zz") + [""],  # MM above MCM, and FM no number
            long_row(changed[0], im=0.85, mcm=0.8, mm=0.7, fm=0.6) + [""]]  # twice
    path = write_sheet(tmp_path / "upload.xlsx", [[*LONG_HEADER, "Name 名稱"], *rows])  # a column it does not know
    page, api = open_margin_page(qtbot, aio, backend, errors, LONG)
    dialog = page.open_upload()
    aio(dialog.load(path))

    def shown() -> set[tuple[str, str]]:  # (row, column); the header's row is the header's
        table = dialog.errors
        return {(row, table.item(r, 1).text() if row != "1" else "header")
                for r in range(table.rowCount()) for row in [table.item(r, 0).text()]}

    assert shown() == {("1", "header"), ("3", "MCM"), ("4", "MM"), ("4", "FM"), ("5", "Symbol")}  # in one reading
    assert dialog.tabs.currentWidget() is dialog.errors and not dialog.submit_button.isEnabled()
    assert dialog.errors.columnWidth(2) >= dialog.errors.fontMetrics().horizontalAdvance("2026-01-02 09:30:00")
    dialog.tabs.setCurrentIndex(0)
    assert dialog.changes_note.isVisible() and dialog.changes_note.text() == (
        "No changes are shown while the file has 5 problem(s): correct them in the Errors tab and apply the "
        "corrections, or fix the file and reload it.")

    corrections = {("3", "MCM"): "0.8", ("4", "MM"): "35%", ("4", "FM"): "30%", ("5", "Symbol"): other}
    for r in range(dialog.errors.rowCount()):
        where = (dialog.errors.item(r, 0).text(), dialog.errors.item(r, 1).text())
        correction = dialog.errors.item(r, 2)
        assert bool(correction.flags() & Qt.ItemFlag.ItemIsEditable) == (where[0] != "1")  # not the header
        if where in corrections:
            correction.setText(corrections[where])
    aio(dialog.apply_fixes())
    assert shown() == {("1", "header")}  # nothing new came up: only what the file itself must fix
    dialog.tabs.setCurrentIndex(0)
    assert "has 1 problem(s)" in dialog.changes_note.text() and dialog.changes_note.isVisible()
    dialog.close()
    aio(page.wait_idle())
    aio(api.aclose())
