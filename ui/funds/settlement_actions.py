"""Fund Clearing's settlement steps and the fund's difference limit, without a widget: each runs as
one of the batch actions (batch_actions.py: one action at a time, the outcome line they share)
and reads again what it changed."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject

from services.contract.fund_clearing import SettlementStep
from ui.common import formatting

if TYPE_CHECKING:
    from ui.funds.batch_actions import BatchActions
    from ui.funds.clearing_controller import FundClearingController

STEP_DONE = {
    SettlementStep.SUBSCRIPTION_DELIVERY: QT_TRANSLATE_NOOP("FundClearingPage", "Subscription delivery done: the "
                                                                                "subscriptions are settled."),
    SettlementStep.REDEMPTION_UNITS_DELIVERY: QT_TRANSLATE_NOOP("FundClearingPage", "Redemption units delivered; "
                                                                                    "the cash comes next."),
    SettlementStep.REDEMPTION_CASH_DELIVERY: QT_TRANSLATE_NOOP("FundClearingPage", "Redemption cash delivered: "
                                                                                   "the redemptions are settled."),
}


class SettlementActions(QObject):
    def __init__(self, controller: FundClearingController, actions: BatchActions):
        super().__init__(controller)
        self._controller = controller
        self._actions = actions

    def settle_step(self, batch_id: int, step: SettlementStep) -> asyncio.Task | None:
        """One settlement step; the backend refuses it out of order."""
        if self._actions.acting:
            return None
        return self._actions.act(self._settle(batch_id, step))

    async def _settle(self, batch_id: int, step: SettlementStep) -> None:
        result = await self._controller.client.settle_step(batch_id, step)
        source = STEP_DONE[step]
        if result.already_done:
            source = QT_TRANSLATE_NOOP("FundClearingPage", "Already done by {user} at {time}.")
        self._actions.set_outcome(source, {"user": result.done_by or "",
                                           "time": formatting.hk_datetime(result.done_at)})
        await self._controller.reload_detail(batch_id)

    def set_difference_limit(self, fund_id: int, limit: Decimal) -> asyncio.Task | None:
        """The fund's new limit; every batch of it is read again (their states may change)."""
        if self._actions.acting:
            return None
        return self._actions.act(self._set_limit(fund_id, limit))

    async def _set_limit(self, fund_id: int, limit: Decimal) -> None:
        fund = await self._controller.client.set_difference_limit(fund_id, limit)
        self._actions.set_outcome(
            QT_TRANSLATE_NOOP("FundClearingPage", "The difference limit of {fund} is now {limit}."),
            {"fund": fund.code, "limit": f"{fund.difference_limit.normalize():f}"})
        await self._controller.fund_changed(fund)
