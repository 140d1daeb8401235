"""Funds › Public Funds › Fund Clearing (基金清算): batches by fund and trade date, the selected
batch's two sides side by side (state, totals, lines with the ones that differ tinted and named),
Import of the fund house's confirmation, Explain… a line, Confirm Subscriptions / Confirm
Redemptions (each on its own), and the reconciliation's Excel export.

The batch list is one capped list (not paged), so it is held whole. Every request runs on the
qasync loop; the funds are read first (the filter's choices and each fund's decimals), then the
batches, then the chosen batch. Buttons the user's permissions do not allow are hidden; the
backend decides either way.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from services.contract.fund_clearing import (
    BatchQuery,
    Side,
    SideState,
)
from ui.common import formatting
from ui.common.confirmation import confirmation
from ui.common.filter_bar import ChoiceField, DateField, FilterBar
from ui.common.page_context import PageContext
from ui.common.shortcuts import local_shortcut
from ui.common.table_view import CopyableTableView
from ui.funds import labels
from ui.funds.batch_columns import CONTEXT, batch_columns
from ui.funds.clearing_controller import FundClearingController
from ui.funds.explain_dialog import ExplainDialog
from ui.funds.import_errors_dialog import ImportErrorsDialog
from ui.funds.rows_model import RowsTableModel
from ui.funds.side_panel import SidePanel

translate = QCoreApplication.translate  # the name lupdate recognises

FIELDS = (
    # Its choices are the backend's funds, set once they are read.
    ChoiceField("fund_id", QT_TRANSLATE_NOOP("FundClearingPage", "Fund"), ()),
    DateField("date_from", QT_TRANSLATE_NOOP("FundClearingPage", "From")),
    DateField("date_to", QT_TRANSLATE_NOOP("FundClearingPage", "To")),
    ChoiceField("state", QT_TRANSLATE_NOOP("FundClearingPage", "State"), tuple(
        (state.value, lambda state=state: labels.state_text(state)) for state in SideState)),
)


class FundClearingPage(QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fundClearingPage")
        self.controller = controller = FundClearingController(ctx, self)
        self.dialog: QDialog | None = None  # a question, note or error list on screen
        self.import_errors: ImportErrorsDialog | None = None  # the last refused file's errors

        self.filter_bar = FilterBar(FIELDS, BatchQuery, CONTEXT, date_ranges=(("date_from", "date_to"),),
                                    parent=self)
        self.filter_bar.searchRequested.connect(controller.apply_filter)
        fund_combo = self.filter_bar.editor("fund_id")
        fund_combo.setMinimumWidth(fund_combo.fontMetrics().averageCharWidth() * 34)

        self.import_button = QPushButton(self)
        self.import_button.setObjectName("importButton")
        self.import_button.clicked.connect(self.choose_import_file)
        self.import_button.setVisible(controller.can_import)
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self.choose_export_file)
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.clicked.connect(controller.refresh)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # the server does not say how long
        self.busy.setMaximumWidth(120)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.outcome = QLabel(self)
        self.outcome.setObjectName("approvalOutcome")  # the style sheet's outcome line (red when failed)
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.setWordWrap(True)
        toolbar = QHBoxLayout()
        toolbar.addWidget(self.import_button)
        toolbar.addWidget(self.export_button)
        toolbar.addWidget(self.refresh_button)
        toolbar.addWidget(self.busy)
        toolbar.addWidget(self.outcome, 1)

        self.batch_model = RowsTableModel(batch_columns(controller.batch_fund_name), CONTEXT, parent=self)
        self.batch_table = CopyableTableView(self)
        self.batch_table.setObjectName("fundBatches")
        self.batch_table.setModel(self.batch_model)
        self.batch_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.batch_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.batch_table.horizontalHeader().setStretchLastSection(True)
        self.batch_table.apply_column_widths(self.batch_model.columns)
        self.batch_table.selectionModel().currentRowChanged.connect(self._current_batch_changed)
        self.list_status = QLabel(self)
        self.list_status.setObjectName("queryStatus")
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.batch_table, 1)
        top_layout.addWidget(self.list_status)

        self.header = QLabel(self)
        self.header.setObjectName("batchHeader")
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Never wider than the page: a long file name is cut, not a reason to widen the window.
        self.header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        header_font = self.header.font()
        header_font.setBold(True)
        self.header.setFont(header_font)
        self.panels = {side: SidePanel(side, can_explain=controller.can_explain, can_confirm=controller.can_confirm[side],
                                       parent=self) for side in Side}
        sides = QSplitter(Qt.Orientation.Horizontal, self)
        sides.setObjectName("fundSidesSplitter")
        sides.setChildrenCollapsible(False)
        for panel in self.panels.values():
            panel.explainRequested.connect(self.ask_explain)
            panel.confirmRequested.connect(self.ask_confirm)
            sides.addWidget(panel)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.header)
        bottom_layout.addWidget(sides, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("fundClearingSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addLayout(toolbar)
        layout.addWidget(self.splitter, 1)

        if controller.can_import:
            local_shortcut("Ctrl+I", self, self.choose_import_file)
        local_shortcut("Ctrl+E", self, self.choose_export_file)
        local_shortcut(QKeySequence.StandardKey.Refresh, self, controller.refresh)
        controller.ops.runningChanged.connect(self._ops_changed)
        controller.fundsChanged.connect(self._show_funds)
        controller.batchesChanged.connect(self._show_batches)
        controller.batchRowChanged.connect(self.batch_model.replace_row)
        controller.batchChanged.connect(self._show_batch)
        controller.outcomeChanged.connect(self._show_outcome)
        controller.importRefused.connect(self._show_import_errors)
        self.retranslate_ui()
        controller.start()

    # --- what the controller says ---------------------------------------------------------------

    def _show_funds(self) -> None:
        self.filter_bar.set_choices("fund_id", [(f.id, lambda f=f: self.controller.fund_name(f))
                                                for f in self.controller.funds.values()])

    def _show_batches(self) -> None:
        self.batch_model.set_rows(self.controller.batches)
        self.select_batch(self.controller.chosen_id)
        self._update_list_status()

    def select_batch(self, batch_id: int | None) -> bool:
        ids = [b.id for b in self.batch_model.rows()]
        if batch_id not in ids:
            return False
        self.batch_table.selectRow(ids.index(batch_id))
        return True

    def _current_batch_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.controller.open_batch(self.batch_model.row(current.row()).id)

    def _update_list_status(self) -> None:
        if self.controller.list_failed:
            text = translate("FundClearingPage", "Loading failed; press F5 to try again.")
        elif self.controller.loading_list:
            text = translate("FundClearingPage", "Loading…")
        else:
            count = self.batch_model.rowCount()
            text = translate("FundClearingPage", "{count} batch(es)").format(count=f"{count:,}")
        self.list_status.setText(text)

    def _show_batch(self) -> None:
        detail = self.controller.batch
        if detail is None:
            for panel in self.panels.values():
                panel.clear()
        else:
            units, amounts = self.controller.decimals(detail)
            self.panels[Side.SUBSCRIPTION].show_side(detail.subscriptions, detail.subscription_lines, units,
                                                     amounts, detail.currency)
            self.panels[Side.REDEMPTION].show_side(detail.redemptions, detail.redemption_lines, units, amounts,
                                                   detail.currency)
        self._render_header()
        self.update_actions()

    def _render_header(self) -> None:
        detail = self.controller.batch
        if detail is None:
            self.header.clear()
            return
        name = self.controller.batch_fund_name(detail)
        nav = "—" if detail.nav is None else f"{detail.nav.normalize():f}"
        parts = [name, translate("FundClearingPage", "Trade date {date}").format(date=detail.trade_date.isoformat()),
                 translate("FundClearingPage", "NAV {nav} {currency}").format(nav=nav, currency=detail.currency),
                 translate("FundClearingPage", "Settles {date}").format(date=detail.settlement_date.isoformat())]
        if detail.file_name:
            second = (translate("FundClearingPage", "Imported {file} by {user} at {time}").format(
                file=detail.file_name, user=detail.imported_by or "", time=formatting.hk_datetime(detail.imported_at)))
        else:
            second = translate("FundClearingPage", "No confirmation imported yet")
        self.header.setText("  ·  ".join(parts) + "\n" + second)

    def update_actions(self) -> None:
        controller = self.controller
        self.import_button.setEnabled(controller.may_import())
        self.import_button.setToolTip(
            translate("FundClearingPage", "A confirmed batch keeps the confirmation it was reconciled against")
            if controller.batch_confirmed else translate("FundClearingPage", "Import the fund house's confirmation "
                                                                             "file (.xlsx or .csv) for the chosen "
                                                                             "batch (Ctrl+I)"))
        self.export_button.setEnabled(controller.may_export())
        for panel in self.panels.values():
            panel.set_busy(controller.acting)

    def _ops_changed(self, *_args: object) -> None:
        self.busy.setVisible(self.controller.ops.busy)
        self._update_list_status()
        self.update_actions()

    def _show_outcome(self) -> None:
        outcome = self.controller.outcome
        self.outcome.setText(outcome.text() if outcome else "")
        self.outcome.setProperty("failed", bool(outcome and outcome.failed))  # the style sheet colours failures red
        self.outcome.style().unpolish(self.outcome)
        self.outcome.style().polish(self.outcome)

    # --- dialogs ------------------------------------------------------------------------------

    def ask_explain(self, side: Side) -> None:
        line = self.panels[side].current_line()
        batch = self.controller.batch
        if line is None or not line.needs_explaining or batch is None or self.dialog is not None:
            return
        difference = labels.fixed(line.difference, self.controller.difference_places(batch, side), signed=True)
        dialog = ExplainDialog(line, difference, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.noteGiven.connect(lambda note: self.controller.explain(batch.id, line.side, line.order_ref, note))
        self._open(dialog)

    def ask_confirm(self, side: Side) -> None:
        panel = self.panels[side]
        batch = self.controller.batch
        if batch is None or panel.confirm_blocker() is not None or self.dialog is not None:
            return
        subscription = side == Side.SUBSCRIPTION
        totals = "\n".join(f"{panel.total_labels[key].text()} {panel.total_values[key].text()}"
                           for key in ("orders", "ordered", "fees", "expected", "confirmed", "difference", "lines"))
        fund = self.controller.batch_fund_name(batch)
        self._open(confirmation(
            self,
            translate("FundClearingPage", "Confirm Subscriptions") if subscription
            else translate("FundClearingPage", "Confirm Redemptions"),
            (translate("FundClearingPage", "Confirm the subscriptions of {fund} for trade date {date}?") if subscription
             else translate("FundClearingPage", "Confirm the redemptions of {fund} for trade date {date}?")).format(
                fund=fund, date=batch.trade_date.isoformat()),
            translate("FundClearingPage", "Confirm Subscriptions") if subscription
            else translate("FundClearingPage", "Confirm Redemptions"),
            totals + "\n\n" + translate("FundClearingPage", "This is final: the side can no longer change."),
            on_accept=lambda: self.controller.confirm_side(batch.id, side)))

    def choose_import_file(self) -> None:
        controller = self.controller
        if not controller.can_import or controller.batch is None or controller.acting or self.dialog is not None:
            return
        dialog = QFileDialog(self, translate("FundClearingPage", "Import Confirmation"), controller.last_dir,
                             translate("FundClearingPage", "Confirmation files (*.xlsx *.csv)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        batch_id = controller.batch.id
        dialog.fileSelected.connect(lambda name: controller.import_file(batch_id, Path(name)))
        self._open(dialog)

    def choose_export_file(self) -> None:
        controller = self.controller
        if controller.batch is None or controller.exporting or self.dialog is not None:
            return
        dialog = QFileDialog(self, translate("FundClearingPage", "Export Reconciliation"),
                             str(Path(controller.last_dir) / controller.default_export_name()),
                             translate("FundClearingPage", "Excel workbook (*.xlsx)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("xlsx")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        batch_id = controller.batch.id
        dialog.fileSelected.connect(lambda name: controller.export_to(batch_id, Path(name)))
        self._open(dialog)

    def _open(self, dialog: QDialog) -> None:
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self, *_args: object) -> None:
        self.dialog = None

    def _show_import_errors(self, file_name: str, message: str, errors: list[dict]) -> None:
        if self.import_errors is not None and shiboken6.isValid(self.import_errors):
            self.import_errors.close()
        dialog = ImportErrorsDialog(file_name, message, errors, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._import_errors_gone)
        self.import_errors = dialog
        dialog.open()

    def _import_errors_gone(self, *_args: object) -> None:
        self.import_errors = None

    # --- language -----------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.import_button.setText(translate("FundClearingPage", "Import…"))
        self.export_button.setText(translate("FundClearingPage", "Export"))
        self.export_button.setToolTip(translate("FundClearingPage", "Export the chosen batch's reconciliation to "
                                                                    "Excel (Ctrl+E)"))
        self.refresh_button.setText(translate("FundClearingPage", "Refresh"))
        self.refresh_button.setToolTip(translate("FundClearingPage", "Read the batches again (F5)"))
        self.batch_model.retranslate()
        for panel in self.panels.values():
            panel.retranslate_ui()
        self._render_header()
        self._update_list_status()
        self._show_outcome()
        self.update_actions()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- for tests ----------------------------------------------------------------------------

    def is_ready(self) -> bool:
        """The funds and the batch list have come, and the chosen batch (if any)."""
        return self.controller.is_ready()

    async def wait_idle(self) -> None:
        await self.controller.wait_idle()
