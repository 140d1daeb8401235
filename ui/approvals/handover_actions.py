"""The actions of an Approvals page that hand an order on: Transfer… (轉交, Ctrl+Shift+T) for an
approver of its current level, Add CC… (抄送) for its maker or approvers, and Delegations…
(Ctrl+Shift+D) on every page. A page creates one with the buttons it offers and calls ``update``
whenever its own buttons are updated; changes run through the page's ``run_action``."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt

from services.contract.schemas import WorkOrderOut, level_to_decide
from ui.approvals import labels
from ui.approvals.abilities import may_add_cc, may_transfer
from ui.approvals.cc_dialog import CcDialog
from ui.approvals.delegations_dialog import DelegationsDialog
from ui.approvals.handover_texts import refusal_text
from ui.approvals.list_page import ends_here
from ui.approvals.transfer_dialog import TransferDialog
from ui.common.page_context import PageContext
from ui.common.shortcuts import local_shortcut

if TYPE_CHECKING:
    from ui.approvals.list_page import WorkOrdersPage

CANDIDATES = "transferCandidates"  # the runner's key of the people a transfer may go to

translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings


class HandoverActions(QObject):
    def __init__(self, page: WorkOrdersPage, ctx: PageContext, *, transfer: bool = False, cc: bool = True):
        super().__init__(page)
        self.page, self.ctx = page, ctx
        self.transfer_button = page.add_action_button("transferButton") if transfer else None
        self.cc_button = page.add_action_button("ccButton") if cc else None
        self.delegations_button = page.add_action_button("delegationsButton")
        self.delegations_button.setEnabled(True)
        if self.transfer_button is not None:
            self.transfer_button.clicked.connect(self.ask_transfer)
            local_shortcut("Ctrl+Shift+T", page, self.ask_transfer)
        if self.cc_button is not None:
            self.cc_button.clicked.connect(self.ask_cc)
        self.delegations_button.clicked.connect(self.open_delegations)
        local_shortcut("Ctrl+Shift+D", page, self.open_delegations)

    def retranslate(self) -> None:
        if self.transfer_button is not None:
            self.transfer_button.setText(translate("HandoverActions", "Transfer…"))
            self.transfer_button.setToolTip(translate(
                "HandoverActions", "Give your place on this level to someone else, with a note (Ctrl+Shift+T)"))
        if self.cc_button is not None:
            self.cc_button.setText(translate("HandoverActions", "Add CC…"))
            self.cc_button.setToolTip(translate("HandoverActions", "Copy other people on this work order"))
        self.delegations_button.setText(translate("HandoverActions", "Delegations…"))
        self.delegations_button.setToolTip(translate(
            "HandoverActions", "Who decides for you while you are away, and for whom you decide (Ctrl+Shift+D)"))

    def update(self, idle: bool) -> None:
        order = self.page.detail.order
        if self.transfer_button is not None:
            self.transfer_button.setEnabled(idle and order is not None and may_transfer(self.page.me, order))
        if self.cc_button is not None:
            self.cc_button.setEnabled(idle and order is not None and may_add_cc(self.page.me, order))

    def _free(self) -> bool:
        return not self.page.acting and self.page.dialog is None

    # --- 轉交 -----------------------------------------------------------------------------------

    def ask_transfer(self) -> None:
        order = self.page.detail.order
        if order is None or not may_transfer(self.page.me, order) or not self._free():
            return
        dialog = TransferDialog(f"#{order.id} {labels.flow_name(order.flow)}", level_to_decide(order), self.page)
        dialog.searchChanged.connect(lambda text: self._ask_candidates(dialog, order.id, text))
        dialog.transferRequested.connect(lambda to, note: self.page.run_action(
            self._transfer(order, to, note), order.id, on_failure=lambda exc: self._refused(order.id, exc)))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda *_: self.page.ops.cancel(CANDIDATES))
        self.page.open_dialog(dialog)
        self._ask_candidates(dialog, order.id, "")

    def _ask_candidates(self, dialog: TransferDialog, order_id: int, text: str) -> None:
        self.page.ops.run(self.page.approvals.transfer_candidates(order_id, text), key=CANDIDATES,
                          on_success=dialog.set_candidates)

    async def _transfer(self, order: WorkOrderOut, to: str, note: str) -> None:
        after = await self.page.approvals.transfer(order.id, to, note)
        self.page.show_outcome(translate("HandoverActions", "Work order #{id} transferred to {name}.")
                               .format(id=order.id, name=after.transfers[-1].to_name if after.transfers else to))
        self.page.changed(after)

    def _refused(self, order_id: int, exc: BaseException) -> bool:
        """Said next to the buttons with the backend's reason (who may not take the seat, and why)."""
        self.page.show_outcome(f"#{order_id} {refusal_text(exc, self.ctx.describe)}", failed=True)
        return ends_here(exc)

    # --- 抄送 -----------------------------------------------------------------------------------

    def ask_cc(self) -> None:
        order = self.page.detail.order
        if order is None or not may_add_cc(self.page.me, order) or not self._free():
            return
        dialog = CcDialog(f"#{order.id} {labels.flow_name(order.flow)}", self.page)
        dialog.ccRequested.connect(lambda names: self.page.run_action(
            self._add_cc(order.id, names), order.id, on_failure=lambda exc: self._refused(order.id, exc)))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.page.open_dialog(dialog)

    async def _add_cc(self, order_id: int, names: list[str]) -> None:
        after = await self.page.approvals.add_cc(order_id, names)
        self.page.show_outcome(translate("HandoverActions", "Work order #{id} copied to {names}.")
                               .format(id=order_id, names=", ".join(names)))
        self.page.changed(after)

    # --- 委託 -----------------------------------------------------------------------------------

    def open_delegations(self) -> None:
        if self.page.dialog is not None:
            return
        seen = self.ctx.api.server_time  # the backend's clock as its last answer said, else this machine's
        now = datetime.fromtimestamp(seen, UTC) if seen is not None else datetime.now(UTC)
        dialog = DelegationsDialog(self.page.approvals, self.page.me.id, self.ctx.describe, now, self.page)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda *_: self.page.changed())  # a delegation may change my inbox
        self.page.open_dialog(dialog)
