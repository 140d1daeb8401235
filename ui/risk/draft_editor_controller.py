"""What the editor of one draft batch loads, keeps and decides, free of widgets: the batch open
from the workstation's database, its grid model and undo history, and saving as typed. Its parts:
``verdict`` (draft_verdict.py), the shared rules' verdict and Submit; ``intake``
(draft_intake.py), the ways rows get in (typing, pasting, a workbook, live rows); ``texts``
(draft_editor_texts.py), what the view says of the batch (title, banner, problems, saved), in the
UI language.

Nothing typed is lost: every change of the grid (a keystroke in a cell, even one still open, a
paste, a row added or deleted, an undo) is written to the workstation's database as one small
journal entry (services/offline/pending.py) before the next keystroke is handled: a killed process
loses none of them, and they are folded into the batch when it is opened again. The whole grid is
saved (drafts.set_rows, which empties the journal) and judged 300 ms after the last change, and at
once when another batch is opened or the view asks (the page hidden, the application quitting).
Submitting queues the batch in the outbox (drafts.submit) and wakes the sync engine; the batch is
then read-only, and the list follows its fate. A batch in conflict waits for the user's choices
(the view's conflict view), then is shown anew.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoGroup

from services.contract.schemas import WorkOrderOut
from services.excel.margin_columns import Kind
from services.offline import corrections, pending
from services.offline.batches import BatchSummary, load_batch
from services.offline.conflicts import draft_columns, save_rows
from services.offline.models import BatchState
from ui.common.op_runner import OpRunner
from ui.common.page_context import PageContext
from ui.risk.draft_editor_texts import DraftEditorTexts
from ui.risk.draft_grid import DraftGridModel, GridRow
from ui.risk.draft_intake import DraftIntake
from ui.risk.draft_verdict import DraftVerdict

translate = QCoreApplication.translate  # the name lupdate recognises
log = logging.getLogger(__name__)

SAVE_DELAY_MS = 300


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
        self.note = ""  # the outcome of the last action, in the current language
        self.saved_at: float | None = None
        # The ops of the action under way (a paste has two), written when the undo stack says it is
        # done; while any wait, the save timer runs, so flush() writes them too.
        self._unjournaled: list[dict] = []
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_now)
        self.verdict = DraftVerdict(self)
        self.intake = DraftIntake(self)
        self.texts = DraftEditorTexts(self)

    # --- state ----------------------------------------------------------------------------------

    def busy(self) -> bool:
        """A judgement or an import is still running."""
        return self.ops.busy

    @property
    def batch_id(self) -> str | None:
        return None if self.summary is None else self.summary.id

    @property
    def kind(self) -> Kind:
        assert self.summary is not None
        return self.summary.kind  # type: ignore[return-value]  # the database holds a Kind

    def editable(self) -> bool:
        """The grid may change: a batch the user still owns, not waiting for a conflict choice."""
        return self.summary is not None and self.summary.editable and self.summary.state != BatchState.CONFLICT

    def in_conflict(self) -> bool:
        return self.summary is not None and self.summary.state == BatchState.CONFLICT

    def can_import(self) -> bool:
        """A workbook's rows may be added: not to a batch of deletions, which lists only symbols."""
        return self.editable() and self.summary is not None and self.summary.action != "batch_delete"

    def say(self, note: str) -> None:
        """The outcome of an action, said below the grid until the next edit or action."""
        self.note = note
        self.changed.emit()

    # --- the open batch -------------------------------------------------------------------------

    def load(self, batch_id: str | None) -> None:
        """Opens ``batch_id`` (None: nothing), after saving what the current one holds."""
        self.flush()
        self.intake.cancel()
        if batch_id:
            pending.fold(self.store, batch_id)  # what a killed editor journaled and never saved
        view = load_batch(self.store, batch_id) if batch_id else None
        old = self.model
        self.summary, self.model = (None if view is None else view.summary), None
        self.note, self.saved_at = "", None
        self.verdict.forget()
        if view is not None:
            columns = draft_columns(self.kind, view.summary.action)
            model = DraftGridModel(self.kind, columns, self.ctx.language, self)
            model.load([GridRow({c.field: r.values.get(c.field, "") for c in columns}, r.base) for r in view.rows],
                       read_only=not self.editable())
            model.changed.connect(self._edited)
            model.undo_stack.indexChanged.connect(self._journal)  # after each whole action, undo, redo
            self.model = model
            self.undo_group.addStack(model.undo_stack)
            self.undo_group.setActiveStack(model.undo_stack)
        self.opened.emit()
        if self.editable():
            self.verdict.judge()
        if old is not None:
            self.undo_group.removeStack(old.undo_stack)
            old.deleteLater()
        self.changed.emit()

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

    # --- a correction of a refused work order ---------------------------------------------------

    def corrected_order(self) -> WorkOrderOut | None:
        """The refused order the open batch corrects, as it came back; None if it corrects none."""
        if self.summary is None or self.summary.resubmits_order_id is None:
            return None
        return corrections.corrected_order(self.store, self.summary.id)

    def maker_note(self) -> str:
        return "" if self.summary is None else corrections.note_of(self.store, self.summary.id)

    def set_maker_note(self, text: str) -> None:
        """The note to the approvers, kept as typed (one small write, like a cell's)."""
        if self.summary is not None and self.editable() and not corrections.set_note(self.store, self.summary.id, text):
            log.warning("draft %s: the note was not saved, the batch can no longer change", self.summary.id)

    # --- saving as typed ------------------------------------------------------------------------

    def _edited(self, op: dict) -> None:
        self._unjournaled.append(op)
        self.note = ""
        self._save_timer.start()
        self.changed.emit()

    def _journal(self, _index: int = 0) -> None:
        """Writes the changes of the action just done (one transaction), before the next is handled."""
        ops, self._unjournaled = self._unjournaled, []
        if ops and self.summary is not None and not pending.record(self.store, self.summary.id, ops):
            log.warning("draft %s: %d change(s) not journaled, the batch is gone", self.summary.id, len(ops))

    def flush(self) -> None:
        """Saves at once what the timer would save shortly."""
        if self._save_timer.isActive():
            self._save_timer.stop()
            self.save_now()

    def save_now(self) -> bool:
        self._save_timer.stop()
        self._journal()
        if self.summary is None or self.model is None or not self.editable():
            return False
        model, batch_id = self.model, self.summary.id
        try:
            bases = save_rows(self.store, batch_id, self.kind, [(row.values, row.base) for row in model.rows()])
        except (KeyError, ValueError) as exc:  # deleted, or taken out of the user's hands meanwhile
            log.warning("draft %s not saved: %s", batch_id, exc)
            self.say(translate("DraftBatches", "This batch can no longer change here; it was not saved."))
            return False
        model.set_bases(bases)
        self.saved_at = time.time()
        self.verdict.judge()
        self.batchChanged.emit(batch_id)
        return True
