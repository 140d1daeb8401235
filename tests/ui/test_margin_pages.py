"""The Risk › Credit margin pages against the real backend: the side drawer judges as you type and
submits the right flow; delete and delete selected ask first; pending rows are marked and locked."""

from decimal import Decimal

from services.clients.approvals import ApprovalsClient
from tests.backend.margin_steps import symbols
from tests.qt_fixtures import until
from tests.ui.margin_page_steps import (
    accept_confirmation,
    open_margin_page,
    show_rows,
    submitted_order_id,
    type_into,
)

LONG = "risk.credit.long_stock_margin"


def test_edit_in_the_drawer_judges_as_you_type_then_submits_an_update(qtbot, aio, backend, errors):
    [symbol] = symbols(backend, "HK", 1, with_row=True, financeable=True)
    page, api = open_margin_page(qtbot, aio, backend, errors, LONG)
    show_rows(aio, page, [symbol])
    page.buttons["update"].click()
    drawer = page.drawer
    assert drawer.isVisible() and drawer.form.editors["symbol"].isReadOnly()
    assert not drawer.primary.isEnabled()  # nothing changed yet
    type_into(page, "mm", "99%")
    assert drawer.form.notes["mm"].text().startswith("0.9900 is above MCM (")
    assert not drawer.primary.isEnabled()
    for field, typed in (("im", "0.55"), ("mcm", "0.5"), ("mm", "0.45"), ("fm", "0.4")):
        type_into(page, field, typed)
    assert drawer.form.notes["im"].text() == "Lendable share 45.00 %"
    assert drawer.primary.isEnabled()
    drawer.primary.click()
    order_id = submitted_order_id(aio, page)
    assert not drawer.isVisible()
    approvals = ApprovalsClient(api)
    order = aio(approvals.work_order(order_id))
    assert (order.flow, order.payload["symbol"], order.payload["im"]) == (
        "risk.credit.update_stock_margin_task", symbol, "0.5500")
    aio(until(lambda: any(r.symbol == symbol and r.pending_work_order_id == order_id for r in page.model.rows()),
              message="pending marker"))
    show_rows(aio, page, [symbol])
    assert not page.buttons["update"].isEnabled() and not page.buttons["delete"].isEnabled()
    aio(approvals.withdraw(order_id))
    aio(page.wait_idle())
    aio(api.aclose())
    assert errors == []


def test_new_in_the_drawer_creates_a_row_typed_as_percentages(qtbot, aio, backend, errors):
    [symbol] = symbols(backend, "US", 1, with_row=False)
    page, api = open_margin_page(qtbot, aio, backend, errors, LONG)
    page.buttons["create"].click()
    drawer = page.drawer
    type_into(page, "symbol", symbol.lower())
    aio(until(lambda: symbol in drawer.security.text(), message="the symbol's name"))
    for field, typed in (("im", "60%"), ("mcm", "50"), ("mm", "0.4"), ("fm", "35 %")):
        type_into(page, field, typed)
    assert drawer.form.notes["im"].text() == "Lendable share 40.00 %"
    drawer.primary.click()
    approvals = ApprovalsClient(api)
    order = aio(approvals.work_order(submitted_order_id(aio, page)))
    assert order.flow == "risk.credit.create_stock_margin_task"
    assert {k: order.payload[k] for k in ("symbol", "market", "im", "mcm", "mm", "fm")} == {
        "symbol": symbol, "market": "US", "im": "0.6000", "mcm": "0.5000", "mm": "0.4000", "fm": "0.3500"}
    aio(approvals.withdraw(order.id))
    aio(page.wait_idle())
    aio(api.aclose())


def test_an_unlisted_symbol_is_named_in_the_drawer_and_refused_by_the_backend(qtbot, aio, backend, errors):
    page, api = open_margin_page(qtbot, aio, backend, errors, LONG)
    page.buttons["create"].click()
    drawer = page.drawer
    type_into(page, "symbol", "99999.HK")
    aio(until(lambda: "not a listed symbol" in drawer.security.text(), message="lookup"))
    for field, typed in (("im", "0.5"), ("mcm", "0.45"), ("mm", "0.4"), ("fm", "0.35")):
        type_into(page, field, typed)
    drawer.primary.click()
    aio(until(lambda: drawer.form.notes["symbol"].text() == "99999.HK is not a listed symbol.", message="server error"))
    assert drawer.isVisible()
    aio(page.wait_idle())
    aio(api.aclose())


def test_a_dated_change_on_a_holiday_is_warned_in_the_drawer_and_still_submitted(qtbot, aio, backend, errors):
    [symbol] = symbols(backend, "US", 1, with_row=False)
    page, api = open_margin_page(qtbot, aio, backend, errors, LONG)
    page.buttons["create"].click()
    drawer = page.drawer
    type_into(page, "symbol", symbol)
    for field, typed in (("im", "60%"), ("mcm", "50%"), ("mm", "40%"), ("fm", "35%")):
        type_into(page, field, typed)
    type_into(page, "effective_from", "2026-12-25 22:30")  # Hong Kong time: Christmas morning in New York
    assert drawer.form.notes["effective_from"].text() == (
        "2026-12-25 09:30 EST is outside the US trading session; the change first counts at the next open, "
        "2026-12-28 09:30 EST.")
    assert drawer.form.notes["effective_from"].property("tone") == "warning"
    drawer.primary.click()
    approvals = ApprovalsClient(api)
    order = aio(approvals.work_order(submitted_order_id(aio, page)))
    assert [w.code for w in order.warnings] == ["effective_outside_session"]
    aio(approvals.withdraw(order.id))
    aio(page.wait_idle())
    aio(api.aclose())


def test_closing_a_drawer_with_edits_asks_inline_first(qtbot, aio, backend, errors):
    page, api = open_margin_page(qtbot, aio, backend, errors, LONG)
    page.buttons["create"].click()
    drawer = page.drawer
    type_into(page, "remark", "half typed")
    assert drawer.request_close() is False and drawer.discard_bar.isVisible()
    assert drawer.request_close() is False and not drawer.discard_bar.isVisible()  # Esc again: keep editing
    drawer.request_close()
    drawer.discard_button.click()
    assert not drawer.isVisible()
    aio(page.wait_idle())
    aio(api.aclose())


def test_delete_selected_submits_one_batch_after_a_confirmation(qtbot, aio, backend, errors):
    free = sorted(symbols(backend, "HK", 40, with_row=True))
    doomed = next([a, b] for a, b in zip(free, free[1:], strict=False) if a[:4] == b[:4])  # one filter shows both
    page, api = open_margin_page(qtbot, aio, backend, errors, LONG)
    show_rows(aio, page, doomed)
    assert page.buttons["batch_delete"].text() == "Delete Selected (2)"
    page.buttons["batch_delete"].click()
    accept_confirmation(page)
    approvals = ApprovalsClient(api)
    order = aio(approvals.work_order(submitted_order_id(aio, page)))
    assert (order.flow, order.payload) == ("risk.credit.batch_delete_stock_margin_ratio", {"symbols": doomed})
    aio(approvals.withdraw(order.id))
    aio(page.wait_idle())
    aio(api.aclose())


def test_a_short_sell_edit_is_the_plural_update_flow_and_there_is_no_new_or_delete(qtbot, aio, backend,
                                                                                   errors):
    from backend.risk.models import ShortMarginRow

    [symbol] = symbols(backend, "HK", 1, with_row=True, table=ShortMarginRow)
    page, api = open_margin_page(qtbot, aio, backend, errors, "risk.credit.short_sell_margin")
    assert set(page.buttons) == {"update", "upload"}
    show_rows(aio, page, [symbol])
    page.buttons["update"].click()
    type_into(page, "available_qty", "123,000")
    page.drawer.primary.click()
    approvals = ApprovalsClient(api)
    order = aio(approvals.work_order(submitted_order_id(aio, page)))
    assert order.flow == "risk.credit.update_short_sell_stock_margin_ratios"
    assert [(r["symbol"], r["available_qty"]) for r in order.payload["rows"]] == [(symbol, 123000)]
    aio(approvals.withdraw(order.id))
    aio(page.wait_idle())
    aio(api.aclose())


def test_a_checker_sees_the_table_without_change_buttons(qtbot, aio, backend, errors):
    page, api = open_margin_page(qtbot, aio, backend, errors, "risk.credit.intraday_margin", user="checker")
    assert page.buttons == {}
    assert all(Decimal("0") < r.im <= Decimal("1") for r in page.model.rows())
    aio(page.wait_idle())
    aio(api.aclose())
