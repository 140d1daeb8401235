"""Approvals › My Requests: the orders I submitted; withdraw a pending one, resubmit a refused one.

A maker never decides their own order, so this page has no approve or reject at all. Resubmit
opens the change where it was made, prefilled from the order, to be corrected with a note
(ui/common/resubmission.py); a change with nothing to correct is resubmitted here with a note.
"""

from __future__ import annotations

import uuid
from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from services.api_client import ApiError
from services.contract.flows import ALL_FLOWS
from services.contract.queries import WorkOrderQuery, WorkOrderView
from services.contract.schemas import WorkOrderOut
from ui.approvals import empty_texts, labels
from ui.approvals.abilities import may_resubmit, may_withdraw
from ui.approvals.handover_actions import HandoverActions
from ui.approvals.list_page import DATE_FIELDS, STATUS_FIELD, WorkOrdersPage, flow_field
from ui.approvals.resubmit_dialog import ResubmitDialog
from ui.common import resubmission
from ui.common.confirmation import confirmation
from ui.common.page_context import PageContext

translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings


MY_REQUESTS_KEY = "approvals.my_requests"  # this page's menu key (ui/approvals/registration.py)


class MyRequestsQuery(WorkOrderQuery):
    view: WorkOrderView = WorkOrderView.MINE


class MyRequestsPage(WorkOrdersPage):
    EMPTY = empty_texts.MINE

    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        flows = [f for f in ALL_FLOWS if f in ctx.me.permissions]  # the flows I may submit
        super().__init__(ctx, MyRequestsQuery, (flow_field(flows), STATUS_FIELD, *DATE_FIELDS), parent)
        self.setObjectName("approvalsMyRequests")

    def build_actions(self) -> None:
        # One key per order and user action: a retry after a lost answer finds the order the
        # first attempt made instead of making a second one. Dropped once the server answered.
        # Keyed by the note too: a retry with another note is another request (the server refuses
        # a key reused for another body).
        self.resubmit_keys: dict[tuple[int, str | None], str] = {}
        self.withdraw_button = self.add_action_button("withdrawButton")
        self.withdraw_button.clicked.connect(self.confirm_withdraw)
        self.resubmit_button = self.add_action_button("resubmitButton")
        self.resubmit_button.clicked.connect(self.resubmit_current)
        self.handover = HandoverActions(self, self._ctx)

    def retranslate_actions(self) -> None:
        self.withdraw_button.setText(translate("MyRequestsPage", "Withdraw…"))
        self.withdraw_button.setToolTip(translate("MyRequestsPage", "Withdraw the pending work order shown below"))
        self.resubmit_button.setText(translate("MyRequestsPage", "Resubmit…"))
        self.resubmit_button.setToolTip(
            translate("MyRequestsPage", "Correct the rejected or stale work order where it was made and submit "
                                        "it again, with a note to the approvers"))
        self.handover.retranslate()

    def update_actions(self, *_args: object) -> None:
        order = self.detail.order
        idle = not self.acting
        self.withdraw_button.setEnabled(idle and order is not None and may_withdraw(self.me, order))
        self.resubmit_button.setEnabled(idle and order is not None and may_resubmit(self.me, order))
        self.handover.update(idle)

    # --- withdrawing --------------------------------------------------------------------------

    def confirm_withdraw(self) -> None:
        order = self.detail.order
        if order is None or not may_withdraw(self.me, order) or self.acting or self.dialog is not None:
            return
        name = f"#{order.id} {labels.flow_name(order.flow)}"
        box = confirmation(self, translate("MyRequestsPage", "Withdraw Work Order"),
                           translate("MyRequestsPage", "Withdraw {order}?").format(order=name),
                           translate("MyRequestsPage", "Withdraw"),
                           translate("MyRequestsPage",
                                     "Nothing will be changed, and its items are free for a new work order."),
                           on_accept=lambda: self.run_action(self._withdraw(order.id), order.id))
        self.open_dialog(box)

    async def _withdraw(self, order_id: int) -> None:
        order = await self.approvals.withdraw(order_id)
        self.show_outcome(translate("MyRequestsPage", "Work order #{id} withdrawn.").format(id=order_id))
        self.changed(order)

    # --- resubmitting -------------------------------------------------------------------------

    def resubmit_current(self) -> None:
        """Opens the order's change where it was made, prefilled; here with a note when it has no editor."""
        order = self.detail.order
        if order is None or not may_resubmit(self.me, order) or self.acting or self.dialog is not None:
            return
        editor = resubmission.editor_for(order.flow)
        page = self._ctx.open_page(editor.page_key) if editor is not None and self._ctx.open_page else None
        if editor is not None and page is not None:
            if editor.reopen(page, order):
                return
            self._ctx.open_page(MY_REQUESTS_KEY)  # it cannot be corrected there: back here, with a note
        dialog = ResubmitDialog(order, self)
        dialog.resubmitRequested.connect(lambda note: self.run_action(
            self.resubmit(order, note), order.id, on_failure=partial(self._not_resubmitted, (order.id, note))))
        self.open_dialog(dialog)

    def _not_resubmitted(self, attempt: tuple[int, str | None], exc: BaseException) -> bool:
        if not (isinstance(exc, ApiError) and exc.is_network):
            self.resubmit_keys.pop(attempt, None)  # the server answered: a new try is a new action
        return self.refused(attempt[0], exc)

    async def resubmit(self, order: WorkOrderOut, note: str | None = None) -> WorkOrderOut:
        key = self.resubmit_keys.setdefault((order.id, note), str(uuid.uuid4()))
        new = await self.approvals.resubmit(order.id, key, note=note)
        self.resubmit_keys.pop((order.id, note), None)
        self.show_outcome(translate("MyRequestsPage", "Work order #{old} resubmitted as #{new}.")
                          .format(old=order.id, new=new.id))
        self.changed(new)
        return new
