"""身份管理 › 審批流程配置 over HTTP: every flow's chain, a chain's versions, whom a chain may name,
and a chain change submitted as its work order (``identity.approval_chain.update``), built here so
no page assembles the payload. Every method raises ``ApiError`` as the app's ``ApiClient`` does (a
chain with a change already pending as 409 ``target_locked``)."""

from __future__ import annotations

import uuid

from pydantic import TypeAdapter

from services.api_client import ApiClient
from services.clients.approvals import ApprovalsClient
from services.clients.resubmission import SubmitsWorkOrders
from services.contract import identity as contract
from services.contract.schemas import WorkOrderOut, WorkOrderSubmit

_VERSIONS = TypeAdapter(list[contract.ApprovalChainVersionOut])


def chain_order(flow: str | None, chain: contract.ChainSpec | None, note: str | None = None) -> WorkOrderSubmit:
    """``flow``'s new chain (``flow`` None: the default chain; ``chain`` None: the flow's own chain
    removed, so the default applies again), with the maker's note to the deciding administrator."""
    payload = contract.ApprovalChainPayload(flow=flow, chain=chain, note=(note or "").strip() or None)
    return WorkOrderSubmit(flow=contract.APPROVAL_CHAIN_FLOW, payload=payload.model_dump(mode="json"))


def new_key() -> str:
    """A fresh idempotency key: one per change, kept across retries of it."""
    return str(uuid.uuid4())


class ApprovalChainsClient(SubmitsWorkOrders):
    def __init__(self, api: ApiClient):
        self._api = api
        self._orders = ApprovalsClient(api)  # submitting is the work-order area's request

    async def chains(self) -> contract.ApprovalChainsOut:
        """The default chain and every flow's, in the flow table's order, with any pending change."""
        return await self._api.get_model(contract.APPROVAL_CHAINS_PATH, contract.ApprovalChainsOut)

    async def versions(self, flow: str | None) -> list[contract.ApprovalChainVersionOut]:
        """Every version of ``flow``'s chain (None: the default chain's), newest first."""
        path = contract.APPROVAL_CHAIN_VERSIONS_PATH.format(flow=contract.chain_key(flow))
        response = await self._api.request("GET", path)
        return _VERSIONS.validate_json(response.content)

    async def people(self) -> contract.ChainPeopleOut:
        """Whom a chain may name: the active users with their roles, and every role."""
        return await self._api.get_model(contract.APPROVAL_CHAIN_PEOPLE_PATH, contract.ChainPeopleOut)

    async def submit_change(self, flow: str | None, chain: contract.ChainSpec | None, note: str | None = None,
                            idempotency_key: str | None = None) -> WorkOrderOut:
        """Submits the change for a second administrator's decision; a retry with the same key
        returns the first order."""
        return await self._orders.submit(chain_order(flow, chain, note), idempotency_key or new_key())
