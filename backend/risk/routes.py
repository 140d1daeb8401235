"""Risk › Credit: the live margin tables. Changes go through work orders (POST /work-orders)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.auth.deps import checked_by, require, require_any
from backend.auth.route_rules import Rule
from backend.auth.service import Principal
from backend.db.session import get_db, get_write_db
from backend.kit.cursor import decode_cursor, encode_cursor
from backend.kit.errors import AppError
from backend.kit.ids import RowId
from backend.risk import margin_settings
from backend.risk.day_trade_window_flow import target_key, window_values
from backend.risk.margin_flows import KINDS
from backend.risk.margin_listing import margin_page
from backend.risk.margin_table import INTRADAY_TABLE, LONG_TABLE, SHORT_TABLE
from backend.risk.models import DayTradeWindowRow, MarginSetting, Security
from backend.work_orders.models import WorkOrderLock
from services.contract.errors import ErrorCode
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


# --- setting records (設置記錄) ------------------------------------------------------------------


def _setting_out(setting: MarginSetting) -> MarginSettingOut:
    return MarginSettingOut.model_validate(setting, from_attributes=True)


@router.get(MARGIN_SETTINGS_PATH, response_model=Page[MarginSettingOut])
def list_margin_settings(_: Annotated[Principal, Depends(require(Perm.STOCK_MARGIN_VIEW))], session: ReadSession,
                         query: Annotated[MarginSettingQuery, Query()]):
    conditions = []
    if query.kind:
        conditions.append(MarginSetting.kind == query.kind)
    if query.symbol:
        conditions.append(MarginSetting.symbol.startswith(query.symbol.upper(), autoescape=True))
    if query.status:
        conditions.append(MarginSetting.status == query.status.value)
    key = decode_cursor(query.cursor, 1)
    stmt = select(MarginSetting).where(*conditions).order_by(MarginSetting.id.desc()).limit(query.limit + 1)
    if key is not None:
        if not key[0].isdigit():
            raise AppError(400, ErrorCode.INVALID_CURSOR, "The page cursor is not valid.")
        stmt = stmt.where(MarginSetting.id < int(key[0]))
    rows = list(session.scalars(stmt))
    more = len(rows) > query.limit
    rows = rows[:query.limit]
    total = session.scalar(select(func.count()).select_from(MarginSetting).where(*conditions)) or 0
    return Page[MarginSettingOut](items=[_setting_out(s) for s in rows], total=total,
                                  next_cursor=encode_cursor([str(rows[-1].id)]) if more else None)


SettingEditor = Annotated[Principal, Depends(checked_by(Rule.SETTING_EDIT))]


def _may_edit(session: Session, principal: Principal, setting_id: int) -> None:
    """Syncing or revoking needs the edit permission of the setting's table."""
    kind = session.scalar(select(MarginSetting.kind).where(MarginSetting.id == setting_id))
    if kind is None:
        raise AppError(404, ErrorCode.NOT_FOUND, "No such setting record.")
    needed = KINDS[kind].edit_flow
    if needed not in principal.permissions:
        raise AppError(403, ErrorCode.PERMISSION_DENIED, "You do not have the permission for this.",
                       f"Needs {needed}.")


@router.post(MARGIN_SETTINGS_PATH + "/{setting_id}/apply-now", response_model=MarginSettingOut)
def apply_setting_now(setting_id: RowId, principal: SettingEditor, session: WriteSession):
    _may_edit(session, principal, setting_id)
    setting = margin_settings.apply_now(session, KINDS, setting_id, principal.user_id)
    session.commit()
    return _setting_out(setting)


@router.post(MARGIN_SETTINGS_PATH + "/{setting_id}/revoke", response_model=MarginSettingOut)
def revoke_setting(setting_id: RowId, body: RevokeIn, principal: SettingEditor, session: WriteSession):
    _may_edit(session, principal, setting_id)
    setting = margin_settings.revoke(session, setting_id, principal.user_id, body.reason)
    session.commit()
    return _setting_out(setting)


# --- securities master -------------------------------------------------------------------------

CanSeeCredit = Annotated[Principal, Depends(require_any(
    Perm.STOCK_MARGIN_VIEW, Perm.SHORT_SELL_MARGIN_VIEW, Perm.INTRADAY_MARGIN_VIEW, Perm.CREDIT_DRAFT))]


@router.get(SECURITIES_PATH, response_model=Page[SecurityOut])
def list_securities(_: CanSeeCredit, session: ReadSession, query: Annotated[SecurityQuery, Query()]):
    conditions = []
    if query.symbol:
        conditions.append(Security.symbol.startswith(query.symbol.upper(), autoescape=True))
    if query.market:
        conditions.append(Security.market == query.market)
    key = decode_cursor(query.cursor, 1)
    stmt = select(Security).where(*conditions).order_by(Security.symbol).limit(query.limit + 1)
    if key is not None:
        stmt = stmt.where(Security.symbol > key[0])
    rows = list(session.scalars(stmt))
    more = len(rows) > query.limit
    rows = rows[:query.limit]
    total = session.scalar(select(func.count()).select_from(Security).where(*conditions)) or 0
    return Page[SecurityOut](items=[SecurityOut.model_validate(r, from_attributes=True) for r in rows], total=total,
                             next_cursor=encode_cursor([rows[-1].symbol]) if more else None)
