"""What the draft batch editor says of the open batch, in the UI language, read from its
controller (draft_editor_controller.py): the title, the banner of its state, the verdict and the
last action's outcome, and "N row(s), saved HH:MM:SS"."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from services.offline.models import BatchState
from ui.common.formatting import HK
from ui.common.rule_messages import rule_text
from ui.risk.draft_texts import action_text, banner_text, kind_text, state_text

if TYPE_CHECKING:
    from ui.risk.draft_editor_controller import DraftEditorController

translate = QCoreApplication.translate  # the name lupdate recognises

ERROR_STATES = (BatchState.CONFLICT, BatchState.REFUSED, BatchState.REJECTED, BatchState.STALE)


class DraftEditorTexts:
    def __init__(self, editor: DraftEditorController):
        self._editor = editor

    def title(self) -> str:
        s = self._editor.summary
        if s is None:
            return translate("DraftBatches", "Draft Batches")
        title = s.title or translate("DraftBatches", "Untitled batch")
        return (f"{title} — {kind_text(s.kind)} · {action_text(s.action)} · "
                f"{state_text(s.state, s.work_order_id)}")

    def banner(self) -> str:
        if self._editor.summary is None:
            return translate("DraftBatches", "Choose a batch on the left, or make a new one (Ctrl+N).")
        return banner_text(self._editor.summary)

    def banner_is_error(self) -> bool:
        summary = self._editor.summary
        return summary is not None and summary.state in ERROR_STATES

    def problems(self) -> str:
        """The verdict on an editable batch (with up to three problems of no single row) and the
        last action's outcome."""
        editor = self._editor
        if editor.summary is None:
            return editor.note
        lines = []
        if editor.editable():
            problems = editor.verdict.problems
            if editor.verdict.checking and not problems:
                lines.append(translate("DraftBatches", "Checking…"))
            elif problems:
                lines.append(translate("DraftBatches", "{count} problem(s): point at a red cell to see why.").format(
                    count=len(problems)))
                lines += [rule_text(v) for v in problems if v.row is None][:3]
            else:
                lines.append(translate("DraftBatches", "No problems found."))
        if editor.note:
            lines.append(editor.note)
        return " ".join(lines)

    def problems_are_errors(self) -> bool:
        return bool(self._editor.verdict.problems) and self._editor.editable()

    def saved(self) -> str:
        """"N row(s), saved HH:MM:SS" (Hong Kong time) of an open batch."""
        editor = self._editor
        if editor.summary is None:
            return ""
        rows = 0 if editor.model is None else editor.model.rowCount()
        saved = "" if editor.saved_at is None else translate("DraftBatches", "saved {time}").format(
            time=datetime.fromtimestamp(editor.saved_at, HK).strftime("%H:%M:%S"))
        return ", ".join(t for t in (translate("DraftBatches", "{count} row(s)").format(count=rows), saved) if t)
