"""Risk › Credit › Draft Batches against the real backend and a real workstation database: a batch
made, typed, pasted from the clipboard, undone and redone, saved as typed and there again in a
fresh page; the shared rules on the cells; submitted into the outbox, pushed, and followed to its
work order; a workbook imported; live rows copied, changed under the draft, the conflict merged
field by field (the user ticks where both sides changed) and the batch submitted anew."""

import uuid
from dataclasses import dataclass, replace

import pytest
import shiboken6
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPushButton
from sqlalchemy import select

from desktop import i18n
from services.clients.approvals import ApprovalsClient
from services.clients.session import SessionClient
from services.contract.schemas import WorkOrderSubmit
from services.offline import drafts, proof
from services.offline.conflicts import Choice
from services.offline.models import BatchState, DraftBatch, DraftRow, OutboxItem, OutboxState
from services.offline.store import LocalStore, open_store
from services.offline.sync import SyncEngine
from tests.backend.margin_steps import CREATE, UPDATE, symbols
from tests.fixtures.margin_workbooks import LONG_HEADER, long_row, write_sheet
from tests.qt_fixtures import until
from tests.ui.page_steps import open_page
from ui.risk.draft_conflicts import ConflictFieldsModel, ConflictRowsModel
from ui.risk.draft_editor import CONFLICTS, GRID
from ui.risk.draft_grid import ERROR_BACKGROUND, DraftGridModel
from ui.risk.draft_list import BatchListModel
from ui.risk.draft_page import DraftBatchesPage

KEY = "risk.credit.draft_batches"
RATIOS = ("im", "mcm", "mm", "fm")


@pytest.fixture
def backend(few_securities_backend):
    """The app in process on a securities master of some thousand symbols (not 8,000): the
    properties here hold of any number, and each test fetches the master and live rows."""
    return few_securities_backend


@dataclass
class Offline:
    """What the shell's desktop/offline_session.py gives a page: the store and the engine."""

    store: LocalStore
    engine: SyncEngine | None


@pytest.fixture
def local_db(tmp_path):
    return tmp_path / "local.db"


@pytest.fixture
def open_drafts(qtbot, aio, backend, errors, local_db):
    """Opens the page as the shell would for ``maker``, on the test's own workstation database."""
    opened: list[tuple] = []

    def run(language: str = "en"):
        store = open_store(local_db)
        proof.unlock_with_password(store, "maker", "maker-demo")  # as the maker's sign-in does
        holder: list[Offline] = []

        def factory(ctx):
            holder.append(Offline(store, SyncEngine(store, ctx.api, ctx.me.username)))
            return DraftBatchesPage(replace(ctx, offline=holder[0]))

        page, api = open_page(qtbot, aio, backend, errors, KEY, "maker", language, factory=factory)
        page.resize(1500, 700)
        opened.append((page, api, store))
        return page, api, holder[0]

    yield run
    for page, api, store in opened:
        if shiboken6.isValid(page):
            page.close()  # saves, and judges once more
            # Nothing left running: the close's last save ends before the client closes.
            aio(until(lambda page=page: page.editor is None or not page.editor.controller.busy(), message="idle"))
        aio(api.aclose())
        store.close()


def stored(local_db, batch_id: str) -> list[dict]:
    """The batch's rows as another process would read them from the file now."""
    store = open_store(local_db)
    try:
        with store.session() as session:
            return [r.values for r in session.scalars(select(DraftRow).where(DraftRow.batch_id == batch_id)
                                                      .order_by(DraftRow.position))]
    finally:
        store.close()


def batch_of(store, batch_id: str) -> DraftBatch:
    with store.session() as session:
        return session.get(DraftBatch, batch_id)


def new_batch(page, kind="long", action="upload", title="HK review") -> str:
    dialog = page.open_new_batch()
    dialog.choose(kind, action, title)
    dialog.accept()
    assert page.editor.controller.summary is not None and page.editor.controller.summary.title == title
    return page.editor.controller.batch_id


def focus_grid(aio, page) -> None:
    page.activateWindow()
    aio(until(page.isActiveWindow, message="active window"))
    page.editor.grid.setFocus()


def go_to(page, row: int, column: int) -> None:
    model = page.editor.controller.model
    page.editor.grid.selectionModel().setCurrentIndex(model.index(row, column),
                                                      QItemSelectionModel.SelectionFlag.ClearAndSelect)


def row_values(model: DraftGridModel, fields=("symbol", *RATIOS)) -> list[tuple]:
    return [tuple(r.values.get(f, "") for f in fields) for r in model.rows()]


def ctrl(page, key) -> None:
    QTest.keyClick(page.editor.grid, key, Qt.KeyboardModifier.ControlModifier)


def test_without_the_workstation_database_the_page_says_why(qtbot, aio, backend, errors):
    page, api = open_page(qtbot, aio, backend, errors, KEY, "maker")
    assert page.editor is None and page.unavailable.isVisible()
    assert "Drafting is not available" in page.unavailable.text()
    aio(api.aclose())


def test_a_batch_is_typed_pasted_undone_redone_and_saved_as_typed(aio, open_drafts, backend, local_db, errors):
    first, second = symbols(backend, "HK", 2, with_row=False)
    page, _api, _offline = open_drafts()
    batch_id = new_batch(page)
    editor = page.editor
    model = editor.controller.model
    assert page.model.rowCount() == 1
    assert [page.model.index(0, c).data() for c in range(5)] == ["HK review", "Long", "Add or change rows", "0",
                                                                  "Draft"]
    focus_grid(aio, page)
    QTest.keyClick(editor.grid, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)  # Ctrl+= adds a row
    assert model.rowCount() == 1

    # Typed as a user types: each keystroke is committed and on disk before the next, the cell still open.
    go_to(page, 0, 0)
    QTest.keyClick(editor.grid, first[0])
    cell_editor = editor.grid.viewport().findChild(QLineEdit)
    assert stored(local_db, batch_id)[0]["symbol"] == first[0]
    for n, key in enumerate(first[1:].lower(), start=2):
        QTest.keyClick(cell_editor, key)
        assert stored(local_db, batch_id)[0]["symbol"] == (first[0] + first[1:].lower())[:n]
    QTest.keyClick(cell_editor, Qt.Key.Key_Return)
    assert model.text(0, "symbol") == first.lower()
    assert model.undo_stack.count() == 2  # the row, and the whole edit as one command

    # Excel's cells with their header row: mapped by name, the second line a new row.
    QGuiApplication.clipboard().setText(f"代碼 Symbol\tMCM\tIM\tMM\tFM\n{first}\t45%\t50%\t40%\t35%\n"
                                        f"{second}\t0.5\t0.6\t0.45\t0.4\n")
    go_to(page, 0, 3)
    ctrl(page, Qt.Key.Key_V)
    assert row_values(model) == [(first, "50%", "45%", "40%", "35%"), (second, "0.6", "0.5", "0.45", "0.4")]

    ctrl(page, Qt.Key.Key_Z)  # the paste, both of its parts
    assert row_values(model) == [(first.lower(), "", "", "", "")]
    ctrl(page, Qt.Key.Key_Y)
    assert model.rowCount() == 2
    ctrl(page, Qt.Key.Key_Z)
    QTest.keyClick(editor.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert row_values(model)[1] == (second, "0.6", "0.5", "0.45", "0.4")

    # The shared rules, on the cell and below the grid.
    model.setData(model.index(1, model.fields.index("mm")), "60%")
    aio(until(lambda: model.errors_at(1, "mm"), message="the error on its cell"))
    mm = model.index(1, model.fields.index("mm"))
    assert mm.data(Qt.ItemDataRole.BackgroundRole) == ERROR_BACKGROUND
    assert mm.data(Qt.ItemDataRole.ToolTipRole) == "0.6000 is above MCM (0.5000)."
    assert editor.problems.text().startswith("1 problem(s)")
    ctrl(page, Qt.Key.Key_Z)
    aio(until(lambda: not model.error_cells(), message="no errors"))
    assert editor.problems.text().startswith("No problems found.")

    # One value over several cells fills them; Delete clears them.
    selection = editor.grid.selectionModel()
    selection.select(model.index(0, model.fields.index("fm")), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    selection.select(model.index(1, model.fields.index("fm")), QItemSelectionModel.SelectionFlag.Select)
    QGuiApplication.clipboard().setText("30%\n")
    ctrl(page, Qt.Key.Key_V)
    assert [model.text(r, "fm") for r in (0, 1)] == ["30%", "30%"]
    QTest.keyClick(editor.grid, Qt.Key.Key_Delete)
    assert [model.text(r, "fm") for r in (0, 1)] == ["", ""]
    ctrl(page, Qt.Key.Key_Z)

    assert stored(local_db, batch_id) == [{**r.values} for r in model.rows()]  # every step on disk at once
    assert page.model.index(0, 3).data() == "2"
    assert errors == []


def test_esc_takes_back_the_cell_and_a_big_paste_is_judged_off_the_window_thread(aio, open_drafts, local_db):
    page, _api, _offline = open_drafts()
    batch_id = new_batch(page, title="Big")
    editor = page.editor
    model = editor.controller.model
    focus_grid(aio, page)
    lines = "".join(f"{n:05d}.HK\t\t50%\t45%\t{'50%' if n == 777 else '40%'}\t35%\n" for n in range(1, 1201))
    QGuiApplication.clipboard().setText(lines)
    ctrl(page, Qt.Key.Key_V)
    assert model.rowCount() == 1200
    aio(until(lambda: model.errors_at(776, "mm"), timeout=10, message="the error of row 777"))
    assert model.error_cells() == 1 and editor.problems.text().startswith("1 problem(s)")
    assert len(stored(local_db, batch_id)) == 1200

    go_to(page, 0, 2)
    QTest.keyClick(editor.grid, Qt.Key.Key_6)
    cell_editor = editor.grid.viewport().findChild(QLineEdit)
    QTest.keyClicks(cell_editor, "6%")
    assert model.text(0, "im") == "66%" and stored(local_db, batch_id)[0]["im"] == "66%"  # committed as typed
    QTest.keyClick(cell_editor, Qt.Key.Key_Escape)
    assert model.text(0, "im") == "50%" and stored(local_db, batch_id)[0]["im"] == "50%"

    async def saved_back() -> None:  # what the save timer does shortly; its judgement ends inside the loop
        editor.controller.flush()
        await editor.controller.ops.wait_idle()

    aio(saved_back())
    assert stored(local_db, batch_id)[0]["im"] == "50%"


def test_what_was_typed_is_there_in_a_fresh_page(aio, open_drafts, backend, local_db):
    [symbol] = symbols(backend, "HK", 1, with_row=False)
    page, _api, _offline = open_drafts()
    batch_id = new_batch(page, title="Reopened")
    page.editor.add_row()
    model = page.editor.controller.model
    for field, text in zip(("symbol", *RATIOS), (symbol, "50%", "45%", "40%", "35%"), strict=True):
        model.setData(model.index(0, model.fields.index(field)), text)
    page.close()  # hidden: saved at once, not 300 ms later
    assert stored(local_db, batch_id)[0]["fm"] == "35%"

    again, _api2, _offline2 = open_drafts()
    assert again.editor.controller.batch_id == batch_id  # the most recent batch opens
    assert row_values(again.editor.controller.model) == [(symbol, "50%", "45%", "40%", "35%")]
    assert again.editor.controller.editable() and again.editor.controller.model.undo_stack.count() == 0


def test_submit_queues_then_the_engine_pushes_and_the_list_shows_the_work_order(aio, open_drafts, backend):
    new = symbols(backend, "HK", 2, with_row=False)
    page, api, offline = open_drafts()
    batch_id = new_batch(page, title="Two new HK rows")
    editor = page.editor
    focus_grid(aio, page)
    QGuiApplication.clipboard().setText(f"{new[0]}\t\t50%\t45%\t40%\t35%\n{new[1]}\t\t60%\t55%\t50%\t45%\t"
                                        "FALSE\n")
    ctrl(page, Qt.Key.Key_V)  # no current cell: appended, from the first column
    assert editor.controller.model.rowCount() == 2

    # Not financeable needs IM 100%: Ctrl+Enter refuses and says why.
    ctrl(page, Qt.Key.Key_Return)
    assert batch_of(offline.store, batch_id).state == BatchState.DRAFT.value
    assert "Not submitted: fix the 1 problem(s) first." in editor.problems.text()
    assert editor.controller.model.errors_at(1, "im")
    editor.controller.model.setData(editor.controller.model.index(1, editor.controller.model.fields.index("financeable")), "TRUE")

    ctrl(page, Qt.Key.Key_Return)
    assert batch_of(offline.store, batch_id).state == BatchState.QUEUED.value
    assert editor.controller.model.read_only and not editor.submit_button.isEnabled()
    assert page.model.index(0, 4).data() == "Queued" and not page.delete_button.isEnabled()
    with offline.store.session() as session:
        item = session.scalar(select(OutboxItem).where(OutboxItem.batch_id == batch_id))
    assert (item.state, item.flow) == (OutboxState.PENDING.value, "risk.credit.upload_stock_margin_ratio")

    assert aio(offline.engine.push()) == 1  # the engine runs elsewhere; the list follows on its own
    order_id = batch_of(offline.store, batch_id).work_order_id
    aio(until(lambda: page.model.index(0, 4).data() == f"Submitted as work order #{order_id}", timeout=5,
              message="the work order on the list"))
    assert f"#{order_id}" in editor.banner.text()
    approvals = ApprovalsClient(api)
    order = aio(approvals.work_order(order_id))
    assert [(r["symbol"], r["im"], r["financeable"]) for r in order.payload["rows"]] == [
        (new[0], "0.5000", True), (new[1], "0.6000", True)]
    aio(approvals.withdraw(order_id))
    assert aio(offline.engine.pull()) == 1
    aio(until(lambda: page.model.index(0, 4).data() == f"Withdrawn (work order #{order_id})", timeout=5,
              message="withdrawn"))


def test_a_workbook_is_imported_and_a_draft_deleted_after_asking(aio, open_drafts, backend, tmp_path):
    new = symbols(backend, "HK", 2, with_row=False)
    path = write_sheet(tmp_path / "rows.xlsx", [LONG_HEADER, long_row(new[0], im="45%", mcm="40%", mm="35%", fm="30%"),
                                               long_row(new[1], im=0.5, mcm=0.45, mm=0.4, fm=0.35)])
    bad = write_sheet(tmp_path / "bad.xlsx", [LONG_HEADER, long_row(new[0], im="45%", mcm="40%", mm="50%", fm="30%")])
    page, _api, offline = open_drafts()
    batch_id = new_batch(page, title="From a workbook")
    editor = page.editor
    aio(editor.controller.intake.import_workbook(bad), timeout=120)
    assert editor.controller.model.rowCount() == 0 and "nothing was imported" in editor.problems.text()
    aio(editor.controller.intake.import_workbook(path), timeout=120)
    assert row_values(editor.controller.model) == [(new[0], "0.4500", "0.4000", "0.3500", "0.3000"),
                                        (new[1], "0.5000", "0.4500", "0.4000", "0.3500")]
    assert "2 row(s) imported from rows.xlsx." in editor.problems.text()
    editor.controller.model.undo_stack.undo()  # one command
    assert editor.controller.model.rowCount() == 0

    page.table.setFocus()
    page.delete_current()
    next(b for b in page.dialog.findChildren(QPushButton) if b.objectName() == "confirmAccept").click()
    assert batch_of(offline.store, batch_id) is None and page.model.rowCount() == 0
    assert editor.controller.summary is None and editor.stack.currentIndex() != GRID


def test_live_rows_changed_under_a_draft_are_merged_field_by_field_and_resubmitted(qtmodeltester, aio, open_drafts,
                                                                                 backend):
    taken, kept = symbols(backend, "HK", 2, with_row=True, financeable=True)
    page, api, offline = open_drafts()
    aio(offline.engine.refresh_reference(("long",)))
    batch_id = new_batch(page, title="Tighten two")
    editor = page.editor

    picker = editor.open_live_picker()
    for symbol in (taken, kept):
        picker.prefix.setText(symbol)
        aio(picker.search())
        picker.table.selectRow(next(i for i in range(picker.model.rowCount()) if picker.model.row(i).symbol == symbol))
        picker.add_selected()
    picker.close()
    model = editor.controller.model
    assert [r.values["symbol"] for r in model.rows()] == [taken, kept]
    bases = [dict(r.base) for r in model.rows()]
    assert all(b["version"] >= 1 for b in bases)
    for row in range(2):
        model.setData(model.index(row, model.fields.index("remark")), "tightened here")
    editor.controller.flush()
    with offline.store.session() as session:
        assert [r.base["version"] for r in session.get(DraftBatch, batch_id).rows] == [b["version"] for b in bases]

    # Another desk changes both rows first, and a checker approves.
    checker = aio_checker(aio, backend)
    approvals, checker_approvals = ApprovalsClient(api), ApprovalsClient(checker)
    for base in bases:
        live = {k: base[k] for k in ("symbol", "market", *RATIOS, "financeable")}
        order = aio(approvals.submit(WorkOrderSubmit(flow=UPDATE, payload={**live, "remark": "other desk"}),
                                     str(uuid.uuid4())))
        aio(checker_approvals.decide(order.id, "approve", level=1))
    aio(checker.aclose())
    aio(offline.engine.refresh_reference(("long",)))
    page.refresh()
    assert batch_of(offline.store, batch_id).state == BatchState.CONFLICT.value
    assert editor.stack.currentIndex() == CONFLICTS and not editor.submit_button.isEnabled()
    conflicts = editor.conflicts
    assert conflicts.rows_model.rowCount() == 2
    assert conflicts.rows_model.index(0, 3).data() == "Remark"
    fields = conflicts.fields_model
    remark = next(r for r in range(fields.rowCount()) if fields.index(r, 0).data() == "Remark")
    assert [fields.index(remark, c).data() for c in (1, 3)] == ["tightened here", "other desk"]
    qtmodeltester.check(conflicts.rows_model)
    qtmodeltester.check(fields)

    assert [conflicts.rows_model.index(r, 2).data() for r in (0, 1)] == ["Choose: Remark"] * 2
    assert conflicts.apply_button.text() == "Apply Choices (0 of 2)" and not conflicts.apply_button.isEnabled()
    # Both sides changed the remark: the drafted and the live cells are ticked to choose.
    drafted = fields.index(remark, 1)
    assert fields.flags(drafted) & Qt.ItemFlag.ItemIsUserCheckable and drafted.data(Qt.ItemDataRole.CheckStateRole) \
        == Qt.CheckState.Unchecked and fields.index(remark, 4).data() == "(choose)"
    conflicts.rows.selectRow(0)
    conflicts.take_button.click()
    conflicts.rows.selectRow(1)
    assert fields.setData(fields.index(remark, 1), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert fields.index(remark, 1).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert fields.index(remark, 3).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert fields.index(remark, 4).data() == "tightened here"
    assert [conflicts.rows_model.index(r, 2).data() for r in (0, 1)] == ["Take live", "Chosen field by field"]
    assert conflicts.apply_button.text() == "Apply Choices (2 of 2)"
    conflicts.apply_button.click()
    assert batch_of(offline.store, batch_id).state == BatchState.DRAFT.value
    assert editor.stack.currentIndex() == GRID and editor.controller.editable()
    # The row that took live is the live row again: nothing left to change, it left the batch.
    assert [(r.values["symbol"], r.values["remark"]) for r in editor.controller.model.rows()] == [
        (kept, "tightened here")]
    assert [r.base["version"] for r in editor.controller.model.rows()] == [bases[1]["version"] + 1]

    assert editor.controller.verdict.submit()
    assert aio(offline.engine.push()) == 1
    order = aio(approvals.work_order(batch_of(offline.store, batch_id).work_order_id))
    assert [(r["symbol"], r["remark"]) for r in order.payload["rows"]] == [(kept, "tightened here")]
    aio(approvals.withdraw(order.id))


def _one_row_drafted(aio, open_drafts, title: str, symbol: str, ratios: str):
    """The page, with the cache fresh, on a new batch of one pasted row (ratios tab-separated)."""
    page, api, offline = open_drafts()
    aio(offline.engine.refresh_reference(("long",)))
    batch_id = new_batch(page, title=title)
    page.editor.paste_text(f"{symbol}\t\t{ratios}\n")
    page.editor.controller.flush()
    return page, api, offline, batch_id


def test_a_row_moved_before_the_push_is_refused_and_resolved_once_the_live_rows_arrive(aio, open_drafts,
                                                                                       backend):
    [symbol] = symbols(backend, "HK", 1, with_row=True, financeable=True)
    page, api, offline, batch_id = _one_row_drafted(aio, open_drafts, "Refused at the push", symbol,
                                                    "0.8\t0.7\t0.6\t0.5")
    editor = page.editor
    base = editor.controller.model.rows()[0].base
    assert base is not None and base["symbol"] == symbol  # started from the cached live row

    # Another desk changes the row, approved, before this workstation has fetched it again.
    checker = aio_checker(aio, backend)
    approvals = ApprovalsClient(api)
    live = {k: base[k] for k in ("symbol", "market", *RATIOS, "financeable")}
    order = aio(approvals.submit(WorkOrderSubmit(flow=UPDATE, payload={**live, "remark": "first"}),
                                 str(uuid.uuid4())))
    aio(ApprovalsClient(checker).decide(order.id, "approve", level=1))
    aio(checker.aclose())
    assert editor.controller.verdict.submit()
    assert aio(offline.engine.push()) == 0  # refused: the promised version moved (409)
    page.refresh()
    conflicts = editor.conflicts
    assert editor.stack.currentIndex() == CONFLICTS and conflicts.rows_model.rowCount() == 0
    assert "fetched at the next sync" in conflicts.explanation.text() and not conflicts.apply_button.isEnabled()

    aio(offline.engine.refresh_reference(("long",)))
    page.refresh()  # what the timer or the engine's report does
    assert conflicts.rows_model.rowCount() == 1
    assert conflicts.rows_model.conflicts[0].live_version == base["version"] + 1
    conflicts.choose(Choice.KEEP_MINE, [0])
    assert conflicts.apply() == 0 and editor.controller.editable()
    assert editor.controller.verdict.submit() and aio(offline.engine.push()) == 1
    submitted = aio(approvals.work_order(batch_of(offline.store, batch_id).work_order_id))
    # IM changed only in the draft, the remark only live: each side's change is kept.
    assert (submitted.payload["rows"][0]["im"], submitted.payload["rows"][0]["remark"]) == (
        "0.8000", "first" if base["remark"] is None else None)
    aio(approvals.withdraw(submitted.id))


def test_a_symbol_created_live_under_a_row_drafted_as_new_is_a_conflict_and_taking_live_drops_the_row(
        aio, open_drafts, backend):
    [symbol] = symbols(backend, "HK", 1, with_row=False)
    page, api, offline, batch_id = _one_row_drafted(aio, open_drafts, "New listing", symbol, "0.5\t0.45\t0.4\t0.35")
    editor = page.editor
    model = editor.controller.model
    assert model.rows()[0].base == {"symbol": symbol, "version": 0}  # started from no live row, and says so
    assert model.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole) == "A new row"
    assert editor.controller.verdict.submit()

    # Meanwhile another desk creates the symbol live, and it is approved.
    checker = aio_checker(aio, backend)
    approvals = ApprovalsClient(api)
    created = aio(approvals.submit(WorkOrderSubmit(flow=CREATE, payload={
        "symbol": symbol, "market": "HK", "im": "0.8", "mcm": "0.45", "mm": "0.4", "fm": "0.35",
        "remark": "listed live"}), str(uuid.uuid4())))
    aio(ApprovalsClient(checker).decide(created.id, "approve", level=1))
    aio(checker.aclose())
    assert aio(offline.engine.push()) == 0  # refused: the row exists now (409), nothing overwritten
    aio(offline.engine.refresh_reference(("long",)))
    page.refresh()
    conflicts = editor.conflicts
    assert editor.stack.currentIndex() == CONFLICTS and conflicts.rows_model.rowCount() == 1
    assert [conflicts.rows_model.index(0, c).data() for c in (2, 3)] == ["Choose: IM", "Created live"]
    fields = conflicts.fields_model
    by_name = {fields.index(r, 0).data(): r for r in range(fields.rowCount())}
    assert [fields.index(by_name["IM"], c).data() for c in range(5)] == ["IM", "0.5", "(new row)", "0.8000",
                                                                        "(choose)"]
    assert fields.index(by_name["Remark"], 4).data() == "listed live"  # set only live: taken
    assert fields.setData(fields.index(by_name["IM"], 3), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert conflicts.apply() == 0
    # Taking live left the row equal to the live one: nothing to change, it left the batch.
    with offline.store.session() as session:
        batch = session.get(DraftBatch, batch_id)
        assert batch.state == BatchState.DRAFT.value and batch.rows == []
    assert editor.controller.model.rowCount() == 0


def aio_checker(aio, backend):
    checker = backend.api_client()
    aio(SessionClient(checker).login("checker", "checker-demo"))
    return checker


def test_the_models_pass_the_model_tester_and_the_page_speaks_chinese(qtmodeltester, aio, open_drafts, backend):
    [symbol] = symbols(backend, "HK", 1, with_row=False)
    i18n.set_language("zh_Hant")
    page, _api, _offline = open_drafts(language="zh_Hant")
    new_batch(page, title="中文")
    page.editor.paste_text(f"{symbol}\t\t50%\t45%\t40%\t35%\n")
    page.editor.controller.flush()
    qtmodeltester.check(page.editor.controller.model)
    qtmodeltester.check(page.model)
    assert isinstance(page.model, BatchListModel)
    assert [page.model.index(0, c).data() for c in (1, 4)] == ["多頭", "草稿"]
    assert page.editor.controller.model.headerData(2, Qt.Orientation.Horizontal) == "初始保證金比率 *"
    rows, fields = ConflictRowsModel(str), ConflictFieldsModel(str)
    qtmodeltester.check(rows)
    qtmodeltester.check(fields)


def test_a_batch_queued_in_a_session_the_maker_did_not_open_is_set_aside_and_says_so(aio, open_drafts, backend):
    page, _api, offline = open_drafts()
    [symbol] = symbols(backend, "HK", 1, with_row=False)
    makers_key = offline.store.drafting_keys["maker"]
    proof.unlock_with_password(offline.store, "maker", "a-forgers-password")  # someone else's offline session
    batch_id = drafts.new_batch(offline.store, "maker", "long", "upload", title="Not mine")
    drafts.set_rows(offline.store, batch_id, [{"symbol": symbol, "im": "0.5", "mcm": "0.45", "mm": "0.4", "fm": "0.35"}])
    drafts.submit(offline.store, batch_id, "maker")
    offline.store.drafting_keys["maker"] = makers_key  # the maker signs in online
    assert aio(offline.engine.push()) == 0
    page.refresh()
    aio(until(lambda: page.model.index(0, 4).data() == "Set aside, never sent", timeout=5, message="set aside"))
    page.select(batch_id)
    aio(until(lambda: "nothing proves that you queued it" in page.editor.banner.text(), timeout=5,
              message="the banner says why"))
    assert page.delete_button.isEnabled()  # the maker may delete it, or check and submit it as their own


def test_with_no_batch_the_list_says_how_to_make_one_and_the_editor_cannot_act(aio, open_drafts):
    page, api, _offline = open_drafts()
    assert page.empty_note.isVisible() and page.empty_note.text().startswith(
        "No draft batch yet: make one with New Batch… (Ctrl+N).")
    editor = page.editor
    assert not any(button.isEnabled() for button in (
        editor.add_row_button, editor.delete_rows_button, editor.paste_button, editor.import_button,
        editor.live_button, editor.undo_button, editor.redo_button, editor.submit_button, page.delete_button))
    new_batch(page)
    assert not page.empty_note.isVisible() and editor.add_row_button.isEnabled()
