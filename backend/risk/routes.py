"""Risk › Credit: the live margin tables. Changes go through work orders (POST /work-orders)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BeforeValidator
from sqlalchemy.orm import Session

from backend.auth.deps import require, require_any
from backend.auth.service import Principal
from backend.db.session import get_db, get_write_db
from backend.kit.ids import RowId
from backend.risk import margin_history, margin_settings, service
from backend.risk.margin_flows import INTRADAY, KINDS, LONG, SHORT
from backend.risk.margin_table import INTRADAY_TABLE, LONG_TABLE, SHORT_TABLE
from services.contract.permissions import Perm
from services.contract.queries import (
    DAY_TRADE_WINDOWS_PATH,
    INTRADAY_MARGIN_PATH,
    LONG_MARGIN_PATH,
    MARGIN_HISTORY_SUFFIX,
    MARGIN_SETTINGS_PATH,
    SECURITIES_PATH,
    SHORT_MARGIN_PATH,
    IntradayMarginQuery,
    LongMarginQuery,
    MarginHistoryQuery,
    MarginSettingQuery,
    SecurityQuery,
    ShortMarginQuery,
)
from services.contract.schemas import (
    DayTradeWindowOut,
    IntradayMarginRow,
    LongMarginRow,
    MarginChangeOut,
    MarginSettingDetail,
    MarginSettingOut,
    Page,
    RevokeIn,
    SecurityOut,
    ShortMarginRow,
    stored_symbol,
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


# --- a row's change history (變更記錄): readable by whoever may read the table -----------------

# As a maker would type it (700.hk is 00700.HK): one rule, services/rules/symbols.py.
Symbol = Annotated[str, BeforeValidator(stored_symbol),
                   Path(min_length=1, max_length=16, description="the row's symbol, e.g. 00700.HK")]
History = Annotated[MarginHistoryQuery, Query()]


@router.get(LONG_MARGIN_PATH + MARGIN_HISTORY_SUFFIX, response_model=Page[MarginChangeOut])
def long_margin_history(_: Annotated[Principal, Depends(require(Perm.STOCK_MARGIN_VIEW))], symbol: Symbol,
                        session: ReadSession, query: History):
    return margin_history.history(session, LONG, symbol, query)


@router.get(SHORT_MARGIN_PATH + MARGIN_HISTORY_SUFFIX, response_model=Page[MarginChangeOut])
def short_margin_history(_: Annotated[Principal, Depends(require(Perm.SHORT_SELL_MARGIN_VIEW))], symbol: Symbol,
                         session: ReadSession, query: History):
    return margin_history.history(session, SHORT, symbol, query)


@router.get(INTRADAY_MARGIN_PATH + MARGIN_HISTORY_SUFFIX, response_model=Page[MarginChangeOut])
def intraday_margin_history(_: Annotated[Principal, Depends(require(Perm.INTRADAY_MARGIN_VIEW))],
                            symbol: Symbol, session: ReadSession, query: History):
    return margin_history.history(session, INTRADAY, symbol, query)


@router.get(DAY_TRADE_WINDOWS_PATH, response_model=list[DayTradeWindowOut])
def list_day_trade_windows(_: Annotated[Principal, Depends(require(Perm.DAY_TRADE_TIME_VIEW))],
                           session: ReadSession):
    """Every market's window (a handful of rows: no paging)."""
    return service.day_trade_windows(session)


# --- setting records (設置記錄) ------------------------------------------------------------------


@router.get(MARGIN_SETTINGS_PATH, response_model=Page[MarginSettingOut])
def list_margin_settings(_: Annotated[Principal, Depends(require(Perm.MARGIN_SETTING_VIEW))], session: ReadSession,
                         query: Annotated[MarginSettingQuery, Query()]):
    return service.settings_page(session, query)


@router.get(MARGIN_SETTINGS_PATH + "/{setting_id}", response_model=MarginSettingDetail)
def get_margin_setting(setting_id: RowId, _: Annotated[Principal, Depends(require(Perm.MARGIN_SETTING_VIEW))],
                       session: ReadSession):
    """The setting beside its live row now: what syncing it would change."""
    return service.setting_detail(session, setting_id)


@router.post(MARGIN_SETTINGS_PATH + "/{setting_id}/apply-now", response_model=MarginSettingOut)
def apply_setting_now(setting_id: RowId, principal: Annotated[Principal, Depends(require(Perm.MARGIN_SETTING_APPLY))],
                      session: WriteSession):
    """同步: the setting takes effect now instead of at its time."""
    margin_settings.apply_now(session, KINDS, setting_id, principal.user_id)
    out = service.setting_out(session, setting_id)
    session.commit()
    return out


@router.post(MARGIN_SETTINGS_PATH + "/{setting_id}/revoke", response_model=MarginSettingOut)
def revoke_setting(setting_id: RowId, body: RevokeIn,
                   principal: Annotated[Principal, Depends(require(Perm.MARGIN_SETTING_REVOKE))],
                   session: WriteSession):
    """取消同步: the setting never takes effect."""
    margin_settings.revoke(session, setting_id, principal.user_id, body.reason)
    out = service.setting_out(session, setting_id)
    session.commit()
    return out


# --- securities master -------------------------------------------------------------------------

CanSeeCredit = Annotated[Principal, Depends(require_any(
    Perm.STOCK_MARGIN_VIEW, Perm.SHORT_SELL_MARGIN_VIEW, Perm.INTRADAY_MARGIN_VIEW, Perm.CREDIT_DRAFT))]


@router.get(SECURITIES_PATH, response_model=Page[SecurityOut])
def list_securities(_: CanSeeCredit, session: ReadSession, query: Annotated[SecurityQuery, Query()]):
    return service.securities_page(session, query)
