"""Risk › Credit: the live margin tables. Changes go through work orders (POST /work-orders)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.auth.deps import require
from backend.auth.service import Principal
from backend.db.session import get_db
from backend.risk.day_trade_window_flow import target_key, window_values
from backend.risk.margin_listing import margin_page
from backend.risk.margin_table import INTRADAY_TABLE, LONG_TABLE, SHORT_TABLE
from backend.risk.models import DayTradeWindowRow
from backend.work_orders.models import WorkOrderLock
from services.contract.permissions import Perm
from services.contract.queries import (
    DAY_TRADE_WINDOWS_PATH,
    INTRADAY_MARGIN_PATH,
    LONG_MARGIN_PATH,
    SHORT_MARGIN_PATH,
    IntradayMarginQuery,
    LongMarginQuery,
    ShortMarginQuery,
)
from services.contract.schemas import (
    DayTradeWindowOut,
    IntradayMarginRow,
    LongMarginRow,
    Page,
    ShortMarginRow,
)

router = APIRouter(tags=["risk credit"])
ReadSession = Annotated[Session, Depends(get_db)]


@router.get(LONG_MARGIN_PATH, response_model=Page[LongMarginRow])
def list_long_margins(_: Annotated[Principal, Depends(require(Perm.STOCK_MARGIN_VIEW))], session: ReadSession,
                      query: Annotated[LongMarginQuery, Query()]):
    return margin_page(session, LONG_TABLE, LongMarginRow, query)


@router.get(SHORT_MARGIN_PATH, response_model=Page[ShortMarginRow])
def list_short_margins(_: Annotated[Principal, Depends(require(Perm.SHORT_SELL_MARGIN_VIEW))],
                       session: ReadSession, query: Annotated[ShortMarginQuery, Query()]):
    return margin_page(session, SHORT_TABLE, ShortMarginRow, query)


@router.get(INTRADAY_MARGIN_PATH, response_model=Page[IntradayMarginRow])
def list_intraday_margins(_: Annotated[Principal, Depends(require(Perm.INTRADAY_MARGIN_VIEW))],
                          session: ReadSession, query: Annotated[IntradayMarginQuery, Query()]):
    return margin_page(session, INTRADAY_TABLE, IntradayMarginRow, query)


@router.get(DAY_TRADE_WINDOWS_PATH, response_model=list[DayTradeWindowOut])
def list_day_trade_windows(_: Annotated[Principal, Depends(require(Perm.DAY_TRADE_TIME_VIEW))],
                           session: ReadSession):
    """Every market's window (a handful of rows: no paging)."""
    held = dict(session.execute(select(WorkOrderLock.target_key, WorkOrderLock.work_order_id)
                                .where(WorkOrderLock.target_key.startswith("day_trade_window:"))).all())
    rows = session.scalars(select(DayTradeWindowRow).order_by(DayTradeWindowRow.market))
    return [DayTradeWindowOut(**window_values(row), version=row.version,
                              updated_at=row.updated_at, pending_work_order_id=held.get(target_key(row.market)))
            for row in rows]
