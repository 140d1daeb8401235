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

import asyncio
from datetime import datetime
from pathlib import Path

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDir, QEvent, QModelIndex, Qt
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

from services.api_client import ApiError
from services.clients.funds import FundsClient
from services.contract.errors import ErrorCode
from services.contract.fund_clearing import (
    BatchDetail,
    BatchOut,
    BatchQuery,
    ExplainIn,
    FundOut,
    LineOut,
    Side,
    SideState,
)
from services.contract.permissions import Perm
from services.contract.queries import ExportLanguage
from services.rules.fund_reconciliation import DEFAULT_AMOUNT_DECIMALS, DEFAULT_UNIT_DECIMALS
from ui.common import formatting
from ui.common.confirmation import confirmation
from ui.common.filter_bar import ChoiceField, DateField, FilterBar
from ui.common.formatting import HK, file_size
from ui.common.op_runner import OpRunner
from ui.common.page_context import PageContext
from ui.common.shortcuts import local_shortcut
from ui.common.table_view import CopyableTableView
from ui.funds import labels
from ui.funds.batch_columns import CONTEXT, batch_columns
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

# The page's kinds of background work (its runner's keys): a newer one of a kind replaces the older.
LIST, DETAIL, ACTION, EXPORT = "list", "detail", "action", "export"  # ACTION: an import, explanation or confirmation


class FundClearingPage(QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fundClearingPage")
        self._ctx = ctx
        self._client = FundsClient(ctx.api)
        self.ops = OpRunner(self, ctx.report_error)
        self.ops.runningChanged.connect(self._ops_changed)
        self.funds: dict[int, FundOut] = {}
        self.batch: BatchDetail | None = None  # the batch shown below the list
        self.query = BatchQuery()
        self.dialog: QDialog | None = None  # a question, note or error list on screen
        self.import_errors: ImportErrorsDialog | None = None  # the last refused file's errors
        self._outcome: tuple[str, dict[str, object], bool] | None = None  # source text, arguments, failed
        self._list_failed = False
        self._last_dir = QDir.homePath()
        self.can_import = ctx.can(Perm.FUND_CLEARING_IMPORT)
        can_explain = ctx.can(Perm.FUND_CLEARING_EXPLAIN)
        self.can_confirm = {Side.SUBSCRIPTION: ctx.can(Perm.FUND_CLEARING_CONFIRM_SUBSCRIPTION),
                            Side.REDEMPTION: ctx.can(Perm.FUND_CLEARING_CONFIRM_REDEMPTION)}

        self.filter_bar = FilterBar(FIELDS, BatchQuery, CONTEXT, date_ranges=(("date_from", "date_to"),),
                                    parent=self)
        self.filter_bar.searchRequested.connect(self.apply_filter)
        fund_combo = self.filter_bar.editor("fund_id")
        fund_combo.setMinimumWidth(fund_combo.fontMetrics().averageCharWidth() * 34)

        self.import_button = QPushButton(self)
        self.import_button.setObjectName("importButton")
        self.import_button.clicked.connect(self.choose_import_file)
        self.import_button.setVisible(self.can_import)
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self.choose_export_file)
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.clicked.connect(self.refresh)
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

        self.batch_model = RowsTableModel(batch_columns(self._batch_fund_name), CONTEXT, parent=self)
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
        self.panels = {side: SidePanel(side, can_explain=can_explain, can_confirm=self.can_confirm[side],
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

        if self.can_import:
            local_shortcut("Ctrl+I", self, self.choose_import_file)
        local_shortcut("Ctrl+E", self, self.choose_export_file)
        local_shortcut(QKeySequence.StandardKey.Refresh, self, self.refresh)
        self.retranslate_ui()
        # Funds first (names, decimals, the filter's choices), then the batches.
        self.ops.run(self._load_funds_and_batches(), key=LIST, on_success=self._show_batches,
                     on_failure=self._list_not_read)

    # --- loading ------------------------------------------------------------------------------

    async def _load_funds_and_batches(self) -> list[BatchOut]:
        try:
            funds = await self._client.funds()
        except ApiError as exc:  # the list still loads, with the server's decimals
            self.ops.report(exc)
        else:
            self.funds = {fund.id: fund for fund in funds}
            self.filter_bar.set_choices("fund_id", [(f.id, lambda f=f: self._fund_name(f)) for f in funds])
        return await self._read_batches(self.query)

    def _fund_name(self, fund: FundOut) -> str:
        return labels.fund_name(fund, fund.code, fund.name, self._ctx.language())

    def _batch_fund_name(self, batch: BatchOut) -> str:
        return labels.fund_name(self.funds.get(batch.fund_id), batch.fund_code, batch.fund_name,
                                self._ctx.language())

    def apply_filter(self, query: BatchQuery) -> asyncio.Task:
        self.query = query
        return self.reload_batches()

    def reload_batches(self) -> asyncio.Task:
        self._list_failed = False
        return self.ops.run(self._read_batches(self.query), key=LIST, on_success=self._show_batches,
                            on_failure=self._list_not_read)

    async def _read_batches(self, query: BatchQuery) -> list[BatchOut]:
        return await self._client.batches(query)

    def _list_not_read(self, _exc: BaseException) -> bool:
        self._list_failed = True  # F5 tries again
        return False  # the runner reports it

    def _show_batches(self, batches: list[BatchOut]) -> None:
        shown = self.batch.id if self.batch is not None else None
        self.batch_model.set_rows(batches)
        ids = [b.id for b in batches]
        if shown in ids:
            self.batch_table.selectRow(ids.index(shown))
        elif batches:
            self.batch_table.selectRow(0)
        else:
            self.show_batch(None)
        self._update_list_status()

    def _update_list_status(self) -> None:
        if self._list_failed:
            text = translate("FundClearingPage", "Loading failed; press F5 to try again.")
        elif self.ops.running(LIST):
            text = translate("FundClearingPage", "Loading…")
        else:
            count = self.batch_model.rowCount()
            text = translate("FundClearingPage", "{count} batch(es)").format(count=f"{count:,}")
        self.list_status.setText(text)

    def select_batch(self, batch_id: int) -> bool:
        ids = [b.id for b in self.batch_model.rows()]
        if batch_id not in ids:
            return False
        self.batch_table.selectRow(ids.index(batch_id))
        return True

    def _current_batch_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.open_batch(self.batch_model.row(current.row()).id)

    def open_batch(self, batch_id: int, *, force: bool = False) -> asyncio.Task | None:
        """Loads the batch below the list; a newer choice cancels an older load in flight."""
        if not force and self.batch is not None and self.batch.id == batch_id and not self.loading_detail:
            return None
        return self.ops.run(self._client.batch(batch_id),
                            key=DETAIL, on_success=self.show_batch, on_failure=self._fail)

    @property
    def loading_detail(self) -> bool:
        return self.ops.running(DETAIL)

    def show_batch(self, detail: BatchDetail | None) -> None:
        self.batch = detail
        if detail is None:
            for panel in self.panels.values():
                panel.clear()
            self.header.clear()
            self.update_actions()
            return
        fund = self.funds.get(detail.fund_id)
        units, amounts = ((fund.unit_decimals, fund.amount_decimals) if fund
                          else (DEFAULT_UNIT_DECIMALS, DEFAULT_AMOUNT_DECIMALS))
        self.panels[Side.SUBSCRIPTION].show_side(detail.subscriptions, detail.subscription_lines, units, amounts,
                                                 detail.currency)
        self.panels[Side.REDEMPTION].show_side(detail.redemptions, detail.redemption_lines, units, amounts,
                                               detail.currency)
        self._update_list_row(detail)
        self._render_header()
        self.update_actions()

    def _update_list_row(self, batch: BatchOut) -> None:
        """The list's row of ``batch`` shows its new states and counts, where it is."""
        for number, row in enumerate(self.batch_model.rows()):
            if row.id == batch.id:
                self.batch_model.replace_row(
                    number, BatchOut.model_validate(batch.model_dump(include=set(BatchOut.model_fields))))
                return

    def _render_header(self) -> None:
        detail = self.batch
        if detail is None:
            self.header.clear()
            return
        name = self._batch_fund_name(detail)
        nav = "—" if detail.nav is None else f"{detail.nav.normalize():f}"
        parts = [name, translate("FundClearingPage", "Trade date {date}").format(date=detail.trade_date.isoformat()),
                 translate("FundClearingPage", "NAV {nav} {currency}").format(nav=nav, currency=detail.currency),
                 translate("FundClearingPage", "Settles {date}").format(date=detail.settlement_date.isoformat())]
        second = ""
        if detail.file_name:
            second = (translate("FundClearingPage", "Imported {file} by {user} at {time}").format(
                file=detail.file_name, user=detail.imported_by or "", time=formatting.hk_datetime(detail.imported_at)))
        else:
            second = translate("FundClearingPage", "No confirmation imported yet")
        self.header.setText("  ·  ".join(parts) + "\n" + second)

    # --- enabling -----------------------------------------------------------------------------

    @property
    def acting(self) -> bool:
        return self.ops.running(ACTION)

    @property
    def exporting(self) -> bool:
        return self.ops.running(EXPORT)

    def update_actions(self) -> None:
        chosen = self.batch is not None
        confirmed = chosen and SideState.CONFIRMED in (self.batch.subscriptions.state, self.batch.redemptions.state)
        self.import_button.setEnabled(chosen and not confirmed and not self.acting)
        self.import_button.setToolTip(
            translate("FundClearingPage", "A confirmed batch keeps the confirmation it was reconciled against")
            if confirmed else translate("FundClearingPage", "Import the fund house's confirmation file (.xlsx or "
                                                            ".csv) for the chosen batch (Ctrl+I)"))
        self.export_button.setEnabled(chosen and not self.exporting)
        for panel in self.panels.values():
            panel.set_busy(self.acting)

    def _ops_changed(self, *_args: object) -> None:
        self.busy.setVisible(self.ops.busy)
        self._update_list_status()
        self.update_actions()

    def refresh(self) -> None:
        """F5: the list again, and the chosen batch."""
        self.reload_batches()
        if self.batch is not None:
            self.open_batch(self.batch.id, force=True)

    # --- explain ------------------------------------------------------------------------------

    def ask_explain(self, side: Side) -> None:
        panel = self.panels[side]
        line = panel.current_line()
        if line is None or not line.needs_explaining or self.batch is None or self.dialog is not None:
            return
        fund = self.funds.get(self.batch.fund_id)
        places = (fund.unit_decimals if side == Side.SUBSCRIPTION else fund.amount_decimals) if fund else 2
        dialog = ExplainDialog(line, labels.fixed(line.difference, places, signed=True), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        batch_id = self.batch.id
        dialog.noteGiven.connect(lambda note: self.explain(batch_id, line, note))
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self, *_args: object) -> None:
        self.dialog = None

    def explain(self, batch_id: int, line: LineOut, note: str) -> asyncio.Task | None:
        if self.acting:
            return None
        body = ExplainIn(side=line.side, order_ref=line.order_ref, note=note)
        return self._act(self._explain(batch_id, body))

    async def _explain(self, batch_id: int, body: ExplainIn) -> None:
        await self._client.explain(batch_id, body)
        self._set_outcome(QT_TRANSLATE_NOOP("FundClearingPage", "Line {ref} explained."), {"ref": body.order_ref})
        await self._reload_detail(batch_id)

    # --- confirm ------------------------------------------------------------------------------

    def ask_confirm(self, side: Side) -> None:
        panel = self.panels[side]
        if self.batch is None or panel.confirm_blocker() is not None or self.dialog is not None:
            return
        batch = self.batch
        subscription = side == Side.SUBSCRIPTION
        totals = "\n".join(f"{panel.total_labels[key].text()} {panel.total_values[key].text()}"
                           for key in ("orders", "ordered", "fees", "expected", "confirmed", "difference", "lines"))
        fund = self._batch_fund_name(batch)
        self.dialog = confirmation(
            self,
            translate("FundClearingPage", "Confirm Subscriptions") if subscription
            else translate("FundClearingPage", "Confirm Redemptions"),
            (translate("FundClearingPage", "Confirm the subscriptions of {fund} for trade date {date}?") if subscription
             else translate("FundClearingPage", "Confirm the redemptions of {fund} for trade date {date}?")).format(
                fund=fund, date=batch.trade_date.isoformat()),
            translate("FundClearingPage", "Confirm Subscriptions") if subscription
            else translate("FundClearingPage", "Confirm Redemptions"),
            totals + "\n\n" + translate("FundClearingPage", "This is final: the side can no longer change."),
            on_accept=lambda: self.confirm_side(batch.id, side))
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()

    def confirm_side(self, batch_id: int, side: Side) -> asyncio.Task | None:
        """Confirms one side; the backend refuses it while a line is unexplained."""
        if self.acting:
            return None
        return self._act(self._confirm(batch_id, side))

    async def _confirm(self, batch_id: int, side: Side) -> None:
        result = await self._client.confirm(batch_id, side)
        source = (QT_TRANSLATE_NOOP("FundClearingPage", "Subscriptions confirmed.") if side == Side.SUBSCRIPTION
                  else QT_TRANSLATE_NOOP("FundClearingPage", "Redemptions confirmed."))
        if result.already_confirmed:
            source = QT_TRANSLATE_NOOP("FundClearingPage", "Already confirmed by {user} at {time}.")
        self._set_outcome(source, {"user": result.confirmed_by, "time": formatting.hk_datetime(result.confirmed_at)})
        await self._reload_detail(batch_id)

    # --- import -------------------------------------------------------------------------------

    def choose_import_file(self) -> None:
        if not self.can_import or self.batch is None or self.acting or self.dialog is not None:
            return
        dialog = QFileDialog(self, translate("FundClearingPage", "Import Confirmation"), self._last_dir,
                             translate("FundClearingPage", "Confirmation files (*.xlsx *.csv)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        batch_id = self.batch.id
        dialog.fileSelected.connect(lambda name: self.import_file(batch_id, Path(name)))
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()

    def import_file(self, batch_id: int, path: Path) -> asyncio.Task | None:
        if self.acting:
            return None
        self._last_dir = str(path.parent)
        self._show(translate("FundClearingPage", "Importing {file}…").format(file=path.name), False)
        return self._act(self._import(batch_id, path))

    async def _import(self, batch_id: int, path: Path) -> None:
        content = await asyncio.to_thread(path.read_bytes)
        try:
            result = await self._client.import_confirmation(batch_id, path.name, content)
        except ApiError as exc:
            if exc.code == ErrorCode.FUND_CONFIRMATION_INVALID:
                self._show_import_errors(path.name, exc)
            raise
        self._set_outcome(QT_TRANSLATE_NOOP("FundClearingPage", "Imported {file}: {rows} row(s), {subscriptions} "
                                                                "subscription(s) and {redemptions} redemption(s)."),
                          {"file": result.file_name, "rows": result.rows, "subscriptions": result.subscription_rows,
                           "redemptions": result.redemption_rows})
        await self._reload_detail(batch_id)

    def _show_import_errors(self, file_name: str, exc: ApiError) -> None:
        if self.import_errors is not None and shiboken6.isValid(self.import_errors):
            self.import_errors.close()
        dialog = ImportErrorsDialog(file_name, self._ctx.describe(exc), exc.errors or [], self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._import_errors_gone)
        self.import_errors = dialog
        dialog.open()

    def _import_errors_gone(self, *_args: object) -> None:
        self.import_errors = None

    # --- actions in common --------------------------------------------------------------------

    def _act(self, coro) -> asyncio.Task:
        return self.ops.run(coro, key=ACTION, on_failure=self._fail)

    async def _reload_detail(self, batch_id: int) -> None:
        """After a change: the batch again (its lines, totals and states) and its row in the list."""
        self.ops.cancel(DETAIL)
        detail = await self._client.batch(batch_id)
        if self.batch is None or self.batch.id == batch_id:
            self.show_batch(detail)
        else:
            self._update_list_row(detail)

    def _fail(self, exc: BaseException) -> bool:
        """Said on the page; the shell hears of the network, of sessions and of file errors too."""
        if isinstance(exc, ApiError) and not exc.is_auth:
            reasons = [] if exc.code == ErrorCode.FUND_CONFIRMATION_INVALID else [
                str(e.get("reason")) for e in (exc.errors or []) if e.get("reason")][:5]
            text = self._ctx.describe(exc)
            self.show_outcome(f"{text} {'; '.join(reasons)}" if reasons else text, failed=True)
            return not exc.is_network
        self.show_outcome(self._ctx.describe(exc), failed=True)
        return False

    # --- export -------------------------------------------------------------------------------

    def default_export_name(self) -> str:
        batch = self.batch
        stem = f"fund-clearing-{batch.fund_code}-{batch.trade_date:%Y%m%d}" if batch else "fund-clearing"
        return f"{stem}-{datetime.now(HK):%Y%m%d-%H%M}.xlsx"

    def choose_export_file(self) -> None:
        if self.batch is None or self.exporting or self.dialog is not None:
            return
        dialog = QFileDialog(self, translate("FundClearingPage", "Export Reconciliation"),
                             str(Path(self._last_dir) / self.default_export_name()),
                             translate("FundClearingPage", "Excel workbook (*.xlsx)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("xlsx")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        batch_id = self.batch.id
        dialog.fileSelected.connect(lambda name: self.export_to(batch_id, Path(name)))
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()

    def export_to(self, batch_id: int, target: Path) -> asyncio.Task:
        if not self.exporting:
            self._last_dir = str(target.parent)
        return self.ops.run(self._export(batch_id, target), key=EXPORT, if_running="keep", on_failure=self._fail)

    async def _export(self, batch_id: int, target: Path) -> bool:
        self._set_outcome(QT_TRANSLATE_NOOP("FundClearingPage", "Exporting…"), {})
        size = await self._client.export(
            batch_id, target, ExportLanguage(self._ctx.language()),
            progress=lambda n: self._set_outcome(QT_TRANSLATE_NOOP("FundClearingPage", "Exporting… {size}"),
                                                 {"size": file_size(n)}))
        self._set_outcome(QT_TRANSLATE_NOOP("FundClearingPage", "Exported {size} to {path}"),
                          {"size": file_size(size), "path": str(target)})
        return True

    # --- outcome and language -----------------------------------------------------------------

    def _set_outcome(self, source: str, args: dict[str, object], failed: bool = False) -> None:
        self._outcome = (source, args, failed)
        self._show(translate("FundClearingPage", source).format(**args), failed)

    def show_outcome(self, text: str, *, failed: bool = False) -> None:
        self._outcome = None
        self._show(text, failed)

    def _show(self, text: str, failed: bool) -> None:
        self.outcome.setText(text)
        self.outcome.setProperty("failed", failed)  # the style sheet colours failures red
        self.outcome.style().unpolish(self.outcome)
        self.outcome.style().polish(self.outcome)

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
        if self._outcome is not None:
            source, args, failed = self._outcome
            self._show(translate("FundClearingPage", source).format(**args), failed)
        self.update_actions()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- for tests ----------------------------------------------------------------------------

    def is_ready(self) -> bool:
        """The funds and the batch list have come, and the chosen batch (if any)."""
        return not self.ops.running(LIST) and not self.loading_detail and (
            self.batch_model.rowCount() == 0 or self.batch is not None)

    async def wait_idle(self) -> None:
        await self.ops.wait_idle()
