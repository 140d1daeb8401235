"""The Risk pictures of Resubmit… for ``python -m desktop.screenshots``: a refused long stock margin
edit reopened from My Requests in its page's side drawer, and a refused day-trade window in the
intraday page's Rule Settings, each with the order's banner, a corrected field and the maker's note.

``seed`` runs before the other pictures' orders, while the day-trade windows are free: the
administrator's two changes, rejected by the demo checker once per language with that language's
reason, then marked seen, so that "Returned to me" counts only the order of its own picture. It
keeps their ids for ``capture`` (one run of the command, one backend), so that the shared script
only calls the two. By the time of the pictures the US window awaits the maker's order of another
picture: its card says so.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QLineEdit, QWidget

from desktop import approvals_screenshots
from desktop.main_window import MainWindow
from services.api_client import ApiClient
from services.clients.approvals import ApprovalsClient
from services.clients.risk import DAY_TRADE_WINDOW_FLOW, RiskClient
from services.clients.session import SessionClient
from services.contract.queries import LongMarginQuery
from services.contract.schemas import LongMarginIn, WorkOrderSubmit

MARGIN_FLOW = "risk.credit.update_stock_margin_task"
MY_REQUESTS = "approvals.my_requests"
LONG_PAGE, INTRADAY_PAGE = "risk.credit.long_stock_margin", "risk.credit.intraday_margin"
HK_ROW = 30  # a HK row no other picture's order touches
LANGUAGES = ("zh_Hant", "en")
REASONS = {
    "zh_Hant": {"margin": "盈利警告後 40% 的 IM 太寬鬆，請改為 50%。", "window": "15:20 強制平倉太早，請改為 15:40。"},
    "en": {"margin": "IM 40% is too loose after the profit warning; 50% please.",
           "window": "Force-close at 15:20 is too early; 15:40 please."},
}
NOTES = {
    "zh_Hant": {"margin": "已按要求把 IM 改為 50%，其餘不變。", "window": "已按要求把強制平倉改為 15:40。"},
    "en": {"margin": "IM now 50% as asked; the rest unchanged.", "window": "Force-close moved to 15:40 as asked."},
}

_orders: dict[str, dict[str, int]] = {}  # seed's orders, by language then "margin" or "window"

Wait = Callable[[Callable[[], object], float, str], Awaitable[None]]
Save = Callable[[QWidget, Path], Path]


async def _signed_in(url: str, username: str) -> ApiClient:
    api = ApiClient(url)
    await SessionClient(api).login(username, f"{username}-demo")
    return api


async def seed(url: str) -> None:
    """The administrator's rejected orders, one of each per language, kept for ``capture``."""
    admin, checker = await _signed_in(url, "admin"), await _signed_in(url, "checker")
    try:
        rows = await RiskClient(admin).long_margins(LongMarginQuery(market="HK", limit=HK_ROW + 1))
        live = rows.items[-1]
        edit = LongMarginIn.model_validate(live, from_attributes=True).model_copy(update={
            "im": Decimal("0.4"), "mcm": Decimal("0.35"), "mm": Decimal("0.3"), "fm": Decimal("0.25")})
        payloads = {"margin": (MARGIN_FLOW, edit.model_dump(mode="json")),
                    "window": (DAY_TRADE_WINDOW_FLOW, {"market": "US", "time_zone": "America/New_York",
                                                       "start": "09:30", "force_close": "15:20", "end": "16:00"})}
        _orders.clear()
        for language in LANGUAGES:
            for what, (flow, payload) in payloads.items():
                order = await ApprovalsClient(admin).submit(WorkOrderSubmit(flow=flow, payload=payload),
                                                            str(uuid.uuid4()))
                await ApprovalsClient(checker).reject(order.id, REASONS[language][what], level=1)
                _orders.setdefault(language, {})[what] = order.id
        await ApprovalsClient(admin).mark_returned_seen()
    finally:
        await admin.aclose()
        await checker.aclose()


async def _resubmit(window: MainWindow, order_id: int, wait_for: Wait) -> None:
    """My Requests › the order › Resubmit…, as the administrator does."""
    page = await approvals_screenshots.open_list(window, MY_REQUESTS, wait_for)
    await approvals_screenshots.choose(page, order_id, wait_for)
    page.resubmit_current()


async def capture(window: MainWindow, out: Path, language: str, wait_for: Wait,
                  settle: Callable[[], Awaitable[None]], save: Save) -> list[Path]:
    mine = _orders[language]
    written = []
    # The long margin edit in the drawer: IM corrected as the checker asked, with a note.
    await _resubmit(window, mine["margin"], wait_for)
    page = window.page(LONG_PAGE)
    drawer = page.drawer
    await wait_for(lambda: drawer.isVisible() and drawer.resubmitting.order is not None, 30, "the drawer")
    im = drawer.form.editors["im"]
    assert isinstance(im, QLineEdit)
    im.setText("50%")
    im.textEdited.emit("50%")
    drawer.resubmitting.banner.note_edit.setPlainText(NOTES[language]["margin"])
    await settle()
    try:
        written.append(save(window, out / f"long_stock_margin_resubmit_{language}.png"))
    finally:
        drawer.force_close()
    # The day-trade window in Rule Settings: its card prefilled, the force-close corrected.
    await _resubmit(window, mine["window"], wait_for)
    rules = window.page(INTRADAY_PAGE).tools.rules
    card = rules.editor.cards["US"]
    await wait_for(lambda: card.live is not None and card.proposal is None, 30, "the order's window")
    card.pickers["force_close"].setTime(QTime(15, 40))
    rules.editor.resubmitting.banner.note_edit.setPlainText(NOTES[language]["window"])
    await settle()
    try:
        written.append(save(rules, out / f"intraday_rule_settings_resubmit_{language}.png"))
    finally:
        rules.close()
    return written
