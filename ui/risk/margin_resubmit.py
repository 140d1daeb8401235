"""Resubmit… of Risk › Margin's single changes, opened where they were made (ui/common/resubmission.py):
a margin row's create or edit in its page's side drawer, prefilled from the refused order, and a
market's day-trade window in the intraday page's 規則設置 (Rule Settings).

Deletes have nothing to correct and are not registered: My Requests resubmits them with a note.
An upload is corrected in its preview, a draft batch in its grid (their own modules).
"""

from __future__ import annotations

from functools import partial
from typing import cast

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from services.clients.risk import DAY_TRADE_WINDOW_FLOW, MarginIn, MarginRow
from services.contract.flows import FLOWS, MarginAction, flow
from services.contract.schemas import DayTradeWindowIn, ShortMarginEdits, WorkOrderOut
from services.rules.trading_calendar import MARKETS
from ui.common import resubmission
from ui.risk.margin_controller import is_free
from ui.risk.margin_drawer import look_up
from ui.risk.margin_kinds import KINDS
from ui.risk.margin_page import MarginPage

translate = QCoreApplication.translate  # the name lupdate recognises

DAY_TRADE_WINDOW_PAGE = KINDS["intraday"].page_key  # 規則設置 is on the intraday page
DRAWER_ACTIONS = (MarginAction.CREATE, MarginAction.UPDATE)


def register() -> None:
    """Each margin table's create and edit flows to its page's drawer; the window to 規則設置."""
    for row in FLOWS:
        if row.margin_kind is not None and row.margin_action in DRAWER_ACTIONS:
            resubmission.register([row.id], KINDS[row.margin_kind.value].page_key, reopen_in_drawer)
    resubmission.register([DAY_TRADE_WINDOW_FLOW], DAY_TRADE_WINDOW_PAGE, reopen_day_trade_window)


def _proposed_row(order: WorkOrderOut) -> MarginIn | None:
    """The one row the order proposes, as its flow's model; None when it is not one row."""
    row = flow(order.flow)
    if row is None:
        return None
    try:
        payload = row.payload_models[0].model_validate(order.payload)
    except ValidationError:
        return None
    if isinstance(payload, ShortMarginEdits):
        # Several rows are a draft batch's edit (the drawer makes one): corrected in its grid, or
        # resubmitted as it was, with a note.
        return payload.rows[0] if len(payload.rows) == 1 else None
    return cast(MarginIn, payload)


def reopen_in_drawer(page: QWidget, order: WorkOrderOut) -> bool:
    """The order's row in the page's side drawer: a new row at once; an edit once its live row is
    read, since Submit compares with the row as it is now."""
    row = flow(order.flow)
    proposed = _proposed_row(order)
    if (not isinstance(page, MarginPage) or row is None or row.margin_kind is None or proposed is None
            or row.margin_kind.value != page.ui.kind or order.flow not in page.controller.flows.values()):
        return False
    if row.margin_action == MarginAction.CREATE:
        page.drawer.correct(order, proposed, None)
        return True
    page.ops.run(look_up(page.controller.client, page.ui.kind, proposed.symbol, creating=True), key="reopen",
                 on_success=partial(_open_edit, page, order, proposed), on_failure=page.controller.refused)
    return True


def _open_edit(page: MarginPage, order: WorkOrderOut, proposed: MarginIn,
               found: tuple[object, MarginRow | None]) -> None:
    _security, live = found
    if live is not None and not is_free(live):  # as Edit…: not while another order on it awaits a decision
        page.controller.outcomeChanged.emit(page.controller.pending_text(live))
        return
    if live is not None:
        page.drawer.correct(order, proposed, live)
        return
    symbol = proposed.symbol
    # The row was deleted after the order was made. Resent as it was (the note dialog), the edit
    # would only be refused: the backend edits no row that is not there. What the maker wanted is
    # these figures on this symbol, so the drawer offers them as a new row, in a new order of the
    # create flow (a resubmission keeps its flow); the refused order stays as it was.
    if "create" in page.controller.flows:
        page.drawer.correct(order, proposed, None, notice=translate(
            "MarginResubmit", "{symbol} has no row any more: it was deleted after work order #{id} was made. "
                              "Submitting makes it again as a new row, in a new work order.").format(
            symbol=symbol, id=order.id))
    else:  # short-sell rows are never created one by one: nothing to correct
        page.controller.outcomeChanged.emit(translate(
            "MarginResubmit", "{symbol} has no row any more: it was deleted after work order #{id} was made, "
                              "so there is nothing to edit.").format(symbol=symbol, id=order.id))


def reopen_day_trade_window(page: QWidget, order: WorkOrderOut) -> bool:
    """The market's card in 規則設置, prefilled with the order's window once the live ones are read."""
    try:
        window = DayTradeWindowIn.model_validate(order.payload)
    except ValidationError:
        return False
    if not isinstance(page, MarginPage) or page.ui.kind != "intraday" or window.market not in MARKETS:
        return False
    page.tools.open_rules().editor.correct(order, window)
    return True
