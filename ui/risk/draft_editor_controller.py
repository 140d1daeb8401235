"""What the editor of one draft batch loads, keeps and decides, free of widgets: the batch open
from the workstation's database, its grid model and undo history, saving as typed, the shared
rules' verdict, the ways rows get in (typing, pasting, a workbook, live rows) and Submit.

Nothing typed is lost: every change is written to the workstation's database (drafts.set_rows)
300 ms after the last one, and at once when another batch is opened or the view asks (the page
hidden, the application quitting). Submitting queues the batch in the outbox (drafts.submit) and
wakes the sync engine; the batch is then read-only, and the list follows its fate. The texts the
view shows of the batch (title, banner, problems, saved) are made here too, in the UI language.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoGroup

from services.excel.margin_columns import Kind
from services.offline import drafts
from services.offline.batches import BatchSummary, load_batch
from services.offline.conflicts import draft_columns, live_values, save_rows
from services.offline.models import BatchState
from services.rules.violations import Violation
from ui.common.formatting import HK
from ui.common.op_runner import OpRunner
from ui.common.page_context import PageContext
from ui.common.rule_messages import rule_text
from ui.risk.draft_grid import DraftGridModel, GridRow
from ui.risk.draft_grid_edits import parse_tsv
from ui.risk.draft_import import read_workbook_rows
from ui.risk.draft_live_picker import LiveRow
from ui.risk.draft_texts import action_text, banner_text, kind_text, state_text

translate = QCoreApplication.translate  # the name lupdate recognises
log = logging.getLogger(__name__)

SAVE_DELAY_MS = 300
JUDGE_HERE_ROWS = 500  # judged in a few milliseconds on the window's thread; more in a worker thread
JUDGE, IMPORT = "judge", "import"  # the controller's kinds of background work
ERROR_STATES = (BatchState.CONFLICT, BatchState.REFUSED, BatchState.REJECTED, BatchState.STALE)

Cell = tuple[int, int]  # row, column of the grid


class DraftEditorController(QObject):
    opened = Signal()  # another batch (or none) is open: the view shows its model, grid or conflicts
    changed = Signal()  # the texts or the actions allowed may differ: the view shows them anew
    liveMoved = Signal()  # the open batch is still in conflict; the live rows beside it may have moved
    batchChanged = Signal(str)  # saved, submitted or resolved: the list shows it anew

    def __init__(self, ctx: PageContext, offline: Any, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.offline = offline  # the shell's offline session: its store and sync engine
        self.store = offline.store
        self.ops = OpRunner(self, ctx.report_error)
        self.undo_group = QUndoGroup(self)
        self.summary: BatchSummary | None = None
        self.model: DraftGridModel | None = None
        self.problems: list[Violation] = []
        self.checking = False  # a big batch's judgement is on its way
        self.importing = False
        self.note = ""  # the outcome of the last action, in the current language
        self.saved_at: float | None = None
        self._cancel_import = threading.Event()
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_now)

    # --- state ----------------------------------------------------------------------------------

    def busy(self) -> bool:
        """A judgement or an import is still running."""
        return self.ops.busy

    @property
    def batch_id(self) -> str | None:
        return None if self.summary is None else self.summary.id

    def editable(self) -> bool:
        """The grid may change: a batch the user still owns, not waiting for a conflict choice."""
        return self.summary is not None and self.summary.editable and self.summary.state != BatchState.CONFLICT

    def in_conflict(self) -> bool:
        return self.summary is not None and self.summary.state == BatchState.CONFLICT

    def can_import(self) -> bool:
        """A workbook's rows may be added: not to a batch of deletions, which lists only symbols."""
        return self.editable() and self.summary is not None and self.summary.action != "batch_delete"

    def load(self, batch_id: str | None) -> None:
        """Opens ``batch_id`` (None: nothing), after saving what the current one holds."""
        self.flush()
        self._cancel_import.set()
        view = load_batch(self.store, batch_id) if batch_id else None
        old = self.model
        self.summary, self.model = (None if view is None else view.summary), None
        self.problems, self.note, self.checking = [], "", False
        if view is not None:
            summary = view.summary
            columns = draft_columns(self._kind, summary.action)
            model = DraftGridModel(self._kind, columns, self.ctx.language, self)
            model.load([GridRow({c.field: r.values.get(c.field, "") for c in columns}, r.base) for r in view.rows],
                       read_only=not self.editable())
            model.changed.connect(self._edited)
            self.model = model
            self.undo_group.addStack(model.undo_stack)
            self.undo_group.setActiveStack(model.undo_stack)
        self.opened.emit()
        if self.editable():
            self.judge()
        if old is not None:
            self.undo_group.removeStack(old.undo_stack)
            old.deleteLater()
        self.saved_at = None
        self.changed.emit()

    @property
    def _kind(self) -> Kind:
        assert self.summary is not None
        return self.summary.kind  # type: ignore[return-value]  # the database holds a Kind

    def _say(self, note: str) -> None:
        self.note = note
        self.changed.emit()

    # --- saving and judging ---------------------------------------------------------------------

    def _edited(self) -> None:
        self.note = ""
        self._save_timer.start()
        self.changed.emit()

    def flush(self) -> None:
        """Saves at once what the timer would save shortly."""
        if self._save_timer.isActive():
            self._save_timer.stop()
            self.save_now()

    def save_now(self) -> bool:
        self._save_timer.stop()
        if self.summary is None or self.model is None or not self.editable():
            return False
        model, batch_id = self.model, self.summary.id
        try:
            bases = save_rows(self.store, batch_id, self._kind, [(row.values, row.base) for row in model.rows()])
        except (KeyError, ValueError) as exc:  # deleted, or taken out of the user's hands meanwhile
            log.warning("draft %s not saved: %s", batch_id, exc)
            self._say(translate("DraftBatches", "This batch can no longer change here; it was not saved."))
            return False
        model.set_bases(bases)
        self.saved_at = time.time()
        self.judge()
        self.batchChanged.emit(batch_id)
        return True

    def judge(self) -> asyncio.Task | None:
        """The shared rules' verdict on the saved rows, on their cells and below the grid; judged
        at once for a small batch, in a worker thread for a big one (5,000 rows take a quarter of a
        second); the latest verdict wins (a newer judgement replaces the one in flight)."""
        if self.summary is None or self.model is None:
            return None
        if self.model.rowCount() <= JUDGE_HERE_ROWS:
            self.ops.cancel(JUDGE)
            self.checking = False
            self.show_problems(drafts.judge(self.store, self.summary.id).errors)
            return None
        self.checking = True
        return self.ops.run(self._judging(self.summary.id), key=JUDGE)

    async def _judging(self, batch_id: str) -> None:
        try:
            judgement = await asyncio.to_thread(drafts.judge, self.store, batch_id)
        except (AttributeError, KeyError):  # deleted meanwhile
            return
        if self.batch_id != batch_id:
            return  # another batch is open
        self.checking = False
        self.show_problems(judgement.errors)

    def show_problems(self, violations: Sequence[Violation]) -> None:
        self.problems = list(violations)
        if self.model is not None:
            self.model.set_errors(self.problems)
        self.changed.emit()

    # --- editing --------------------------------------------------------------------------------

    def add_row(self) -> int | None:
        """An empty row at the end; returns its position (None: the batch cannot change)."""
        if self.model is None or not self.editable():
            return None
        return self.model.edits.add_row()

    def delete_rows(self, positions: Sequence[int]) -> None:
        if self.model is not None and self.editable():
            self.model.edits.remove_rows(list(positions))

    def clear_cells(self, cells: Sequence[Cell]) -> None:
        if self.model is None or not self.editable():
            return
        self.model.edits.set_cells([(row, column, "") for row, column in cells],
                             translate("DraftBatches", "Clear {count} cell(s)").format(count=len(cells)))

    def paste_text(self, text: str, selected: Sequence[Cell], current: Cell | None) -> None:
        """Excel's tab-separated cells at ``current`` (a header row maps them by name; none: below
        the last row); one value over a selection of cells fills them all."""
        if self.model is None or not self.editable() or not text:
            return
        lines = parse_tsv(text)
        if not lines:
            return
        if len(lines) == 1 and len(lines[0]) == 1 and len(selected) > 1:
            value = lines[0][0].strip()
            self.model.edits.set_cells([(row, column, value) for row, column in selected],
                                 translate("DraftBatches", "Fill {count} cell(s)").format(count=len(selected)))
            return
        row, column = current if current is not None else (self.model.rowCount(), 0)
        cells, added = self.model.edits.paste(lines, row, column)
        self._say(translate("DraftBatches", "Pasted: {cells} cell(s) changed, {rows} row(s) added.").format(
            cells=cells, rows=added))

    def add_live_rows(self, rows: Sequence[LiveRow]) -> None:
        """Live rows copied into the draft, each starting from the live row it copies."""
        if self.model is None or self.summary is None or not self.editable() or not rows:
            return
        action = self.summary.action
        self.model.edits.insert_rows(self.model.rowCount(),
                               [GridRow(live_values(self._kind, action, r.base), dict(r.base)) for r in rows],
                               translate("DraftBatches", "Copy {count} live row(s)").format(count=len(rows)))

    def import_workbook(self, path: Path) -> asyncio.Task | None:
        """Reads ``path`` in a child process (the window never waits) and adds its rows."""
        if self.summary is None or self.model is None or not self.editable():
            return None
        self._cancel_import = threading.Event()
        return self.ops.run(self._importing(Path(path), self.summary, self.model, self._cancel_import), key=IMPORT)

    async def _importing(self, path: Path, summary: BatchSummary, model: DraftGridModel,
                         cancel: threading.Event) -> None:
        self.importing = True
        self._say(translate("DraftBatches", "Reading {name}…").format(name=path.name))
        try:
            outcome = await read_workbook_rows(path, summary.kind, summary.action, cancel)  # type: ignore[arg-type]
        finally:
            self.importing = False
            if model is self.model:
                self.changed.emit()
        if model is not self.model or outcome is None:
            return  # another batch is open now, or the reading was cancelled
        if outcome.rows:
            model.edits.insert_rows(model.rowCount(), outcome.rows,
                              translate("DraftBatches", "Import {name}").format(name=path.name))
        self._say(outcome.note)

    # --- submitting and conflicts ---------------------------------------------------------------

    def submit(self) -> bool:
        if self.summary is None or not self.editable():
            return False
        self._save_timer.stop()
        if not self.save_now():
            return False
        batch_id = self.summary.id
        try:
            drafts.submit(self.store, batch_id, self.ctx.me.username)
        except drafts.NotSubmittable as exc:
            self.problems = list(exc.violations)
            if self.model is not None:
                self.model.set_errors(self.problems)
            self._say(translate("DraftBatches", "Not submitted: fix the {count} problem(s) first.").format(
                count=len(exc.violations)))
            return False
        except (KeyError, ValueError) as exc:
            log.warning("draft %s not submitted: %s", batch_id, exc)
            self._say(translate("DraftBatches", "This batch can no longer change here; it was not submitted."))
            return False
        engine = getattr(self.offline, "engine", None)
        if engine is not None:
            engine.wake()
        self.load(batch_id)
        self.batchChanged.emit(batch_id)
        return True

    def resolved(self, _remaining: int = 0) -> None:
        """The conflict view applied the user's choices: the batch is shown anew."""
        if self.summary is not None:
            batch_id = self.summary.id
            self.load(batch_id)
            self.batchChanged.emit(batch_id)

    def refresh_state(self, summary: BatchSummary) -> None:
        """The list saw the batch change outside the editor (the sync engine): show it anew; in
        conflict, the live rows the engine may have put beside the draft since."""
        if self.summary is None or summary.id != self.summary.id:
            return
        if (summary.state, summary.work_order_id, summary.reason) != (
                self.summary.state, self.summary.work_order_id, self.summary.reason):
            self.load(summary.id)
        elif summary.state == BatchState.CONFLICT:
            self.liveMoved.emit()

    # --- texts ----------------------------------------------------------------------------------

    def title_text(self) -> str:
        s = self.summary
        if s is None:
            return translate("DraftBatches", "Draft Batches")
        title = s.title or translate("DraftBatches", "Untitled batch")
        return (f"{title} — {kind_text(s.kind)} · {action_text(s.action)} · "
                f"{state_text(s.state, s.work_order_id)}")

    def banner_text(self) -> str:
        if self.summary is None:
            return translate("DraftBatches", "Choose a batch on the left, or make a new one (Ctrl+N).")
        return banner_text(self.summary)

    def banner_is_error(self) -> bool:
        return self.summary is not None and self.summary.state in ERROR_STATES

    def problems_text(self) -> str:
        """The verdict on an editable batch (with up to three problems of no single row) and the
        last action's outcome."""
        if self.summary is None:
            return self.note
        lines = []
        if self.editable():
            count = len(self.problems)
            if self.checking and not count:
                lines.append(translate("DraftBatches", "Checking…"))
            elif count:
                lines.append(translate("DraftBatches", "{count} problem(s): point at a red cell to see why.").format(
                    count=count))
                lines += [rule_text(v) for v in self.problems if v.row is None][:3]
            else:
                lines.append(translate("DraftBatches", "No problems found."))
        if self.note:
            lines.append(self.note)
        return " ".join(lines)

    def problems_are_errors(self) -> bool:
        return bool(self.problems) and self.editable()

    def saved_text(self) -> str:
        """"N row(s), saved HH:MM:SS" (Hong Kong time) of an open batch."""
        if self.summary is None:
            return ""
        rows = 0 if self.model is None else self.model.rowCount()
        saved = "" if self.saved_at is None else translate("DraftBatches", "saved {time}").format(
            time=datetime.fromtimestamp(self.saved_at, HK).strftime("%H:%M:%S"))
        return ", ".join(t for t in (translate("DraftBatches", "{count} row(s)").format(count=rows), saved) if t)
