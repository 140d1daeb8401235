"""Uploading a margin workbook through the real page and backend: read off the UI thread, errors by
row and field, corrections in the preview, the before/after preview, one work order; the template
and the export in the upload layout."""

import re

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from desktop import i18n
from services.clients.approvals import ApprovalsClient
from services.excel.margin_columns import SHEETS
from services.excel.margin_reader import read_margin_workbook
from services.work_orders.diff import Change
from tests.backend.margin_steps import live_rows, symbols
from tests.fixtures.margin_workbooks import LONG_HEADER, long_row, write_sheet
from tests.qt_fixtures import until
from tests.ui.margin_page_steps import open_margin_page

LONG = "risk.credit.long_stock_margin"


@pytest.fixture
def backend(few_securities_backend):
    """The app in process on a securities master of some thousand symbols (not 8,000): the
    properties here hold of any number, and each test fetches the master and live rows."""
    return few_securities_backend


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
    assert dialog.errors.item(0, 3).text() == "0.5000 is above MCM (0.4000)."

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
    assert dialog.errors.rowCount() == 1 and dialog.errors.item(0, 1).text() == "File"  # no column: the file
    assert dialog.errors.item(0, 3).text() == ("Not an Excel workbook (.xlsx): open it in Excel, save it as an "
                                               "Excel workbook (.xlsx) and upload it again.")
    assert not dialog.submit_button.isEnabled() and not dialog.apply_fixes_button.isEnabled()
    i18n.set_language("zh_Hant")
    try:
        aio(dialog.load(path))
        assert (dialog.errors.item(0, 1).text(), dialog.errors.item(0, 3).text()) == (
            "檔案", "不是 Excel 活頁簿（.xlsx）：請用 Excel 開啟，另存為 Excel 活頁簿（.xlsx）後再上傳。")
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


# Latin words a reason in Chinese may hold: the desk's terms and formats, column letters, time zones.
KEPT_IN_LATIN = {"IM", "MCM", "MM", "FM", "Excel", "xlsx", "CSV", "UTF", "CODE", "MARKET", "HK", "US", "SH", "SZ",
                 "AAPL", "TRUE", "FALSE", "Reg", "T", "HKT", "EST", "EDT"}
QUOTED = re.compile(r"「[^」]*」")


def english_words(text: str, names: list[str]) -> set[str]:
    """Latin words of ``text`` other than the kept ones, what it quotes and the ``names`` it gives
    (symbols, the file's headers)."""
    text = QUOTED.sub("", text)
    for name in names:
        text = text.replace(name, "")
    return {w for w in re.findall(r"[A-Za-z]+", text) if w not in KEPT_IN_LATIN and len(w) > 1}


def issue_rows(table) -> list[tuple[str, str, str]]:
    return [(table.item(r, 0).text(), table.item(r, 1).text(), table.item(r, 3).text())
            for r in range(table.rowCount())]


def test_every_reason_of_a_bad_workbook_reads_in_chinese(qtbot, aio, backend, errors, tmp_path):
    held = symbols(backend, "HK", 13, with_row=True, financeable=True)
    [us] = symbols(backend, "US", 1, with_row=True, financeable=True)
    header = [*LONG_HEADER, None]  # column J: values without a header
    rows = [
        long_row(held[0], im="abc"),  # 2: not a number
        long_row(held[1], im="150%"),  # 3: above 100%
        long_row(held[2], mm="-5%"),  # 4: below 0
        long_row(held[3], im=0.41234),  # 5: too many decimals
        long_row(held[4], mm="50%"),  # 6: MM above MCM
        long_row(held[5], fm=0),  # 7: FM not above 0
        long_row(held[6], im=1, mcm=1, mm=1, fm=1),  # 8: financeable at IM 100%
        long_row(held[7], financeable=False),  # 9: not financeable below IM 100%
        long_row("ABC"),  # 10: not a symbol
        long_row(held[8], financeable="maybe"),  # 11: not TRUE or FALSE
        long_row(held[9], effective_from="tomorrow"),  # 12: not a date and time
        long_row(held[10], remark="x" * 201),  # 13: too long
        long_row(held[0]),  # 14: twice in the batch
        long_row("99999.HK"),  # 15: not listed
        long_row(held[11], market="US"),  # 16: another market
        long_row(None),  # 17: no symbol
        [*long_row(held[12]), "stray"],  # 18: a value under no header
        long_row(held[12], mm="=0.3"),  # 19: a formula
        long_row(us, im=0.45, mcm=0.4, mm=0.3, fm=0.2, effective_from="2026-01-03 10:00"),  # 20: warnings only
    ]
    path = write_sheet(tmp_path / "bad.xlsx", [header, *rows], merge="I21:I22")
    files = [path, write_sheet(tmp_path / "layout.xlsx", [["Symbol", "IM", "IM 初始保證金比率", "Colour", "MCM", "FM"],
                                                          long_row(held[0])[:6]])]
    i18n.set_language("zh_Hant")
    try:
        page, api = open_margin_page(qtbot, aio, backend, errors, LONG, language="zh_Hant")
        dialog = page.open_upload()
        aio(dialog.load(path))
        found = issue_rows(dialog.errors)
        names = [*held, us, "99999.HK", *(c.header for c in SHEETS["long"].columns)]
        for row, field, reason in found + issue_rows(dialog.warnings):
            assert not english_words(field, names) and not english_words(reason, names), (row, field, reason)
        by_row: dict[tuple[int, str], list[str]] = {}
        for row, field, reason in found:
            by_row.setdefault((int(row), field), []).append(reason)
        assert "「abc」不是數字。" in by_row[(2, "初始保證金比率")]
        assert "150% 高於 100%。" in by_row[(3, "初始保證金比率")]
        assert "0.5000 高於追繳保證金比率 MCM（0.3500）。" in by_row[(6, "維持保證金比率")]
        assert "不可融資的股票，初始保證金比率 IM 須為 100%，不可為 0.4000。" in by_row[(9, "初始保證金比率")]
        assert by_row[(10, "代碼")][0].startswith("「ABC」不是股票代號")
        assert f"{held[0]} 在此批次中重複出現（首次見於第 2 行）。" in by_row[(14, "代碼")]
        assert "99999.HK 不是上市股票。" in by_row[(15, "代碼")]
        assert f"{held[11]} 於 HK 市場交易，不是 US。" in by_row[(16, "市場")]
        assert "必填。" in by_row[(17, "代碼")]
        assert "第 J 欄有資料，但沒有標題。" in by_row[(18, "標題行")]
        assert "儲存格 E19 含有公式：請改為輸入其值（複製後選擇性貼上「值」）。" in by_row[(19, "維持保證金比率")]
        assert "儲存格 I21:I22 已合併：請取消合併，讓每個儲存格各有其值。" in by_row[(21, "備註")]
        assert {row for row, _ in by_row} == set(range(2, 20)) | {21}  # every bad row, in one pass
        warned = {field: reason for _, field, reason in issue_rows(dialog.warnings)}
        assert warned["初始保證金比率"] == "0.4500 低於美股 Reg T 下限 0.5。"
        assert warned["生效時間"].startswith("2026-01-02 21:00 EST 不在 US 交易時段內")

        aio(dialog.load(files[1]))
        layout = issue_rows(dialog.errors)
        assert ("1", "初始保證金比率", "第 C 欄：「IM 初始保證金比率」與第 B 欄重複。") in layout
        assert ("1", "維持保證金比率", "缺少「維持保證金比率 MM」欄。") in layout
        assert any(field == "標題行" and reason.startswith("第 D 欄：「Colour」不是此檔案的欄位；應為：")
                   for _, field, reason in layout)
        dialog.close()
        aio(page.wait_idle())
        aio(api.aclose())
    finally:
        i18n.set_language("en")
