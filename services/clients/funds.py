"""Funds › Public Funds › Fund Clearing over HTTP: the area's requests as typed methods.

Every method raises ``ApiError`` as the app's ``ApiClient`` does (a refused confirmation file as
``fund_confirmation_invalid`` with its bad cells in ``errors``).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from pydantic import TypeAdapter

from services.api_client import ApiClient
from services.contract import fund_clearing as contract
from services.contract.queries import ExportLanguage

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv"

_FUNDS = TypeAdapter(list[contract.FundOut])
_BATCHES = TypeAdapter(list[contract.BatchOut])
_CONFIRM_PATHS = {contract.Side.SUBSCRIPTION: contract.FUND_BATCH_CONFIRM_SUBSCRIPTIONS_PATH,
                  contract.Side.REDEMPTION: contract.FUND_BATCH_CONFIRM_REDEMPTIONS_PATH}


def confirmation_content_type(file_name: str) -> str:
    """A .csv file is sent as CSV, anything else as an .xlsx workbook (the backend reads it so)."""
    return CSV_TYPE if file_name.lower().endswith(".csv") else XLSX_TYPE


class FundsClient:
    def __init__(self, api: ApiClient):
        self._api = api

    async def funds(self) -> list[contract.FundOut]:
        """Every public fund (names, currency, decimals and tolerances)."""
        response = await self._api.request("GET", contract.FUNDS_PATH)
        return _FUNDS.validate_json(response.content)

    async def batches(self, query: contract.BatchQuery) -> list[contract.BatchOut]:
        """The batches ``query`` selects, newest first (one capped list, not paged)."""
        response = await self._api.request("GET", contract.FUND_BATCHES_PATH, params=query.as_params())
        return _BATCHES.validate_json(response.content)

    async def batch(self, batch_id: int) -> contract.BatchDetail:
        """One batch with both sides' lines."""
        path = contract.FUND_BATCH_PATH.format(batch_id=batch_id)
        return await self._api.get_model(path, contract.BatchDetail)

    async def import_confirmation(self, batch_id: int, file_name: str,
                                  content: bytes) -> contract.ConfirmationImportOut:
        """The fund house's file (.xlsx, or .csv by its name) replaces the batch's confirmation."""
        response = await self._api.request(
            "POST", contract.FUND_BATCH_CONFIRMATION_PATH.format(batch_id=batch_id),
            params={"file_name": file_name}, content=content,
            headers={"Content-Type": confirmation_content_type(file_name)})
        return contract.ConfirmationImportOut.model_validate_json(response.content)

    async def explain(self, batch_id: int, body: contract.ExplainIn) -> contract.LineOut:
        """A note on a line that differs; returns the line as it now stands."""
        response = await self._api.request("POST", contract.FUND_BATCH_EXPLAIN_PATH.format(batch_id=batch_id),
                                           json=body.model_dump(mode="json"))
        return contract.LineOut.model_validate_json(response.content)

    async def confirm(self, batch_id: int, side: contract.Side) -> contract.SideConfirmationOut:
        """Confirms one side (final); refused while a line of it is unexplained."""
        response = await self._api.request("POST", _CONFIRM_PATHS[side].format(batch_id=batch_id))
        return contract.SideConfirmationOut.model_validate_json(response.content)

    async def confirm_subscriptions(self, batch_id: int) -> contract.SideConfirmationOut:
        return await self.confirm(batch_id, contract.Side.SUBSCRIPTION)

    async def confirm_redemptions(self, batch_id: int) -> contract.SideConfirmationOut:
        return await self.confirm(batch_id, contract.Side.REDEMPTION)

    async def settle_step(self, batch_id: int, step: contract.SettlementStep) -> contract.SettlementStepOut:
        """Does one settlement step of a confirmed side (申購交割, 贖回貨交割, 贖回錢交割); refused
        (409) out of order."""
        response = await self._api.request("POST", contract.SETTLEMENT_STEP_PATHS[step].format(batch_id=batch_id))
        return contract.SettlementStepOut.model_validate_json(response.content)

    async def set_difference_limit(self, fund_id: int, limit: Decimal) -> contract.FundOut:
        """A fund's lines differing by ``limit`` or more are never confirmed; audited."""
        body = contract.DifferenceLimitIn(difference_limit=limit)
        response = await self._api.request("PUT", contract.FUND_DIFFERENCE_LIMIT_PATH.format(fund_id=fund_id),
                                           json=body.model_dump(mode="json"))
        return contract.FundOut.model_validate_json(response.content)

    async def export(self, batch_id: int, target: Path, language: ExportLanguage = ExportLanguage.EN,
                     progress: Callable[[int], object] | None = None) -> int:
        """The batch's reconciliation workbook written to ``target``; returns its size in bytes.
        ``progress`` hears the bytes written so far."""
        return await self._api.download(contract.FUND_BATCH_EXPORT_PATH.format(batch_id=batch_id), target,
                                        contract.BatchExport(lang=language).as_params(), progress=progress)
