"""Message Center › Message Records over HTTP: the area's requests as typed methods.

Every method raises ``ApiError`` as the app's ``ApiClient`` does, except where it says that a
refusal becomes an answer (``resend``) or a record is left out (``records_now``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from pathlib import Path

from pydantic import TypeAdapter

from services.api_client import ApiClient, ApiError
from services.contract.queries import (
    MESSAGE_ATTEMPTS_PATH,
    MESSAGE_BULK_RESEND_PATH,
    MESSAGE_COUNT_PATH,
    MESSAGE_EXPORT_PATH,
    MESSAGE_RECORDS_PATH,
    MESSAGE_TEMPLATES_PATH,
    MessageExport,
    MessageFilter,
    MessageQuery,
)
from services.contract.schemas import (
    BulkResendIn,
    BulkResendOut,
    DeliveryAttemptOut,
    MessageCount,
    MessageRecordDetail,
    MessageRecordOut,
    MessageTemplateOut,
    Page,
    ResendIn,
    ResendOut,
    ResendResult,
)
from services.message_resend import (
    FOLLOW_SECONDS,
    POLL_SECONDS,
    ResendAction,
    follow,
    may_retry,
    refusal,
)

log = logging.getLogger(__name__)

DETAIL_REQUESTS_IN_FLIGHT = 4
EXPORT_PAGE = 500  # rows per request when every page of a filter is read
_TEMPLATES = TypeAdapter(list[MessageTemplateOut])
_ATTEMPTS = TypeAdapter(list[DeliveryAttemptOut])


def _record_path(record_id: int) -> str:
    return f"{MESSAGE_RECORDS_PATH}/{record_id}"


class MessagesClient:
    def __init__(self, api: ApiClient):
        self._api = api

    # --- the list -----------------------------------------------------------------------------

    async def records(self, query: MessageQuery) -> Page[MessageRecordOut]:
        """One keyset page of the records ``query`` selects, newest first; its ``total`` is None
        (``count`` counts)."""
        return await self._api.get_page(MESSAGE_RECORDS_PATH, MessageRecordOut, query.as_params())

    async def iter_records(self, filter_: MessageFilter,
                           page_size: int = EXPORT_PAGE) -> AsyncIterator[Page[MessageRecordOut]]:
        """Every page of ``filter_``'s records in turn, until the last."""
        cursor: str | None = None
        while True:
            query = MessageQuery.model_validate({**filter_.model_dump(), "limit": page_size, "cursor": cursor})
            page = await self.records(query)
            yield page
            if not page.next_cursor:
                return
            cursor = page.next_cursor

    async def count(self, filter_: MessageFilter) -> MessageCount:
        """How many records ``filter_`` matches, exact up to MESSAGE_TOTAL_CAP (then ``capped``)."""
        return await self._api.get_model(MESSAGE_COUNT_PATH, MessageCount, filter_.as_params())

    async def templates(self) -> list[MessageTemplateOut]:
        """Every template: the template filter's choices and the names in both languages."""
        response = await self._api.request("GET", MESSAGE_TEMPLATES_PATH)
        return _TEMPLATES.validate_json(response.content)

    async def export(self, query: MessageExport, target: Path,
                     progress: Callable[[int], object] | None = None) -> int:
        """The server's workbook of ``query``'s records, streamed to ``target``; returns its size in
        bytes (``progress`` hears the bytes written so far)."""
        return await self._api.download(MESSAGE_EXPORT_PATH, target, query.as_params(), progress=progress)

    # --- one record ---------------------------------------------------------------------------

    async def record(self, record_id: int) -> MessageRecordDetail:
        """The record in full: its content as sent and every delivery attempt, oldest first."""
        return await self._api.get_model(_record_path(record_id), MessageRecordDetail)

    async def records_now(self, record_ids: Iterable[int],
                          in_flight: int = DETAIL_REQUESTS_IN_FLIGHT) -> dict[int, MessageRecordDetail]:
        """The records as they are now, by id (a few requests at a time); one that cannot be read
        is left out, and only a lost session raises."""
        gate = asyncio.Semaphore(in_flight)

        async def one(record_id: int) -> MessageRecordDetail | None:
            async with gate:
                try:
                    return await self.record(record_id)
                except ApiError as exc:
                    if exc.is_auth:
                        raise
                    log.warning("message record %s could not be read again: %s", record_id, exc)
                    return None

        found = await asyncio.gather(*(one(i) for i in dict.fromkeys(record_ids)))
        return {d.id: d for d in found if d is not None}

    # --- resending ----------------------------------------------------------------------------

    async def resend(self, action: ResendAction) -> list[ResendResult]:
        """Sends the action (or sends it again, with the same key): one answer per record, in order.

        One record goes to the single endpoint, whose refusal (not resendable, limit reached, ...)
        becomes that record's answer; several go to the bulk endpoint, which answers each. Raises
        ApiError when nothing was answered: the network, the session, a server failure.
        """
        headers = {"Idempotency-Key": action.key}
        if len(action.record_ids) == 1:
            record_id = action.record_ids[0]
            try:
                response = await self._api.request(
                    "POST", f"{_record_path(record_id)}/resend", headers=headers,
                    json=ResendIn(reason=action.reason).model_dump(mode="json"))
            except ApiError as exc:
                if exc.is_auth or may_retry(exc):
                    raise
                return [refusal(record_id, exc)]
            out = ResendOut.model_validate_json(response.content)
            return [ResendResult(record_id=out.record_id, attempt_id=out.attempt_id, status=out.status)]
        body = BulkResendIn(record_ids=list(action.record_ids), reason=action.reason)
        response = await self._api.request("POST", MESSAGE_BULK_RESEND_PATH, json=body.model_dump(mode="json"),
                                           headers=headers)
        return BulkResendOut.model_validate_json(response.content).results

    async def attempts(self, attempt_ids: Sequence[int]) -> list[DeliveryAttemptOut]:
        """The attempts' current states (how a resend is followed)."""
        params = [("ids", str(i)) for i in attempt_ids]
        response = await self._api.request("GET", MESSAGE_ATTEMPTS_PATH, params=params)
        return _ATTEMPTS.validate_json(response.content)

    async def follow(self, attempt_ids: Sequence[int], on_change: Callable[[list[DeliveryAttemptOut]], object],
                     *, interval: float = POLL_SECONDS,
                     limit: float = FOLLOW_SECONDS) -> dict[int, DeliveryAttemptOut]:
        """Reads the attempts until each is final or ``limit`` seconds passed (see
        services.message_resend.follow); returns their last states."""
        return await follow(self.attempts, attempt_ids, on_change, interval=interval, limit=limit)
