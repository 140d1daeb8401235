"""Approvals › Inbox: the orders awaiting my decision (mine, or an approver's who delegated to me);
approve, reject with a reason, approve many, transfer my place (Ctrl+Shift+T) or copy others.

Enter opens the chosen order below the list; Ctrl+Enter approves the selected orders (or the one
on screen) after a confirmation that says how many.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from services.contract.flows import ALL_FLOWS
from services.contract.queries import WorkOrderQuery
from services.contract.schemas import WorkOrderListItem, WorkOrderOut, level_to_decide
from ui.approvals import labels
from ui.approvals.abilities import may_decide
from ui.approvals.bulk_approve import approve_each, outcome_text
from ui.approvals.decision_dialogs import RejectDialog
from ui.approvals.handover_actions import HandoverActions
from ui.approvals.list_page import DATE_FIELDS, MAKER_FIELD, WorkOrdersPage, ends_here, flow_field
from ui.common.confirmation import confirmation
from ui.common.dialog_keys import CONFIRM_KEYS
from ui.common.page_context import PageContext
from ui.common.shortcuts import local_shortcut

translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings
LISTED_IN_CONFIRMATION = 8  # orders named one by one in the confirmation; the rest are counted


class InboxPage(WorkOrdersPage):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        # Any flow's approval chain may name me: every flow is offered.
        super().__init__(ctx, WorkOrderQuery, (flow_field(ALL_FLOWS), MAKER_FIELD, *DATE_FIELDS), parent)
        self.setObjectName("approvalsInbox")

    def build_actions(self) -> None:
        self.approve_button = self.add_action_button("approveButton")
        self.approve_button.clicked.connect(self.approve_current)
        self.reject_button = self.add_action_button("rejectButton")
        self.reject_button.clicked.connect(self.ask_reject)
        self.approve_selected_button = self.add_action_button("approveSelectedButton")
        self.approve_selected_button.clicked.connect(self.confirm_approve_selected)
        for keys in CONFIRM_KEYS:  # as in a dialog, Ctrl+Enter decides
            local_shortcut(keys, self, self.confirm_approve_selected)
        self.handover = HandoverActions(self, self._ctx, transfer=True)

    def retranslate_actions(self) -> None:
        self.approve_button.setText(translate("InboxPage", "Approve…"))
        self.approve_button.setToolTip(
            translate("InboxPage", "Approve the work order shown below, after a confirmation"))
        self.reject_button.setText(translate("InboxPage", "Reject…"))
        self.reject_button.setToolTip(translate("InboxPage", "Reject the work order shown below, with a reason"))
        self.approve_selected_button.setToolTip(
            translate("InboxPage", "Approve every selected work order after a confirmation (Ctrl+Enter)"))
        self.handover.retranslate()

    # --- what can be decided ------------------------------------------------------------------

    def _decidable_current(self) -> WorkOrderOut | None:
        order = self.detail.order
        return order if order is not None and may_decide(self.me, order) else None

    def decidable_selection(self) -> list[WorkOrderListItem | WorkOrderOut]:
        """The selected orders I may approve; without a selection, the one on screen."""
        rows: list[WorkOrderListItem | WorkOrderOut] = [r for r in self.selected_rows() if may_decide(self.me, r)]
        if not rows and (current := self._decidable_current()) is not None:
            rows = [current]
        return rows

    def update_actions(self, *_args: object) -> None:
        idle = not self.acting
        single = idle and self._decidable_current() is not None
        self.approve_button.setEnabled(single)
        self.reject_button.setEnabled(single)
        count = len(self.decidable_selection())
        self.approve_selected_button.setText(translate("InboxPage", "Approve Selected ({count})")
                                             .format(count=count))
        self.approve_selected_button.setEnabled(idle and count > 0)
        self.handover.update(idle)

    # --- approving ----------------------------------------------------------------------------

    def approve_current(self) -> None:
        """The Approve button: the order the checker is looking at, confirmed as a selection is."""
        order = self._decidable_current()
        if order is not None:
            self.confirm_approve([order])

    def confirm_approve_selected(self) -> None:
        self.confirm_approve(self.decidable_selection())

    def confirm_approve(self, orders: list[WorkOrderListItem | WorkOrderOut]) -> None:
        """One confirmation however many: the count, and each order's flow and summary."""
        if self.acting or self.dialog is not None or not orders:
            return
        lines = [f"#{o.id}  {labels.flow_name(o.flow)}  ·  {labels.summary_text(o)}"
                 for o in orders[:LISTED_IN_CONFIRMATION]]
        if len(orders) > LISTED_IN_CONFIRMATION:
            lines.append(translate("InboxPage", "… and {count} more").format(
                count=len(orders) - LISTED_IN_CONFIRMATION))
        ids = [o.id for o in orders]
        question = (translate("InboxPage", "Approve work order #{id}?").format(id=ids[0]) if len(ids) == 1
                    else translate("InboxPage", "Approve {count} work orders?").format(count=len(ids)))
        lines.append(translate("InboxPage", "Ctrl+Enter approves, Esc cancels."))
        box = confirmation(self, translate("InboxPage", "Approve Work Orders"), question,
                           translate("InboxPage", "Approve {count}").format(count=len(ids)),
                           "\n".join(lines), on_accept=lambda: self.run_action(self._approve(orders), orders[0].id))
        self.open_dialog(box)

    async def _approve(self, orders: list[WorkOrderListItem | WorkOrderOut]) -> None:
        def progress(done: int) -> None:
            self.show_outcome(translate("InboxPage", "Approving {done} of {count}…").format(
                done=done + 1, count=len(orders)))

        outcomes = await approve_each(self.approvals, orders, progress)
        failed = [o for o in outcomes if not o.approved]
        self.show_outcome(outcome_text(outcomes, self._ctx.describe), failed=bool(failed))
        for outcome in failed:
            if outcome.error is not None:
                if not ends_here(outcome.error):
                    self.ops.report(outcome.error)
                break
        # The order on screen, if it was among them, is shown as it is now (applied, or why not).
        shown = self.detail.order
        now = next((o.order for o in outcomes if shown is not None and o.order_id == shown.id), None)
        self.changed(now)

    # --- rejecting ----------------------------------------------------------------------------

    def ask_reject(self) -> None:
        order = self._decidable_current()
        if order is None or self.acting or self.dialog is not None:
            return
        dialog = RejectDialog(f"#{order.id} {labels.flow_name(order.flow)}", self)
        dialog.reasonGiven.connect(lambda comment: self.run_action(self._reject(order, comment), order.id))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.open_dialog(dialog)

    async def _reject(self, shown: WorkOrderOut, comment: str) -> None:
        order_id = shown.id
        order = await self.approvals.reject(order_id, comment, level=level_to_decide(shown))
        self.show_outcome(translate("InboxPage", "Work order #{id} rejected.").format(id=order_id))
        self.changed(order)
