"""A margin row's waiting setting and change history, and the intraday page's Rule Settings,
against the real backend: the marker and the drawer say a change is scheduled; the history lists
what wrote the row, opened from the row and from the drawer."""

from PySide6.QtCore import Qt

from tests.backend.margin_steps import UPDATE, row, submit, symbols
from tests.backend.work_order_steps import decide
from tests.qt_fixtures import until
from tests.ui.margin_page_steps import open_margin_page, show_rows
from tests.ui.test_setting_records_page import scheduled

LONG, INTRADAY = "risk.credit.long_stock_margin", "risk.credit.intraday_margin"


def _approved_update(backend, symbol: str, im: str) -> int:
    order = submit(backend, UPDATE, row(symbol, im=im, mcm="0.45", mm="0.4", fm="0.35"))
    assert order.status_code == 201, order.text
    assert decide(backend, "checker", order.json()["id"]).json()["status"] == "applied"
    return order.json()["id"]


def test_a_row_with_a_waiting_setting_is_marked_and_its_drawer_says_so(qtbot, aio, backend, errors):
    [symbol] = symbols(backend, "HK", 1, with_row=True, financeable=True)
    scheduled(backend, symbol, im="0.65", days=3)
    page, api = open_margin_page(qtbot, aio, backend, errors, LONG)
    show_rows(aio, page, [symbol])
    at = next(i for i, r in enumerate(page.model.rows()) if r.symbol == symbol)
    marker = page.model.index(at, 1)  # after the pending-order column
    assert marker.data().startswith("◆ ")
    tip = marker.data(Qt.ItemDataRole.ToolTipRole)
    assert "changes this row at" in tip and "IM 65.00 %" in tip
    unmarked = next(i for i, r in enumerate(page.model.rows()) if r.pending_setting is None)
    assert page.model.index(unmarked, 1).data() == ""
    page.buttons["update"].click()
    notice = page.drawer.scheduled
    assert notice.isVisible() and "already changes this row" in notice.text() and "IM 65.00 %" in notice.text()
    page.drawer.force_close()
    page.drawer.open_create()
    assert not page.drawer.scheduled.isVisible() and not page.drawer.history.isVisible()
    page.drawer.force_close()
    aio(page.wait_idle())
    aio(api.aclose())
    assert errors == []


def test_the_change_history_opens_from_the_row_and_from_the_drawer(qtbot, aio, backend, errors):
    [symbol] = symbols(backend, "US", 1, with_row=True, financeable=True)
    first = _approved_update(backend, symbol, "0.55")
    second = _approved_update(backend, symbol, "0.6")
    page, api = open_margin_page(qtbot, aio, backend, errors, LONG)
    show_rows(aio, page, [symbol])
    assert page.tools.history_button.isEnabled()
    page.tools.history_action.trigger()  # the row's context menu, Ctrl+H
    dialog = page.tools.history
    aio(until(dialog.is_ready, message="history"))
    assert [e.work_order_id for e in dialog.entries()] == [second, first]
    texts = [dialog.model.index(0, c).data() for c in range(dialog.model.columnCount())]
    assert texts[1] == "~ Changed" and texts[2] == "IM 55.00 % → 60.00 %"
    assert f"#{second}" in texts[3] and texts[4] == "Carmen Chan 陳嘉敏" and texts[5] == "Kelvin Wong 黃家豪"
    assert symbol in dialog.windowTitle() and "2 changes" in dialog.status.text()
    page.buttons["update"].click()
    page.drawer.history.click()  # the drawer's link: the same row's history, a fresh dialog
    aio(until(lambda: page.tools.history is not dialog and page.tools.history.is_ready(), message="again"))
    assert [e.work_order_id for e in page.tools.history.entries()] == [second, first]
    page.tools.history.close()
    assert page.tools.history is None
    page.drawer.force_close()
    aio(page.wait_idle())
    aio(api.aclose())
    assert errors == []


def test_the_intraday_page_sets_the_day_trade_window_from_its_rule_settings(qtbot, aio, backend, errors):
    page, api = open_margin_page(qtbot, aio, backend, errors, INTRADAY)
    assert page.tools.rules_button is not None and page.tools.rules_button.text() == "Rule Settings…"
    dialog = page.tools.open_rules()
    aio(until(dialog.editor.is_ready, message="the windows"))
    assert set(dialog.editor.cards) == {"HK", "US"}
    assert dialog.editor.cards["HK"].submit.isVisible()  # the maker may submit a window, as before
    dialog.close()
    aio(dialog.editor.ops.wait_idle())
    aio(page.wait_idle())
    aio(api.aclose())
    long_page, long_api = open_margin_page(qtbot, aio, backend, errors, LONG)
    assert long_page.tools.rules_button is None  # only the intraday page has rule settings
    aio(long_page.wait_idle())
    aio(long_api.aclose())
    assert errors == []
