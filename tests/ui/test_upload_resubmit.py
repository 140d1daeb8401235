"""My Requests' Resubmit… of a refused margin upload, in the real main window against the real
backend: an upload made elsewhere reopens in its table's upload preview with the order's rows read
as a workbook's (no file), corrected there and resubmitted with a note; an upload submitted from a
draft batch of this workstation reopens in the draft grid as a new batch, which the outbox sends
as the resubmission."""

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop.main_window import MainWindow
from desktop.offline_session import OfflineSession, open_workstation
from services.clients.approvals import ApprovalsClient
from services.clients.session import SessionClient
from services.contract.schemas import WorkOrderStatus
from services.excel.margin_columns import SHEETS
from services.offline import corrections, drafts, proof
from services.offline.conflicts import cached_bases, save_rows
from services.offline.models import BatchState, DraftBatch
from services.offline.sync import SyncEngine
from services.work_orders.diff import Change
from tests.backend.margin_steps import UPLOAD, row, submit, symbols
from tests.backend.work_order_steps import decide
from tests.qt_fixtures import until
from tests.ui.approval_steps import choose, close_window, open_window, order_now
from ui.risk.draft_grid import ERROR_BACKGROUND
from ui.risk.draft_page import DraftBatchesPage
from ui.risk.upload_correction import UploadCorrectionDialog

MY_REQUESTS = "approvals.my_requests"
LONG = "risk.credit.long_stock_margin"
DRAFTS = "risk.credit.draft_batches"
REASON = "IM too low for these"
COLUMN = {c.field: i for i, c in enumerate(SHEETS["long"].columns)}


@pytest.fixture
def backend(few_securities_backend):
    """The app in process on a securities master of some thousand symbols (not 8,000): the
    properties here hold of any number, and each test fetches the master and live rows."""
    return few_securities_backend


def rejected_upload(backend, rows: list[dict], mode: str = "upsert") -> int:
    response = submit(backend, UPLOAD, {"mode": mode, "rows": rows})
    assert response.status_code == 201, response.text
    order_id = response.json()["id"]
    assert decide(backend, "checker", order_id, "reject", REASON).json()["status"] == "rejected"
    return order_id


def resubmit_from_my_requests(aio, window: MainWindow, order_id: int) -> None:
    window.open_page(MY_REQUESTS)
    requests = window.page(MY_REQUESTS)
    aio(requests.model.fetch_all())
    choose(aio, requests, order_id)
    assert requests.resubmit_button.isEnabled()
    requests.resubmit_button.click()


def correction_dialog(aio, window: MainWindow) -> UploadCorrectionDialog:
    page = window.page(LONG)
    [dialog] = page.findChildren(UploadCorrectionDialog)
    aio(until(lambda: dialog.upload.changes is not None and not dialog.ops.busy, message="the rows read and previewed"))
    return dialog


def test_an_upload_reopens_in_its_preview_with_the_orders_rows_and_is_resubmitted_corrected(
        qtbot, aio, backend, settings):
    changed = symbols(backend, "HK", 2, with_row=True, financeable=True)
    old_id = rejected_upload(backend, [row(s, im="0.8", mcm="0.7", mm="0.6", fm="0.5") for s in changed])
    window, api = open_window(qtbot, aio, backend, settings, "maker")
    resubmit_from_my_requests(aio, window, old_id)

    assert window.current_page_key() == LONG  # where uploads are made
    dialog = correction_dialog(aio, window)
    assert dialog.windowTitle() == f"Correct work order #{old_id}: Upload long stock margin"
    assert dialog.banner.reason.text() == f"Rejected by Kelvin Wong 黃家豪: {REASON}"
    assert dialog.file_label.text() == f"The rows of work order #{old_id}"
    assert not dialog.choose_button.isVisible()  # the order's rows are corrected, not a file chosen
    assert dialog.mode.currentData() == "upsert"
    grid = dialog.rows_model
    assert [(r.values["symbol"], r.values["im"], r.values["mm"]) for r in grid.rows()] == [
        (s, "0.8000", "0.6000") for s in changed]
    assert dialog.errors.rowCount() == 0 and dialog.diff_model.counts()[Change.CHANGED] == 2
    assert dialog.submit_button.isEnabled()

    # The maker raises IM and, by a slip, MM above MCM: read again, the same rules say so by row.
    grid.setData(grid.index(0, COLUMN["im"]), "0.9")
    grid.setData(grid.index(1, COLUMN["mm"]), "0.75")
    assert not dialog.submit_button.isEnabled() and dialog.apply_fixes_button.isEnabled()  # not judged yet
    aio(dialog.apply_fixes())
    aio(until(lambda: not dialog.ops.busy, message="read again"))
    assert (dialog.errors.rowCount(), dialog.errors.item(0, 0).text(), dialog.errors.item(0, 1).text()) == (
        1, "2", "MM")
    assert dialog.errors.item(0, 3).text().startswith("0.7500 is above MCM (")
    assert grid.index(1, COLUMN["mm"]).data(Qt.ItemDataRole.BackgroundRole) == ERROR_BACKGROUND
    assert not dialog.submit_button.isEnabled()

    # Corrected in the Errors tab as a workbook's cell would be; the note for the approvers.
    dialog.errors.item(0, 2).setText("0.65")
    aio(dialog.apply_fixes())
    aio(until(lambda: dialog.upload.changes is not None and not dialog.ops.busy, message="read again"))
    assert dialog.errors.rowCount() == 0 and grid.rows()[1].values["mm"] == "0.65"
    dialog.banner.note_edit.setPlainText("IM raised to 90% on the first; MM kept under MCM")
    assert dialog.submit_button.isEnabled()
    dialog.submit()
    aio(until(lambda: dialog.upload.order is not None, message="resubmitted"))
    new = order_now(aio, api, dialog.upload.order.id)
    assert dialog.outcome.text() == f"Work order #{old_id} resubmitted as #{new.id}."
    assert (new.resubmitted_from_id, new.maker_note, new.status) == (
        old_id, "IM raised to 90% on the first; MM kept under MCM", WorkOrderStatus.PENDING)
    assert new.payload["mode"] == "upsert"
    assert [(r["symbol"], r["im"], r["mm"]) for r in new.payload["rows"]] == [
        (changed[0], "0.9000", "0.6000"), (changed[1], "0.8000", "0.6500")]

    # Resubmit… again while the preview is open brings it back rather than a second one.
    resubmit_from_my_requests(aio, window, old_id)
    assert window.page(LONG).findChildren(UploadCorrectionDialog) == [dialog]
    dialog.close()
    page = window.page(LONG)
    aio(until(lambda: f"#{new.id}" in page.outcome.text(), message="announced on the page"))
    aio(ApprovalsClient(api).withdraw(new.id))
    close_window(aio, window, api)


def test_an_upload_drafted_here_reopens_in_the_draft_grid_and_the_outbox_resubmits_it(
        qtbot, aio, backend, settings, tmp_path):
    workstation = open_workstation(tmp_path)
    proof.unlock_with_password(workstation, "maker", "maker-demo")  # as the maker's sign-in does
    api = backend.api_client()
    session_client = SessionClient(api)
    aio(session_client.login("maker", "maker-demo"))
    # Drafted on this workstation, sent by the outbox, rejected.
    drafting = SyncEngine(workstation, api, "maker")
    aio(drafting.refresh_reference(("long",)))
    changed = symbols(backend, "HK", 2, with_row=True, financeable=True)
    batch = drafts.new_batch(workstation, "maker", "long", "upload", title="HK review")
    save_rows(workstation, batch, "long", [({"symbol": s, "im": "0.8", "mcm": "0.7", "mm": "0.6", "fm": "0.5"}, None)
                                           for s in changed])
    drafts.submit(workstation, batch, "maker")
    assert aio(drafting.push()) == 1
    with workstation.session() as local:
        old_id = local.get(DraftBatch, batch).work_order_id
    decide(backend, "checker", old_id, "reject", REASON)

    offline = OfflineSession(workstation, api, "maker")
    window = MainWindow(api, aio(session_client.me()), settings, offline=offline)
    qtbot.addWidget(window)
    window.show()
    # The sync engine runs for the window's life: its first round done (the rejection pulled).
    aio(until(lambda: offline.status.connection == "online", timeout=30, message="first sync round"))
    resubmit_from_my_requests(aio, window, old_id)

    assert window.current_page_key() == DRAFTS  # where it was made
    page: DraftBatchesPage = window.page(DRAFTS)
    editor = page.editor
    controller = editor.controller
    fix = controller.batch_id
    assert fix != batch and controller.summary.title == f"Correction of #{old_id}"
    assert controller.summary.resubmits_order_id == old_id and controller.editable()
    banner = editor.correction.banner
    assert banner is not None and banner.reason.text() == f"Rejected by Kelvin Wong 黃家豪: {REASON}"
    grid = controller.model
    assert [(r.values["symbol"], r.values["im"]) for r in grid.rows()] == [(s, "0.8000") for s in changed]
    assert {r.values["symbol"]: r.base["version"] for r in grid.rows()} == {
        s: v["version"] for s, v in cached_bases(workstation, "long", changed).items()}

    grid.setData(grid.index(0, COLUMN["im"]), "0.9")
    banner.note_edit.setPlainText("IM raised to 90% on the first")
    assert corrections.note_of(workstation, fix) == "IM raised to 90% on the first"  # kept as typed
    controller.flush()
    editor.submit_button.click()
    with workstation.session() as local:
        assert local.get(DraftBatch, fix).state in (BatchState.QUEUED.value, BatchState.SUBMITTED.value)
    assert banner is not editor.correction.banner and editor.correction.banner.note_edit.isReadOnly()

    def sent() -> int | None:
        with workstation.session() as local:
            done = local.get(DraftBatch, fix)
            return done.work_order_id if done.state == BatchState.SUBMITTED.value else None

    aio(until(sent, timeout=30, message="the outbox sent the correction"))
    new = order_now(aio, api, sent())
    assert (new.resubmitted_from_id, new.maker_note) == (old_id, "IM raised to 90% on the first")
    assert [(r["symbol"], r["im"]) for r in new.payload["rows"]] == [(changed[0], "0.9000"), (changed[1], "0.8000")]
    with workstation.session() as local:  # the batch it corrects keeps its own history
        assert local.scalar(select(DraftBatch.state).where(DraftBatch.id == batch)) == BatchState.REJECTED.value
    aio(ApprovalsClient(api).withdraw(new.id))
    close_window(aio, window, api)
    workstation.close()
