"""The columns of the batch list and of each side's lines, in the page's translation context."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP

from services.contract.fund_clearing import BatchOut, LineOut, LineStatus, Side
from ui.common import formatting
from ui.common.columns import CENTER, RIGHT, Column, date_column
from ui.funds import labels

CONTEXT = "FundClearingPage"


def batch_columns(fund_name: Callable[[BatchOut], str]) -> tuple[Column, ...]:
    return (
        date_column("trade_date", QT_TRANSLATE_NOOP("FundClearingPage", "Trade Date")),
        Column("fund", QT_TRANSLATE_NOOP("FundClearingPage", "Fund"), value=lambda b: b, format=fund_name,
               width_chars=30, takes_spare=True),  # a long name rather than an empty Next Steps
        Column("currency", QT_TRANSLATE_NOOP("FundClearingPage", "Currency"), align=CENTER, width_chars=5),
        # Each side's reconciliation, then its settlement once confirmed.
        Column("subscription_state", QT_TRANSLATE_NOOP("FundClearingPage", "Subscriptions"),
               value=lambda b: b.subscriptions, format=labels.side_status, color=labels.side_status_color,
               width_chars=17),
        Column("redemption_state", QT_TRANSLATE_NOOP("FundClearingPage", "Redemptions"),
               value=lambda b: b.redemptions, format=labels.side_status, color=labels.side_status_color,
               width_chars=17),
        Column("next_steps", QT_TRANSLATE_NOOP("FundClearingPage", "Next Steps"),
               value=lambda b: [s.next_step for s in (b.subscriptions, b.redemptions) if s.next_step],
               format=lambda steps: ", ".join(labels.step_text(step) for step in steps), width_chars=26),
        Column("to_explain", QT_TRANSLATE_NOOP("FundClearingPage", "To Explain"),
               value=lambda b: b.subscriptions.unexplained + b.redemptions.unexplained,
               format=lambda n: formatting.integer(n) if n else "", align=RIGHT,
               color=lambda n: "#b42318" if n else None, width_chars=6),
    )


def line_columns(side: Side, units: int, amounts: int) -> tuple[Column, ...]:
    """Subscriptions are ordered in cash and confirmed in units; redemptions the other way round."""
    def unit(value) -> str:
        return labels.fixed(value, units)

    def cash(value) -> str:
        return labels.fixed(value, amounts)

    subscription = side == Side.SUBSCRIPTION
    measure = unit if subscription else cash
    first = (Column("amount", QT_TRANSLATE_NOOP("FundClearingPage", "Amount"), format=cash, align=RIGHT,
                    width_chars=10) if subscription else
             Column("units", QT_TRANSLATE_NOOP("FundClearingPage", "Units"), format=unit, align=RIGHT,
                    width_chars=10))
    expected_key, confirmed_key = (("expected_units", "confirmed_units") if subscription
                                   else ("expected_amount", "confirmed_amount"))
    return (
        Column("order_ref", QT_TRANSLATE_NOOP("FundClearingPage", "Order Ref"), width_chars=15, identifier=True),
        Column("account_no", QT_TRANSLATE_NOOP("FundClearingPage", "Account No."), width_chars=8,
               identifier=True),
        first,
        Column("fee", QT_TRANSLATE_NOOP("FundClearingPage", "Fee"), format=cash, align=RIGHT, width_chars=6),
        Column(expected_key, QT_TRANSLATE_NOOP("FundClearingPage", "Expected"), format=measure, align=RIGHT,
               width_chars=10),
        Column(confirmed_key, QT_TRANSLATE_NOOP("FundClearingPage", "Confirmed"), format=measure, align=RIGHT,
               width_chars=10),
        Column("difference", QT_TRANSLATE_NOOP("FundClearingPage", "Difference"),
               format=lambda v: labels.fixed(v, units if subscription else amounts, signed=True), align=RIGHT,
               color=lambda v: "#b42318" if v else None, width_chars=8),
        Column("status", QT_TRANSLATE_NOOP("FundClearingPage", "Status"), value=lambda line: line,
               format=lambda line: labels.status_text(line.status, line.explanation is not None, line.beyond_limit),
               color=lambda line: labels.status_color(line.status), width_chars=22),
        Column("explanation", QT_TRANSLATE_NOOP("FundClearingPage", "Explanation"),
               value=lambda line: line.explanation.note if line.explanation else "", width_chars=30),
    )


def line_tint(line: LineOut) -> str | None:
    if line.status == LineStatus.MATCHED:
        return None
    return labels.UNEXPLAINED_TINT if line.needs_explaining or line.beyond_limit else labels.EXPLAINED_TINT
