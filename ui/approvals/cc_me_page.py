"""Approvals › CC'd to Me (抄送我的): the orders an approval chain copied me on, to read only.

Being copied never lets anyone decide, so the page has no actions: the same list, filters, export
and detail as the other lists.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from services.contract.flows import ALL_FLOWS
from services.contract.queries import WorkOrderQuery, WorkOrderView
from ui.approvals import empty_texts
from ui.approvals.list_page import DATE_FIELDS, MAKER_FIELD, STATUS_FIELD, WorkOrdersPage, flow_field
from ui.common.page_context import PageContext


class CcMeQuery(WorkOrderQuery):
    view: WorkOrderView = WorkOrderView.CC_ME


class CcMePage(WorkOrdersPage):
    EMPTY = empty_texts.CC_ME

    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        # Any flow's chain may copy me: every flow is offered.
        super().__init__(ctx, CcMeQuery, (flow_field(ALL_FLOWS), STATUS_FIELD, MAKER_FIELD, *DATE_FIELDS), parent)
        self.setObjectName("approvalsCcMe")
