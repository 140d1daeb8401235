"""What the detail says of an order's approval route: per level its mode (或簽/會簽), its approvers
(a disabled one marked), who decided it and whether it is decided, current or still to come; who is
copied; and why a blocked order cannot go on. Plain texts, no widgets, so they are tested alone."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from services.contract.identity import ApprovalMode
from services.contract.schemas import (
    Decision,
    LevelApproverOut,
    WorkOrderLevelOut,
    WorkOrderOut,
    WorkOrderStatus,
)

CONTEXT = "ApprovalRoute"
translate = QCoreApplication.translate  # the name lupdate recognises; a wrapper would hide the strings

_MODES = {
    ApprovalMode.ANY.value: QT_TRANSLATE_NOOP("ApprovalRoute", "Any one approves"),
    ApprovalMode.ALL.value: QT_TRANSLATE_NOOP("ApprovalRoute", "All approve"),
}


class LevelState:
    DECIDED = "decided"  # approved, or rejected (the order stopped there)
    CURRENT = "current"  # awaiting a decision now
    WAITING = "waiting"  # comes after the current level
    CLOSED = "closed"    # never reached: the order ended before it


@dataclass(frozen=True)
class RouteRow:
    level: int
    mode: str
    approvers: str
    decided_by: str
    state: str


def mode_text(mode: str) -> str:
    source = _MODES.get(mode)
    return translate(CONTEXT, source) if source else mode


def person(approver: LevelApproverOut) -> str:
    """A name; a disabled account says so (it can no longer decide)."""
    if approver.active:
        return approver.name
    return translate("ApprovalRoute", "{name} (disabled)").format(name=approver.name)


def people(approvers: list[LevelApproverOut]) -> str:
    return ", ".join(person(a) for a in approvers) or "—"


def _state(order: WorkOrderOut, level: WorkOrderLevelOut, decided: bool) -> str:
    if level.level <= order.approvals or decided:
        return LevelState.DECIDED
    if order.status == WorkOrderStatus.PENDING:
        return LevelState.CURRENT if level.level == order.approvals + 1 else LevelState.WAITING
    return LevelState.CLOSED


def route_rows(order: WorkOrderOut) -> list[RouteRow]:
    rows = []
    for level in order.approval_levels:
        decisions = [d for d in order.decisions if d.level == level.level]
        decided_by = ", ".join(f"{d.decider_name} {'✓' if d.decision == Decision.APPROVE else '✗'}"
                               for d in decisions)
        rejected = any(d.decision == Decision.REJECT for d in decisions)
        rows.append(RouteRow(level.level, mode_text(level.mode), people(level.approvers), decided_by,
                             _state(order, level, rejected)))
    return rows


def cc_text(order: WorkOrderOut) -> str:
    return people(order.cc) if order.cc else translate("ApprovalRoute", "Nobody")


def blocked_reason(order: WorkOrderOut) -> str:
    """Why a blocked order cannot go on, naming its current level's approvers who cannot decide;
    empty when it is not blocked."""
    if not order.blocked:
        return ""
    current = order.approvals + 1
    level = next((lv for lv in order.approval_levels if lv.level == current), None)
    deciders = {d.decider_id for d in order.decisions}
    unable = [] if level is None else [a for a in level.approvers if not a.active or a.user_id in deciders]
    why = ", ".join(
        translate("ApprovalRoute", "{name} is disabled").format(name=a.name) if not a.active
        else translate("ApprovalRoute", "{name} decided another level").format(name=a.name) for a in unable)
    if why:
        text = translate("ApprovalRoute", "Blocked: level {level} has no approver left who can decide it ({why}).")
    else:
        text = translate("ApprovalRoute", "Blocked: level {level} has no approver left who can decide it.")
    advice = translate("ApprovalRoute", "The maker may withdraw it, or an administrator re-enable an approver.")
    return translate("ApprovalRoute", "{reason} {advice}").format(reason=text.format(level=current, why=why),
                                                                  advice=advice)
