"""Submitting a corrected change as the resubmission of a refused work order.

An editor (the margin drawer, the upload preview, the article editor...) submits through its
area's client, which sends ``WorkOrderSubmit`` through ``ApprovalsClient.submit``. Opened to
correct a rejected or stale order, the editor is given the same client ``resubmitting`` that
order: its submission then goes to ``POST /work-orders/{id}/resubmit`` with the maker's note, so
the new order names the one it corrects and the editor's code does not change.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Protocol, Self

from services.api_client import ApiClient
from services.clients.approvals import ApprovalsClient
from services.contract.schemas import WorkOrderOut, WorkOrderSubmit


@dataclass(frozen=True)
class Resubmission:
    order_id: int  # the rejected or stale order corrected
    flow: str  # its flow: the editor must submit the same kind of change
    note: str | None = None  # the maker's note to the approvers


class OrderSubmitter(Protocol):
    async def submit(self, order: WorkOrderSubmit, idempotency_key: str) -> WorkOrderOut: ...


class ResubmittingOrders:
    """``ApprovalsClient.submit`` as the resubmission of one order."""

    def __init__(self, orders: ApprovalsClient, resubmission: Resubmission):
        self._orders = orders
        self.resubmission = resubmission

    async def submit(self, order: WorkOrderSubmit, idempotency_key: str) -> WorkOrderOut:
        if order.flow != self.resubmission.flow:
            raise ValueError(f"resubmitting work order #{self.resubmission.order_id} of flow "
                             f"{self.resubmission.flow!r} with a {order.flow!r} change")
        return await self._orders.resubmit(self.resubmission.order_id, idempotency_key, order.payload,
                                           note=self.resubmission.note, expected_versions=order.expected_versions)


class SubmitsWorkOrders:
    """An area client that submits work orders through ``self._orders``."""

    _api: ApiClient
    _orders: OrderSubmitter

    def resubmitting(self, resubmission: Resubmission | None) -> Self:
        """This client, whose submissions resubmit ``resubmission``'s order; itself for None."""
        if resubmission is None:
            return self
        clone = copy.copy(self)
        clone._orders = ResubmittingOrders(ApprovalsClient(self._api), resubmission)
        return clone
