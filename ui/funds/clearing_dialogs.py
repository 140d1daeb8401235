"""Fund Clearing's questions and notes: Explain… a line, the question before confirming a side's
reconciliation or doing a settlement step, Difference Limit… and its question, the file dialogs
of Import… and Export, and the errors of a refused confirmation file.

One of them is on screen at a time (``current``); what the user gives goes to the controller.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from services.contract.fund_clearing import STEP_SIDE, SettlementStep, Side
from ui.common.confirmation import confirmation
from ui.funds import labels
from ui.funds.clearing_controller import FundClearingController
from ui.funds.difference_limit_dialog import DifferenceLimitDialog
from ui.funds.explain_dialog import ExplainDialog
from ui.funds.import_errors_dialog import ImportErrorsDialog
from ui.funds.settlement_bar import step_blocker
from ui.funds.side_panel import SidePanel

translate = QCoreApplication.translate  # the name lupdate recognises


class ClearingDialogs(QObject):
    def __init__(self, page: QWidget, controller: FundClearingController):
        super().__init__(page)
        self._page = page
        self._controller = controller
        self.current: QDialog | None = None  # a question, note or file dialog on screen
        self.import_errors: ImportErrorsDialog | None = None  # the last refused file's errors
        controller.actions.importRefused.connect(self.show_import_errors)

    def ask_explain(self, panel: SidePanel) -> None:
        line = panel.current_line()
        batch = self._controller.batch
        if line is None or not line.needs_explaining or batch is None or self.current is not None:
            return
        places = self._controller.fund_book.difference_places(batch, panel.side)
        dialog = ExplainDialog(line, labels.fixed(line.difference, places, signed=True), self._page)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.noteGiven.connect(lambda note: self._controller.actions.explain(batch.id, line.side, line.order_ref, note))
        self._open(dialog)

    def ask_confirm(self, panel: SidePanel) -> None:
        batch = self._controller.batch
        if batch is None or panel.confirm_blocker() is not None or self.current is not None:
            return
        side = panel.side
        subscription = side == Side.SUBSCRIPTION
        action = (translate("FundClearingPage", "Confirm Subscription Reconciliation") if subscription
                  else translate("FundClearingPage", "Confirm Redemption Reconciliation"))
        question = (translate("FundClearingPage", "Confirm the subscription reconciliation of {fund} for trade "
                                                  "date {date}?")
                    if subscription else
                    translate("FundClearingPage", "Confirm the redemption reconciliation of {fund} for trade "
                                                  "date {date}?"))
        self._open(confirmation(
            self._page, action,
            question.format(fund=self._controller.fund_book.batch_fund_name(batch), date=batch.trade_date.isoformat()),
            action,
            panel.totals_text() + "\n\n" + translate("FundClearingPage", "This is final: the side can no longer "
                                                                         "change."),
            on_accept=lambda: self._controller.actions.confirm_side(batch.id, side)))

    def ask_step(self, step: SettlementStep) -> None:
        batch = self._controller.batch
        if batch is None or step_blocker(batch, step) is not None or self.current is not None:
            return
        side = batch.subscriptions if STEP_SIDE[step] == Side.SUBSCRIPTION else batch.redemptions
        action = labels.step_text(step)
        self._open(confirmation(
            self._page, action,
            translate("FundClearingPage", "{step} for {fund}, trade date {date}?").format(
                step=action, fund=self._controller.fund_book.batch_fund_name(batch), date=batch.trade_date.isoformat()),
            action,
            translate("FundClearingPage", "{orders} order(s). Settles {date}. This is recorded and audited; it "
                                          "cannot be undone here.").format(orders=side.orders,
                                                                          date=batch.settlement_date.isoformat()),
            on_accept=lambda: self._controller.settlement.settle_step(batch.id, step)))

    def ask_difference_limit(self) -> None:
        batch, controller = self._controller.batch, self._controller
        if batch is None or not controller.can_set_limit or controller.actions.acting or self.current is not None:
            return
        fund = controller.fund_book.batch_fund_name(batch)
        dialog = DifferenceLimitDialog(fund, batch.difference_limit, self._page)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.limitGiven.connect(lambda limit: self._confirm_limit(batch.fund_id, fund, batch.difference_limit,
                                                                    limit))
        self._open(dialog)

    def _confirm_limit(self, fund_id: int, fund: str, before, after) -> None:
        self.current = None  # the limit's dialog is done; its question comes next
        action = translate("FundClearingPage", "Change Limit")
        self._open(confirmation(
            self._page, action,
            translate("FundClearingPage", "Change the difference limit of {fund} from {before} to {after}?").format(
                fund=fund, before=f"{before.normalize():f}", after=f"{after.normalize():f}"),
            action,
            translate("FundClearingPage", "Every batch of this fund not yet confirmed is judged by the new limit. "
                                          "The change is audited."),
            on_accept=lambda: self._controller.settlement.set_difference_limit(fund_id, after)))

    def choose_import_file(self) -> None:
        controller, actions = self._controller, self._controller.actions
        batch = controller.batch
        if not controller.can_import or batch is None or actions.acting or self.current is not None:
            return
        dialog = self._file_dialog(translate("FundClearingPage", "Import Confirmation"), actions.last_dir,
                                   translate("FundClearingPage", "Confirmation files (*.xlsx *.csv)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda name: actions.import_file(batch.id, Path(name)))
        self._open(dialog)

    def choose_export_file(self) -> None:
        actions = self._controller.actions
        batch = self._controller.batch
        if batch is None or actions.exporting or self.current is not None:
            return
        dialog = self._file_dialog(translate("FundClearingPage", "Export Reconciliation"),
                                   str(Path(actions.last_dir) / actions.default_export_name()),
                                   translate("FundClearingPage", "Excel workbook (*.xlsx)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("xlsx")
        dialog.fileSelected.connect(lambda name: actions.export_to(batch.id, Path(name)))
        self._open(dialog)

    def _file_dialog(self, title: str, where: str, filters: str) -> QFileDialog:
        dialog = QFileDialog(self._page, title, where, filters)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return dialog

    def _open(self, dialog: QDialog) -> None:
        dialog.finished.connect(self._closed)
        self.current = dialog
        dialog.open()

    def _closed(self, *_args: object) -> None:
        self.current = None

    def show_import_errors(self, file_name: str, message: str, errors: Sequence[dict]) -> None:
        if self.import_errors is not None and shiboken6.isValid(self.import_errors):
            self.import_errors.close()
        dialog = ImportErrorsDialog(file_name, message, errors, self._page)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._import_errors_gone)
        self.import_errors = dialog
        dialog.open()

    def _import_errors_gone(self, *_args: object) -> None:
        self.import_errors = None
