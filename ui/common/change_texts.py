"""Texts of a work order's change that every area shows: flow names and the before/after cells.

The approvals pages, an area's own pending changes and an upload's preview name flows and fields
alike. Field labels (the one table of the fields a change or a broken rule names, a file's columns among
them) keep the context "Approvals" they were written in; flow names are the English names of
services/contract/flows.py, translated in context "flows".
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from services.contract import summaries
from services.contract.flows import TRANSLATION_CONTEXT, flow
from services.contract.schemas import WorkOrderListItem, WorkOrderOut
from ui.common import formatting, role_names

CONTEXT = "Approvals"

# Row fields of the flows' before/after tables; a field not listed shows its own name.
_FIELD_LABELS = {
    "market": QT_TRANSLATE_NOOP("Approvals", "Market"),
    "time_zone": QT_TRANSLATE_NOOP("Approvals", "Time Zone"),
    "start": QT_TRANSLATE_NOOP("Approvals", "Start"),
    "force_close": QT_TRANSLATE_NOOP("Approvals", "Force Close"),
    "end": QT_TRANSLATE_NOOP("Approvals", "End"),
    "enabled": QT_TRANSLATE_NOOP("Approvals", "Enabled"),
    "symbol": QT_TRANSLATE_NOOP("Approvals", "Symbol"),
    "name": QT_TRANSLATE_NOOP("Approvals", "Name"),
    "im": QT_TRANSLATE_NOOP("Approvals", "IM"),
    "mcm": QT_TRANSLATE_NOOP("Approvals", "MCM"),
    "mm": QT_TRANSLATE_NOOP("Approvals", "MM"),
    "fm": QT_TRANSLATE_NOOP("Approvals", "FM"),
    "financeable": QT_TRANSLATE_NOOP("Approvals", "Financeable"),
    "effective_from": QT_TRANSLATE_NOOP("Approvals", "Effective From"),
    "remark": QT_TRANSLATE_NOOP("Approvals", "Remark"),
    "status": QT_TRANSLATE_NOOP("Approvals", "Status"),
    "borrow_fee_rate": QT_TRANSLATE_NOOP("Approvals", "Borrow Fee Rate"),
    "available_qty": QT_TRANSLATE_NOOP("Approvals", "Available Quantity"),
    "active": QT_TRANSLATE_NOOP("Approvals", "Active"),
    # a file read (a margin workbook, a fund house's confirmation) and its columns
    "file": QT_TRANSLATE_NOOP("Approvals", "File"),
    "sheet": QT_TRANSLATE_NOOP("Approvals", "Sheet"),
    "header": QT_TRANSLATE_NOOP("Approvals", "Header"),
    "rows": QT_TRANSLATE_NOOP("Approvals", "Rows"),
    "order_ref": QT_TRANSLATE_NOOP("Approvals", "Order Ref"),
    "side": QT_TRANSLATE_NOOP("Approvals", "Type"),
    "nav": QT_TRANSLATE_NOOP("Approvals", "NAV"),
    "nav_date": QT_TRANSLATE_NOOP("Approvals", "NAV Date"),
    "confirmed_units": QT_TRANSLATE_NOOP("Approvals", "Confirmed Units"),
    "confirmed_amount": QT_TRANSLATE_NOOP("Approvals", "Confirmed Amount"),
    "note": QT_TRANSLATE_NOOP("Approvals", "Note"),
}



def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def flow_name(flow_id: str) -> str:
    """The flow's name in the UI language (the installed translation, context "flows"); an unknown
    flow shows its id."""
    row = flow(flow_id)
    return QCoreApplication.translate(TRANSLATION_CONTEXT, row.name_en) if row is not None else flow_id


def summary_text(order: WorkOrderListItem | WorkOrderOut) -> str:
    """The order's one-line summary in the UI language (services/contract/summaries.py); an order
    stored before summaries had keys shows its English line."""
    return summaries.render(order.summary_key, order.summary_args, QCoreApplication.translate, flow_name,
                            fallback=order.summary, role_name=role_names.role_name)


def field_label(field: str) -> str:
    source = _FIELD_LABELS.get(field)
    return tr(source) if source else field



def cell_text(value: Any) -> str:
    """A value of a before/after row (JSON): yes/no, Hong Kong time for instants, else as sent."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return formatting.yes_no(value)
    if isinstance(value, str) and len(value) >= 19 and value[10:11] == "T":
        try:
            return formatting.hk_datetime(datetime.fromisoformat(value))
        except ValueError:
            return value
    return str(value)
