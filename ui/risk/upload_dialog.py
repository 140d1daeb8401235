"""Upload a margin workbook: read it off the UI thread, preview what would change, fix what is
wrong, submit one work order.

The workbook is read and judged by services/excel/margin_reader.py in a child process (progress
and Cancel stay live, the window never waits); the preview is the same before/after table the checker will see. While any
error remains nothing can be submitted: the user fixes the cells in the Errors tab (a corrected
copy is read again) or fixes the file and reloads it.
"""

from __future__ import annotations

import asyncio
import shutil
import threading
import uuid
from pathlib import Path

from pydantic import BaseModel
from PySide6.QtCore import QDir, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from services.api_client import ApiError
from services.clients.risk import RiskClient, margin_flows
from services.contract.schemas import UploadMode, WorkOrderOut
from services.excel.margin_columns import SHEETS
from services.excel.margin_preview import preview
from services.excel.margin_reader import MarginReadResult, ReadCancelled
from services.excel.read_in_process import ReadFailed, read_in_process
from services.rules.violations import Violation
from services.work_orders.diff import Change, columns
from ui.common.change_texts import flow_name
from ui.common.diff_model import DiffTableModel
from ui.common.op_runner import OpRunner
from ui.common.page_context import PageContext
from ui.common.rule_messages import rule_line
from ui.common.table_view import CopyableTableView
from ui.risk.margin_form import column_label
from ui.risk.margin_kinds import MarginKindUi
from ui.risk.workbook_fixes import write_fixes

READ, PREVIEW, FIX, SEND = "read", "preview", "fix", "send"  # the dialog's kinds of background work
VALUE_COLUMN = 2  # of the errors table: the editable correction


class UploadDialog(QDialog):
    def __init__(self, ctx: PageContext, client: RiskClient, ui: MarginKindUi, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("uploadDialog")
        self.ctx, self.client, self.ui, self.kind = ctx, client, ui, ui.kind
        self.flow = margin_flows(ui.kind)["upload"]  # its name is the dialog's title
        self.ops = OpRunner(self, ctx.report_error)
        self._cancel = threading.Event()
        self._known: dict[str, str] | None = None
        self.source: Path | None = None  # the user's file
        self.path: Path | None = None  # what was read: the file, or its corrected copy
        self.result: MarginReadResult | None = None
        self._key: str | None = None
        self._copies: list[Path] = []
        self.order: WorkOrderOut | None = None
        self.live: dict[str, BaseModel] = {}

        self.file_label = QLabel(self)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton(self)
        self.choose_button.clicked.connect(self.choose_file)
        self.reload_button = QPushButton(self)
        self.reload_button.clicked.connect(lambda: self.load(self.source) if self.source else None)
        self.mode = QComboBox(self)
        self.mode.addItem("", UploadMode.UPSERT.value)
        self.mode.addItem("", UploadMode.REPLACE.value)
        self.mode.currentIndexChanged.connect(self._show_preview)
        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.reload_button)
        top.addWidget(self.file_label, 1)
        top.addWidget(self.mode)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self._cancel.set)
        self.cancel_button.hide()
        self.summary = QLabel(self)
        self.summary.setObjectName("uploadSummary")
        self.summary.setWordWrap(True)
        status = QHBoxLayout()
        status.addWidget(self.summary, 1)
        status.addWidget(self.progress)
        status.addWidget(self.cancel_button)

        self.diff_model = DiffTableModel(self)
        self.diff_view = CopyableTableView(self)
        self.diff_view.setModel(self.diff_model)
        self.hide_unchanged = QCheckBox(self)
        self.hide_unchanged.setChecked(True)
        self.hide_unchanged.toggled.connect(self.diff_model.set_hide_unchanged)
        self.diff_model.set_hide_unchanged(True)
        changes = QWidget(self)
        changes_layout = QVBoxLayout(changes)
        changes_layout.addWidget(self.hide_unchanged)
        changes_layout.addWidget(self.diff_view, 1)
        self.errors = self._issue_table(editable=True)
        self.errors.itemChanged.connect(self._fixes_changed)
        self.warnings = self._issue_table(editable=False)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(changes, "")
        self.tabs.addTab(self.errors, "")
        self.tabs.addTab(self.warnings, "")

        self.apply_fixes_button = QPushButton(self)
        self.apply_fixes_button.clicked.connect(self.apply_fixes)
        self.submit_button = QPushButton(self)
        self.submit_button.setObjectName("primaryButton")
        self.submit_button.clicked.connect(self.submit)
        self.submit_button.setDefault(True)
        for button in (self.choose_button, self.reload_button):
            button.setAutoDefault(False)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.close)
        self.outcome = QLabel(self)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bottom = QHBoxLayout()
        bottom.addWidget(self.outcome, 1)
        bottom.addWidget(self.apply_fixes_button)
        bottom.addWidget(self.submit_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(status)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.resize(1100, 640)
        self.retranslate_ui()
        self._update_buttons()
        self.ops.runningChanged.connect(self._update_buttons)

    def _issue_table(self, editable: bool) -> QTableWidget:
        table = QTableWidget(0, 4, self)
        table.setObjectName("uploadErrors" if editable else "uploadWarnings")
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        table.setEditTriggers(QTableWidget.EditTrigger.AllEditTriggers if editable
                              else QTableWidget.EditTrigger.NoEditTriggers)
        return table

    # --- reading --------------------------------------------------------------------------------

    def choose_file(self) -> None:
        start = str(self.source.parent) if self.source else QDir.homePath()
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a workbook"), start,
                                              self.tr("Excel workbooks (*.xlsx *.xlsm)"))
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> asyncio.Task:
        """Reads ``path`` (the user's file) from scratch."""
        self.source = path
        return self._read(path)

    def _read(self, path: Path) -> asyncio.Task:
        self.path, self.result, self._key, self.order = path, None, None, None
        self.file_label.setText(str(self.source))
        self.outcome.clear()
        self._cancel.clear()
        return self.ops.run(self._reading(path), key=READ, on_failure=self._not_read)

    def _not_read(self, exc: BaseException) -> bool:
        """The master or the live rows could not be read: said in the summary; the shell hears of sessions."""
        self.summary.setText(self.ctx.describe(exc))
        return isinstance(exc, ApiError) and not exc.is_auth

    async def _reading(self, path: Path) -> None:
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.summary.setText(self.tr("Reading {name}…").format(name=path.name))
        self._update_buttons()
        def progress(done: int, total: int) -> None:
            self.progress.setValue(int(100 * done / max(total, 1)))

        try:
            known = await self._master()
            overnight = await self.client.overnight_im() if self.kind == "intraday" else None
            self.live = dict(await self.client.live_rows(self.kind))
            result = await read_in_process(path, self.kind, known=known, overnight_im=overnight,
                                           progress=progress, cancel=self._cancel)
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
        self.result = result
        self._show_issues(result.errors, result.warnings)
        await self._show_preview()

    async def _master(self) -> dict[str, str]:
        """The securities master, once per dialog: which symbols exist and where."""
        if self._known is None:
            self._known = await self.client.security_markets()
        return self._known

    # --- showing --------------------------------------------------------------------------------

    def _show_issues(self, errors: list[Violation], warnings: list[Violation]) -> None:
        self.errors.blockSignals(True)
        for table, issues in ((self.errors, errors), (self.warnings, warnings)):
            table.setRowCount(len(issues))
            for i, v in enumerate(issues):
                fixable = table is self.errors and v.row is not None and v.field not in ("file", "sheet", "rows")
                cells = ("" if v.row is None else str(v.row), self._field_text(v.field), "",
                         rule_line(v))
                for c, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    if c != VALUE_COLUMN or not fixable:
                        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    item.setData(Qt.ItemDataRole.UserRole, (v.row, v.field) if fixable else None)
                    table.setItem(i, c, item)
            table.resizeColumnsToContents()
        self.errors.blockSignals(False)
        self.tabs.setTabText(1, self.tr("Errors ({count})").format(count=len(errors)))
        self.tabs.setTabText(2, self.tr("Warnings ({count})").format(count=len(warnings)))
        if errors:
            self.tabs.setCurrentIndex(1)

    def _field_text(self, field: str) -> str:
        """A field as the workbook's column header names it, in the UI language."""
        column = next((c for c in SHEETS[self.kind].columns if c.field == field), None)
        return column_label(column, self.ctx.language()) if column is not None else field

    def _show_preview(self, *_args) -> asyncio.Task | None:
        """(Re)computes the before/after table; 50,000 rows take a second, so in a worker thread."""
        if self.result is None:
            return None
        return self.ops.run(self._previewing(self.result, UploadMode(self.mode.currentData())), key=PREVIEW)

    async def _previewing(self, result: MarginReadResult, mode: UploadMode) -> None:
        self._key = None  # a new proposal: a new submission
        self._update_buttons()
        if not result.ok:
            self.diff_model.set_diffs([], [])
            self.summary.setText(self.tr("{count} problem(s) in the file: fix them below or in the file, then "
                                         "apply or reload. Nothing can be submitted yet.").format(
                count=len(result.errors)))
        else:
            def compute():
                diffs = preview(self.kind, result.rows, self.live, mode)
                return diffs, columns(diffs)

            diffs, fields = await asyncio.to_thread(compute)
            if result is not self.result or mode != UploadMode(self.mode.currentData()):
                return  # another file or mode came meanwhile; its own preview follows
            self.diff_model.set_diffs(diffs, fields)
            counts = self.diff_model.counts()
            self.summary.setText(self.tr("{rows} rows read: {new} new, {changed} changed, {unchanged} unchanged, "
                                         "{deleted} deleted.").format(
                rows=len(result.rows), new=counts[Change.NEW], changed=counts[Change.CHANGED],
                unchanged=counts[Change.UNCHANGED], deleted=counts[Change.DELETED]))
            self.tabs.setCurrentIndex(0)
        self.diff_view.resizeColumnsToContents()
        self.tabs.setTabText(0, self.tr("Changes ({count})").format(
            count=sum(n for change, n in self.diff_model.counts().items() if change != Change.UNCHANGED)))

    def _fixes(self) -> dict[tuple[int, str], str]:
        out = {}
        for i in range(self.errors.rowCount()):
            item = self.errors.item(i, VALUE_COLUMN)
            where = item.data(Qt.ItemDataRole.UserRole) if item else None
            if where is not None and item.text().strip():
                out[tuple(where)] = item.text().strip()
        return out

    def _fixes_changed(self, _item: QTableWidgetItem) -> None:
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        reading = self.progress.isVisible() or self.ops.running(PREVIEW)
        ready = self.result is not None and self.result.ok and bool(self.result.rows)
        self.submit_button.setEnabled(ready and not reading and self.order is None)
        self.apply_fixes_button.setEnabled(not reading and bool(self._fixes()))
        self.reload_button.setEnabled(not reading and self.source is not None)
        self.choose_button.setEnabled(not reading)

    # --- fixing and submitting ------------------------------------------------------------------

    def apply_fixes(self) -> asyncio.Task | None:
        fixes = self._fixes()
        if not fixes or self.path is None:
            return None
        return self.ops.run(self._fixing(self.path, fixes), key=FIX)

    async def _fixing(self, path: Path, fixes: dict[tuple[int, str], str]) -> None:
        copy = await asyncio.to_thread(write_fixes, path, self.kind, fixes)
        self._copies.append(copy.parent)
        await self._read(copy)

    def submit(self) -> None:
        if not self.submit_button.isEnabled() or self.result is None:
            return
        self._key = self._key or str(uuid.uuid4())
        sending = self.client.upload_margins(self.kind, self.result.rows, UploadMode(self.mode.currentData()),
                                             self._key)
        self.submit_button.setEnabled(False)
        self.outcome.setText(self.tr("Submitting…"))
        self.ops.run(sending, key=SEND, on_success=self._sent, on_failure=self._not_sent)

    def _not_sent(self, exc: BaseException) -> bool:
        """Said below the tables, the refused rows among the errors; the shell hears of sessions."""
        self.outcome.setText(self.ctx.describe(exc))
        if isinstance(exc, ApiError) and exc.errors and self.result is not None:
            # The backend numbers the payload's rows from 1; the user knows the workbook's rows.
            numbers = self.result.row_numbers
            self._show_issues([Violation(str(e.get("field", "")), str(e.get("code", "")),
                                         str(e.get("reason", "")),
                                         numbers[e["row"] - 1] if e.get("row") else None)
                               for e in exc.errors], self.result.warnings)
        self._update_buttons()
        return isinstance(exc, ApiError) and not exc.is_auth

    def _sent(self, order: WorkOrderOut) -> None:
        self.order = order
        self.outcome.setText(self.tr("Submitted as work order #{id}: {flow}, {levels} level(s) of approval.").format(
            id=self.order.id, flow=flow_name(self.flow, self.ctx.language()),
            levels=self.order.levels))
        self.ctx.notify("work_orders")
        self._update_buttons()

    # --- closing and language -------------------------------------------------------------------

    def done(self, result: int) -> None:
        self._cancel.set()
        for folder in self._copies:
            shutil.rmtree(folder, ignore_errors=True)
        self._copies.clear()
        super().done(result)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(flow_name(self.flow, self.ctx.language()))
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
            table.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Field"), self.tr("Correction"),
                                             self.tr("Reason")])
        self.apply_fixes_button.setText(self.tr("Apply Corrections"))
        self.apply_fixes_button.setToolTip(self.tr("Write the corrections into a copy of the file and read it again"))
        self.submit_button.setText(self.tr("Submit for approval"))
        self.close_button.setText(self.tr("Close"))
        if self.source is None:
            self.summary.setText(self.tr("Choose a workbook made from the template. Nothing is submitted until "
                                         "you press Submit."))
