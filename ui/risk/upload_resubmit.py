"""Resubmit… of a refused margin upload (long, short-sell and intraday): corrected where it was made.

An upload submitted from a draft batch on this workstation is corrected in the draft grid, as a
new batch prefilled with the order's rows (services/offline/corrections.py) that the outbox sends,
whenever it can, as the order's resubmission. Any other upload reopens in the upload preview of
its table's page, with the order's rows and mode loaded as if read from a workbook. Either way the
resubmit banner is on top, with the note to the approvers.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from services.clients.risk import margin_flow
from services.contract.schemas import WorkOrderOut
from services.offline import corrections
from ui.common import resubmission
from ui.common.page_context import PageContext
from ui.risk.draft_page import PAGE_KEY as DRAFT_BATCHES_PAGE
from ui.risk.draft_page import DraftBatchesPage
from ui.risk.margin_kinds import KINDS
from ui.risk.margin_page import MarginPage
from ui.risk.upload_correction import UploadCorrectionDialog


def register() -> None:
    """Each table's upload flow is corrected from its page (the one its Upload… button is on)."""
    for kind, ui in KINDS.items():
        flow = margin_flow(kind, "upload")
        if flow is not None:
            resubmission.register([flow], ui.page_key, reopen_upload)


def reopen_upload(page: QWidget, order: WorkOrderOut) -> bool:
    """Opens ``order``'s correction: in the draft grid if it was drafted here, else in the upload
    preview of ``page`` (the margin page of its table); False when the user cannot upload there."""
    if not isinstance(page, MarginPage) or "upload" not in page.controller.flows:
        return False
    ctx: PageContext = page._ctx
    store = getattr(ctx.offline, "store", None)
    if store is not None and ctx.open_page is not None and corrections.drafted_here(store, ctx.me.username, order.id):
        drafts = ctx.open_page(DRAFT_BATCHES_PAGE)
        if isinstance(drafts, DraftBatchesPage) and drafts.open_correction(order) is not None:
            return True
    return open_upload_correction(page, order) is not None


def open_upload_correction(page: MarginPage, order: WorkOrderOut) -> UploadCorrectionDialog:
    """The upload preview correcting ``order``, its rows being read; the one already open for it
    is brought to the front instead (nothing typed there is lost)."""
    for dialog in page.findChildren(UploadCorrectionDialog):
        if dialog.order.id == order.id and dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            return dialog
    dialog = UploadCorrectionDialog(page._ctx, page.controller.client, page.ui, order, page)
    dialog.finished.connect(lambda _result: _closed(page, dialog))
    dialog.show()
    dialog.load_order_rows()
    dialog.banner.note_edit.setFocus()
    return dialog


def _closed(page: MarginPage, dialog: UploadCorrectionDialog) -> None:
    """As the page's own upload: the order made is announced there and the list read again."""
    if dialog.upload.order is not None:
        page.controller.announce(dialog.upload.order)
    dialog.deleteLater()
