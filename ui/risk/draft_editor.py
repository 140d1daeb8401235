"""The editor of one draft batch: its grid, the ways rows get in (typing, pasting from Excel,
importing a workbook, copying live rows), the shared rules' verdict as you type, and Submit.

Nothing typed is lost: every change is written to the workstation's database (drafts.set_rows)
300 ms after the last one, and at once when another batch is opened, the page is hidden or the
application quits. Submitting queues the batch in the outbox (drafts.submit) and wakes the sync
engine; the batch is then read-only here, and the list follows its fate. A batch in conflict
shows the conflict view instead of the grid until the user has chosen per row.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDir, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from services.offline import drafts
from services.offline.batches import BatchSummary, load_batch
from services.offline.conflicts import draft_columns, live_values, save_rows
from services.offline.models import BatchState
from services.rules.violations import Violation
from ui.common.formatting import HK
from ui.common.op_runner import OpRunner
from ui.common.page_context import PageContext
from ui.common.rule_messages import rule_text
from ui.common.shortcuts import local_shortcut
from ui.common.table_view import CopyableTableView
from ui.risk.draft_conflicts import ConflictView
from ui.risk.draft_grid import CellDelegate, DraftGridModel, GridRow, parse_tsv
from ui.risk.draft_import import read_workbook_rows
from ui.risk.draft_live_picker import LiveRow, LiveRowsDialog
from ui.risk.draft_texts import action_text, banner_text, kind_text, state_text

translate = QCoreApplication.translate  # the name lupdate recognises
log = logging.getLogger(__name__)

SAVE_DELAY_MS = 300
JUDGE_HERE_ROWS = 500  # judged in a few milliseconds on the window's thread; more in a worker thread
PLACEHOLDER, GRID, CONFLICTS = range(3)
JUDGE, IMPORT = "judge", "import"  # the editor's kinds of background work


class DraftEditor(QWidget):
    batchChanged = Signal(str)  # saved, submitted or resolved: the list shows it anew

    def __init__(self, ctx: PageContext, offline, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("draftEditor")
        self.ctx = ctx
        self.offline = offline
        self.store = offline.store
        self.ops = OpRunner(self, ctx.report_error)
        self._cancel_import = threading.Event()
        self.summary: BatchSummary | None = None
        self.model: DraftGridModel | None = None
        self.live_dialog: LiveRowsDialog | None = None
        self._saved_at: float | None = None
        self._problems: list[Violation] = []
        self._checking = False
        self._note = ""  # the outcome of the last action, in the current language

        self.title = QLabel(self)
        self.title.setObjectName("drawerTitle")
        self.banner = QLabel(self)
        self.banner.setObjectName("draftBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.add_row_button = QPushButton(self)
        self.add_row_button.clicked.connect(self.add_row)
        self.delete_rows_button = QPushButton(self)
        self.delete_rows_button.clicked.connect(self.delete_selected_rows)
        self.paste_button = QPushButton(self)
        self.paste_button.clicked.connect(self.paste_clipboard)
        self.import_button = QPushButton(self)
        self.import_button.clicked.connect(self.choose_workbook)
        self.live_button = QPushButton(self)
        self.live_button.clicked.connect(self.open_live_picker)
        self.undo_group = QUndoGroup(self)
        self.undo_button = QPushButton(self)
        self.undo_button.clicked.connect(self.undo_group.undo)
        self.redo_button = QPushButton(self)
        self.redo_button.clicked.connect(self.undo_group.redo)
        self.undo_group.canUndoChanged.connect(self._update_buttons)
        self.undo_group.canRedoChanged.connect(self._update_buttons)
        self.submit_button = QPushButton(self)
        self.submit_button.setObjectName("primaryButton")
        self.submit_button.clicked.connect(self.submit)
        self.tools = QWidget(self)  # hidden while the conflict view shows: nothing to edit then
        tools = QHBoxLayout(self.tools)
        tools.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_row_button, self.delete_rows_button, self.paste_button, self.import_button,
                       self.live_button, self.undo_button, self.redo_button):
            button.setAutoDefault(False)
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(self.submit_button)

        self.grid = CopyableTableView(self)
        self.grid.setObjectName("draftGrid")
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        self.grid.setItemDelegate(CellDelegate(self.grid))
        self.conflicts = ConflictView(self.store, ctx.language, self)
        self.conflicts.resolved.connect(self._resolved)
        self.placeholder = QLabel(self)
        self.placeholder.setObjectName("emptyPage")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.grid)
        self.stack.addWidget(self.conflicts)

        self.problems = QLabel(self)
        self.problems.setObjectName("draftProblems")
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.saved = QLabel(self)
        self.saved.setObjectName("draftSaved")
        status = QHBoxLayout()
        status.addWidget(self.problems, 1)
        status.addWidget(self.saved)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.banner)
        layout.addWidget(self.tools)
        layout.addWidget(self.stack, 1)
        layout.addLayout(status)

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_now)

        local_shortcut(QKeySequence.StandardKey.Paste, self.grid, self.paste_clipboard)
        local_shortcut("Ctrl+Z", self, self.undo_group.undo)
        local_shortcut("Ctrl+Shift+Z", self, self.undo_group.redo)
        local_shortcut("Ctrl+Y", self, self.undo_group.redo)
        local_shortcut("Ctrl+Return", self, self.submit)
        local_shortcut("Ctrl+Enter", self, self.submit)
        local_shortcut("Ctrl++", self, self.add_row)
        local_shortcut("Ctrl+=", self, self.add_row)
        local_shortcut("Ctrl+-", self, self.delete_selected_rows)
        local_shortcut(QKeySequence.StandardKey.Delete, self.grid, self.clear_selected_cells)
        local_shortcut("Ctrl+O", self, self.choose_workbook)
        local_shortcut("Ctrl+L", self, self.open_live_picker)
        self.retranslate_ui()

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

    def load(self, batch_id: str | None) -> None:
        """Shows ``batch_id`` (None: nothing), after saving what the current one holds."""
        self.flush()
        self._cancel_import.set()
        if self.live_dialog is not None:
            self.live_dialog.close()
            self.live_dialog = None
        view = load_batch(self.store, batch_id) if batch_id else None
        old = self.model
        self.summary, self.model, self._problems, self._note = (None if view is None else view.summary), None, [], ""
        self._checking = False
        if view is not None:
            summary = view.summary
            columns = draft_columns(summary.kind, summary.action)  # type: ignore[arg-type]
            model = DraftGridModel(summary.kind, columns, self.ctx.language, self)  # type: ignore[arg-type]
            model.load([GridRow({c.field: r.values.get(c.field, "") for c in columns}, r.base) for r in view.rows],
                       read_only=not self.editable())
            model.changed.connect(self._edited)
            self.model = model
            self.grid.setModel(model)
            self.undo_group.addStack(model.undo_stack)
            self.undo_group.setActiveStack(model.undo_stack)
            self.grid.selectionModel().selectionChanged.connect(self._update_buttons)
            self._size_columns()
            if summary.state == BatchState.CONFLICT:
                self.conflicts.load(summary.id, summary.kind, summary.action)
                self.stack.setCurrentIndex(CONFLICTS)
            else:
                self.stack.setCurrentIndex(GRID)
            self.tools.setVisible(summary.state != BatchState.CONFLICT)
            if self.editable():
                self.judge()
        else:
            self.grid.setModel(None)
            self.stack.setCurrentIndex(PLACEHOLDER)
            self.tools.setVisible(False)
        if old is not None:
            self.undo_group.removeStack(old.undo_stack)
            old.deleteLater()
        self._saved_at = None
        self._show_texts()
        self._update_buttons()

    def _size_columns(self) -> None:
        if self.model is None:
            return
        metrics = self.grid.fontMetrics()
        for section, column in enumerate(self.model.columns):
            title = str(self.model.headerData(section, Qt.Orientation.Horizontal) or "")
            sample = "600519.SH" if column.field == "symbol" else "0" * (column.width * 2 // 3)
            self.grid.setColumnWidth(section, max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title))
                                     + 24)

    # --- saving and judging ---------------------------------------------------------------------

    def _edited(self) -> None:
        self._note = ""
        self._save_timer.start()
        self._show_texts()
        self._update_buttons()

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
            bases = save_rows(self.store, batch_id, self.summary.kind,  # type: ignore[arg-type]
                              [(row.values, row.base) for row in model.rows()])
        except (KeyError, ValueError) as exc:  # deleted, or taken out of the user's hands meanwhile
            log.warning("draft %s not saved: %s", batch_id, exc)
            self._note = translate("DraftBatches", "This batch can no longer change here; it was not saved.")
            self._show_texts()
            return False
        model.set_bases(bases)
        self._saved_at = time.time()
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
            self._checking = False
            self._show_problems(drafts.judge(self.store, self.summary.id).errors)
            return None
        self._checking = True
        return self.ops.run(self._judging(self.summary.id), key=JUDGE)

    async def _judging(self, batch_id: str) -> None:
        try:
            judgement = await asyncio.to_thread(drafts.judge, self.store, batch_id)
        except (AttributeError, KeyError):  # deleted meanwhile
            return
        if self.batch_id != batch_id:
            return  # another batch is open
        self._checking = False
        self._show_problems(judgement.errors)

    def _show_problems(self, violations: list[Violation]) -> None:
        self._problems = list(violations)
        if self.model is not None:
            self.model.set_errors(violations)
        self._show_texts()

    # --- editing --------------------------------------------------------------------------------

    def add_row(self) -> None:
        if self.model is None or not self.editable():
            return
        position = self.model.add_row()
        self.grid.setCurrentIndex(self.model.index(position, 0))
        self.grid.scrollTo(self.model.index(position, 0))
        self.grid.setFocus()

    def selected_positions(self) -> list[int]:
        if self.grid.selectionModel() is None:
            return []
        rows = {i.row() for i in self.grid.selectionModel().selectedIndexes()}
        if not rows and self.grid.currentIndex().isValid():
            rows = {self.grid.currentIndex().row()}
        return sorted(rows)

    def delete_selected_rows(self) -> None:
        if self.model is not None and self.editable():
            self.model.remove_rows(self.selected_positions())

    def clear_selected_cells(self) -> None:
        if self.model is None or not self.editable() or self.grid.selectionModel() is None:
            return
        cells = [(i.row(), i.column(), "") for i in self.grid.selectionModel().selectedIndexes()]
        self.model.set_cells(cells, translate("DraftBatches", "Clear {count} cell(s)").format(count=len(cells)))

    def paste_clipboard(self) -> None:
        self.paste_text(QGuiApplication.clipboard().text())

    def paste_text(self, text: str) -> None:
        """Excel's tab-separated cells at the current cell (a header row maps them by name); one
        value over a selection of cells fills them all."""
        if self.model is None or not self.editable() or not text:
            return
        lines = parse_tsv(text)
        if not lines:
            return
        selected = self.grid.selectionModel().selectedIndexes() if self.grid.selectionModel() else []
        if len(lines) == 1 and len(lines[0]) == 1 and len(selected) > 1:
            value = lines[0][0].strip()
            self.model.set_cells([(i.row(), i.column(), value) for i in selected],
                                 translate("DraftBatches", "Fill {count} cell(s)").format(count=len(selected)))
            return
        current = self.grid.currentIndex()
        row, column = (current.row(), current.column()) if current.isValid() else (self.model.rowCount(), 0)
        cells, added = self.model.paste(lines, row, column)
        self._note = translate("DraftBatches", "Pasted: {cells} cell(s) changed, {rows} row(s) added.").format(
            cells=cells, rows=added)
        self._show_texts()

    def add_live_rows(self, rows: list[LiveRow]) -> None:
        """Live rows copied into the draft, each starting from the live row it copies."""
        if self.model is None or not self.editable() or not rows:
            return
        kind, action = self.summary.kind, self.summary.action  # type: ignore[union-attr]
        self.model.insert_rows(self.model.rowCount(), [GridRow(live_values(kind, action, r.base), dict(r.base))  # type: ignore[arg-type]
                                                       for r in rows],
                               translate("DraftBatches", "Copy {count} live row(s)").format(count=len(rows)))

    def open_live_picker(self) -> LiveRowsDialog | None:
        if self.summary is None or not self.editable():
            return None
        if self.live_dialog is None:
            self.live_dialog = LiveRowsDialog(self.ctx, self.store, self.summary.kind, self)  # type: ignore[arg-type]
            self.live_dialog.chosen.connect(self.add_live_rows)
            self.live_dialog.finished.connect(self._live_picker_closed)
        self.live_dialog.open()
        return self.live_dialog

    def _live_picker_closed(self, _result: int) -> None:
        dialog, self.live_dialog = self.live_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    # --- importing a workbook -------------------------------------------------------------------

    def choose_workbook(self) -> None:
        if self.summary is None or not self.editable() or self.summary.action == "batch_delete":
            return
        dialog = QFileDialog(self, translate("DraftBatches", "Import a workbook"), QDir.homePath(),
                             translate("DraftBatches", "Excel workbooks (*.xlsx *.xlsm)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.import_workbook(Path(name)))
        dialog.open()

    def import_workbook(self, path: Path) -> asyncio.Task | None:
        """Reads ``path`` in a child process (the window never waits) and adds its rows."""
        if self.summary is None or self.model is None or not self.editable():
            return None
        self._cancel_import = threading.Event()
        return self.ops.run(self._importing(Path(path), self.model, self._cancel_import), key=IMPORT)

    async def _importing(self, path: Path, model: DraftGridModel, cancel: threading.Event) -> None:
        summary = self.summary
        assert summary is not None
        self.import_button.setEnabled(False)
        self._note = translate("DraftBatches", "Reading {name}…").format(name=path.name)
        self._show_texts()
        try:
            outcome = await read_workbook_rows(path, summary.kind, summary.action, cancel)  # type: ignore[arg-type]
        finally:
            if model is self.model:
                self._update_buttons()
        if model is not self.model or outcome is None:
            return  # another batch is open now, or the reading was cancelled
        if outcome.rows:
            model.insert_rows(model.rowCount(), outcome.rows,
                              translate("DraftBatches", "Import {name}").format(name=path.name))
        self._note = outcome.note
        self._show_texts()

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
            self._show_problems(exc.violations)
            self._note = translate("DraftBatches", "Not submitted: fix the {count} problem(s) first.").format(
                count=len(exc.violations))
            self._show_texts()
            return False
        except (KeyError, ValueError) as exc:
            log.warning("draft %s not submitted: %s", batch_id, exc)
            self._note = translate("DraftBatches", "This batch can no longer change here; it was not submitted.")
            self._show_texts()
            return False
        engine = getattr(self.offline, "engine", None)
        if engine is not None:
            engine.wake()
        self.load(batch_id)
        self.batchChanged.emit(batch_id)
        return True

    def _resolved(self, _remaining: int) -> None:
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
            self.conflicts.reload_if_changed()

    # --- texts ----------------------------------------------------------------------------------

    def _show_texts(self) -> None:
        s = self.summary
        if s is None:
            self.title.setText(translate("DraftBatches", "Draft Batches"))
            self.banner.setText(translate("DraftBatches", "Choose a batch on the left, or make a new one (Ctrl+N)."))
            self.problems.setText(self._note)
            self.saved.clear()
            return
        title = s.title or translate("DraftBatches", "Untitled batch")
        self.title.setText(f"{title} — {kind_text(s.kind)} · {action_text(s.action)} · "
                           f"{state_text(s.state, s.work_order_id)}")
        self.banner.setText(banner_text(s))
        self.banner.setProperty("tone", "error" if s.state in (BatchState.CONFLICT, BatchState.REFUSED,
                                                              BatchState.REJECTED, BatchState.STALE) else "hint")
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        lines = []
        if self.editable():
            count = len(self._problems)
            if self._checking and not count:
                lines.append(translate("DraftBatches", "Checking…"))
            elif count:
                lines.append(translate("DraftBatches", "{count} problem(s): point at a red cell to see why.").format(
                    count=count))
                lines += [rule_text(v) for v in self._problems if v.row is None][:3]
            else:
                lines.append(translate("DraftBatches", "No problems found."))
        if self._note:
            lines.append(self._note)
        self.problems.setText(" ".join(lines))
        self.problems.setProperty("tone", "error" if self._problems and self.editable() else "hint")
        self.problems.style().unpolish(self.problems)
        self.problems.style().polish(self.problems)
        rows = 0 if self.model is None else self.model.rowCount()
        saved = "" if self._saved_at is None else translate("DraftBatches", "saved {time}").format(
            time=datetime.fromtimestamp(self._saved_at, HK).strftime("%H:%M:%S"))
        self.saved.setText(", ".join(t for t in (translate("DraftBatches", "{count} row(s)").format(count=rows), saved) if t))

    def _update_buttons(self, *_args) -> None:
        editable = self.editable()
        has_rows = self.model is not None and self.model.rowCount() > 0
        for button in (self.add_row_button, self.paste_button, self.live_button):
            button.setEnabled(editable)
        self.import_button.setEnabled(editable and self.summary is not None and self.summary.action != "batch_delete")
        self.delete_rows_button.setEnabled(editable and has_rows and bool(self.selected_positions()))
        self.undo_button.setEnabled(editable and self.undo_group.canUndo())
        self.redo_button.setEnabled(editable and self.undo_group.canRedo())
        self.submit_button.setEnabled(editable and has_rows)

    def retranslate_ui(self) -> None:
        texts = (
            (self.add_row_button, translate("DraftBatches", "Add Row"), translate("DraftBatches", "Add an empty row (Ctrl++)")),
            (self.delete_rows_button, translate("DraftBatches", "Delete Rows"),
             translate("DraftBatches", "Delete the selected rows (Ctrl+-)")),
            (self.paste_button, translate("DraftBatches", "Paste"),
             translate("DraftBatches", "Paste cells copied from Excel at the current cell; a header row maps the columns "
                                "by name (Ctrl+V)")),
            (self.import_button, translate("DraftBatches", "Import Workbook…"),
             translate("DraftBatches", "Add the rows of a workbook made from the upload template (Ctrl+O)")),
            (self.live_button, translate("DraftBatches", "Copy Live Rows…"),
             translate("DraftBatches", "Find live rows by symbol and copy them into the draft (Ctrl+L)")),
            (self.undo_button, translate("DraftBatches", "Undo"), translate("DraftBatches", "Undo (Ctrl+Z)")),
            (self.redo_button, translate("DraftBatches", "Redo"), translate("DraftBatches", "Redo (Ctrl+Shift+Z or Ctrl+Y)")),
            (self.submit_button, translate("DraftBatches", "Submit for Approval"),
             translate("DraftBatches", "Queue the batch for the backend; it becomes a work order (Ctrl+Enter)")),
        )
        for button, text, tip in texts:
            button.setText(text)
            button.setToolTip(tip)
        self.placeholder.setText(translate("DraftBatches", "No batch is open."))
        if self.model is not None:
            self.model.retranslate()
            self._size_columns()
        self.conflicts.retranslate_ui()
        self._show_texts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
