"""Approving several orders one after another and saying how each went ("3 approved, 1 failed: …")."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from services.api_client import ApiError
from services.clients.approvals import ApprovalsClient
from services.contract.schemas import (
    WorkOrderListItem,
    WorkOrderOut,
    WorkOrderStatus,
    level_to_decide,
)
from ui.approvals import labels

translate = QCoreApplication.translate  # the name lupdate recognises

# An approval that went through: applied, approved, or awaiting its next level.
_APPROVED = frozenset({WorkOrderStatus.APPLIED, WorkOrderStatus.APPROVED, WorkOrderStatus.PENDING})


@dataclass(frozen=True)
class ApprovalOutcome:
    order_id: int
    order: WorkOrderOut | None = None  # the order after the decision
    error: BaseException | None = None

    @property
    def approved(self) -> bool:
        return self.order is not None and self.order.status in _APPROVED


async def approve_each(approvals: ApprovalsClient, orders: Sequence[WorkOrderListItem | WorkOrderOut],
                       progress: Callable[[int], None] | None = None) -> list[ApprovalOutcome]:
    """One request at a time: each approval may apply a change, and the server serialises them anyway.

    A failure is recorded and the next order still goes; cancelling stops before the next one.
    """
    outcomes: list[ApprovalOutcome] = []
    for done, shown in enumerate(orders):
        if progress is not None:
            progress(done)
        try:
            order = await approvals.approve(shown.id, level=level_to_decide(shown))
        except ApiError as exc:  # said per order in the outcome text
            outcomes.append(ApprovalOutcome(shown.id, error=exc))
        else:
            outcomes.append(ApprovalOutcome(shown.id, order=order))
    return outcomes


def failure_reason(outcome: ApprovalOutcome, describe: Callable[[BaseException], str]) -> str:
    if outcome.error is not None:
        return describe(outcome.error)
    if outcome.order is not None and outcome.order.status == WorkOrderStatus.STALE:
        return translate("Approvals", "stale: the item changed after submission, so nothing was applied.")
    status = outcome.order.status if outcome.order is not None else None
    return labels.status_text(status)


def outcome_text(outcomes: Sequence[ApprovalOutcome], describe: Callable[[BaseException], str]) -> str:
    approved = sum(o.approved for o in outcomes)
    failed = [o for o in outcomes if not o.approved]
    if not failed:
        return translate("Approvals", "{approved} approved.").format(approved=approved)
    details = "; ".join(f"#{o.order_id} {failure_reason(o, describe)}" for o in failed)
    return translate("Approvals", "{approved} approved, {failed} failed: {details}").format(
        approved=approved, failed=len(failed), details=details)
