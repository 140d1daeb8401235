"""The Approvals pictures of ``python -m desktop.screenshots``: the four lists (CC'd to Me with a
blocked order, History empty), the detail of a two-level route, and the approve confirmation.

Seeded once over HTTP: two approval chains set as the product sets them (the admin submits, the
second administrator approves), then orders the chains route. The day-trade window's chain has a
level for the checker and a joint (會簽) level for the second checker and the admin, copying the
admin; a delete of a margin row goes to the checker at both levels, so once the checker decides the
first its second can never complete (one person decides one level): blocked.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from desktop.main_window import MainWindow
from services.api_client import ApiClient
from services.clients.approvals import ApprovalsClient
from services.clients.risk import RiskClient
from services.clients.session import SessionClient
from services.contract.identity import APPROVAL_CHAIN_FLOW
from services.contract.queries import LongMarginQuery
from services.contract.schemas import WorkOrderSubmit
from ui.approvals.list_page import WorkOrdersPage
from ui.approvals.resubmit_dialog import ResubmitDialog

WINDOW_FLOW = "risk.credit.set_day_trade_time_config"
DELETE_FLOW = "risk.credit.delete_stock_margin_ratio"
FREE_HK_ROW = 40  # a HK row no other picture's order touches

Wait = Callable[[Callable[[], bool], float, str], Awaitable[None]]
Save = Callable[[QWidget, Path], Path]


async def _signed_in(url: str, username: str) -> ApiClient:
    api = ApiClient(url)
    await SessionClient(api).login(username, f"{username}-demo")
    return api


def _people(*users: str) -> dict:
    return {"roles": [], "users": list(users)}


async def seed_routes(url: str) -> dict[str, int]:
    """The chains, then a two-level order awaiting its joint level and a blocked one; their ids."""
    clients = {u: await _signed_in(url, u) for u in ("admin", "admin2", "maker", "checker")}
    approvals = {u: ApprovalsClient(api) for u, api in clients.items()}
    try:
        chains = {
            WINDOW_FLOW: {"levels": [{"approvers": _people("checker"), "mode": "any"},
                                     {"approvers": _people("checker2", "admin"), "mode": "all"}],
                          "cc": _people("admin", "service")},
            DELETE_FLOW: {"levels": [{"approvers": _people("checker"), "mode": "any"},
                                     {"approvers": _people("checker"), "mode": "any"}],
                          "cc": _people("admin")},
        }
        for flow, chain in chains.items():
            change = await approvals["admin"].submit(WorkOrderSubmit(
                flow=APPROVAL_CHAIN_FLOW, payload={"flow": flow, "chain": chain}), str(uuid.uuid4()))
            await approvals["admin2"].approve(change.id, level=1)
        two_levels = await approvals["maker"].submit(WorkOrderSubmit(flow=WINDOW_FLOW, payload={
            "market": "HK", "time_zone": "Asia/Hong_Kong", "start": "09:30", "force_close": "15:50",
            "end": "16:00"}), str(uuid.uuid4()))
        await approvals["checker"].approve(two_levels.id, level=1)
        rows = await RiskClient(clients["maker"]).long_margins(LongMarginQuery(market="HK", limit=FREE_HK_ROW + 1))
        blocked = await approvals["maker"].submit(WorkOrderSubmit(
            flow=DELETE_FLOW, payload={"symbol": rows.items[-1].symbol}), str(uuid.uuid4()))
        await approvals["checker"].approve(blocked.id, level=1)
        # The administrator's delete, rejected: nothing to correct, so Resubmit… asks for a note.
        rows = await RiskClient(clients["admin"]).long_margins(LongMarginQuery(market="HK", limit=FREE_HK_ROW + 2))
        refused = await approvals["admin"].submit(WorkOrderSubmit(
            flow=DELETE_FLOW, payload={"symbol": rows.items[-1].symbol}), str(uuid.uuid4()))
        await approvals["checker"].reject(refused.id, "Still held by margin clients; wait for month end", level=1)
        return {"two_levels": two_levels.id, "blocked": blocked.id, "refused": refused.id}
    finally:
        for api in clients.values():
            await api.aclose()


async def open_list(window: MainWindow, key: str, wait_for: Wait) -> WorkOrdersPage:
    """A work-order list opened, read afresh and wholly loaded (the other pictures' modules use it too)."""
    window.open_page(key)
    page = window.page(key)
    assert isinstance(page, WorkOrdersPage)
    page.refresh()
    await wait_for(lambda: not page.model.loading and page.model.total is not None, 30, f"{key} listed")
    await page.model.fetch_all()
    return page


async def choose(page: WorkOrdersPage, order_id: int, wait_for: Wait) -> None:
    page.table.selectRow([row.id for row in page.model.rows()].index(order_id))
    await wait_for(lambda: page.detail.order is not None and page.detail.order.id == order_id, 30,
                   f"work order #{order_id}")


async def capture(window: MainWindow, orders: dict[str, int], out: Path, language: str, wait_for: Wait,
                  settle: Callable[[], Awaitable[None]], save: Save) -> list[Path]:
    written = []
    # CC'd to Me: the blocked order chosen, its route saying why in red; the list marks it too.
    cc = await open_list(window, "approvals.cc_me", wait_for)
    await choose(cc, orders["blocked"], wait_for)
    await settle()
    written.append(save(window, out / f"approvals_cc_me_blocked_{language}.png"))
    # History: the admin decided nothing, and the list says so.
    history = await open_list(window, "approvals.history", wait_for)
    await wait_for(history.empty_note.isVisible, 10, "the empty history's note")
    await settle()
    written.append(save(window, out / f"approvals_history_empty_{language}.png"))
    mine = await open_list(window, "approvals.my_requests", wait_for)
    if mine.model.rowCount():
        mine.table.selectRow(0)
    await settle()
    written.append(save(window, out / f"approvals_my_requests_{language}.png"))
    # Resubmitting the refused delete: the note to the approvers, nothing else to correct.
    await choose(mine, orders["refused"], wait_for)
    await wait_for(mine.resubmit_button.isEnabled, 10, "Resubmit… enabled")
    mine.resubmit_button.click()
    note = mine.dialog
    assert isinstance(note, ResubmitDialog)
    note.banner.note_edit.setPlainText("Month end has passed: the clients have closed their positions.")
    await wait_for(note.isVisible, 10, "the resubmit dialog")
    await settle()
    try:
        written.append(_save_over(window, note, out / f"approvals_resubmit_note_{language}.png"))
    finally:
        note.reject()  # not resubmitted: the other language's pictures show the same
    # The inbox with the two-level order: level 1 decided by the checker, the joint level awaiting.
    inbox = await open_list(window, "approvals.inbox", wait_for)
    await choose(inbox, orders["two_levels"], wait_for)
    await settle()
    written.append(save(window, out / f"approvals_route_two_levels_{language}.png"))
    inbox.approve_button.click()
    dialog = inbox.dialog
    assert dialog is not None
    await wait_for(dialog.isVisible, 10, "the approve confirmation")
    await settle()
    try:
        written.append(_save_over(window, dialog, out / f"approvals_approve_confirmation_{language}.png"))
    finally:
        dialog.reject()  # nothing approved: the other language's pictures show the same
    return written


def _save_over(window: QWidget, dialog: QWidget, path: Path) -> Path:
    """The window dimmed with the dialog over its centre, as the user sees a window-modal question
    (a grab of the window alone leaves the dialog out)."""
    picture = window.grab()
    shot = dialog.grab()
    painter = QPainter(picture)
    painter.fillRect(picture.rect(), QColor(0, 0, 0, 60))
    painter.drawPixmap((picture.width() - shot.width()) // 2, (picture.height() - shot.height()) // 3, shot)
    painter.end()
    if not picture.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return path
