"""The shared rules' verdict on the open draft batch, and Submit, for the editor's controller
(draft_editor_controller.py): the saved rows judged at once for a small batch, in a worker thread
for a big one (5,000 rows take a quarter of a second), the latest verdict winning; the problems on
their cells; and the batch queued in the outbox once nothing is wrong."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from services.offline import drafts
from services.rules.violations import Violation

if TYPE_CHECKING:
    from ui.risk.draft_editor_controller import DraftEditorController

translate = QCoreApplication.translate  # the name lupdate recognises
log = logging.getLogger(__name__)

JUDGE_HERE_ROWS = 500  # judged in a few milliseconds on the window's thread; more in a worker thread
JUDGE = "judge"  # the controller's runner's key of a judgement in a worker thread


class DraftVerdict:
    def __init__(self, editor: DraftEditorController):
        self._editor = editor
        self.problems: list[Violation] = []
        self.checking = False  # a big batch's judgement is on its way

    def forget(self) -> None:
        """Another batch opens: nothing judged yet."""
        self.problems, self.checking = [], False

    def judge(self) -> asyncio.Task | None:
        """The rules' verdict on the saved rows, on their cells and below the grid; a newer
        judgement replaces the one in flight."""
        editor = self._editor
        if editor.summary is None or editor.model is None:
            return None
        if editor.model.rowCount() <= JUDGE_HERE_ROWS:
            editor.ops.cancel(JUDGE)
            self.checking = False
            judgement = drafts.judge(editor.store, editor.summary.id)
            self.show_problems(judgement.errors, judgement.warnings)
            return None
        self.checking = True
        return editor.ops.run(self._judging(editor.summary.id), key=JUDGE)

    async def _judging(self, batch_id: str) -> None:
        try:
            judgement = await asyncio.to_thread(drafts.judge, self._editor.store, batch_id)
        except (AttributeError, KeyError):  # deleted meanwhile
            return
        if self._editor.batch_id != batch_id:
            return  # another batch is open
        self.checking = False
        self.show_problems(judgement.errors, judgement.warnings)

    def show_problems(self, violations: Sequence[Violation], warnings: Sequence[Violation] = ()) -> None:
        self.problems = list(violations)
        if self._editor.model is not None:
            self._editor.model.set_errors(self.problems, warnings)
        self._editor.changed.emit()

    def submit(self) -> bool:
        """Saves the batch, then queues it in the outbox and wakes the sync engine; refused while
        the rules find a problem, said below the grid."""
        editor = self._editor
        if editor.summary is None or not editor.editable():
            return False
        if not editor.save_now():
            return False
        if getattr(editor.offline, "unlocking", False):
            # Queued now, it would carry no proof of who queued it and be set aside: say so instead.
            editor.say(translate("DraftBatches", "Your drafting key is still being unlocked after signing in; "
                                                 "submit again in a moment."))
            return False
        batch_id = editor.summary.id
        try:
            drafts.submit(editor.store, batch_id, editor.ctx.me.username)
        except drafts.NotSubmittable as exc:
            self.problems = list(exc.violations)
            if editor.model is not None:
                editor.model.set_errors(self.problems)
            editor.say(translate("DraftBatches", "Not submitted: fix the {count} problem(s) first.").format(
                count=len(exc.violations)))
            return False
        except (KeyError, ValueError) as exc:
            log.warning("draft %s not submitted: %s", batch_id, exc)
            editor.say(translate("DraftBatches", "This batch can no longer change here; it was not submitted."))
            return False
        engine = getattr(editor.offline, "engine", None)
        if engine is not None:
            engine.wake()
        editor.load(batch_id)
        editor.batchChanged.emit(batch_id)
        return True
