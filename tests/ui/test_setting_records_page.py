"""Setting Records (設置記錄) against the real backend: a dated change waits as 未觸發; 同步 and
取消同步 show the record beside the live row first, then act, each only for who may."""

from datetime import timedelta

from PySide6.QtWidgets import QPushButton

from tests.backend.margin_steps import UPDATE, live_rows, row, submit, symbols
from tests.backend.work_order_steps import decide
from tests.qt_fixtures import until
from tests.ui.page_steps import open_page
from ui.risk.setting_action_dialog import SettingActionDialog

PAGE = "risk.credit.setting_records"


def scheduled(backend, symbol: str, im: str = "0.6", days: int = 2) -> int:
    """A dated update of ``symbol``'s long row, approved: its setting waits. Returns the order."""
    effective = (backend.clock.now() + timedelta(days=days)).isoformat()
    order = submit(backend, UPDATE, row(symbol, im=im, mcm="0.5", mm="0.45", fm="0.4", effective_from=effective))
    assert order.status_code == 201, order.text
    assert decide(backend, "checker", order.json()["id"]).json()["status"] == "applied"
    return order.json()["id"]


def _open_on(qtbot, aio, backend, errors, symbol: str, user: str = "maker"):
    page, api = open_page(qtbot, aio, backend, errors, PAGE, user)
    page.filter_bar.set_values(symbol=symbol)
    page.filter_bar.search()
    aio(until(lambda: not page.model.loading and [r.symbol for r in page.model.rows()] == [symbol],
              message="the symbol's record"))
    page.table.selectRow(0)
    return page, api


def _dialog(aio, page) -> SettingActionDialog:
    aio(until(lambda: page.dialog is not None and page.dialog.isVisible(), message="the confirmation"))
    return page.dialog


def test_sync_shows_what_changes_then_applies_the_setting_now(qtbot, aio, backend, errors):
    [symbol] = symbols(backend, "HK", 1, with_row=True, financeable=True)
    order_id = scheduled(backend, symbol, im="0.6")
    before = live_rows(backend, [symbol])[symbol]
    page, api = _open_on(qtbot, aio, backend, errors, symbol)
    record = page.model.row(0)
    texts = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert texts[0] == "Not Triggered" and "IM 60.00 %" in texts[5] and f"#{order_id}" in texts
    assert page.buttons["sync"].isEnabled() and page.buttons["cancel"].isEnabled()
    page.buttons["sync"].click()
    dialog = _dialog(aio, page)
    table = dialog.changes
    cells = {table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text()) for r in range(table.rowCount())}
    assert cells["IM"] == (f"{before.im * 100:.2f} %", "60.00 %")
    assert dialog.accept_button.text() == "Sync Now"
    assert live_rows(backend, [symbol])[symbol].version == before.version  # nothing sent yet
    dialog.accept_button.click()
    aio(until(lambda: "synced" in page.outcome.text(), message="synced"))
    assert page.model.index(0, 0).data() == "Triggered" and page.model.row(0).id == record.id
    assert not page.buttons["sync"].isEnabled()  # a triggered record takes no action
    assert str(live_rows(backend, [symbol])[symbol].im) == "0.6000"
    aio(page.wait_idle())
    aio(api.aclose())
    assert errors == []


def test_cancel_needs_a_reason_and_leaves_the_row_as_it_is(qtbot, aio, backend, errors):
    [symbol] = symbols(backend, "US", 1, with_row=True, financeable=True)
    scheduled(backend, symbol, im="0.7")
    before = live_rows(backend, [symbol])[symbol]
    page, api = _open_on(qtbot, aio, backend, errors, symbol)
    page.buttons["cancel"].click()
    dialog = _dialog(aio, page)
    assert "keeps its values" in dialog.question.text()
    assert not dialog.accept_button.isEnabled()  # no reason yet
    dialog.reason.edit.setPlainText("Results moved to next week")
    assert dialog.accept_button.isEnabled()
    dialog.accept_button.click()
    aio(until(lambda: "cancelled" in page.outcome.text(), message="cancelled"))
    shown = page.model.row(0)
    assert (shown.status, shown.revoke_reason, shown.revoked_by_name) == (
        "revoked", "Results moved to next week", "Carmen Chan 陳嘉敏")
    assert live_rows(backend, [symbol])[symbol].version == before.version
    aio(page.wait_idle())
    aio(api.aclose())
    assert errors == []


def test_a_checker_reads_the_records_without_the_actions(qtbot, aio, backend, errors):
    [symbol] = symbols(backend, "HK", 1, with_row=True, financeable=True)
    scheduled(backend, symbol)
    page, api = _open_on(qtbot, aio, backend, errors, symbol, user="checker")
    assert page.buttons == {}
    assert not [b for b in page.findChildren(QPushButton) if b.objectName() in ("syncButton", "cancelButton")]
    aio(page.wait_idle())
    aio(api.aclose())
