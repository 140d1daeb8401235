"""The editor of one draft batch, a view of its controller (ui/risk/draft_editor_controller.py,
which loads, saves, judges and submits): the grid, the buttons and shortcuts of the ways rows get
in (typing, pasting from Excel, importing a workbook, copying live rows), the verdict below the
grid, and Submit. A batch in conflict shows the conflict view instead of the grid until the user
has chosen per row. A batch correcting a refused work order (services/offline/corrections.py)
shows the resubmit banner on top: which order, why it came back, and the note to the approvers,
kept as typed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDir, QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
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

from ui.common.page_context import PageContext
from ui.common.shortcuts import local_shortcut
from ui.common.table_view import CopyableTableView
from ui.risk.draft_cell_delegate import CellDelegate
from ui.risk.draft_conflicts import ConflictView
from ui.risk.draft_correction import DraftCorrectionBanner
from ui.risk.draft_editor_controller import SAVE_DELAY_MS, DraftEditorController
from ui.risk.draft_intake import Cell
from ui.risk.draft_live_picker import LiveRowsDialog

translate = QCoreApplication.translate  # the name lupdate recognises

__all__ = ["CONFLICTS", "GRID", "PLACEHOLDER", "SAVE_DELAY_MS", "DraftEditor"]
PLACEHOLDER, GRID, CONFLICTS = range(3)


class DraftEditor(QWidget):
    def __init__(self, ctx: PageContext, offline, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("draftEditor")
        self.ctx = ctx
        self.controller = controller = DraftEditorController(ctx, offline, self)
        self.live_dialog: LiveRowsDialog | None = None

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
        self.undo_group = controller.undo_group
        self.undo_button = QPushButton(self)
        self.undo_button.clicked.connect(self.undo_group.undo)
        self.redo_button = QPushButton(self)
        self.redo_button.clicked.connect(self.undo_group.redo)
        self.undo_group.canUndoChanged.connect(self._update_buttons)
        self.undo_group.canRedoChanged.connect(self._update_buttons)
        self.submit_button = QPushButton(self)
        self.submit_button.setObjectName("primaryButton")
        self.submit_button.clicked.connect(controller.verdict.submit)
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
        self.conflicts = ConflictView(controller.store, ctx.language, self)
        self.conflicts.resolved.connect(controller.resolved)
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

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.banner)
        layout.addWidget(self.tools)
        layout.addWidget(self.stack, 1)
        status = QHBoxLayout()
        layout.addLayout(status)
        status.addWidget(self.problems, 1)
        status.addWidget(self.saved)

        self.correction = DraftCorrectionBanner(self, layout, controller)
        controller.opened.connect(self._opened)
        controller.changed.connect(self._show_texts)
        controller.liveMoved.connect(self.conflicts.reload_if_changed)

        local_shortcut(QKeySequence.StandardKey.Paste, self.grid, self.paste_clipboard)
        local_shortcut("Ctrl+Z", self, self.undo_group.undo)
        local_shortcut("Ctrl+Shift+Z", self, self.undo_group.redo)
        local_shortcut("Ctrl+Y", self, self.undo_group.redo)
        local_shortcut("Ctrl+Return", self, controller.verdict.submit)
        local_shortcut("Ctrl+Enter", self, controller.verdict.submit)
        local_shortcut("Ctrl++", self, self.add_row)
        local_shortcut("Ctrl+=", self, self.add_row)
        local_shortcut("Ctrl+-", self, self.delete_selected_rows)
        local_shortcut(QKeySequence.StandardKey.Delete, self.grid, self.clear_selected_cells)
        local_shortcut("Ctrl+O", self, self.choose_workbook)
        local_shortcut("Ctrl+L", self, self.open_live_picker)
        self.retranslate_ui()

    # --- the open batch -------------------------------------------------------------------------

    def _opened(self) -> None:
        """The controller opened another batch (or none): its grid, or its conflicts."""
        if self.live_dialog is not None:
            self.live_dialog.close()
            self.live_dialog = None
        c = self.controller
        self.grid.setModel(c.model)
        if c.model is not None and c.summary is not None:
            self.grid.selectionModel().selectionChanged.connect(self._update_buttons)
            self._size_columns()
            if c.in_conflict():
                self.conflicts.load(c.summary.id, c.summary.kind, c.summary.action)
            self.stack.setCurrentIndex(CONFLICTS if c.in_conflict() else GRID)
            self.tools.setVisible(not c.in_conflict())
        else:
            self.stack.setCurrentIndex(PLACEHOLDER)
            self.tools.setVisible(False)

    def _size_columns(self) -> None:
        model = self.controller.model
        if model is None:
            return
        metrics = self.grid.fontMetrics()
        for section, column in enumerate(model.columns):
            title = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
            sample = "600519.SH" if column.field == "symbol" else "0" * (column.width * 2 // 3)
            self.grid.setColumnWidth(section, max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title))
                                     + 24)

    # --- editing --------------------------------------------------------------------------------

    def add_row(self) -> None:
        position = self.controller.intake.add_row()
        model = self.controller.model
        if position is None or model is None:
            return
        self.grid.setCurrentIndex(model.index(position, 0))
        self.grid.scrollTo(model.index(position, 0))
        self.grid.setFocus()

    def selected_cells(self) -> list[Cell]:
        selection = self.grid.selectionModel()
        return [] if selection is None else [(i.row(), i.column()) for i in selection.selectedIndexes()]

    def selected_positions(self) -> list[int]:
        rows = {row for row, _column in self.selected_cells()}
        if not rows and self.grid.currentIndex().isValid():
            rows = {self.grid.currentIndex().row()}
        return sorted(rows)

    def delete_selected_rows(self) -> None:
        self.controller.intake.delete_rows(self.selected_positions())

    def clear_selected_cells(self) -> None:
        self.controller.intake.clear_cells(self.selected_cells())

    def paste_clipboard(self) -> None:
        self.paste_text(QGuiApplication.clipboard().text())

    def paste_text(self, text: str) -> None:
        """Excel's tab-separated cells at the current cell (see the controller's paste_text)."""
        current = self.grid.currentIndex()
        self.controller.intake.paste_text(text, self.selected_cells(),
                                          (current.row(), current.column()) if current.isValid() else None)

    def open_live_picker(self) -> LiveRowsDialog | None:
        summary = self.controller.summary
        if summary is None or not self.controller.editable():
            return None
        if self.live_dialog is None:
            self.live_dialog = LiveRowsDialog(self.ctx, self.controller.store, summary.kind, self)  # type: ignore[arg-type]
            self.live_dialog.chosen.connect(self.controller.intake.add_live_rows)
            self.live_dialog.finished.connect(self._live_picker_closed)
        self.live_dialog.open()
        return self.live_dialog

    def _live_picker_closed(self, _result: int) -> None:
        dialog, self.live_dialog = self.live_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def choose_workbook(self) -> None:
        if not self.controller.can_import():
            return
        dialog = QFileDialog(self, translate("DraftBatches", "Import a workbook"), QDir.homePath(),
                             translate("DraftBatches", "Excel workbooks (*.xlsx *.xlsm)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.controller.intake.import_workbook(Path(name)))
        dialog.open()

    # --- texts ----------------------------------------------------------------------------------

    def _show_texts(self) -> None:
        c = self.controller
        self.title.setText(c.texts.title())
        self.banner.setText(c.texts.banner())
        self.problems.setText(c.texts.problems())
        self.saved.setText(c.texts.saved())
        if c.summary is not None:
            for label, error in ((self.banner, c.texts.banner_is_error()), (self.problems, c.texts.problems_are_errors())):
                label.setProperty("tone", "error" if error else "hint")
                label.style().unpolish(label)
                label.style().polish(label)
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        c = self.controller
        editable = c.editable()
        has_rows = c.model is not None and c.model.rowCount() > 0
        for button in (self.add_row_button, self.paste_button, self.live_button):
            button.setEnabled(editable)
        self.import_button.setEnabled(c.can_import() and not c.intake.importing)
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
        if self.controller.model is not None:
            self.controller.model.retranslate()
            self._size_columns()
        self.conflicts.retranslate_ui()
        self._show_texts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
