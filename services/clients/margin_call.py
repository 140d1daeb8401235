"""Risk › Margin Call over HTTP: the borrowing accounts and the auto-convert enrolments, their
pages and the server's Excel exports, as typed methods. Every method raises ``ApiError`` as the
app's ``ApiClient`` does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from services.api_client import ApiClient
from services.contract import queries as q
from services.contract.queries import AutoConvertExport, AutoConvertQuery, BorrowingExport, BorrowingQuery
from services.contract.schemas import AutoConvertRow, BorrowingRow, Page


class MarginCallClient:
    def __init__(self, api: ApiClient):
        self._api = api

    async def borrowing(self, query: BorrowingQuery) -> Page[BorrowingRow]:
        """One keyset page of borrowing accounts: a row per account and borrowed currency."""
        return await self._api.get_page(q.BORROWING_PATH, BorrowingRow, query.as_params())

    async def auto_convert(self, query: AutoConvertQuery) -> Page[AutoConvertRow]:
        """One keyset page of the accounts that ever enrolled in auto-convert."""
        return await self._api.get_page(q.AUTO_CONVERT_PATH, AutoConvertRow, query.as_params())

    async def export_borrowing(self, query: BorrowingExport, target: Path,
                               progress: Callable[[int], object] | None = None) -> int:
        """The server's workbook of ``query``'s rows, streamed to ``target``; returns its size in
        bytes (``progress`` hears the bytes written so far)."""
        return await self._api.download(q.BORROWING_EXPORT_PATH, target, query.as_params(), progress=progress)

    async def export_auto_convert(self, query: AutoConvertExport, target: Path,
                                  progress: Callable[[int], object] | None = None) -> int:
        """As ``export_borrowing``, of the auto-convert enrolments."""
        return await self._api.download(q.AUTO_CONVERT_EXPORT_PATH, target, query.as_params(), progress=progress)
