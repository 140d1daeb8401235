"""Approvals › History: the orders I approved or rejected; with approval.view_all, every order."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from services.contract.flows import ALL_FLOWS
from services.contract.permissions import Perm
from services.contract.queries import WorkOrderQuery, WorkOrderView
from ui.approvals import empty_texts
from ui.approvals.handover_actions import HandoverActions
from ui.approvals.list_page import DATE_FIELDS, MAKER_FIELD, STATUS_FIELD, WorkOrdersPage, flow_field
from ui.common.filter_bar import ChoiceField, FilterField
from ui.common.page_context import PageContext

VIEW_FIELD = ChoiceField("view", QT_TRANSLATE_NOOP("ApprovalsPage", "Orders"), (
    (WorkOrderView.DECIDED.value, QT_TRANSLATE_NOOP("ApprovalsPage", "Decided by me")),
    (WorkOrderView.ALL.value, QT_TRANSLATE_NOOP("ApprovalsPage", "All work orders")),
), with_any=False)


class HistoryQuery(WorkOrderQuery):
    view: WorkOrderView = WorkOrderView.DECIDED


class HistoryPage(WorkOrdersPage):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        view_all = ctx.can(Perm.APPROVAL_VIEW_ALL)
        # Any flow's approval chain may have named me: every flow is offered.
        fields: tuple[FilterField, ...] = (flow_field(ALL_FLOWS), STATUS_FIELD, MAKER_FIELD, *DATE_FIELDS)
        if view_all:  # the switch exists only for those the backend lets see every order
            fields = (VIEW_FIELD, *fields)
        super().__init__(ctx, HistoryQuery, fields, parent)
        self.setObjectName("approvalsHistory")

    def empty_sources(self) -> tuple[str, str]:
        every = getattr(self.applied_filter, "view", None) == WorkOrderView.ALL
        return empty_texts.EVERY if every else empty_texts.DECIDED
    def build_actions(self) -> None:
        self.handover = HandoverActions(self, self._ctx)

    def retranslate_actions(self) -> None:
        self.handover.retranslate()

    def update_actions(self, *_args: object) -> None:
        self.handover.update(not self.acting)
