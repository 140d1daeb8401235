"""The pictures of correcting a refused margin upload (``python -m desktop.screenshots``): an upload
of the administrator's rejected by the demo checker, reopened as My Requests' Resubmit… reopens
it, in the upload preview (its rows read as a workbook's, one cell changed into a broken rule and
judged again, the note written) and in the draft grid (a new batch correcting it, one cell
changed, the note written); both with the resubmit banner on top. Nothing is resubmitted.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QWidget

from desktop.main_window import MainWindow
from services.api_client import ApiClient
from services.clients.approvals import ApprovalsClient
from services.clients.risk import RiskClient
from services.clients.session import SessionClient
from services.contract.queries import LongMarginQuery
from services.contract.schemas import LongMarginIn, WorkOrderOut, WorkOrderSubmit
from services.excel.margin_columns import SHEETS
from ui.risk.draft_page import PAGE_KEY as DRAFTS_PAGE
from ui.risk.draft_page import DraftBatchesPage
from ui.risk.upload_correction import UploadCorrectionDialog
from ui.risk.upload_resubmit import reopen_upload

UPLOAD_FLOW = "risk.credit.upload_stock_margin_ratio"
UPLOAD_PAGE = "risk.credit.long_stock_margin"
FIRST_FREE_HK_ROW = 50  # HK rows from here on are in no other picture's order
ROWS = 4
COLUMN = {c.field: i for i, c in enumerate(SHEETS["long"].columns)}
REASON = {
    "zh_Hant": "這幾隻股票的初始保證金低於本週風控下限，請提高至 60% 或以上再提交。",
    "en": "IM is below this week's risk floor for these names; raise it to 60% or more and resubmit.",
}
NOTE = {
    "zh_Hant": "已按風控要求把第一行的初始保證金提高至 60%，其餘維持不變。",
    "en": "Raised the first row's IM to 60% as asked; the others are unchanged.",
}

Wait = Callable[[Callable[[], bool], float, str], Awaitable[None]]
Save = Callable[[QWidget, Path], Path]


async def capture(window: MainWindow, out: Path, language: str, wait_for: Wait,
                  settle: Callable[[], Awaitable[None]], save: Save) -> list[Path]:
    order = await _rejected_upload(window.api, language)
    try:
        return [await _capture_preview(window, order, language, wait_for, settle, save,
                                       out / f"upload_resubmit_{language}.png"),
                await _capture_draft(window, order, language, wait_for, settle, save,
                                     out / f"draft_resubmit_{language}.png")]
    finally:
        for notice in window.notices.notices():  # the rejection's notice: not in the pictures after these
            notice.dismiss()


async def _rejected_upload(admin: ApiClient, language: str) -> WorkOrderOut:
    """A few HK rows with a slightly higher IM, submitted by the administrator and rejected."""
    page = await RiskClient(admin).long_margins(LongMarginQuery(market="HK", limit=FIRST_FREE_HK_ROW + 40))
    rows = [r for r in page.items[FIRST_FREE_HK_ROW:] if r.financeable and r.im <= Decimal("0.6")][:ROWS]
    proposed = [LongMarginIn.model_validate(r, from_attributes=True).model_copy(
        update={"im": r.im + Decimal("0.05")}).model_dump(mode="json") for r in rows]
    order = await ApprovalsClient(admin).submit(
        WorkOrderSubmit(flow=UPLOAD_FLOW, payload={"mode": "upsert", "rows": proposed}), str(uuid.uuid4()))
    checker = ApiClient(admin.base_url)
    try:
        await SessionClient(checker).login("checker", "checker-demo")
        await ApprovalsClient(checker).reject(order.id, REASON[language], level=1)
    finally:
        await checker.aclose()
    return await ApprovalsClient(admin).work_order(order.id)


async def _capture_preview(window: MainWindow, order: WorkOrderOut, language: str, wait_for: Wait,
                           settle: Callable[[], Awaitable[None]], save: Save, path: Path) -> Path:
    """The upload preview correcting the order: its rows' tab, IM raised on the first row and MM
    typed above MCM on the second, judged again (the broken rule in red); the note written."""
    page = window.open_and_get_page(UPLOAD_PAGE)
    assert page is not None and reopen_upload(page, order)
    [dialog] = page.findChildren(UploadCorrectionDialog)
    await wait_for(lambda: dialog.upload.changes is not None and not dialog.ops.busy, 60, "the order's rows")
    grid = dialog.rows_model
    grid.setData(grid.index(0, COLUMN["im"]), "60%")
    grid.setData(grid.index(1, COLUMN["mm"]), "99%")
    await dialog.apply_fixes()
    await wait_for(lambda: not dialog.ops.busy and dialog.upload.result is not None, 60, "the rows read again")
    dialog.tabs.setCurrentWidget(dialog.rows_view)
    dialog.rows_view.setCurrentIndex(grid.index(0, COLUMN["im"]))  # the broken rule's cell shows its red
    dialog.banner.note_edit.setPlainText(NOTE[language])
    dialog.resize(1180, 660)
    await settle()
    try:
        return save(dialog, path)
    finally:
        dialog.close()


async def _capture_draft(window: MainWindow, order: WorkOrderOut, language: str, wait_for: Wait,
                         settle: Callable[[], Awaitable[None]], save: Save, path: Path) -> Path:
    """Draft Batches with a new batch correcting the order (as for one drafted on this
    workstation): its rows, IM raised on the first, the note written."""
    page = window.open_and_get_page(DRAFTS_PAGE)
    assert isinstance(page, DraftBatchesPage) and page.open_correction(order) is not None
    editor = page.editor
    assert editor is not None and editor.correction.banner is not None
    grid = editor.controller.model
    assert grid is not None
    grid.setData(grid.index(0, COLUMN["im"]), "60%")
    editor.grid.setCurrentIndex(grid.index(0, COLUMN["im"]))
    editor.correction.banner.note_edit.setPlainText(NOTE[language])
    editor.controller.flush()
    await wait_for(lambda: not editor.controller.busy(), 30, "the batch judged")
    await settle()
    return save(window, path)
