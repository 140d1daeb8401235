"""Why one side's actions cannot be taken now, in the user's language (None when they can): the
buttons are disabled with these as their tooltips, and the dialogs are not opened. The backend
refuses the same cases on its own."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from services.contract.fund_clearing import LineOut, SideState, SideSummary
from ui.common.formatting import hk_datetime

translate = QCoreApplication.translate  # the name lupdate recognises


def confirm_blocker(summary: SideSummary | None, limit: Decimal | None, *, has_lines: bool, busy: bool) -> str | None:
    """Why the side cannot be confirmed now."""
    s = summary
    if s is None:
        return translate("FundClearingPage", "Choose a batch first.")
    if s.state == SideState.CONFIRMED:
        if s.confirmed_by_system:
            return translate("FundClearingPage", "Confirmed by the system at {time}: this side has no orders.").format(
                time=hk_datetime(s.confirmed_at))
        return translate("FundClearingPage", "Already confirmed by {user} at {time}.").format(
            user=s.confirmed_by or "", time=hk_datetime(s.confirmed_at))
    if s.state == SideState.AWAITING_CONFIRMATION:
        return translate("FundClearingPage", "Import the fund house's confirmation first.")
    if s.beyond_limit:
        return translate("FundClearingPage", "{count} line(s) differ by the fund's limit of {limit} or more; no "
                                             "explanation lets them through. Import a corrected confirmation.").format(
            count=s.beyond_limit, limit=_limit(limit))
    if s.state == SideState.OPEN:
        return translate("FundClearingPage", "{count} line(s) differ and are not explained yet.").format(
            count=s.unexplained)
    if s.orders == 0 and not has_lines:
        return translate("FundClearingPage", "This side has no orders.")
    if busy:
        return translate("FundClearingPage", "Working…")
    return None


def explain_blocker(line: LineOut | None, limit: Decimal | None, *, confirmed: bool, busy: bool) -> str | None:
    """Why the current line cannot be explained now."""
    if line is None or not (line.needs_explaining or line.beyond_limit):
        return translate("FundClearingPage", "Choose a line that differs and is not explained yet")
    if confirmed:
        return translate("FundClearingPage", "This side is confirmed; its lines no longer change.")
    if line.beyond_limit:
        return translate("FundClearingPage", "Line {ref} differs by the fund's limit of {limit} or more; no "
                                             "explanation lets it through. Import a corrected confirmation.").format(
            ref=line.order_ref, limit=_limit(limit))
    if busy:
        return translate("FundClearingPage", "Working…")
    return None


def _limit(limit: Decimal | None) -> str:
    return "—" if limit is None else f"{limit.normalize():f}"
