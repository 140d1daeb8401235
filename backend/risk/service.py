"""Risk › Credit reads as API rows: the margin tables' pages, setting records, the securities
master and the day-trade windows; and who may sync or revoke a setting record."""

from sqlalchemy.orm import Session

from backend.auth.service import Principal
from backend.kit.cursor import decode_cursor, decode_id_cursor, encode_cursor
from backend.kit.errors import AppError
from backend.risk import repository as repo
from backend.risk.day_trade_window_flow import target_key, window_values
from backend.risk.margin_flows import KINDS
from backend.risk.margin_table import MarginTable
from backend.risk.models import MarginSetting
from services.contract.errors import ErrorCode
from services.contract.queries import MarginSettingQuery, SecurityQuery
from services.contract.schemas import DayTradeWindowOut, MarginSettingOut, Page, SecurityOut


def margin_page(session: Session, table: MarginTable, out_model, query) -> Page:
    """A page of a live margin table, each row with its security's names and its pending order."""
    key = decode_cursor(query.cursor, 1)
    rows = repo.margin_rows(session, table, query, key[0] if key else None, query.limit + 1)
    more = len(rows) > query.limit
    rows = rows[:query.limit]
    fields = [f for f in out_model.model_fields if f not in ("name", "name_zh", "pending_work_order_id")]
    items = [out_model(**{f: getattr(r, f) for f in fields}, name=name, name_zh=name_zh,
                       pending_work_order_id=held)
             for r, name, name_zh, held in rows]
    return Page[out_model](items=items, next_cursor=encode_cursor([rows[-1][0].symbol]) if more else None,
                           total=repo.margin_count(session, table, query))


def day_trade_windows(session: Session) -> list[DayTradeWindowOut]:
    held = repo.held_locks(session, target_key(""))
    return [DayTradeWindowOut(**window_values(row), version=row.version,
                              updated_at=row.updated_at, pending_work_order_id=held.get(target_key(row.market)))
            for row in repo.day_trade_windows(session)]


# --- setting records (設置記錄) ------------------------------------------------------------------


def setting_out(setting: MarginSetting) -> MarginSettingOut:
    return MarginSettingOut.model_validate(setting, from_attributes=True)


def settings_page(session: Session, query: MarginSettingQuery) -> Page[MarginSettingOut]:
    rows = repo.setting_rows(session, query, decode_id_cursor(query.cursor), query.limit + 1)
    more = len(rows) > query.limit
    rows = rows[:query.limit]
    return Page[MarginSettingOut](items=[setting_out(s) for s in rows], total=repo.setting_count(session, query),
                                  next_cursor=encode_cursor([str(rows[-1].id)]) if more else None)


def check_may_edit(session: Session, principal: Principal, setting_id: int) -> None:
    """Syncing or revoking needs the edit permission of the setting's table."""
    kind = repo.setting_kind(session, setting_id)
    if kind is None:
        raise AppError(404, ErrorCode.NOT_FOUND, "No such setting record.")
    needed = KINDS[kind].edit_flow
    if needed not in principal.permissions:
        raise AppError(403, ErrorCode.PERMISSION_DENIED, "You do not have the permission for this.",
                       f"Needs {needed}.")


# --- securities master -------------------------------------------------------------------------


def securities_page(session: Session, query: SecurityQuery) -> Page[SecurityOut]:
    key = decode_cursor(query.cursor, 1)
    rows = repo.security_rows(session, query, key[0] if key else None, query.limit + 1)
    more = len(rows) > query.limit
    rows = rows[:query.limit]
    return Page[SecurityOut](items=[SecurityOut.model_validate(r, from_attributes=True) for r in rows],
                             total=repo.security_count(session, query),
                             next_cursor=encode_cursor([rows[-1].symbol]) if more else None)
