"""The ways rows get into the open draft batch, for the editor's controller
(draft_editor_controller.py): a row added or deleted, cells cleared, Excel's cells pasted (a header
row maps them by name; one value fills a selection), live rows copied, and a workbook imported in
a child process. Each is one undoable step of the grid (draft_grid_edits.py)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from services.offline.batches import BatchSummary
from services.offline.conflicts import live_values
from ui.risk.draft_grid import DraftGridModel, GridRow
from ui.risk.draft_grid_edits import parse_tsv
from ui.risk.draft_import import read_workbook_rows
from ui.risk.draft_live_picker import LiveRow

if TYPE_CHECKING:
    from ui.risk.draft_editor_controller import DraftEditorController

translate = QCoreApplication.translate  # the name lupdate recognises

IMPORT = "import"  # the controller's runner's key of a workbook's reading
Cell = tuple[int, int]  # row, column of the grid


class DraftIntake:
    def __init__(self, editor: DraftEditorController):
        self._editor = editor
        self.importing = False
        self._cancel_import = threading.Event()

    def _editable_model(self) -> DraftGridModel | None:
        return self._editor.model if self._editor.editable() else None

    def cancel(self) -> None:
        """Another batch opens: a workbook still being read is dropped."""
        self._cancel_import.set()

    def add_row(self) -> int | None:
        """An empty row at the end; returns its position (None: the batch cannot change)."""
        model = self._editable_model()
        return None if model is None else model.edits.add_row()

    def delete_rows(self, positions: Sequence[int]) -> None:
        if (model := self._editable_model()) is not None:
            model.edits.remove_rows(list(positions))

    def clear_cells(self, cells: Sequence[Cell]) -> None:
        if (model := self._editable_model()) is not None:
            model.edits.set_cells([(row, column, "") for row, column in cells],
                                  translate("DraftBatches", "Clear {count} cell(s)").format(count=len(cells)))

    def paste_text(self, text: str, selected: Sequence[Cell], current: Cell | None) -> None:
        """Excel's tab-separated cells at ``current`` (a header row maps them by name; none: below
        the last row); one value over a selection of cells fills them all."""
        model = self._editable_model()
        if model is None or not text:
            return
        lines = parse_tsv(text)
        if not lines:
            return
        if len(lines) == 1 and len(lines[0]) == 1 and len(selected) > 1:
            value = lines[0][0].strip()
            model.edits.set_cells([(row, column, value) for row, column in selected],
                                  translate("DraftBatches", "Fill {count} cell(s)").format(count=len(selected)))
            return
        row, column = current if current is not None else (model.rowCount(), 0)
        cells, added = model.edits.paste(lines, row, column)
        self._editor.say(translate("DraftBatches", "Pasted: {cells} cell(s) changed, {rows} row(s) added.").format(
            cells=cells, rows=added))

    def add_live_rows(self, rows: Sequence[LiveRow]) -> None:
        """Live rows copied into the draft, each starting from the live row it copies."""
        model, summary = self._editable_model(), self._editor.summary
        if model is None or summary is None or not rows:
            return
        kind = self._editor.kind
        model.edits.insert_rows(model.rowCount(),
                                [GridRow(live_values(kind, summary.action, r.base), dict(r.base)) for r in rows],
                                translate("DraftBatches", "Copy {count} live row(s)").format(count=len(rows)))

    def import_workbook(self, path: Path) -> asyncio.Task | None:
        """Reads ``path`` in a child process (the window never waits) and adds its rows."""
        model, summary = self._editable_model(), self._editor.summary
        if model is None or summary is None:
            return None
        self._cancel_import = threading.Event()
        return self._editor.ops.run(self._importing(Path(path), summary, model, self._cancel_import), key=IMPORT)

    async def _importing(self, path: Path, summary: BatchSummary, model: DraftGridModel,
                         cancel: threading.Event) -> None:
        editor = self._editor
        self.importing = True
        editor.say(translate("DraftBatches", "Reading {name}…").format(name=path.name))
        try:
            outcome = await read_workbook_rows(path, summary.kind, summary.action, cancel)  # type: ignore[arg-type]
        finally:
            self.importing = False
            if model is editor.model:
                editor.changed.emit()
        if model is not editor.model or outcome is None:
            return  # another batch is open now, or the reading was cancelled
        if outcome.rows:
            model.edits.insert_rows(model.rowCount(), outcome.rows,
                                    translate("DraftBatches", "Import {name}").format(name=path.name))
        editor.say(outcome.note)
