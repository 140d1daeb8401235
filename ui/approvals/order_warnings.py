"""What the rules warn of in an order's rows (an effective time outside the market's session, a
US floor), shown to the checker above the diff: the maker saw them, the checker decides knowing."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication

from services.contract.schemas import RuleWarning
from services.rules.violations import Violation
from ui.common.change_texts import field_label
from ui.common.rule_messages import rule_text

SHOWN = 5  # the rest are counted: a long upload's warnings are in its upload preview


def _violation(warning: RuleWarning) -> Violation:
    return Violation(warning.field, warning.code, warning.reason, warning.row, tuple(warning.params.items()))


def _line(warning: RuleWarning) -> str:
    where = field_label(warning.field)
    if warning.row is not None:
        where = QCoreApplication.translate("WorkOrderDetail", "Row {row}").format(row=warning.row) + f" · {where}"
    return f"<b>{html.escape(where)}</b>: {html.escape(rule_text(_violation(warning)))}"


def warnings_html(warnings: list[RuleWarning]) -> str:
    """Rich text for the detail's warning line; empty when there is nothing to warn of."""
    if not warnings:
        return ""
    lines = [_line(w) for w in warnings[:SHOWN]]
    if len(warnings) > SHOWN:
        lines.append(html.escape(QCoreApplication.translate("WorkOrderDetail", "and {count} more")
                                 .format(count=f"{len(warnings) - SHOWN:,}")))
    title = QCoreApplication.translate("WorkOrderDetail", "Warnings ({count})").format(count=f"{len(warnings):,}")
    return f"<b>⚠ {html.escape(title)}</b><br>" + "<br>".join(lines)
