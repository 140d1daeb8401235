"""The funds Fund Clearing knows, without a widget: each fund's name in the UI language and its
decimals, for the filter's choices, the batch list and the lines' figures. A fund not (yet) read
is named as its batch names it, with the reconciliation's default decimals."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from services.contract.fund_clearing import BatchOut, FundOut, Side
from services.rules.fund_reconciliation import DEFAULT_AMOUNT_DECIMALS, DEFAULT_UNIT_DECIMALS
from ui.funds import labels


class FundBook:
    def __init__(self, language: Callable[[], str]):
        self._language = language
        self.funds: dict[int, FundOut] = {}

    def replace(self, funds: Iterable[FundOut]) -> None:
        self.funds = {fund.id: fund for fund in funds}

    def fund_name(self, fund: FundOut) -> str:
        return labels.fund_name(fund, fund.code, fund.name, self._language())

    def batch_fund_name(self, batch: BatchOut) -> str:
        return labels.fund_name(self.funds.get(batch.fund_id), batch.fund_code, batch.fund_name, self._language())

    def decimals(self, batch: BatchOut) -> tuple[int, int]:
        """(unit, amount) decimals of the batch's fund; the reconciliation's defaults when unknown."""
        fund = self.funds.get(batch.fund_id)
        return (fund.unit_decimals, fund.amount_decimals) if fund else (DEFAULT_UNIT_DECIMALS, DEFAULT_AMOUNT_DECIMALS)

    def difference_places(self, batch: BatchOut, side: Side) -> int:
        """A line's difference: units on the subscription side, cash on the redemption side."""
        fund = self.funds.get(batch.fund_id)
        if fund is None:
            return 2
        return fund.unit_decimals if side == Side.SUBSCRIPTION else fund.amount_decimals
