"""Risk › Credit: the live margin tables. Changes go through work orders (POST /work-orders)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from backend.auth.deps import checked_by, require, require_any
from backend.auth.route_rules import Rule
from backend.auth.service import Principal
from backend.db.session import get_db, get_write_db
from backend.kit.ids import RowId
from backend.risk import margin_settings, service
from backend.risk.margin_flows import KINDS
from backend.risk.margin_table import INTRADAY_TABLE, LONG_TABLE, SHORT_TABLE
from services.contract.permissions import Perm
from services.contract.queries import (
    DAY_TRADE_WINDOWS_PATH,
    INTRADAY_MARGIN_PATH,
    LONG_MARGIN_PATH,
    MARGIN_SETTINGS_PATH,
    SECURITIES_PATH,
    SHORT_MARGIN_PATH,
    IntradayMarginQuery,
    LongMarginQuery,
    MarginSettingQuery,
    SecurityQuery,
    ShortMarginQuery,
)
from services.contract.schemas import (
    DayTradeWindowOut,
    IntradayMarginRow,
    LongMarginRow,
    MarginSettingOut,
    Page,
    RevokeIn,
    SecurityOut,
    ShortMarginRow,
)

router = APIRouter(tags=["risk credit"])
ReadSession = Annotated[Session, Depends(get_db)]
WriteSession = Annotated[Session, Depends(get_write_db)]


@router.get(LONG_MARGIN_PATH, response_model=Page[LongMarginRow])
def list_long_margins(_: Annotated[Principal, Depends(require(Perm.STOCK_MARGIN_VIEW))], session: ReadSession,
                      query: Annotated[LongMarginQuery, Query()]):
    return service.margin_page(session, LONG_TABLE, LongMarginRow, query)


@router.get(SHORT_MARGIN_PATH, response_model=Page[ShortMarginRow])
def list_short_margins(_: Annotated[Principal, Depends(require(Perm.SHORT_SELL_MARGIN_VIEW))],
                       session: ReadSession, query: Annotated[ShortMarginQuery, Query()]):
    return service.margin_page(session, SHORT_TABLE, ShortMarginRow, query)


@router.get(INTRADAY_MARGIN_PATH, response_model=Page[IntradayMarginRow])
def list_intraday_margins(_: Annotated[Principal, Depends(require(Perm.INTRADAY_MARGIN_VIEW))],
                          session: ReadSession, query: Annotated[IntradayMarginQuery, Query()]):
    return service.margin_page(session, INTRADAY_TABLE, IntradayMarginRow, query)


@router.get(DAY_TRADE_WINDOWS_PATH, response_model=list[DayTradeWindowOut])
def list_day_trade_windows(_: Annotated[Principal, Depends(require(Perm.DAY_TRADE_TIME_VIEW))],
                           session: ReadSession):
    """Every market's window (a handful of rows: no paging)."""
    return service.day_trade_windows(session)


# --- setting records (設置記錄) ------------------------------------------------------------------


@router.get(MARGIN_SETTINGS_PATH, response_model=Page[MarginSettingOut])
def list_margin_settings(_: Annotated[Principal, Depends(require(Perm.STOCK_MARGIN_VIEW))], session: ReadSession,
                         query: Annotated[MarginSettingQuery, Query()]):
    return service.settings_page(session, query)


SettingEditor = Annotated[Principal, Depends(checked_by(Rule.SETTING_EDIT))]


@router.post(MARGIN_SETTINGS_PATH + "/{setting_id}/apply-now", response_model=MarginSettingOut)
def apply_setting_now(setting_id: RowId, principal: SettingEditor, session: WriteSession):
    service.check_may_edit(session, principal, setting_id)
    setting = margin_settings.apply_now(session, KINDS, setting_id, principal.user_id)
    session.commit()
    return service.setting_out(setting)


@router.post(MARGIN_SETTINGS_PATH + "/{setting_id}/revoke", response_model=MarginSettingOut)
def revoke_setting(setting_id: RowId, body: RevokeIn, principal: SettingEditor, session: WriteSession):
    service.check_may_edit(session, principal, setting_id)
    setting = margin_settings.revoke(session, setting_id, principal.user_id, body.reason)
    session.commit()
    return service.setting_out(setting)


# --- securities master -------------------------------------------------------------------------

CanSeeCredit = Annotated[Principal, Depends(require_any(
    Perm.STOCK_MARGIN_VIEW, Perm.SHORT_SELL_MARGIN_VIEW, Perm.INTRADAY_MARGIN_VIEW, Perm.CREDIT_DRAFT))]


@router.get(SECURITIES_PATH, response_model=Page[SecurityOut])
def list_securities(_: CanSeeCredit, session: ReadSession, query: Annotated[SecurityQuery, Query()]):
    return service.securities_page(session, query)
