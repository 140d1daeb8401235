"""The audit log (身份管理 › 審計日誌) over HTTP: the area's requests as typed methods.

Every method raises ``ApiError`` as the app's ``ApiClient`` does.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx

from services.api_client import ApiClient
from services.contract.audit import (
    AUDIT_EVENTS_EXPORT_PATH,
    AUDIT_EVENTS_PATH,
    AUDIT_VERIFY_PATH,
    AuditEventDetail,
    AuditEventExport,
    AuditEventPage,
    AuditEventQuery,
    ChainCheckOut,
)

# The check reads every event of the trail (some seconds a million): more than a page's wait.
VERIFY_TIMEOUT = httpx.Timeout(300.0, connect=5.0)


class AuditClient:
    def __init__(self, api: ApiClient):
        self._api = api

    async def events(self, query: AuditEventQuery) -> AuditEventPage:
        """One keyset page of the events ``query`` selects, newest first; the first page of a
        search carries its count (``total``, ``total_capped``)."""
        return await self._api.get_model(AUDIT_EVENTS_PATH, AuditEventPage, query.as_params())

    async def event(self, event_id: int) -> AuditEventDetail:
        """The event in full: its before and after, and its hashes."""
        return await self._api.get_model(f"{AUDIT_EVENTS_PATH}/{event_id}", AuditEventDetail)

    async def verify(self) -> ChainCheckOut:
        """Checks the whole chain against the backend's signed checkpoints: intact, or its first
        broken link. It reads every event, so it may take a while on a long trail."""
        response = await self._api.request("POST", AUDIT_VERIFY_PATH, timeout=VERIFY_TIMEOUT)
        return ChainCheckOut.model_validate_json(response.content)

    async def export(self, query: AuditEventExport, target: Path,
                     progress: Callable[[int], object] | None = None) -> int:
        """The server's workbook of ``query``'s events, streamed to ``target``; returns its size in
        bytes (``progress`` hears the bytes written so far)."""
        return await self._api.download(AUDIT_EVENTS_EXPORT_PATH, target, query.as_params(), progress=progress)
