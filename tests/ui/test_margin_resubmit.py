"""Resubmit… of a refused Risk › Margin change, in the real main window against the real backend:
My Requests opens the change where it was made (the margin page's side drawer, the intraday page's
Rule Settings) prefilled from the order, the maker corrects it and writes a note, and the new order
names the one it corrects; a delete, with nothing to correct, goes again with a note only."""

import pytest
from PySide6.QtCore import QTime
from sqlalchemy import delete
from sqlalchemy.orm import Session

from backend.risk.models import IntradayMarginRow, LongMarginRow, ShortMarginRow
from services.clients.approvals import ApprovalsClient
from services.contract.schemas import WorkOrderOut, WorkOrderStatus
from tests.backend.margin_steps import (
    CREATE,
    DELETE,
    INTRADAY_CREATE,
    INTRADAY_UPDATE,
    SHORT_UPDATE,
    UPDATE,
    intraday,
    row,
    short,
    submit,
    symbols,
)
from tests.backend.work_order_steps import decide, fresh_order, live_window
from tests.qt_fixtures import until
from tests.ui.approval_steps import choose, close_window, open_window
from tests.ui.margin_page_steps import type_into
from ui.approvals.resubmit_dialog import ResubmitDialog

MY_REQUESTS = "approvals.my_requests"
LONG, SHORT, INTRADAY = "risk.credit.long_stock_margin", "risk.credit.short_sell_margin", "risk.credit.intraday_margin"
REASON = "Too tight for a name this volatile"


@pytest.fixture
def maker_window(qtbot, aio, backend, settings):
    window, api = open_window(qtbot, aio, backend, settings, "maker")
    yield window, api
    for key in (LONG, SHORT, INTRADAY):
        page = window.page(key)
        if page is not None:
            aio(page.wait_idle())
    close_window(aio, window, api)


def rejected(backend, flow: str, payload: dict) -> int:
    """The maker's order of ``flow``, rejected by the checker with REASON."""
    response = submit(backend, flow, payload)
    assert response.status_code == 201, response.text
    order_id = response.json()["id"]
    with backend.client("checker") as checker:
        level = checker.get(f"/work-orders/{order_id}").json()["approvals"] + 1
        decided = checker.post(f"/work-orders/{order_id}/decisions",
                               json={"decision": "reject", "level": level, "comment": REASON})
    assert decided.json()["status"] == "rejected", decided.text
    return order_id


def resubmit(aio, window, order_id: int):
    """My Requests › the order › Resubmit…, as the maker does; returns My Requests."""
    window.open_page(MY_REQUESTS)
    requests = window.page(MY_REQUESTS)
    aio(requests.model.fetch_all())
    choose(aio, requests, order_id)
    assert requests.resubmit_button.isEnabled()
    requests.resubmit_button.click()
    return requests


def opened_drawer(aio, window, key: str):
    """The page ``key`` Resubmit… went to, once its drawer is open; the page."""
    assert window.current_page_key() == key
    page = window.page(key)
    aio(until(lambda: page.drawer.isVisible(), message="the drawer"))
    return page


def new_order(aio, api, page) -> WorkOrderOut:
    aio(until(lambda: "resubmitted as #" in page.outcome.text() or "Submitted as" in page.outcome.text(),
              message="submitted"))
    aio(page.wait_idle())
    order_id = int(page.outcome.text().split("#")[-1].split(":")[0])
    return aio(ApprovalsClient(api).work_order(order_id))


def fields(page, *names: str) -> dict[str, object]:
    values = page.drawer.form.raw_values()
    return {name: values[name] for name in names}


def test_a_rejected_long_edit_reopens_in_the_drawer_prefilled_and_goes_with_the_note(aio, maker_window, backend):
    window, api = maker_window
    [symbol] = symbols(backend, "HK", 1, with_row=True, financeable=True)
    old = rejected(backend, UPDATE, row(symbol, im="0.5", mcm="0.45", mm="0.4", fm="0.35", remark="Q3 review"))
    resubmit(aio, window, old)

    page = opened_drawer(aio, window, LONG)
    drawer = page.drawer
    banner = drawer.resubmitting.banner
    assert banner.isVisibleTo(drawer) and banner.title.text() == f"Correcting work order #{old} (Edit long stock margin)"
    assert banner.reason.text() == f"Rejected by Kelvin Wong 黃家豪: {REASON}"
    assert drawer.action == "update" and drawer.form.editors["symbol"].isReadOnly()
    assert fields(page, "symbol", "im", "mcm", "mm", "fm", "remark") == {
        "symbol": symbol, "im": "50.00%", "mcm": "45.00%", "mm": "40.00%", "fm": "35.00%", "remark": "Q3 review"}
    assert symbol in drawer.security.text()  # the live row's name
    assert drawer.primary.isEnabled()  # the order's figures differ from the live row's
    assert not drawer.form.is_dirty()  # nothing typed yet: closing would ask nothing

    type_into(page, "im", "60%")
    banner.note_edit.setPlainText("IM raised to 60% as asked")
    drawer.primary.click()
    new = new_order(aio, api, page)
    assert not drawer.isVisible()
    assert page.outcome.text() == (f"Work order #{old} resubmitted as #{new.id}: Edit long stock margin, "
                                   f"{new.levels} level(s) of approval.")
    assert (new.flow, new.resubmitted_from_id, new.maker_note) == (UPDATE, old, "IM raised to 60% as asked")
    assert {k: new.payload[k] for k in ("symbol", "im", "mcm", "remark")} == {
        "symbol": symbol, "im": "0.6000", "mcm": "0.4500", "remark": "Q3 review"}
    assert new.status == WorkOrderStatus.PENDING
    assert aio(ApprovalsClient(api).work_order(old)).status == WorkOrderStatus.REJECTED  # kept as it was
    aio(ApprovalsClient(api).withdraw(new.id))


def test_a_rejected_long_create_reopens_as_a_new_row_and_cancelling_sends_nothing(aio, maker_window, backend):
    window, api = maker_window
    [symbol] = symbols(backend, "US", 1, with_row=False)
    old = rejected(backend, CREATE, row(symbol, im="0.6", mcm="0.5", mm="0.4", fm="0.35"))
    requests = resubmit(aio, window, old)
    page = opened_drawer(aio, window, LONG)
    drawer = page.drawer
    assert drawer.action == "create" and not drawer.form.editors["symbol"].isReadOnly()
    assert fields(page, "symbol", "market", "im", "fm") == {"symbol": symbol, "market": "US", "im": "60.00%",
                                                          "fm": "35.00%"}
    aio(until(lambda: symbol in drawer.security.text(), message="the symbol's name"))
    assert drawer.form.looked_up == {} and drawer.primary.isEnabled()

    drawer.request_close()  # cancelled: nothing typed, nothing asked, nothing sent
    assert not drawer.isVisible()
    aio(page.wait_idle())
    window.open_page(MY_REQUESTS)
    aio(requests.model.fetch_all())
    assert not [r for r in requests.model.rows() if r.id > old]

    resubmit(aio, window, old)  # and again, to send it this time
    page = opened_drawer(aio, window, LONG)
    assert drawer.resubmitting.banner.note_edit.toPlainText() == ""  # a fresh note for a fresh try
    type_into(page, "mcm", "55%")
    drawer.resubmitting.banner.note_edit.setPlainText("MCM 55%")
    drawer.primary.click()
    new = new_order(aio, api, page)
    assert (new.flow, new.resubmitted_from_id, new.maker_note, new.payload["mcm"]) == (CREATE, old, "MCM 55%",
                                                                                      "0.5500")
    aio(ApprovalsClient(api).withdraw(new.id))


def test_a_rejected_short_sell_edit_reopens_its_one_row_in_the_drawer(aio, maker_window, backend):
    window, api = maker_window
    [symbol] = symbols(backend, "HK", 1, with_row=True, table=ShortMarginRow)
    old = rejected(backend, SHORT_UPDATE, {"rows": [short(symbol, fee="0.05", qty=1000)]})
    resubmit(aio, window, old)
    page = opened_drawer(aio, window, SHORT)
    drawer = page.drawer
    assert drawer.resubmitting.banner.title.text() == f"Correcting work order #{old} (Edit short-sell stock margin)"
    assert fields(page, "symbol", "borrow_fee_rate", "available_qty") == {
        "symbol": symbol, "borrow_fee_rate": "5.00%", "available_qty": "1000"}
    type_into(page, "borrow_fee_rate", "4%")
    drawer.primary.click()
    new = new_order(aio, api, page)
    assert (new.flow, new.resubmitted_from_id, new.maker_note) == (SHORT_UPDATE, old, None)
    assert [(r["symbol"], r["borrow_fee_rate"], r["available_qty"]) for r in new.payload["rows"]] == [
        (symbol, "0.0400", 1000)]
    aio(ApprovalsClient(api).withdraw(new.id))


def test_a_rejected_intraday_create_is_judged_again_in_the_drawer(aio, maker_window, backend):
    window, api = maker_window
    [symbol] = symbols(backend, "HK", 1, with_row=False, table=IntradayMarginRow)
    old = rejected(backend, INTRADAY_CREATE, intraday(symbol, im="0.3", mm="0.25", fm="0.2"))
    resubmit(aio, window, old)
    page = opened_drawer(aio, window, INTRADAY)
    drawer = page.drawer
    assert fields(page, "symbol", "im", "mm", "fm", "active") == {
        "symbol": symbol, "im": "30.00%", "mm": "25.00%", "fm": "20.00%", "active": True}
    type_into(page, "fm", "26%")  # a mistake while correcting: said beside its field, no Submit
    assert drawer.form.notes["fm"].text() == "0.2600 is above MM (0.2500)."
    assert not drawer.primary.isEnabled()
    type_into(page, "fm", "15%")
    drawer.resubmitting.banner.note_edit.setPlainText("FM 15%")
    drawer.primary.click()
    new = new_order(aio, api, page)
    assert (new.flow, new.resubmitted_from_id, new.maker_note, new.payload["fm"]) == (
        INTRADAY_CREATE, old, "FM 15%", "0.1500")
    aio(ApprovalsClient(api).withdraw(new.id))


def _delete_row(backend, table, symbol: str) -> None:
    """Someone's deletion applied meanwhile (written as it lands, without its order)."""
    engine = backend.engine()
    with Session(engine) as session, session.begin():
        session.execute(delete(table).where(table.symbol == symbol))
    engine.dispose()


def test_an_edit_whose_row_was_deleted_meanwhile_is_offered_as_a_new_row(aio, maker_window, backend):
    window, api = maker_window
    [symbol] = symbols(backend, "HK", 1, with_row=True, financeable=True)
    old = rejected(backend, UPDATE, row(symbol, im="0.5", mcm="0.45", mm="0.4", fm="0.35"))
    _delete_row(backend, LongMarginRow, symbol)
    resubmit(aio, window, old)
    page = opened_drawer(aio, window, LONG)
    drawer = page.drawer
    assert drawer.action == "create" and drawer.resubmitting.resubmission() is None  # no banner: a new order
    assert drawer.notice.text() == (f"{symbol} has no row any more: it was deleted after work order #{old} was "
                                    "made. Submitting makes it again as a new row, in a new work order.")
    assert fields(page, "symbol", "im", "mcm") == {"symbol": symbol, "im": "50.00%", "mcm": "45.00%"}
    aio(until(lambda: symbol in drawer.security.text(), message="the symbol's name"))
    drawer.primary.click()
    new = new_order(aio, api, page)
    assert (new.flow, new.resubmitted_from_id, new.payload["im"]) == (CREATE, None, "0.5000")
    aio(ApprovalsClient(api).withdraw(new.id))


def test_a_short_sell_edit_whose_row_was_deleted_says_there_is_nothing_to_edit(aio, maker_window, backend):
    window, api = maker_window
    [symbol] = symbols(backend, "US", 1, with_row=True, table=ShortMarginRow)
    old = rejected(backend, SHORT_UPDATE, {"rows": [short(symbol)]})
    _delete_row(backend, ShortMarginRow, symbol)
    resubmit(aio, window, old)
    page = window.page(SHORT)
    aio(until(lambda: "no row any more" in page.outcome.text(), message="the outcome"))
    assert page.outcome.text() == (f"{symbol} has no row any more: it was deleted after work order #{old} was made, "
                                   "so there is nothing to edit.")
    assert not page.drawer.isVisible()


def test_an_edit_of_a_row_another_order_awaits_is_not_opened_as_edit_says(aio, maker_window, backend):
    window, api = maker_window
    [symbol] = symbols(backend, "HK", 1, with_row=True, table=IntradayMarginRow)
    old = rejected(backend, INTRADAY_UPDATE, intraday(symbol, im="0.3", mm="0.25", fm="0.2"))
    pending = submit(backend, INTRADAY_UPDATE, intraday(symbol, im="0.35", mm="0.25", fm="0.2")).json()["id"]
    resubmit(aio, window, old)
    page = window.page(INTRADAY)
    aio(until(lambda: "awaits approval" in page.outcome.text(), message="the outcome"))
    assert page.outcome.text() == f"{symbol} awaits approval in work order #{pending}."
    assert not page.drawer.isVisible()
    aio(ApprovalsClient(api).withdraw(pending))


def test_a_short_sell_edit_of_several_rows_goes_again_with_a_note(aio, maker_window, backend):
    window, api = maker_window
    picked = symbols(backend, "HK", 2, with_row=True, table=ShortMarginRow)
    old = rejected(backend, SHORT_UPDATE, {"rows": [short(s, fee="0.06") for s in picked]})
    requests = resubmit(aio, window, old)  # a draft batch's edit: the drawer makes one row
    assert window.current_page_key() == MY_REQUESTS  # back from the short-sell page, with a note
    assert isinstance(requests.dialog, ResubmitDialog)
    requests.dialog.banner.note_edit.setPlainText("Fees checked with the desk")
    requests.dialog.confirm()
    aio(requests.wait_idle())
    new = requests.detail.order
    assert (new.resubmitted_from_id, new.maker_note, new.payload) == (
        old, "Fees checked with the desk", aio(ApprovalsClient(api).work_order(old)).payload)
    aio(ApprovalsClient(api).withdraw(new.id))


def test_a_rejected_delete_goes_again_from_my_requests_with_a_note(aio, maker_window, backend):
    window, api = maker_window
    [symbol] = symbols(backend, "HK", 1, with_row=True)
    old = rejected(backend, DELETE, {"symbol": symbol})
    requests = resubmit(aio, window, old)
    assert window.current_page_key() == MY_REQUESTS  # nothing to correct: no editor to go to
    dialog = requests.dialog
    assert isinstance(dialog, ResubmitDialog) and dialog.isVisible()
    assert dialog.banner.reason.text() == f"Rejected by Kelvin Wong 黃家豪: {REASON}"
    dialog.banner.note_edit.setPlainText("The stock is delisted on Friday")
    dialog.confirm()
    aio(requests.wait_idle())
    new = requests.detail.order
    assert requests.outcome.text() == f"Work order #{old} resubmitted as #{new.id}."
    assert (new.flow, new.payload, new.resubmitted_from_id, new.maker_note) == (
        DELETE, {"symbol": symbol}, old, "The stock is delisted on Friday")
    assert new.status == WorkOrderStatus.PENDING
    aio(ApprovalsClient(api).withdraw(new.id))


def test_a_rejected_day_trade_window_reopens_in_rule_settings_prefilled(aio, maker_window, backend):
    window, api = maker_window
    old = fresh_order(backend, "HK", force_close="15:36")["id"]
    assert decide(backend, "checker", old, "reject", REASON).json()["status"] == "rejected"
    resubmit(aio, window, old)
    assert window.current_page_key() == INTRADAY
    rules = window.page(INTRADAY).tools.rules
    assert rules is not None and rules.isVisible()
    editor = rules.editor
    card = editor.cards["HK"]
    aio(until(lambda: card.live is not None and card.pickers["force_close"].time() == QTime(15, 36),
              message="the order's window on the HK card"))
    banner = editor.resubmitting.banner
    assert banner.isVisibleTo(editor) and banner.title.text() == f"Correcting work order #{old} (Set day-trade window)"
    assert card.title().endswith(f" — correcting work order #{old}") and "correcting" not in editor.cards["US"].title()
    assert card.submit.isEnabled() and not editor.cards["US"].is_changed()

    card.pickers["force_close"].setTime(QTime(15, 40))
    banner.note_edit.setPlainText("15:40, as the dealers asked")
    card.submit.click()
    aio(until(lambda: "resubmitted as #" in card.result.text(), message="resubmitted"))
    aio(editor.ops.wait_idle())
    new = aio(ApprovalsClient(api).work_order(int(card.result.text().split("#")[-1].rstrip("."))))
    assert card.result.text() == f"Work order #{old} resubmitted as #{new.id}."
    assert (new.resubmitted_from_id, new.maker_note, new.payload["market"], new.payload["force_close"]) == (
        old, "15:40, as the dealers asked", "HK", "15:40:00")
    assert not banner.isVisibleTo(editor) and editor.client_for("HK") is editor.client  # done correcting
    assert "correcting" not in card.title()
    aio(ApprovalsClient(api).withdraw(new.id))


def test_closing_rule_settings_gives_the_correction_up(aio, maker_window, backend):
    window, api = maker_window
    old = fresh_order(backend, "US", force_close="15:37")["id"]
    assert decide(backend, "checker", old, "reject", REASON).json()["status"] == "rejected"
    live = live_window(backend, "US")
    resubmit(aio, window, old)
    rules = window.page(INTRADAY).tools.rules
    editor, card = rules.editor, rules.editor.cards["US"]
    aio(until(lambda: card.pickers["force_close"].time() == QTime(15, 37), message="the order's window"))
    rules.close()
    assert editor.resubmitting.resubmission() is None and not editor.resubmitting.banner.isVisibleTo(editor)
    assert card.pickers["force_close"].time() == QTime(live.force_close.hour, live.force_close.minute)
    assert not card.is_changed()
    aio(editor.ops.wait_idle())
