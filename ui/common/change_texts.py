"""Texts of a work order's change that every area shows: flow names and the before/after cells.

The approvals pages, an area's own pending changes and an upload's preview name flows and fields
alike; the translations keep the context "Approvals" they were written in.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from services.contract.flows import FLOW_NAMES
from ui.common import formatting

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
}



def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def flow_name(flow: str, language: str) -> str:
    """The flow's display name in ``language`` ("zh_Hant" or "en"); an unknown flow shows its id."""
    names = FLOW_NAMES.get(flow)
    if names is None:
        return flow
    return names[1] if language == "zh_Hant" else names[0]



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
