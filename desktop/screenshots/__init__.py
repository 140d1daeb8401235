"""``python -m desktop.screenshots --out resources/screenshots``: PNGs of the real app, both languages.

Starts a real embedded backend on a temporary data folder, has the demo maker submit a few work
orders over HTTP, signs in as ``admin`` and grabs the sign-in dialog, the main window showing the
Auto-Convert Query page once its rows arrived, the Approvals Inbox with an upload of long
stock margins open below the list (and its Transfer… and Delegations… dialogs), and the pages of MORE_PAGES (Intraday Margin at a chosen moment;
Message Records with a record the demo customer service resent; Help Center › Articles with the
Markdown drawer open, and its list filtered to a category with sub-categories; Article Categories;
Fund Clearing with a batch that differs, one in settlement and one beyond its fund's difference
limit; Setting Records with dated changes waiting, synced and cancelled; the Audit Log with a dated
change's application chosen and the chain just verified; Approval Flow Settings with a chain that
has a stricter chain chosen), the approval chain editor, the confirmation of a
sync, a row's change history, the intraday page's rule settings, a draft batch in conflict with the
live rows, and the inbox detail of an article edit by the demo editor; Identity's Users and Roles
(with the second administrator's changes awaiting the first), their dialogs, what the deciding
administrator reads of a role change, the first sign-in's choice of a password, and the notice of an order of the administrator's
rejected by the demo checker; an upload preview and a fund confirmation's import with bad rows of
every common kind, their reasons in the picture's language. Run with
QT_QPA_PLATFORM=offscreen on a
machine without a display.

A package whose ``__main__`` runs the command: the upload dialog reads a workbook in a spawned
child (services/excel/read_in_process.py), and a child imports its parent's main module first,
unless that is a package's ``__main__``; this module would bring all of the desktop to each read.
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import logging
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QWidget
from sqlalchemy import delete

from desktop import (
    approvals_screenshots,
    event_loop,
    i18n,
    screenshots_reasons,
    screenshots_resubmit_help_identity,
    screenshots_resubmit_risk,
    screenshots_resubmit_upload,
)
from desktop.app import create_application
from desktop.app_settings import AppSettings
from desktop.embedded_backend import EmbeddedBackend
from desktop.login_dialog import LoginDialog
from desktop.main_window import MainWindow
from desktop.offline_session import OfflineSession, open_workstation
from desktop.password_dialog import PasswordDialog
from desktop.preparation import Preparation
from desktop.style import apply_style
from services.api_client import ApiClient
from services.clients.approvals import ApprovalsClient
from services.clients.help_center import HelpCenterClient
from services.clients.identity import IdentityClient
from services.clients.messages import MessagesClient
from services.clients.risk import RiskClient
from services.clients.session import SessionClient
from services.contract.fund_clearing import Side
from services.contract.help_center import ArticleEditPayload, ArticleQuery
from services.contract.identity import OneTimePasswordOut
from services.contract.permissions import Perm
from services.contract.queries import LONG_MARGIN_PATH, MarginSettingQuery, MessageQuery
from services.contract.schemas import (
    LongMarginIn,
    LongMarginRow,
    MeOut,
    SettingStatus,
    WorkOrderOut,
    WorkOrderSubmit,
)
from services.excel.margin_template import write_rows
from services.message_resend import ResendAction
from services.offline import drafts
from services.offline.conflicts import live_values, save_rows
from services.offline.models import RefMargin
from services.offline.sync import SyncEngine
from ui.approvals.delegations_dialog import DelegationsDialog
from ui.approvals.list_page import WorkOrdersPage
from ui.approvals.transfer_dialog import TransferDialog
from ui.common.layout_items import refuse_held_layout_items
from ui.common.wall_clock import ManualClock
from ui.identity.user_dialogs import OneTimePasswordDialog
from ui.pages import PAGES

log = logging.getLogger(__name__)
HK = ZoneInfo("Asia/Hong_Kong")

FEATURED_PAGE = "margin_call.auto_convert_query"
FEATURED_NAME = "auto_convert"
WINDOW_SIZE = (1440, 860)
INBOX_PAGE = "approvals.inbox"
INBOX_NAME = "approvals_inbox"
RETURNED_NAME = "returned_notice"
# A checker's reason for rejecting the administrator's order, in the picture's language.
REJECTION_REASON = {
    "zh_Hant": "15:20 強制平倉距收市太早，交易員來不及處理；請改為 15:45。",
    "en": "Force-close at 15:20 leaves the dealers too little time before the close; 15:45 please.",
}
UPLOAD_PAGE = "risk.credit.long_stock_margin"
UPLOAD_ROWS = 9  # eight live rows and one new: the whole table fits on screen
CHAIN_PAGE = "identity.approval_chains"


def _edit_a_free_row(page) -> None:
    """The long margin page with its side drawer editing a row (the spec's 側邊欄); a row whose dated
    change already waits, so the list's marker and the drawer's notice show too."""
    free = [i for i, row in enumerate(page.model.rows()) if row.pending_work_order_id is None]
    page.table.selectRow(next((i for i in free if page.model.row(i).pending_setting is not None), free[0]))
    page.edit_current()
    page.drawer.form.editors["im"].setText("35%")
    page.drawer.form.editors["effective_from"].setText("2026-12-25 10:00")  # Christmas: warned, in market time
    page.drawer.form.refresh_notes()


# Wednesday 23 December 2026, 10:00 in Hong Kong: HK rows in effect, US rows not (its night).
INTRADAY_MOMENT = datetime(2026, 12, 23, 2, 0, tzinfo=UTC)


def _intraday_at_a_moment(page) -> None:
    """Intraday Margin with each row's status and ratios now, at INTRADAY_MOMENT."""
    page.now.use_clock(ManualClock(INTRADAY_MOMENT, page))


def _draft_batch(page) -> None:
    """A draft of HK rows typed from a desk's sheet, one of them wrong, open in the editor."""
    batch = drafts.new_batch(page.store, "admin", "long", "upload", title="HK tier review")
    drafts.set_rows(page.store, batch, [
        {"symbol": "00700.HK", "im": "35%", "mcm": "30%", "mm": "25%", "fm": "20%", "remark": "tighten"},
        {"symbol": "09988.HK", "im": "40%", "mcm": "35%", "mm": "30%", "fm": "25%"},
        {"symbol": "03690.HK", "im": "45%", "mcm": "40%", "mm": "50%", "fm": "30%"},
        {"symbol": "01810.HK", "im": "50%", "mcm": "45%", "mm": "40%", "fm": "35%", "remark": "results"},
    ])
    page.refresh()
    page.select(batch)


CONFLICTS_PAGE = "risk.credit.draft_batches"
CONFLICTS_NAME = "draft_conflicts"
_LIVE = {"market": "HK", "im": "0.5000", "mcm": "0.4500", "mm": "0.4000", "fm": "0.3500", "financeable": True,
         "effective_from": None, "remark": None}


def _conflicting_batch(page, engine: SyncEngine) -> str:
    """A queued batch whose live rows moved in the workstation's cache: Tencent changed on both
    sides (the remark: the user's choice), Alibaba only live, Xiaomi created live meanwhile."""
    store = page.store
    live = {"00700.HK": (3, {**_LIVE, "symbol": "00700.HK"}), "09988.HK": (2, {**_LIVE, "symbol": "09988.HK"})}
    with store.session() as session, session.begin():
        for symbol, (version, values) in live.items():
            session.merge(RefMargin(kind="long", symbol=symbol, values=values, version=version))
        session.execute(delete(RefMargin).where(RefMargin.symbol == "01810.HK"))
    batch = drafts.new_batch(store, page.ctx.me.username, "long", "upload", title="HK results week")
    save_rows(store, batch, "long", [
        ({**live_values("long", "upload", live["00700.HK"][1]), "im": "60%", "remark": "tighten"},
         {**live["00700.HK"][1], "version": 3}),
        ({**live_values("long", "upload", live["09988.HK"][1]), "im": "55%"}, {**live["09988.HK"][1], "version": 2}),
        ({"symbol": "01810.HK", "im": "50%", "mcm": "45%", "mm": "40%", "fm": "35%"}, None)])
    with store.session() as session, session.begin():
        session.merge(RefMargin(kind="long", symbol="00700.HK", version=4, values={
            **live["00700.HK"][1], "mcm": "0.4800", "remark": "results week"}))
        session.merge(RefMargin(kind="long", symbol="09988.HK", version=3, values={
            **live["09988.HK"][1], "mm": "0.4200", "remark": "desk B"}))
        session.merge(RefMargin(kind="long", symbol="01810.HK", version=1, values={
            **_LIVE, "symbol": "01810.HK", "im": "0.8000", "remark": "listed"}))
    engine.mark_conflicts()  # what the engine does once the reference data is refreshed
    return batch


async def _capture_conflicts(window: MainWindow, path: Path) -> Path:
    """Draft Batches › a batch in conflict: the rows, and Tencent's fields side by side with the
    value each becomes; the remark, changed on both sides, waits for the user's choice."""
    window.open_page(CONFLICTS_PAGE)
    page = window.page(CONFLICTS_PAGE)
    assert window.offline is not None
    batch = _conflicting_batch(page, window.offline.engine)
    page.refresh()
    page.select(batch)
    conflicts = page.editor.conflicts
    await wait_for(lambda: conflicts.rows_model.rowCount() == 3, 30, "conflicting rows")
    conflicts.rows.selectRow(0)
    await settle()
    return _save(window, path)


async def _show_a_resent_message(page) -> None:
    """Message Records with the resent record of seed_message_resend chosen: its content and a
    timeline of the original delivery and the resend, who asked and why."""
    row = next(i for i, record in enumerate(page.model.rows()) if record.attempts > 1)
    record_id = page.model.row(row).id
    page.table.selectRow(row)
    await wait_for(lambda: page.detail.record is not None and page.detail.record.id == record_id, 30,
                   f"message #{record_id}")


# The article each language's pictures open: the drawer edits one with a table and a list, the
# approval shows an edit of one with a list and a remote image (not loaded until asked).
DRAWER_ARTICLE = {"zh_Hant": "開戶所需文件", "en": "Documents required for account opening"}
EDITED_ARTICLE = {"zh_Hant": "如何網上開戶", "en": "How to open an account online"}
ARTICLE_LANGUAGE = {"zh_Hant": "zh-Hant", "en": "en"}
ARTICLE_CHANGE_NAME = "approval_article_change"
DRAWER_ADDITION = {"zh_Hant": "| 公司客戶 | 商業登記證及註冊證書 | 最近 3 個月的銀行月結單 |\n",
                   "en": "| Corporate client | Business registration and certificate of incorporation "
                         "| Bank statement (last 3 months) |\n"}


async def _edit_an_article(page) -> None:
    """Help Center › Articles with the side drawer editing an article whose Markdown holds a table
    and a list, one table row being added (the preview follows the source)."""
    language = i18n.current_language()
    row = next(r for r in page.model.rows() if r.title == DRAWER_ARTICLE[language])
    page.select_article(row.id)
    page.edit_current()
    await wait_for(lambda: page.drawer.editor.article is not None and page.drawer.editor.article.id == row.id, 30,
                   f"article #{row.id}")
    source = page.drawer.form.source
    text = source.toPlainText()
    at = text.index("\n\n", text.index("|---|"))  # the end of the table
    cursor = source.textCursor()
    cursor.setPosition(at + 1)
    source.setTextCursor(cursor)
    source.insertPlainText(DRAWER_ADDITION[language])
    await asyncio.sleep(0.4)  # the preview follows the source after a pause


def _choose_a_category(page) -> None:
    """Article Categories with a second-level category chosen, its actions enabled."""
    page.select_category(next(c.id for c in page.controller.categories if c.code == "trading_rules"))


async def _capture_articles_list(window: MainWindow, path: Path) -> Path:
    """Help Center › Articles, the drawer closed, filtered to Trading (its sub-categories' articles,
    their publish scenes and one external link), one language."""
    window.open_page("help_center.articles")
    page = window.page("help_center.articles")
    page.drawer.force_close()
    trading = next(c.id for c in page.controller.categories if c.code == "trading")
    page.filter_bar.reset()
    page.filter_bar.set_values(category_id=trading, language=ARTICLE_LANGUAGE[i18n.current_language()])
    page.filter_bar.search()
    await wait_for(lambda: not page.model.loading and page.model.rowCount() > 0, 30, "trading articles")
    page.table.selectRow(0)
    await settle()
    return _save(window, path)


async def _show_a_batch_to_reconcile(page) -> None:
    """Fund Clearing with a batch whose sides both hold lines: one explained, one still differing
    if the demo has such a batch, the lines scrolled to their status and explanation."""
    def score(batch) -> tuple[bool, ...]:
        sides = (batch.subscriptions, batch.redemptions)
        both = all(side.orders for side in sides)
        explained = any(side.explained for side in sides)
        differ = any(side.unexplained for side in sides)
        return (both and explained and differ, both and explained, both and differ, explained or differ)

    chosen = max(page.controller.batches, key=score)
    page.batch_list.select_batch(chosen.id)
    shown = page.controller
    await wait_for(lambda: page.is_ready() and shown.batch is not None and shown.batch.id == chosen.id, 30,
                   f"fund batch #{chosen.id}")
    for panel in page.panels.values():  # no line chosen: the tints of the lines that differ show
        panel.table.clearSelection()
        panel.table.horizontalScrollBar().setValue(panel.table.horizontalScrollBar().maximum())
    total = sum(page.splitter.sizes())
    page.splitter.setSizes([total * 2 // 5, total - total * 2 // 5])


async def _verify_the_audit_chain(page) -> None:
    """Identity › Audit Log, read again (the events the pictures before made), with the dated
    change synced by seed_setting_records chosen (its values before and after, field by field) and
    the whole chain just verified."""
    page.refresh()
    await wait_for(lambda: page.is_ready() and not page.model.loading, 30, "audit events")
    while not any(e.action == "margin_setting.apply" for e in page.model.rows()) and page.model.canFetchMore():
        page.model.fetchMore()
        await page.model.wait_idle()
    row = next(i for i, e in enumerate(page.model.rows()) if e.action == "margin_setting.apply")
    event_id = page.model.row(row).id
    page.table.selectRow(row)
    page.controller.verify_chain()
    await wait_for(lambda: page.detail.shown_event is not None and page.detail.shown_event.id == event_id, 30,
                   f"audit event #{event_id}")
    await wait_for(lambda: page.controller.check is not None and not page.controller.checking, 60,
                   "the chain's check")
    total = sum(page.splitter.sizes())
    page.splitter.setSizes([total // 2, total - total // 2])
    page.table.scrollTo(page.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)


def _choose_a_waiting_record(page) -> None:
    """Setting Records with a record that still waits (未觸發) chosen: 同步 and 取消同步 enabled."""
    page.table.selectRow(next(i for i, r in enumerate(page.model.rows()) if r.status == SettingStatus.PENDING))


SETTING_DAYS = (1, 2, 3, 5, 8)  # the dated changes' effective days from now, 09:30 Hong Kong time
SETTING_REVOKE_REASON = "Results date moved; the desk will set it again"


async def seed_setting_records(url: str) -> str:
    """Dated changes of a few HK rows the featured upload leaves free, approved: they wait as setting
    records. The first row is changed at once before its dated change is synced now (its history
    has two changes); the second one's is cancelled. Returns the first row's symbol."""
    maker, checker = await _signed_in(url, "maker"), await _signed_in(url, "checker")
    try:
        page = await maker.get_page(LONG_MARGIN_PATH, LongMarginRow, {"market": "HK", "limit": UPLOAD_ROWS + 12})
        rows = [r for r in page.items[UPLOAD_ROWS:] if r.financeable and r.im <= Decimal("0.85")][:len(SETTING_DAYS)]

        async def approved(values: LongMarginIn) -> int:
            order = await ApprovalsClient(maker).submit(
                _submit("risk.credit.update_stock_margin_task", values.model_dump(mode="json")), str(uuid.uuid4()))
            await ApprovalsClient(checker).approve(order.id, level=1)
            return order.id

        first = LongMarginIn.model_validate(rows[0], from_attributes=True)
        first.mcm = min(first.mcm + Decimal("0.05"), first.im)
        await approved(first)
        today = datetime.now(HK).replace(hour=9, minute=30, second=0, microsecond=0)
        for days, row in zip(SETTING_DAYS, rows, strict=False):
            values = first.model_copy() if row is rows[0] else LongMarginIn.model_validate(row, from_attributes=True)
            values.im = row.im + Decimal("0.10")
            values.effective_from = today + timedelta(days=days)
            values.remark = "Results week: tighter until the announcement"
            await approved(values)
        risk = RiskClient(maker)
        waiting = (await risk.settings(MarginSettingQuery(status=SettingStatus.PENDING, limit=50))).items
        by_symbol = {s.symbol: s for s in waiting}
        await risk.apply_setting_now(by_symbol[rows[0].symbol].id)
        await risk.revoke_setting(by_symbol[rows[1].symbol].id, SETTING_REVOKE_REASON)
        return rows[0].symbol
    finally:
        await maker.aclose()
        await checker.aclose()


async def _capture_history(window: MainWindow, symbol: str, path: Path) -> Path:
    """Long Stock Margin › a row's Change History (變更記錄): its synced setting and its edit."""
    window.open_page(UPLOAD_PAGE)
    page = window.page(UPLOAD_PAGE)
    page.filter_bar.set_values(symbol=symbol)
    page.filter_bar.search()
    await wait_for(lambda: not page.model.loading and any(r.symbol == symbol for r in page.model.rows()), 30,
                   f"{symbol}'s row")
    page.table.selectRow(next(i for i, r in enumerate(page.model.rows()) if r.symbol == symbol))
    dialog = page.tools.open_history()
    await wait_for(lambda: dialog.is_ready() and dialog.model.rowCount() > 0, 30, f"{symbol}'s history")
    await settle()
    try:
        return _save(dialog, path)
    finally:
        dialog.close()
        page.filter_bar.reset()


async def _capture_sync_confirmation(window: MainWindow, path: Path) -> Path:
    """Setting Records › 同步: the record's values beside the live row, before anything is sent."""
    page = window.page("risk.credit.setting_records")
    page.controller.prepare("sync", page.current_row())
    await wait_for(lambda: page.dialog is not None and page.dialog.isVisible(), 30, "the sync confirmation")
    await settle()
    try:
        return _save(page.dialog, path)
    finally:
        page.dialog.reject()  # nothing is synced: the other language's pictures show the same records


async def _capture_rule_settings(window: MainWindow, path: Path) -> Path:
    """Intraday Real-Time Margin › 規則設置: each market's day-trade window, as the manual places it."""
    window.open_page("risk.credit.intraday_margin")
    page = window.page("risk.credit.intraday_margin")
    await wait_for(page.is_ready, 60, "intraday rows")
    dialog = page.tools.open_rules()
    await wait_for(dialog.editor.is_ready, 30, "the day-trade windows")
    await settle()
    try:
        return _save(dialog, path)
    finally:
        dialog.close()


async def _choose_batch(page, wanted, what: str) -> None:
    """Fund Clearing showing the first listed batch ``wanted`` says yes to, no line chosen."""
    chosen = next((b for b in page.controller.batches if wanted(b)), None)
    if chosen is None:
        raise LookupError(f"the demo has no fund batch {what}")
    page.batch_list.select_batch(chosen.id)
    await wait_for(lambda: page.is_ready() and page.controller.batch is not None
                   and page.controller.batch.id == chosen.id, 30, f"fund batch #{chosen.id}")
    for panel in page.panels.values():
        panel.table.clearSelection()
        panel.table.horizontalScrollBar().setValue(0)
    total = sum(page.splitter.sizes())
    page.splitter.setSizes([total * 2 // 5, total - total * 2 // 5])


async def _capture_fund_states(window: MainWindow, out: Path, language: str) -> list[Path]:
    """Fund Clearing in settlement (subscriptions settled, redemptions between 贖回貨交割 and
    贖回錢交割, the step buttons under the list) and with a side beyond the difference limit
    after the other side's confirmation (waiting for a corrected file)."""
    window.open_page("funds.clearing")
    page = window.page("funds.clearing")
    await _choose_batch(page, lambda b: b.redemptions.settlement == "units_delivered" and b.redemptions.orders,
                        "between its redemption steps")
    await settle()
    written = [_save(window, out / f"fund_clearing_settlement_{language}.png")]
    await _choose_batch(page, lambda b: b.redemptions.beyond_limit and b.subscriptions.state == "confirmed",
                        "beyond its limit after one side's confirmation")
    reds = page.panels[Side.REDEMPTION]
    reds.table.selectRow(next(i for i, line in enumerate(reds.lines()) if line.beyond_limit))
    for panel in page.panels.values():  # the lines' status and explanation
        panel.table.horizontalScrollBar().setValue(panel.table.horizontalScrollBar().maximum())
    await settle()
    written.append(_save(window, out / f"fund_clearing_beyond_limit_{language}.png"))
    return written


def _choose_a_user(page) -> None:
    """Identity › Users with a user whose change of roles awaits approval chosen."""
    page.select_user("funds")


def _choose_a_role(page) -> None:
    """Identity › Roles with a role of many permissions chosen, grouped by menu area."""
    page.select_role("risk_checker")
CHAIN_FLOW_SHOWN = "risk.credit.upload_stock_margin_ratio"  # a chain with a stricter chain for big uploads
CHAIN_EDITOR_NAME = "approval_chain_editor"


def _choose_a_chain(page) -> None:
    page.select_flow(CHAIN_FLOW_SHOWN)


async def _capture_chain_editor(window: MainWindow, path: Path) -> Path:
    """配置 of a chain with a stricter chain: a second level being added, not yet naming anyone,
    so the editor says why it cannot be saved (nothing is sent)."""
    window.open_page(CHAIN_PAGE)
    page = window.page(CHAIN_PAGE)
    await wait_for(page.is_ready, 30, "approval chains")
    page.select_flow(CHAIN_FLOW_SHOWN)
    page.configure()
    dialog = page.dialog
    dialog.outline.add_level()
    dialog.pane.approvers.person.setText("Sandy")
    await settle()
    try:
        return _save(dialog, path)
    finally:
        dialog.reject()


# More pages as they look when opened: page key → (file name, what to do first, which may be a
# coroutine). A page that is not a table says when it is ready with ``is_ready()``.
MORE_PAGES = {
    "risk.credit.draft_batches": ("draft_batches", _draft_batch),
    "risk.credit.intraday_margin": ("intraday_margin", _intraday_at_a_moment),
    "risk.credit.setting_records": ("setting_records", _choose_a_waiting_record),
    "risk.credit.long_stock_margin": ("long_stock_margin", _edit_a_free_row),
    "messages.records": ("message_records", _show_a_resent_message),
    "help_center.articles": ("help_center_articles", _edit_an_article),
    "help_center.categories": ("help_center_categories", _choose_a_category),
    "funds.clearing": ("fund_clearing", _show_a_batch_to_reconcile),
    "identity.users": ("identity_users", _choose_a_user),
    "identity.roles": ("identity_roles", _choose_a_role),
    "identity.audit_log": ("audit_log", _verify_the_audit_chain),
    "identity.approval_chains": ("approval_chains", _choose_a_chain),
}
MESSAGE_RESEND_REASON = "Customer says the confirmation never arrived; address checked by phone"


async def wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")
        await asyncio.sleep(0.05)


def has_rows(page: QWidget) -> bool:
    return any(view.model() is not None and view.model().rowCount() > 0
               for view in page.findChildren(QAbstractItemView))


async def settle() -> None:
    # A few turns of the loop so layouts, fonts and pending paints are done before grabbing.
    for _ in range(3):
        await asyncio.sleep(0.02)
    # Every picture first checks that no page or dialog built so far broke the layout rule
    # (ui/common/layout_items.py): the walk through the app is where such a break would show.
    refuse_held_layout_items()


@dataclass(frozen=True)
class Seeded:
    """What the pictures add to the demo over HTTP, as the pictures need to find it."""

    featured_order: int  # the upload the inbox shows
    history_symbol: str  # the row whose change history is shown
    identity: tuple[OneTimePasswordOut, int]  # a new user's one-time password; a role change's order
    routed: dict[str, int]  # the approvals pictures' orders


async def seed_demo(url: str) -> Seeded:
    """Work orders, a resend, dated changes, users and roles, approval chains: the demo as the
    pictures show it (tests/ui/test_nothing_cut_off.py renders every page on it too)."""
    await screenshots_resubmit_risk.seed(url)  # first: while the day-trade windows are free
    featured_order = await seed_work_orders(url)
    await seed_message_resend(url)
    history_symbol = await seed_setting_records(url)
    identity = await seed_identity(url)
    routed = await approvals_screenshots.seed_routes(url)
    return Seeded(featured_order, history_symbol, identity, routed)


async def capture(out: Path, data_dir: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    # Message records past the lists' exact count (10,000), not the default 20,000: the list says
    # "more than 10,000" all the same, and seeding takes half as long.
    backend = EmbeddedBackend(data_dir / "server", extra_args=["--demo-accounts", "2000", "--demo-messages", "10500"])
    api = ApiClient(await backend.start())
    try:
        seeded = await seed_demo(api.base_url)
        written: list[Path] = []
        for language in ("zh_Hant", "en"):
            written += await _capture_language(api, language, out, data_dir, seeded)
        return written
    finally:
        await api.aclose()
        backend.stop()


async def _signed_in(url: str, username: str) -> ApiClient:
    api = ApiClient(url)
    await SessionClient(api).login(username, f"{username}-demo")
    return api


def _submit(flow: str, payload: dict) -> WorkOrderSubmit:
    return WorkOrderSubmit(flow=flow, payload=payload)


async def seed_work_orders(url: str) -> int:
    """Orders of the demo maker awaiting the admin; returns the one to show (an upload whose
    rows are changed, unchanged and new: one symbol's row is deleted through a checker first)."""
    maker, checker = await _signed_in(url, "maker"), await _signed_in(url, "checker")
    try:
        page = await maker.get_page(LONG_MARGIN_PATH, LongMarginRow, {"market": "HK", "limit": UPLOAD_ROWS})
        rows, gone = page.items[:-1], page.items[-1]
        removed = await ApprovalsClient(maker).submit(
            _submit("risk.credit.delete_stock_margin_ratio", {"symbol": gone.symbol}), str(uuid.uuid4()))
        await ApprovalsClient(checker).approve(removed.id, level=1)

        proposed = []
        for i, row in enumerate(rows):
            values = LongMarginIn.model_validate(row, from_attributes=True)
            if row.financeable and i % 3 == 1:  # a tighter IM; every third also a tighter MCM
                values.im = min(row.im + Decimal("0.05"), Decimal("0.95"))
                if i % 2:
                    values.mcm = min(row.mcm + Decimal("0.05"), values.im)
            if i == 4:
                values.remark = "Results on Friday; review after the announcement"
            proposed.append(values.model_dump(mode="json"))
        proposed.append(LongMarginIn(symbol=gone.symbol, market=gone.market, im=Decimal("0.6"),
                                     mcm=Decimal("0.55"), mm=Decimal("0.5"), fm=Decimal("0.45"),
                                     remark="Relisted after the rights issue").model_dump(mode="json"))
        upload: WorkOrderOut = await ApprovalsClient(maker).submit(
            _submit("risk.credit.upload_stock_margin_ratio", {"mode": "upsert", "rows": proposed}),
            str(uuid.uuid4()))
        await ApprovalsClient(maker).submit(_submit("risk.credit.set_day_trade_time_config", {
            "market": "US", "time_zone": "America/New_York", "start": "09:30", "force_close": "15:45",
            "end": "16:00"}), str(uuid.uuid4()))
        us = await maker.get_page(LONG_MARGIN_PATH, LongMarginRow, {"market": "US", "limit": 3})
        await ApprovalsClient(maker).submit(_submit("risk.credit.batch_delete_stock_margin_ratio",
                                                    {"symbols": [r.symbol for r in us.items]}), str(uuid.uuid4()))
        return upload.id
    finally:
        await maker.aclose()
        await checker.aclose()


async def seed_message_resend(url: str) -> int:
    """Customer service resends one of the newest delivered trade confirmations; returns its id."""
    service = await _signed_in(url, "service")
    try:
        messages = MessagesClient(service)
        newest = await messages.records(MessageQuery(limit=100))
        record = next(r for r in newest.items if r.template == "trade_confirmation" and r.status == "delivered")
        await messages.resend(ResendAction((record.id,), MESSAGE_RESEND_REASON))
        return record.id
    finally:
        await service.aclose()


IDENTITY_NOTE = "Covers the message desk while Peter is on leave in December"


async def seed_identity(url: str) -> tuple[OneTimePasswordOut, int]:
    """Users and roles as the administrator finds them: a new user who has not signed in yet, a
    disabled one, and the second administrator's changes of a user's roles and of a role, awaiting
    the first's decision. Returns the new user's one-time password (for its dialog) and the role
    change's order."""
    admin2 = await _signed_in(url, "admin2")
    try:
        identity = IdentityClient(admin2)
        issued = await identity.create_user("ops.lee", "Lee Ka Ho 李家豪")
        await identity.create_user("ops.ng", "Ng Wing Sze 吳詠詩")
        await identity.disable("ops.ng")
        await identity.submit_user_roles("funds", ["customer_service", "fund_ops"], IDENTITY_NOTE)
        service = next(r for r in await identity.roles() if r.code == "customer_service")
        order = await identity.submit_role(
            "customer_service", "Client service", "客戶服務部",
            [p for p in service.permissions if p != Perm.MESSAGE_RECORD_RESEND] + [Perm.HELP_ARTICLE_VIEW.value],
            "Resends move to the operations desk; the service desk answers Help Center questions")
        return issued, order.id
    finally:
        await admin2.aclose()


async def _capture_identity_dialogs(window: MainWindow, out: Path, language: str,
                                    identity: tuple[OneTimePasswordOut, int]) -> list[Path]:
    """New User, the one-time password shown once, Change Roles with a note, the role editor
    narrowed to a word, what the deciding administrator reads of a role change, and the first
    sign-in's choice of a password. Nothing here is submitted."""
    issued, role_order = identity
    users = window.page("identity.users")
    written = []

    async def shot(dialog, name: str) -> None:
        dialog.show()
        await settle()
        written.append(_save(dialog, out / f"{name}_{language}.png"))
        dialog.reject()

    users.open_new_user()
    users.dialog.username.setText("ops.chan")
    users.dialog.display_name.setText("Chan Tai Man 陳大文")
    await shot(users.dialog, "identity_new_user")
    await shot(OneTimePasswordDialog(issued, users), "identity_one_time_password")
    users.select_user("maker")
    users.open_roles()
    users.dialog.set_role("content_editor", True)
    users.dialog.note.setPlainText("Helps the content team with the year-end fee articles")
    await shot(users.dialog, "identity_user_roles")
    window.open_page("identity.roles")
    roles = window.page("identity.roles")
    roles.select_role("content_editor")
    roles.open_editor(new=False)
    roles.dialog.search.setText("article")
    roles.dialog.set_permission(Perm.HELP_ARTICLE_COPY.value, False)
    roles.dialog.note.setPlainText("Copies are made by the approvers now")
    await shot(roles.dialog, "identity_role_editor")
    written.append(await _capture_article_change(window, role_order, out / f"approval_identity_change_{language}.png"))
    first = PasswordDialog(window.api, window, username=issued.user.username, one_time_password="one-time")
    await shot(first, "first_password")
    first.deleteLater()
    return written


async def seed_article_edit(url: str, language: str) -> int:
    """The demo editor revises an article in ``language``'s own article language; returns the order."""
    editor = await _signed_in(url, "editor")
    try:
        help_center = HelpCenterClient(editor)
        listed = await help_center.articles(ArticleQuery(language=ARTICLE_LANGUAGE[language], limit=500))
        found = next(a for a in listed.items if a.title == EDITED_ARTICLE[language])
        article = await help_center.article(found.id)
        if language == "zh_Hant":
            title = "如何網上開戶（2025 年更新）"
            body = (article.body.replace("約需 10 分鐘", "約需 15 分鐘")
                    .replace("- 以您本人名義開立的銀行賬戶，用作身份驗證\n",
                             "- 以您本人名義開立的銀行賬戶，用作身份驗證\n- 如您是美國納稅人，請準備 W-9 表格\n")
                    .replace("一個工作天", "兩個工作天"))
        else:
            title = "How to open an account online (2025 update)"
            body = (article.body.replace("about 10 minutes", "about 15 minutes")
                    .replace("- A bank account in your own name for identity verification\n",
                             "- A bank account in your own name for identity verification\n"
                             "- A W-9 form if you are a US taxpayer\n")
                    .replace("one business day", "two business days"))
        payload = ArticleEditPayload(article_id=article.id, version=article.version, category_id=article.category_id,
                                     language=article.language, title=title, body=body)
        order = await help_center.submit_edit(payload)
        return order.id
    finally:
        await editor.aclose()


async def withdraw_as(url: str, username: str, order_id: int) -> None:
    api = await _signed_in(url, username)
    try:
        await ApprovalsClient(api).withdraw(order_id)
    finally:
        await api.aclose()


async def _capture_article_change(window: MainWindow, order_id: int, path: Path) -> Path:
    """The inbox (read again) with the article edit chosen: its text diff and preview."""
    page = await approvals_screenshots.open_list(window, INBOX_PAGE, wait_for)
    await approvals_screenshots.choose(page, order_id, wait_for)
    total = sum(page.splitter.sizes())
    page.splitter.setSizes([135, total - 135])  # the checker reads the change, not the list
    await settle()
    return _save(window, path)


async def _capture_inbox(window: MainWindow, order_id: int, path: Path) -> Path:
    window.open_page(INBOX_PAGE)
    page = window.page(INBOX_PAGE)
    assert isinstance(page, WorkOrdersPage)
    await page.model.fetch_all()
    ids = [row.id for row in page.model.rows()]
    page.table.selectRow(ids.index(order_id))
    await wait_for(lambda: page.detail.order is not None and page.detail.order.id == order_id, 30,
                   f"work order #{order_id}")
    await wait_for(lambda: window.inbox_count is None or window.inbox_count.count is not None, 20, "inbox count")
    await settle()
    return _save(window, path)


RETURNED_US_ROW = 20


async def _capture_returned_notice(window: MainWindow, language: str, path: Path) -> Path:
    """An order of the signed-in administrator rejected by the demo checker: the notice above the
    Inbox with the checker's reason, at once, and "Returned to me" in the status bar."""
    window.open_page(INBOX_PAGE)
    # A US row no other picture's order touches (the batch delete above names the first three; both
    # markets' day-trade windows are in orders of other pictures).
    us = await window.api.get_page(LONG_MARGIN_PATH, LongMarginRow, {"market": "US", "limit": RETURNED_US_ROW + 1})
    order = await ApprovalsClient(window.api).submit(_submit(
        "risk.credit.delete_stock_margin_ratio", {"symbol": us.items[RETURNED_US_ROW].symbol}), str(uuid.uuid4()))
    checker = await _signed_in(window.api.base_url, "checker")
    try:
        await ApprovalsClient(checker).reject(order.id, REJECTION_REASON[language], level=1)
    finally:
        await checker.aclose()
    await wait_for(lambda: window.notices.notices(), 30, "the notice")
    await wait_for(lambda: window.returned_count is not None and window.returned_count.count, 30, "returned to me")
    await settle()
    try:
        return _save(window, path)
    finally:
        for notice in window.notices.notices():
            notice.dismiss()


async def _capture_transfer(window: MainWindow, order_id: int, path: Path) -> Path:
    """Transfer… on the inbox's order on screen: the people the backend offers, one chosen, a note."""
    page = window.page(INBOX_PAGE)
    assert isinstance(page, WorkOrdersPage) and page.detail.order is not None and page.detail.order.id == order_id
    page.handover.ask_transfer()
    dialog = page.dialog
    assert isinstance(dialog, TransferDialog)
    await wait_for(lambda: dialog.people.count() > 0, 30, "transfer candidates")
    dialog.people.setCurrentRow(min(1, dialog.people.count() - 1))
    dialog.note.edit.setPlainText("HKEX results briefing all afternoon; Sandy covers the HK uploads today.")
    await settle()
    try:
        return _save(dialog, path)
    finally:
        dialog.reject()


async def seed_delegations(url: str, admin: ApiClient) -> None:
    """The admin's delegation to checker2 in force, and one from checker starting in three days (so
    no inbox picture changes); made once, for both languages."""
    approvals = ApprovalsClient(admin)
    if await approvals.delegations():
        return
    now = datetime.now(UTC)
    await approvals.delegate("checker2", now - timedelta(hours=1), now + timedelta(days=5),
                             ["risk.credit.upload_stock_margin_ratio", "risk.credit.set_day_trade_time_config"])
    checker = await _signed_in(url, "checker")
    try:
        await ApprovalsClient(checker).delegate("admin", now + timedelta(days=3), now + timedelta(days=10))
    finally:
        await checker.aclose()


async def _capture_delegations(window: MainWindow, path: Path) -> Path:
    """Delegations…: one given (in force), one received (scheduled), a new one being filled in."""
    await seed_delegations(window.api.base_url, window.api)
    page = window.page(INBOX_PAGE)
    assert isinstance(page, WorkOrdersPage)
    page.handover.open_delegations()
    dialog = page.dialog
    assert isinstance(dialog, DelegationsDialog)
    await wait_for(lambda: dialog.table.topLevelItemCount() >= 2, 30, "delegations")
    dialog.form.person.setText("checker")
    dialog.form.all_flows.setChecked(False)
    for row in (0, 1):
        dialog.form.flows.item(row).setCheckState(Qt.CheckState.Checked)
    await settle()
    try:
        return _save(dialog, path)
    finally:
        await dialog.ops.wait_idle()
        dialog.reject()


def open_window(api: ApiClient, me: MeOut, settings: AppSettings, workstation_dir: Path) -> MainWindow:
    """The main window of a signed-in user who drafts offline (in ``workstation_dir``), as the app
    opens it; the caller closes its workstation (``window.offline.store``) after it."""
    offline = OfflineSession(open_workstation(workstation_dir), api, me.username)
    offline.engine._last_reference = float("inf")  # the pictures need no reference download
    return MainWindow(api, me, settings, offline=offline)


async def show_page(window: MainWindow, key: str) -> QWidget:
    """Opens ``key``'s page as its picture shows it: ready (its rows in), then what MORE_PAGES
    does first, if anything."""
    window.open_page(key)
    page = window.page(key)
    assert page is not None, f"{key} could not be opened"
    ready = getattr(page, "is_ready", lambda page=page: has_rows(page))
    await wait_for(ready, 60, f"{key} ready")
    _name, prepare = MORE_PAGES.get(key, (None, None))
    if prepare is not None:
        prepared = prepare(page)
        if inspect.isawaitable(prepared):
            await prepared
    await settle()
    return page


async def _capture_language(api: ApiClient, language: str, out: Path, data_dir: Path, seeded: Seeded) -> list[Path]:
    featured_order, history_symbol, identity, routed = (seeded.featured_order, seeded.history_symbol,
                                                        seeded.identity, seeded.routed)
    i18n.set_language(language)
    settings = AppSettings(QSettings(str(data_dir / f"settings_{language}.ini"), QSettings.Format.IniFormat))
    preparation = Preparation.connected(api, embedded=True)
    login = LoginDialog(preparation, settings)
    preparation.setParent(login)  # deleted with it, on this thread (never by a worker's collection)
    login.show()
    await wait_for(lambda: login.demo_list.topLevelItemCount() > 0, 30, "demo users")
    login.username_edit.setText("admin")
    login.password_edit.setText("admin-demo")
    await settle()
    written = [_save(login, out / f"login_{language}.png")]

    login.submit()
    await wait_for(lambda: login.result() == QDialog.DialogCode.Accepted, 30, "sign-in")
    window = open_window(api, login.me, settings, data_dir / f"workstation_{language}")
    login.deleteLater()
    window.resize(*WINDOW_SIZE)
    window.show()
    key = FEATURED_PAGE if FEATURED_PAGE in PAGES else window.sidebar.page_keys()[0]
    name = FEATURED_NAME if key == FEATURED_PAGE else key.replace(".", "_")
    await show_page(window, key)
    await wait_for(lambda: window.status.connection_status.property("state") == "connected", 20, "connection")
    await settle()
    written.append(_save(window, out / f"{name}_{language}.png"))
    written.append(await _capture_inbox(window, featured_order, out / f"{INBOX_NAME}_{language}.png"))
    written.append(await _capture_transfer(window, featured_order, out / f"approvals_transfer_{language}.png"))
    written.append(await _capture_delegations(window, out / f"approvals_delegations_{language}.png"))
    written.append(await _capture_upload(window, data_dir, out / f"long_stock_margin_upload_{language}.png"))
    written.append(await _capture_symbol_taken(window, out / f"long_stock_margin_new_taken_{language}.png"))
    # An article edit awaiting approval: marked in the Articles list, shown in the inbox, then withdrawn
    # so the other language's inbox picture has only its own.
    article_order = await seed_article_edit(api.base_url, language)
    for key, (name, _prepare) in MORE_PAGES.items():
        await show_page(window, key)
        written.append(_save(window, out / f"{name}_{language}.png"))
    written.append(await _capture_sync_confirmation(window, out / f"setting_sync_{language}.png"))
    written.append(await _capture_history(window, history_symbol, out / f"margin_history_{language}.png"))
    written.append(await _capture_rule_settings(window, out / f"intraday_rule_settings_{language}.png"))
    written += await _capture_fund_states(window, out, language)
    written.append(await _capture_articles_list(window, out / f"help_center_articles_list_{language}.png"))
    written.append(await _capture_conflicts(window, out / f"{CONFLICTS_NAME}_{language}.png"))
    written.append(await _capture_article_change(window, article_order, out / f"{ARTICLE_CHANGE_NAME}_{language}.png"))
    await withdraw_as(api.base_url, "editor", article_order)
    written += await _capture_identity_dialogs(window, out, language, identity)
    written.append(await _capture_returned_notice(window, language, out / f"{RETURNED_NAME}_{language}.png"))
    written += await approvals_screenshots.capture(window, routed, out, language, wait_for, settle, _save)
    written += await screenshots_resubmit_help_identity.capture(window, out, language, wait_for, settle, _save)
    written += await screenshots_resubmit_upload.capture(window, out, language, wait_for, settle, _save)
    written.append(await _capture_password_dialog(window, out / f"change_password_{language}.png"))
    written.append(await _capture_chain_editor(window, out / f"{CHAIN_EDITOR_NAME}_{language}.png"))
    written += await screenshots_resubmit_risk.capture(window, out, language, wait_for, settle, _save)
    written += await screenshots_reasons.capture(window, out, language, wait_for, settle, _save)
    window.close()
    # Deleted by Qt's event loop, as the app does, never by Python's garbage collector.
    window.deleteLater()
    window.offline.store.close()
    await SessionClient(api).logout()
    return written


async def _capture_password_dialog(window: MainWindow, path: Path) -> Path:
    """File › Change Password… with the answer to a too-short new password (nothing is sent)."""
    dialog = PasswordDialog(window.api, window)
    dialog.show()
    dialog.current_edit.setText("admin-demo")
    dialog.new_edit.setText("short")
    dialog.repeat_edit.setText("short")
    dialog.submit()
    await settle()
    try:
        return _save(dialog, path)
    finally:
        dialog.reject()
        dialog.deleteLater()


async def _capture_upload(window: MainWindow, data_dir: Path, path: Path) -> Path:
    """The upload dialog's preview of a workbook that tightens a few HK rows and adds one."""
    window.open_page(UPLOAD_PAGE)
    page = window.page(UPLOAD_PAGE)
    await wait_for(page.is_ready, 60, "long margin rows")
    rows = [row.model_dump() for row in page.model.rows()[8:20]]
    for i, row in enumerate(rows):
        if i % 4 == 1 and row["financeable"]:
            row["im"], row["mcm"] = min(row["im"] + Decimal("0.1"), Decimal("0.9")), min(row["mcm"] + Decimal("0.1"),
                                                                                         Decimal("0.9"))
    workbook = data_dir / "hk-margins.xlsx"
    write_rows("long", rows, str(workbook))
    dialog = page.open_upload()
    await dialog.load(workbook)
    await settle()
    saved = _save(dialog, path)
    dialog.close()
    return saved


async def _capture_symbol_taken(window: MainWindow, path: Path) -> Path:
    """New in the long margin drawer, a live row's symbol typed as a trader might (700.hk): refused
    under the field as it is typed, Submit off (nothing is sent)."""
    window.open_page(UPLOAD_PAGE)
    page = window.page(UPLOAD_PAGE)
    await wait_for(page.is_ready, 60, "long margin rows")
    taken = next(row.symbol for row in page.model.rows() if row.market == "HK")
    page.drawer.open_create()
    form = page.drawer.form
    for field, typed in (("im", "50%"), ("mcm", "45%"), ("mm", "40%"), ("fm", "35%"),
                         ("symbol", f"{taken.lstrip('0').lower()}")):
        form.editors[field].setText(typed)
        form.editors[field].textEdited.emit(typed)
    await wait_for(lambda: "symbol" in form.looked_up, 30, "the symbol's live row")
    await settle()
    try:
        return _save(window, path)
    finally:
        page.drawer.force_close()


def _save(widget: QWidget, path: Path) -> Path:
    if not widget.grab().save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    log.info("wrote %s", path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.screenshots", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("resources/screenshots"))
    args = parser.parse_args(argv)
    return run(capture, args.out)


def run(capturing, out: Path) -> int:
    """Runs ``capturing(out, data_dir)`` on the app's qasync loop, in a temporary data folder."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one INFO line per request is noise
    app = create_application(sys.argv[:1])
    apply_style(app)
    with tempfile.TemporaryDirectory(prefix="opsdesk-shots-") as tmp:
        written = event_loop.run(capturing(out, Path(tmp)))
    for path in written:
        print(path)
    return 0
