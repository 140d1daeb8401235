"""The upload preview opened to correct a refused upload order (ui/risk/upload_resubmit.py).

It starts from the order's rows and mode instead of a file: the rows are read as a workbook of them
would be (services/excel/margin_reader.read_margin_rows: the same cell readers and rules), and the
errors show in the same Errors tab, whose corrections are typed into them. A Rows tab holds them as
the cells of that workbook, editable as in Excel (the draft grid's model and cell editor), with the
errors and warnings on their cells; edited rows are read again (Apply Corrections) before anything
can be submitted. The resubmit banner is on top, and the upload goes as the order's resubmission
with its note.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractItemView, QWidget

from services.clients.risk import RiskClient
from services.contract.schemas import WorkOrderOut
from services.excel.margin_cells import row_texts
from services.excel.margin_columns import SHEETS
from services.rules.symbols import normalise
from services.rules.violations import Violation
from ui.common.page_context import PageContext
from ui.common.resubmission import ResubmitBanner
from ui.common.table_view import CopyableTableView
from ui.risk.draft_cell_delegate import CellDelegate
from ui.risk.draft_grid import DraftGridModel, GridRow
from ui.risk.margin_kinds import MarginKindUi
from ui.risk.upload_dialog import UploadDialog

translate = QCoreApplication.translate  # the name lupdate recognises

Texts = list[dict[str, str]]  # rows of field → cell text


def with_fixes(rows: Sequence[Mapping[str, str]], fixes: Mapping[tuple[int, str], str]) -> Texts:
    """``rows`` with ``fixes`` ((row number from 1, field) → text) typed into their cells."""
    out = [dict(row) for row in rows]
    for (number, field), text in fixes.items():
        if 1 <= number <= len(out):
            out[number - 1][field] = text
    return out


class UploadCorrectionDialog(UploadDialog):
    _ready = False  # the base retranslates while constructing, before this class's widgets exist

    def __init__(self, ctx: PageContext, client: RiskClient, ui: MarginKindUi, order: WorkOrderOut,
                 parent: QWidget | None = None):
        super().__init__(ctx, client, ui, parent)
        self.setObjectName("uploadCorrectionDialog")
        self.order = order
        self.banner = ResubmitBanner(order, self)
        self.upload.resubmission = self.banner.resubmission  # submitting resubmits the order, with the note
        self.rows_model = DraftGridModel(ui.kind, SHEETS[ui.kind].columns, ctx.language, self)
        self.rows_model.changed.connect(self._edited)
        self.rows_view = CopyableTableView(self)
        self.rows_view.setObjectName("uploadRows")
        self.rows_view.setModel(self.rows_model)
        self.rows_view.setItemDelegate(CellDelegate(self.rows_view))
        self.rows_view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                       | QAbstractItemView.EditTrigger.EditKeyPressed
                                       | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.edited = False  # the rows changed since they were read: read them again first
        self.tabs.addTab(self.rows_view, "")
        self.layout().insertWidget(0, self.banner)
        for button in (self.choose_button, self.reload_button):
            button.hide()  # the order's rows are corrected here, not replaced by a file
        self.mode.setCurrentIndex(max(0, self.mode.findData(order.payload.get("mode"))))
        self._ready = True
        self.summary.clear()  # the base asks for a file; the order's rows are read instead
        self.retranslate_ui()

    def load_order_rows(self) -> asyncio.Task:
        """Reads the order's rows, as a workbook of them would be read."""
        return self._read([row_texts(self.kind, row) for row in self.order.payload.get("rows", [])])

    def _read(self, source) -> asyncio.Task:
        reading = super()._read(source)
        self.file_label.setText(translate("UploadDialog", "The rows of work order #{id}").format(id=self.order.id))
        if isinstance(source, list):
            self.rows_model.load([GridRow(dict(row)) for row in source], read_only=False)
            self.edited = False
            self._show_count()
        return reading

    def _edited(self, _op: object) -> None:
        self.edited = True
        self._update_buttons()

    def rows(self) -> Texts:
        """The rows as they are now, with the user's edits."""
        return [dict(row.values) for row in self.rows_model.rows()]

    # --- the base's steps, with the rows' tab ---------------------------------------------------

    def _show_issues(self, errors: list[Violation], warnings: list[Violation]) -> None:
        super()._show_issues(errors, warnings)
        self.rows_model.set_errors(errors, warnings)
        live = self.upload.live  # the row header's tooltip: the live row each changes, or a new row
        self.rows_model.set_bases([{"symbol": row.symbol, "version": row.version} if (row := live.get(normalise(
            text.get("symbol", "")))) is not None else None for text in self.rows()])
        self.rows_view.resizeColumnsToContents()

    def _update_buttons(self, *_args: object) -> None:
        super()._update_buttons()
        if self._ready and self.edited:
            self.submit_button.setEnabled(False)  # what is shown must be what was judged
            self.apply_fixes_button.setEnabled(not self.progress.isVisible())

    def apply_fixes(self) -> asyncio.Task | None:
        """The rows as edited, with the corrections of the Errors tab typed in, read again."""
        return self._read(with_fixes(self.rows(), self.errors.fixes()))

    def _sent(self, order: WorkOrderOut) -> None:
        super()._sent(order)
        self.outcome.setText(translate("UploadDialog", "Work order #{old} resubmitted as #{new}.").format(
            old=self.order.id, new=order.id))

    def _show_count(self) -> None:
        self.tabs.setTabText(self.tabs.indexOf(self.rows_view), translate("UploadDialog", "Rows ({count})").format(
            count=self.rows_model.rowCount()))

    def retranslate_ui(self) -> None:
        shown = self.summary.text()  # what the last reading said: the base would ask for a file instead
        super().retranslate_ui()
        if not self._ready:
            return
        self.summary.setText(shown)
        self.problems_text = translate("UploadDialog", "{count} problem(s) in the rows: fix them in the Errors or the "
                                                       "Rows tab, then apply the corrections. Nothing can be "
                                                       "submitted yet.")
        self.blocked_text = translate("UploadDialog", "No changes are shown while the rows have {count} problem(s): "
                                                      "correct them in the Errors or the Rows tab, then apply the "
                                                      "corrections.")
        self.changes_note.update_note()
        self.setWindowTitle(translate("UploadDialog", "Correct work order #{id}: {flow}").format(
            id=self.order.id, flow=self.windowTitle()))
        self.banner.retranslate()
        self.rows_model.retranslate()
        self.file_label.setText(translate("UploadDialog", "The rows of work order #{id}").format(id=self.order.id))
        self._show_count()
