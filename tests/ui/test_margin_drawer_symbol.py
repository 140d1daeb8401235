"""The margin drawer against the real backend: a new row's symbol that already has a live row is
refused under the field as it is typed (edit it instead), however it is typed; an edit of a short
row keeps the status the system set rather than quietly choosing another."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.risk.models import ShortMarginRow
from services.clients.approvals import ApprovalsClient
from tests.backend.margin_steps import symbols
from tests.qt_fixtures import until
from tests.ui.margin_page_steps import open_margin_page, show_rows, submitted_order_id, type_into

LONG = "risk.credit.long_stock_margin"
SHORT = "risk.credit.short_sell_margin"
RATIOS = (("im", "0.5"), ("mcm", "0.45"), ("mm", "0.4"), ("fm", "0.35"))


def test_a_new_row_of_a_symbol_that_has_one_is_refused_as_it_is_typed(qtbot, aio, backend, errors):
    [taken] = symbols(backend, "HK", 1, with_row=True, financeable=True)
    [free] = symbols(backend, "HK", 1, with_row=False)
    page, api = open_margin_page(qtbot, aio, backend, errors, LONG)
    page.buttons["create"].click()
    drawer = page.drawer
    for field, typed in RATIOS:
        type_into(page, field, typed)
    type_into(page, "symbol", taken.lstrip("0").lower())  # 700.hk for 00700.HK
    exists = f"{taken} already exists: edit it instead."
    aio(until(lambda: drawer.form.notes["symbol"].text() == exists, message="the symbol's live row found"))
    assert drawer.form.notes["symbol"].property("tone") == "error"
    assert drawer.form.result().row is not None and not drawer.primary.isEnabled()
    drawer.submit()  # Ctrl+Enter does nothing either
    assert "Submitting" not in drawer.message.text()

    type_into(page, "symbol", free)
    assert drawer.form.notes["symbol"].text() == ""  # forgotten as soon as the symbol changes
    aio(until(lambda: free in drawer.security.text(), message="the free symbol looked up"))
    assert drawer.form.notes["symbol"].text() == "" and drawer.primary.isEnabled()
    drawer.primary.click()
    order = aio(ApprovalsClient(api).work_order(submitted_order_id(aio, page)))
    assert (order.flow, order.payload["symbol"]) == ("risk.credit.create_stock_margin_task", free)
    aio(ApprovalsClient(api).withdraw(order.id))
    aio(page.wait_idle())
    aio(api.aclose())
    assert errors == []


def test_an_edit_keeps_the_status_the_system_set(qtbot, aio, backend, errors):
    engine = backend.engine()
    with Session(engine) as session:
        symbol = session.scalars(select(ShortMarginRow.symbol).where(ShortMarginRow.status == "system_forbidden")
                                 .order_by(ShortMarginRow.symbol)).first()
    engine.dispose()
    page, api = open_margin_page(qtbot, aio, backend, errors, SHORT)
    show_rows(aio, page, [symbol])
    page.buttons["update"].click()
    drawer = page.drawer
    status = drawer.form.editors["status"]
    assert status.currentData() == "system_forbidden" and status.currentText() == "Forbidden by the system"
    assert not drawer.form.is_dirty()
    type_into(page, "borrow_fee_rate", "9%")
    assert drawer.form.notes["status"].text() == "" and drawer.primary.isEnabled()
    drawer.primary.click()
    order = aio(ApprovalsClient(api).work_order(submitted_order_id(aio, page)))
    assert [(r["symbol"], r["status"], r["borrow_fee_rate"]) for r in order.payload["rows"]] == [
        (symbol, "system_forbidden", "0.0900")]
    aio(ApprovalsClient(api).withdraw(order.id))
    aio(page.wait_idle())
    aio(api.aclose())
    assert errors == []
