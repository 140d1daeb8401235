"""The Draft Batches editor's controller without a widget, on a workstation database of the test's
own: a batch opened into its grid model, every change journaled before the next (one transaction an
action) and found again by a fresh store, edits saved after the autosave delay and judged, undone
and redone, pasted (a header maps the columns, one value fills a selection), a workbook imported,
a refused and an accepted submission (the outbox, the engine woken, the batch read-only), a batch
taken away meanwhile, another batch's change in the list, and the texts the view shows.

No backend: the sync engine is a stand-in that counts its wake-ups, and with no cached securities
master the symbols are judged by their form only.
"""

from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from services.api_client import ApiClient
from services.contract.schemas import MeOut
from services.offline import drafts, pending
from services.offline.batches import delete_batch, list_batches, load_batch
from services.offline.models import BatchState, DraftBatch, DraftRow, OutboxItem, PendingEdit
from services.offline.store import open_store
from tests.fixtures.margin_workbooks import LONG_HEADER, long_row, write_sheet
from tests.qt_fixtures import until
from ui.common.page_context import PageContext
from ui.risk.draft_editor_controller import SAVE_DELAY_MS, DraftEditorController
from ui.risk.draft_grid import WARNING_BACKGROUND
from ui.risk.draft_live_picker import LiveRow

GOOD = {"symbol": "00700.HK", "im": "50%", "mcm": "45%", "mm": "40%", "fm": "35%"}


@dataclass
class Engine:
    wakes: int = 0

    def wake(self) -> None:
        self.wakes += 1


@dataclass
class Heard:
    opened: int = 0
    changed: int = 0
    live_moved: int = 0
    batches: list[str] = field(default_factory=list)


@pytest.fixture
def store(tmp_path):
    store = open_store(tmp_path / "local.db")
    yield store
    store.close()


@pytest.fixture
def controller(qapp, aio, store):
    me = MeOut(id=1, username="maker", display_name="Maker", roles=["ops_maker"], permissions=["risk.credit.draft"])
    reported: list[BaseException] = []
    ctx = PageContext(ApiClient("http://127.0.0.1:9"), me, reported.append, ui_language=lambda: "en")
    controller = DraftEditorController(ctx, SimpleNamespace(store=store, engine=Engine()))
    heard = Heard()
    controller.opened.connect(lambda: setattr(heard, "opened", heard.opened + 1))
    controller.changed.connect(lambda: setattr(heard, "changed", heard.changed + 1))
    controller.liveMoved.connect(lambda: setattr(heard, "live_moved", heard.live_moved + 1))
    controller.batchChanged.connect(heard.batches.append)
    controller.heard = heard
    yield controller
    aio(until(lambda: not controller.busy(), message="idle"))
    assert reported == []
    controller.deleteLater()


def batch(store, rows=(), kind="long", action="upload", title="HK review") -> str:
    batch_id = drafts.new_batch(store, "maker", kind, action, title=title)
    if rows:
        drafts.set_rows(store, batch_id, rows)
    return batch_id


def values(controller, fields=("symbol", "im", "mcm", "mm", "fm")) -> list[tuple]:
    return [tuple(r.values.get(f, "") for f in fields) for r in controller.model.rows()]


def stored(store, batch_id: str) -> list[str]:
    with store.session() as session:
        return [r.symbol for r in session.get_one(DraftBatch, batch_id).rows]


def test_a_batch_opens_into_its_model_and_nothing_open_says_so(controller, store):
    batch_id = batch(store, [GOOD])
    controller.load(batch_id)
    assert controller.batch_id == batch_id and controller.heard.opened == 1
    assert values(controller) == [("00700.HK", "50%", "45%", "40%", "35%")]
    assert controller.editable() and controller.can_import() and not controller.in_conflict()
    assert controller.texts.title() == "HK review — Long · Add or change rows · Draft"
    assert controller.texts.problems() == "No problems found." and controller.texts.saved() == "1 row(s)"
    assert not controller.texts.banner_is_error() and not controller.texts.problems_are_errors()

    controller.load(None)
    assert controller.summary is None and controller.model is None and controller.heard.opened == 2
    assert controller.texts.title() == "Draft Batches" and controller.texts.saved() == ""
    assert controller.texts.banner() == "Choose a batch on the left, or make a new one (Ctrl+N)."


def on_disk(store, batch_id: str) -> list[dict]:
    """What a process opening the file now would find: the saved rows with the journal replayed."""
    with store.session() as session:
        rows = [pending.JournalRow(dict(r.values)) for r in session.scalars(
            select(DraftRow).where(DraftRow.batch_id == batch_id).order_by(DraftRow.position))]
        ops = [e.op for e in session.scalars(select(PendingEdit).where(PendingEdit.batch_id == batch_id)
                                             .order_by(PendingEdit.id))]
    return [typed(r.values) for r in pending.replay(rows, ops)]


def typed(values: dict) -> dict:
    return {name: text for name, text in values.items() if text}


def test_every_change_is_journaled_before_the_next_and_found_again_after_a_kill(controller, store):
    batch_id = batch(store, [GOOD])
    controller.load(batch_id)
    model = controller.model

    def check() -> None:
        assert on_disk(store, batch_id) == [typed(r.values) for r in model.rows()]

    typing = ("edit", 1)
    for text in ("6", "60", "60%"):  # the keystrokes of one open cell, merged into one command
        model.edits.set_cell(0, model.fields.index("im"), text, merge_key=typing)
        check()
    assert model.undo_stack.count() == 1 and stored(store, batch_id) == ["00700.HK"]  # the rows: not yet saved
    controller.intake.paste_text("Symbol\tIM\n09988.HK\t50%\n00005.HK\t40%\n", [], None)  # cells and a new row
    check()
    controller.intake.delete_rows([0])
    check()
    controller.undo_group.undo()
    controller.undo_group.undo()
    check()
    model.edits.revert_edit(typing)  # Esc: the cell as it was before the edit
    check()
    controller.intake.add_row()
    model.edits.set_cell(1, 0, "02318.hk", merge_key=("edit", 2))
    check()
    expected = [typed(r.values) for r in model.rows()]

    again = open_store(store.path)  # a kill now: the next start folds the journal into the rows
    try:
        assert [typed(r.values) for r in load_batch(again, batch_id).rows] == expected
        with again.session() as session:
            assert session.scalars(select(PendingEdit)).all() == []
    finally:
        again.close()
    controller.flush()
    assert on_disk(store, batch_id) == expected


def test_each_action_is_one_journal_transaction_written_as_it_ends(controller, store, monkeypatch):
    controller.load(batch(store, [GOOD]))
    written: list[list[str]] = []
    record = pending.record
    monkeypatch.setattr(pending, "record", lambda s, b, ops: written.append([next(iter(op)) for op in ops])
                        or record(s, b, ops))
    controller.intake.paste_text("09988.HK\t50%\n00005.HK\t40%\n", [], (0, 0))  # a cell changed and a row added
    assert written == [["cells", "insert"]]  # both parts, or neither, after a kill
    controller.undo_group.undo()
    assert written[-1] == ["remove", "cells"]  # the paste taken back, in reverse, also as one
    controller.intake.delete_rows([0])
    controller.undo_group.undo()  # the row back in place
    assert written[-2:] == [["remove"], ["insert"]]
    controller.model.edits.set_cell(0, 0, "00700.H", merge_key=("edit", 1))
    controller.model.edits.set_cell(0, 0, "00700.HK", merge_key=("edit", 1))  # typed back: the command is obsolete
    assert written[-2:] == [["cells"], ["cells"]] and controller.model.undo_stack.count() == 0
    controller.flush()
    assert len(written) == 6  # the full save had nothing more to journal


def test_edits_are_saved_after_the_delay_judged_and_undone(controller, store, aio):
    batch_id = batch(store)
    controller.load(batch_id)
    position = controller.intake.add_row()
    assert position == 0
    controller.model.edits.set_cell(0, 0, "00700.HK")
    controller.model.edits.set_cell(0, 2, "35%")  # IM below MCM, MM and FM still empty
    assert stored(store, batch_id) == []  # the rows wait for a pause (the journal holds the edits)
    aio(until(lambda: controller.saved_at is not None, timeout=SAVE_DELAY_MS / 1000 + 5, message="autosave"))
    assert stored(store, batch_id) == ["00700.HK"] and controller.heard.batches[-1] == batch_id
    assert controller.verdict.problems and controller.texts.problems_are_errors()
    assert controller.texts.problems().startswith(f"{len(controller.verdict.problems)} problem(s): point at a red cell")
    assert controller.texts.saved().startswith("1 row(s), saved ")

    controller.undo_group.undo()
    assert controller.model.text(0, "im") == ""
    controller.undo_group.redo()
    assert controller.model.text(0, "im") == "35%"
    controller.intake.delete_rows([0])
    controller.flush()  # at once, as when another batch opens
    assert stored(store, batch_id) == [] and controller.model.rowCount() == 0


def test_pasting_maps_a_header_and_one_value_fills_a_selection(controller, store):
    controller.load(batch(store))
    controller.intake.paste_text("Symbol\tIM\tMCM\tMM\tFM\n00700.HK\t50%\t45%\t40%\t35%\n09988.HK\t50%\t45%\t40%\t35%\n",
                                 [], None)
    assert values(controller) == [("00700.HK", "50%", "45%", "40%", "35%"), ("09988.HK", "50%", "45%", "40%", "35%")]
    assert controller.note.startswith("Pasted: ") and controller.note in controller.texts.problems()
    im = controller.model.fields.index("im")
    controller.intake.paste_text("60%", [(0, im), (1, im)], (0, im))
    assert [r.values["im"] for r in controller.model.rows()] == ["60%", "60%"]
    controller.intake.clear_cells([(1, im)])
    assert controller.model.text(1, "im") == ""


def test_live_rows_are_copied_with_their_base(controller, store):
    controller.load(batch(store, action="upload"))
    base = {"symbol": "00005.HK", "market": "HK", "im": "0.4000", "mcm": "0.3500", "mm": "0.3000", "fm": "0.2500",
            "financeable": True, "effective_from": None, "remark": None, "version": 7}
    controller.intake.add_live_rows([LiveRow("00005.HK", "HSBC", base)])
    [row] = controller.model.rows()
    assert row.values["symbol"] == "00005.HK" and row.base == base


def test_a_workbook_is_imported_as_one_undoable_step(controller, store, aio, tmp_path):
    controller.load(batch(store))
    path = write_sheet(tmp_path / "rows.xlsx", [LONG_HEADER, long_row("00700.HK"), long_row("09988.HK")])
    aio(controller.intake.import_workbook(path), timeout=120)
    assert [r.values["symbol"] for r in controller.model.rows()] == ["00700.HK", "09988.HK"]
    assert controller.note == "2 row(s) imported from rows.xlsx." and not controller.intake.importing
    controller.model.undo_stack.undo()
    assert controller.model.rowCount() == 0


def test_a_refused_then_an_accepted_submission(controller, store):
    batch_id = batch(store, [GOOD, {**GOOD, "symbol": "09988.HK", "im": "30%"}])
    controller.load(batch_id)
    assert not controller.verdict.submit()
    assert controller.note.startswith("Not submitted: fix the ")
    assert controller.verdict.problems and {v.row for v in controller.verdict.problems} == {2}  # numbered as the grid reads
    assert controller.model.error_cells() == len(controller.verdict.problems) and controller.offline.engine.wakes == 0
    controller.model.edits.set_cell(1, controller.model.fields.index("im"), "50%")
    assert controller.verdict.submit()
    assert controller.offline.engine.wakes == 1 and controller.heard.batches[-1] == batch_id
    assert controller.summary.state == BatchState.QUEUED and not controller.editable()
    assert controller.model.read_only and controller.intake.add_row() is None and controller.texts.problems() == ""
    with store.session() as session:
        [item] = session.scalars(select(OutboxItem).where(OutboxItem.batch_id == batch_id))
    assert item.flow == "risk.credit.upload_stock_margin_ratio" and len(item.payload["rows"]) == 2


def test_a_dated_row_outside_the_session_is_warned_on_its_cell_and_still_submitted(controller, store):
    christmas = {**GOOD, "symbol": "00005.HK", "effective_from": "2026-12-25 10:00"}  # Hong Kong time, as typed
    batch_id = batch(store, [GOOD, christmas])
    controller.load(batch_id)
    controller.verdict.judge()
    assert controller.verdict.problems == [] and controller.model.error_cells() == 0
    column = controller.model.fields.index("effective_from")
    cell = controller.model.index(1, column)
    assert cell.data(Qt.ItemDataRole.BackgroundRole) == WARNING_BACKGROUND
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == (
        "2026-12-25 10:00 HKT is outside the HK trading session; the change first counts at the next open, "
        "2026-12-28 09:30 HKT.")
    assert controller.model.index(0, column).data(Qt.ItemDataRole.BackgroundRole) is None
    assert controller.verdict.submit() and controller.offline.engine.wakes == 1


def test_a_batch_taken_away_is_neither_saved_nor_submitted(controller, store):
    batch_id = batch(store, [GOOD])
    controller.load(batch_id)
    assert delete_batch(store, batch_id)
    controller.intake.add_row()
    assert not controller.save_now()
    assert controller.note == "This batch can no longer change here; it was not saved."
    assert not controller.verdict.submit()


def test_the_lists_news_of_the_open_batch(controller, store):
    batch_id, other = batch(store, [GOOD]), batch(store, [GOOD], title="other")
    controller.load(batch_id)
    summaries = {s.id: s for s in list_batches(store, "maker")}
    opened = controller.heard.opened
    controller.refresh_state(summaries[other])  # not the open one
    controller.refresh_state(summaries[batch_id])  # unchanged
    assert controller.heard.opened == opened and controller.heard.live_moved == 0
    with store.session() as session, session.begin():
        session.get_one(DraftBatch, batch_id).state = BatchState.CONFLICT.value
    in_conflict = {s.id: s for s in list_batches(store, "maker")}[batch_id]
    controller.refresh_state(in_conflict)
    assert controller.heard.opened == opened + 1 and controller.in_conflict() and not controller.editable()
    assert controller.texts.banner_is_error()
    controller.refresh_state(in_conflict)  # still in conflict: the live rows beside it may have moved
    assert controller.heard.live_moved == 1


def test_a_submission_while_the_drafting_key_is_unlocked_waits_and_queues_nothing(controller, store):
    batch_id = batch(store, [GOOD])
    controller.load(batch_id)
    controller.offline.unlocking = True  # just signed in: the key's Argon2id still running
    assert not controller.verdict.submit()
    assert controller.note == ("Your drafting key is still being unlocked after signing in; "
                               "submit again in a moment.")
    assert controller.summary.state == BatchState.DRAFT and controller.offline.engine.wakes == 0
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(OutboxItem)) == 0
    controller.offline.unlocking = False
    assert controller.verdict.submit() and controller.offline.engine.wakes == 1
