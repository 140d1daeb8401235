"""Risk › Credit over HTTP: the margin tables, the securities master, the day-trade windows, the
setting records, and the work orders that change them, as typed methods.

A change is never written directly: each ``submit`` method builds the work order of its action's
flow (services/contract/flows.py MARGIN_FLOW_IDS) with the payload that flow expects and sends it
under the caller's idempotency key (one per proposal, kept across its retries). Every method
raises ``ApiError`` as the app's ``ApiClient`` does (a refused row with its fields in ``errors``).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from pydantic import BaseModel, TypeAdapter

from services.api_client import ApiClient
from services.clients.approvals import ApprovalsClient
from services.clients.resubmission import SubmitsWorkOrders
from services.contract.flows import MARGIN_FLOW_IDS
from services.contract.queries import (
    DAY_TRADE_WINDOWS_PATH,
    MARGIN_HISTORY_SUFFIX,
    MARGIN_LISTS,
    MARGIN_SETTINGS_PATH,
    SECURITIES_PATH,
    IntradayMarginQuery,
    LongMarginQuery,
    MarginHistoryQuery,
    MarginSettingQuery,
    SecurityQuery,
    ShortMarginQuery,
)
from services.contract.schemas import (
    DayTradeWindowIn,
    DayTradeWindowOut,
    IntradayMarginIn,
    IntradayMarginRow,
    LongMarginIn,
    LongMarginRow,
    MarginChangeOut,
    MarginSettingDetail,
    MarginSettingOut,
    Page,
    RevokeIn,
    SecurityOut,
    ShortMarginIn,
    ShortMarginRow,
    UploadMode,
    WorkOrderOut,
    WorkOrderSubmit,
)
from services.excel.margin_columns import Kind
from services.excel.margin_template import write_rows

MarginAction = Literal["create", "update", "delete", "batch_delete", "upload"]
MarginRow = LongMarginRow | ShortMarginRow | IntradayMarginRow
MarginIn = LongMarginIn | ShortMarginIn | IntradayMarginIn
MarginQuery = LongMarginQuery | ShortMarginQuery | IntradayMarginQuery

DAY_TRADE_WINDOW_FLOW = "risk.credit.set_day_trade_time_config"
ALL_ROWS_PAGE = 1000  # rows per request when every row of a table is read
MARGIN_QUERIES: dict[Kind, type[MarginQuery]] = {
    "long": LongMarginQuery, "short": ShortMarginQuery, "intraday": IntradayMarginQuery}

_WINDOWS = TypeAdapter(list[DayTradeWindowOut])


def margin_flows(kind: Kind) -> dict[str, str]:
    """The actions ``kind``'s table offers, each with its flow (short-sell rows: update and upload)."""
    return dict(MARGIN_FLOW_IDS[kind])


def margin_flow(kind: Kind, action: str) -> str | None:
    """The flow of ``kind``'s ``action``; None when the table has no such action."""
    return MARGIN_FLOW_IDS[kind].get(action)


def _row_json(row: BaseModel) -> dict[str, Any]:
    return row.model_dump(mode="json")


class RiskClient(SubmitsWorkOrders):
    def __init__(self, api: ApiClient):
        self._api = api
        self._orders = ApprovalsClient(api)  # submitting is the work-order area's request

    # --- the margin tables ----------------------------------------------------------------------

    async def margins(self, kind: Kind, query: MarginQuery | Mapping[str, Any]) -> Page[MarginRow]:
        """One keyset page of ``kind``'s live rows, by symbol; ``query`` is the kind's query model
        or its parameters (a list page's filter with ``limit`` and ``cursor``)."""
        if not isinstance(query, BaseModel):
            query = MARGIN_QUERIES[kind].model_validate(dict(query))
        path, model = MARGIN_LISTS[kind]
        return await self._api.get_page(path, model, query.as_params())

    async def long_margins(self, query: LongMarginQuery) -> Page[LongMarginRow]:
        return await self._api.get_page(MARGIN_LISTS["long"][0], LongMarginRow, query.as_params())

    async def short_margins(self, query: ShortMarginQuery) -> Page[ShortMarginRow]:
        return await self._api.get_page(MARGIN_LISTS["short"][0], ShortMarginRow, query.as_params())

    async def intraday_margins(self, query: IntradayMarginQuery) -> Page[IntradayMarginRow]:
        return await self._api.get_page(MARGIN_LISTS["intraday"][0], IntradayMarginRow, query.as_params())

    async def iter_margins(self, kind: Kind, filter_: BaseModel | None = None,
                           page_size: int = ALL_ROWS_PAGE) -> AsyncIterator[Page[MarginRow]]:
        """Every page of ``kind``'s rows ``filter_`` selects (all rows without one), in turn."""
        values = {} if filter_ is None else filter_.model_dump()
        cursor: str | None = None
        while True:
            page = await self.margins(kind, MARGIN_QUERIES[kind].model_validate(
                {**values, "limit": page_size, "cursor": cursor}))
            yield page
            if not page.next_cursor:
                return
            cursor = page.next_cursor

    async def margin_row(self, kind: Kind, symbol: str) -> MarginRow | None:
        """``kind``'s live row of ``symbol`` exactly (a symbol as stored); None when it has none.
        The list filters by prefix in symbol order, so the symbol itself comes first."""
        page = await self.margins(kind, {"symbol": symbol, "limit": 1})
        return next((r for r in page.items if r.symbol == symbol), None)

    async def live_rows(self, kind: Kind) -> dict[str, MarginRow]:
        """Every live row of ``kind`` by symbol (what an upload is previewed against)."""
        return {r.symbol: r async for page in self.iter_margins(kind) for r in page.items}

    async def overnight_im(self) -> dict[str, Decimal]:
        """Each long row's IM by symbol: an intraday IM may not be above it."""
        return {r.symbol: r.im async for page in self.iter_margins("long") for r in page.items}

    async def export_margins(self, kind: Kind, filter_: BaseModel, target: Path,
                             progress: Callable[[int], object] | None = None) -> int:
        """``filter_``'s rows written to ``target`` in the upload template's layout (so an export
        can be edited and uploaded back); returns its size in bytes. ``progress`` hears the rows
        read so far."""
        rows: list[MarginRow] = []
        async for page in self.iter_margins(kind, filter_):
            rows += page.items
            if progress is not None:
                progress(len(rows))
        await asyncio.to_thread(write_rows, kind, rows, str(target))
        return target.stat().st_size

    async def margin_history(self, kind: Kind, symbol: str,
                             query: MarginHistoryQuery | Mapping[str, Any]) -> Page[MarginChangeOut]:
        """One page of the changes of ``symbol``'s row in ``kind``'s table (變更記錄), newest first."""
        if not isinstance(query, BaseModel):
            query = MarginHistoryQuery.model_validate(dict(query))
        path = MARGIN_LISTS[kind][0] + MARGIN_HISTORY_SUFFIX.format(symbol=quote(symbol, safe=""))
        return await self._api.get_page(path, MarginChangeOut, query.as_params())

    # --- the securities master ------------------------------------------------------------------

    async def securities(self, query: SecurityQuery) -> Page[SecurityOut]:
        """One page of the master by symbol, ``query``'s prefix and market."""
        return await self._api.get_page(SECURITIES_PATH, SecurityOut, query.as_params())

    async def security(self, symbol: str) -> SecurityOut | None:
        """The listed security ``symbol`` exactly; None when it is not listed."""
        page = await self.securities(SecurityQuery(symbol=symbol, limit=1))
        return next((s for s in page.items if s.symbol == symbol), None)

    async def security_markets(self) -> dict[str, str]:
        """Every listed symbol with its market (how a workbook's symbols are checked)."""
        known: dict[str, str] = {}
        cursor: str | None = None
        while True:
            page = await self.securities(SecurityQuery(limit=ALL_ROWS_PAGE, cursor=cursor))
            known.update((s.symbol, s.market) for s in page.items)
            if not page.next_cursor:
                return known
            cursor = page.next_cursor

    # --- day-trade windows and setting records --------------------------------------------------

    async def day_trade_windows(self) -> list[DayTradeWindowOut]:
        """Every market's live window, with the order pending on it if any."""
        response = await self._api.request("GET", DAY_TRADE_WINDOWS_PATH)
        return _WINDOWS.validate_json(response.content)

    async def settings(self, query: MarginSettingQuery) -> Page[MarginSettingOut]:
        """One page of setting records, newest first."""
        return await self._api.get_page(MARGIN_SETTINGS_PATH, MarginSettingOut, query.as_params())

    async def setting(self, setting_id: int) -> MarginSettingDetail:
        """One setting record beside its row as it is live now (what syncing it would change)."""
        response = await self._api.request("GET", f"{MARGIN_SETTINGS_PATH}/{setting_id}")
        return MarginSettingDetail.model_validate_json(response.content)

    async def apply_setting_now(self, setting_id: int) -> MarginSettingOut:
        """A pending setting applied at once instead of at its time."""
        response = await self._api.request("POST", f"{MARGIN_SETTINGS_PATH}/{setting_id}/apply-now")
        return MarginSettingOut.model_validate_json(response.content)

    async def revoke_setting(self, setting_id: int, reason: str) -> MarginSettingOut:
        """A pending setting revoked, never to apply."""
        response = await self._api.request("POST", f"{MARGIN_SETTINGS_PATH}/{setting_id}/revoke",
                                           json=RevokeIn(reason=reason).model_dump(mode="json"))
        return MarginSettingOut.model_validate_json(response.content)

    # --- work orders ----------------------------------------------------------------------------

    async def _submit(self, kind: Kind, action: MarginAction, payload: dict[str, Any], key: str) -> WorkOrderOut:
        flow = margin_flow(kind, action)
        if flow is None:
            raise ValueError(f"the {kind} margin table has no {action} action")
        return await self._orders.submit(WorkOrderSubmit(flow=flow, payload=payload), key)

    async def create_margin(self, kind: Kind, row: MarginIn, key: str) -> WorkOrderOut:
        """A new row of ``kind`` (long and intraday) proposed."""
        return await self._submit(kind, "create", _row_json(row), key)

    async def update_margin(self, kind: Kind, row: MarginIn, key: str) -> WorkOrderOut:
        """A live row of ``kind`` proposed changed (short-sell rows go as a list of one)."""
        payload = {"rows": [_row_json(row)]} if kind == "short" else _row_json(row)
        return await self._submit(kind, "update", payload, key)

    async def delete_margin(self, kind: Kind, symbol: str, key: str) -> WorkOrderOut:
        """One live row proposed deleted."""
        return await self._submit(kind, "delete", {"symbol": symbol}, key)

    async def delete_margins(self, kind: Kind, symbols: Iterable[str], key: str) -> WorkOrderOut:
        """Several live rows proposed deleted in one order."""
        return await self._submit(kind, "batch_delete", {"symbols": list(symbols)}, key)

    async def upload_margins(self, kind: Kind, rows: Iterable[BaseModel], mode: UploadMode,
                             key: str) -> WorkOrderOut:
        """A workbook's rows proposed: added or replacing theirs (upsert), or the whole table of
        their markets (replace)."""
        return await self._submit(kind, "upload", {"mode": UploadMode(mode).value,
                                                   "rows": [_row_json(r) for r in rows]}, key)

    async def set_day_trade_window(self, window: DayTradeWindowIn, key: str) -> WorkOrderOut:
        """One market's window proposed."""
        return await self._orders.submit(
            WorkOrderSubmit(flow=DAY_TRADE_WINDOW_FLOW, payload=_row_json(window)), key)
