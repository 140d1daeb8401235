"""Upload a margin workbook: read it off the UI thread, preview what would change, fix what is
wrong, submit one work order.

The workbook is read and judged by services/excel/margin_reader.py in a child process (progress
and Cancel stay live, the window never waits); the preview is the same before/after table the checker will see. While any
error remains nothing can be submitted: the user fixes the cells in the Errors tab (a corrected
copy is read again) or fixes the file and reloads it. Rows given with no file (a refused order's,
ui/risk/upload_correction.py) are read the same way, as a workbook of them would be. Every problem
of the file shows at once (services/excel/margin_reader.py reads it in one pass); while any
remains, the Changes tab says why it shows nothing.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDir, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from services.api_client import ApiError
from services.clients.risk import RiskClient
from services.contract.schemas import UploadMode, WorkOrderOut
from services.excel.margin_columns import SHEETS
from services.excel.margin_reader import MarginReadResult, ReadCancelled
from services.excel.read_in_process import ReadFailed
from services.rules.violations import Violation
from services.work_orders.diff import Change
from ui.common.change_texts import field_label, flow_name
from ui.common.dialog_keys import confirm_keys
from ui.common.op_runner import OpRunner
from ui.common.page_context import PageContext
from ui.risk.margin_form import column_label
from ui.risk.margin_kinds import MarginKindUi
from ui.risk.upload_changes import ChangesTab, why_no_changes
from ui.risk.upload_controller import UploadController
from ui.risk.upload_issues import IssueTable

READ, PREVIEW, FIX, SEND = "read", "preview", "fix", "send"  # the dialog's kinds of background work

translate = QCoreApplication.translate  # the name lupdate recognises


class UploadDialog(QDialog):
    def __init__(self, ctx: PageContext, client: RiskClient, ui: MarginKindUi, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("uploadDialog")
        self.ctx, self.ui, self.kind = ctx, ui, ui.kind
        self.upload = UploadController(client, ui.kind, self)
        self.ops = OpRunner(self, ctx.report_error)

        self.file_label = QLabel(self)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton(self)
        self.choose_button.clicked.connect(self.choose_file)
        self.reload_button = QPushButton(self)
        self.reload_button.clicked.connect(lambda: self.load(self.upload.source) if self.upload.source else None)
        self.mode = QComboBox(self)
        self.mode.addItem("", UploadMode.UPSERT.value)
        self.mode.addItem("", UploadMode.REPLACE.value)
        self.mode.currentIndexChanged.connect(self._show_preview)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        layout.addLayout(top)
        top.addWidget(self.choose_button)
        top.addWidget(self.reload_button)
        top.addWidget(self.file_label, 1)
        top.addWidget(self.mode)

        self.progress = QProgressBar(self)
        self.progress.hide()
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.upload.cancel.set)
        self.cancel_button.hide()
        self.summary = QLabel(self)
        self.summary.setObjectName("uploadSummary")
        self.summary.setWordWrap(True)
        status = QHBoxLayout()
        layout.addLayout(status)
        status.addWidget(self.summary, 1)
        status.addWidget(self.progress)
        status.addWidget(self.cancel_button)

        changes = ChangesTab(lambda: "" if self.progress.isVisible() or self.ops.running(PREVIEW) else why_no_changes(
            self.upload.result, self.upload.changes, self.blocked_text), self)
        self.diff_model, self.diff_view, self.hide_unchanged = changes.model, changes.view, changes.hide_unchanged
        self.changes_note = changes.note
        self.errors = IssueTable(editable=True, parent=self)
        self.errors.itemChanged.connect(self._update_buttons)
        self.warnings = IssueTable(editable=False, parent=self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(changes, "")
        self.tabs.addTab(self.errors, "")
        self.tabs.addTab(self.warnings, "")
        layout.addWidget(self.tabs, 1)

        self.apply_fixes_button = QPushButton(self)
        self.apply_fixes_button.clicked.connect(self.apply_fixes)
        self.submit_button = QPushButton(self)
        self.submit_button.setObjectName("primaryButton")
        self.submit_button.clicked.connect(self.submit)
        self.submit_button.setDefault(True)
        confirm_keys(self, self.submit_button)
        for button in (self.choose_button, self.reload_button):
            button.setAutoDefault(False)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.close)
        self.outcome = QLabel(self)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bottom = QHBoxLayout()
        layout.addLayout(bottom)
        bottom.addWidget(self.outcome, 1)
        bottom.addWidget(self.apply_fixes_button)
        bottom.addWidget(self.submit_button)
        bottom.addWidget(self.close_button)
        self.resize(1100, 640)
        self.retranslate_ui()
        self._update_buttons()
        self.ops.runningChanged.connect(self._update_buttons)
        self.ops.runningChanged.connect(self.changes_note.update_note)

    # --- reading --------------------------------------------------------------------------------

    def choose_file(self) -> None:
        start = str(self.upload.source.parent) if self.upload.source else QDir.homePath()
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a workbook"), start,
                                              self.tr("Excel workbooks (*.xlsx *.xlsm)"))
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> asyncio.Task:
        """Reads ``path`` (the user's file) from scratch."""
        self.upload.source = path
        return self._read(path)

    def _read(self, source: Path | list[dict[str, str]]) -> asyncio.Task:  # a file, or rows of cell texts
        self.upload.start(source)
        self.file_label.setText(str(self.upload.source or ""))
        self.outcome.clear()
        return self.ops.run(self._reading(source), key=READ, on_failure=self._not_read)

    def _not_read(self, exc: BaseException) -> bool:
        """The master or the live rows could not be read: said in the summary; the shell hears of sessions."""
        self.summary.setText(self.ctx.describe(exc))
        return isinstance(exc, ApiError) and not exc.is_auth

    async def _reading(self, source: Path | list[dict[str, str]]) -> None:
        self.progress.setRange(0, 100 if isinstance(source, Path) else 0)  # rows: busy, with no count to tell
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.setVisible(isinstance(source, Path))
        self.summary.setText(self.tr("Reading {name}…").format(name=getattr(source, "name", self.tr("the rows"))))
        self._update_buttons()
        def progress(done: int, total: int) -> None:
            self.progress.setValue(int(100 * done / max(total, 1)))

        try:
            result = await (self.upload.read(source, progress) if isinstance(source, Path)
                            else self.upload.read_rows(source))
        except ReadCancelled:
            self.summary.setText(self.tr("Reading was cancelled; nothing was read."))
            return
        except ReadFailed as exc:
            self.summary.setText(self.tr("The workbook could not be read: {reason}").format(reason=exc))
            return
        finally:
            self.progress.hide()
            self.cancel_button.hide()
            self._update_buttons()
        self._show_issues(result.errors, result.warnings)
        await self._show_preview()

    # --- showing --------------------------------------------------------------------------------

    def _show_issues(self, errors: list[Violation], warnings: list[Violation]) -> None:
        self.errors.show_issues(errors, self._field_text)
        self.warnings.show_issues(warnings, self._field_text)
        self.tabs.setTabText(1, self.tr("Errors ({count})").format(count=len(errors)))
        self.tabs.setTabText(2, self.tr("Warnings ({count})").format(count=len(warnings)))
        if errors:
            self.tabs.setCurrentIndex(1)

    def _field_text(self, field: str) -> str:
        """A field as the workbook's column header names it, in the UI language."""
        column = next((c for c in SHEETS[self.kind].columns if c.field == field), None)
        return column_label(column, self.ctx.language()) if column is not None else field_label(field)

    def _show_preview(self, *_args) -> asyncio.Task | None:
        """(Re)computes the before/after table; 50,000 rows take a second, so in a worker thread."""
        if self.upload.result is None:
            return None
        return self.ops.run(self._previewing(self.upload.result, UploadMode(self.mode.currentData())), key=PREVIEW)

    async def _previewing(self, result: MarginReadResult, mode: UploadMode) -> None:
        self._update_buttons()
        if not result.ok:
            self.diff_model.set_diffs([], [])
            self.summary.setText(self.problems_text.format(count=len(result.errors)))
        else:
            diffs, fields = await self.upload.preview(result, mode)
            if result is not self.upload.result or mode != UploadMode(self.mode.currentData()):
                return  # another file or mode came meanwhile; its own preview follows
            self.diff_model.set_diffs(diffs, fields)
            counts = self.diff_model.counts()
            self.summary.setText(self.tr("{rows} rows read: {new} new, {changed} changed, {unchanged} unchanged, "
                                         "{deleted} deleted.").format(
                rows=len(result.rows), new=counts[Change.NEW], changed=counts[Change.CHANGED],
                unchanged=counts[Change.UNCHANGED], deleted=counts[Change.DELETED]))
            if not self.upload.changes:
                self.summary.setText(self.summary.text() + " " + self.tr(
                    "Nothing to change: every row is as it is live, so there is nothing to submit."))
            self.tabs.setCurrentIndex(0)
        self.diff_view.resizeColumnsToContents()
        self.tabs.setTabText(0, self.tr("Changes ({count})").format(
            count=sum(n for change, n in self.diff_model.counts().items() if change != Change.UNCHANGED)))

    def _update_buttons(self, *_args: object) -> None:
        reading = self.progress.isVisible() or self.ops.running(PREVIEW)
        self.submit_button.setEnabled(self.upload.ready() and not reading)
        self.apply_fixes_button.setEnabled(not reading and bool(self.errors.fixes()))
        self.reload_button.setEnabled(not reading and self.upload.source is not None)
        self.choose_button.setEnabled(not reading)
        self.changes_note.update_note()  # nothing said while reading

    # --- fixing and submitting ------------------------------------------------------------------

    def apply_fixes(self) -> asyncio.Task | None:
        fixes = self.errors.fixes()
        if not fixes or self.upload.path is None:
            return None
        return self.ops.run(self._fixing(fixes), key=FIX)

    async def _fixing(self, fixes: dict[tuple[int, str], str]) -> None:
        await self._read(await self.upload.corrected_copy(fixes))

    def submit(self) -> None:
        if not self.submit_button.isEnabled() or self.upload.result is None:
            return
        sending = self.upload.submit(UploadMode(self.mode.currentData()))
        self.submit_button.setEnabled(False)
        self.outcome.setText(self.tr("Submitting…"))
        self.ops.run(sending, key=SEND, on_success=self._sent, on_failure=self._not_sent)

    def _not_sent(self, exc: BaseException) -> bool:
        """Said below the tables, the refused rows among the errors; the shell hears of sessions."""
        self.outcome.setText(self.ctx.describe(exc))
        if isinstance(exc, ApiError) and exc.errors and self.upload.result is not None:
            self._show_issues(self.upload.refused_rows(exc), self.upload.result.warnings)
        self._update_buttons()
        return isinstance(exc, ApiError) and not exc.is_auth

    def _sent(self, order: WorkOrderOut) -> None:
        self.upload.order = order
        self.outcome.setText(self.tr("Submitted as work order #{id}: {flow}, {levels} level(s) of approval.").format(
            id=order.id, flow=flow_name(self.upload.flow), levels=order.levels))
        self.ctx.notify("work_orders")
        self._update_buttons()

    # --- closing and language -------------------------------------------------------------------

    def done(self, result: int) -> None:
        self.upload.close()
        super().done(result)

    def retranslate_ui(self) -> None:
        self.problems_text = self.tr("{count} problem(s) in the file: fix them below or in the file, then apply or "
                                     "reload. Nothing can be submitted yet.")
        self.blocked_text = translate("UploadDialog", "No changes are shown while the file has {count} problem(s): "
                                                      "correct them in the Errors tab and apply the corrections, or "
                                                      "fix the file and reload it.")
        self.setWindowTitle(flow_name(self.upload.flow))
        self.choose_button.setText(self.tr("Choose File…"))
        self.reload_button.setText(self.tr("Reload"))
        self.reload_button.setToolTip(self.tr("Read the file again, after fixing it in Excel"))
        self.mode.setItemText(0, self.tr("Add or replace the listed rows"))
        self.mode.setItemText(1, self.tr("Replace the whole table of the file's markets"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.hide_unchanged.setText(self.tr("Hide unchanged rows"))
        self.tabs.setTabText(0, self.tr("Changes"))
        self.tabs.setTabText(1, self.tr("Errors"))
        self.tabs.setTabText(2, self.tr("Warnings"))
        for table in (self.errors, self.warnings):
            table.retranslate_ui()
        self.apply_fixes_button.setText(self.tr("Apply Corrections"))
        self.apply_fixes_button.setToolTip(self.tr("Write the corrections into a copy of the file and read it again"))
        self.submit_button.setText(self.tr("Submit for approval"))
        self.close_button.setText(self.tr("Close"))
        if self.upload.source is None:
            self.summary.setText(self.tr("Choose a workbook made from the template. Nothing is submitted until "
                                         "you press Submit."))
        self.changes_note.update_note()
