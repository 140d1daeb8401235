"""Risk › Credit reads as API rows: the margin tables' pages, setting records, the securities
master and the day-trade windows."""

from sqlalchemy.orm import Session

from backend.kit.errors import AppError
from backend.risk import repository as repo
from backend.risk.day_trade_window_flow import target_key, window_values
from backend.risk.margin_flows import KINDS
from backend.risk.margin_table import MarginTable
from services.contract.errors import ErrorCode
from services.contract.queries import MarginSettingQuery, SecurityQuery
from services.contract.schemas import (
    DayTradeWindowOut,
    MarginSettingDetail,
    MarginSettingOut,
    Page,
    PendingSettingOut,
    SecurityOut,
)

_JOINED = ("name", "name_zh", "pending_work_order_id", "pending_setting")  # not columns of the table


def margin_page(session: Session, table: MarginTable, out_model, query) -> Page:
    """A page of a live margin table, each row with its security's names, its pending order and
    its pending setting (one more query for the page's settings, not one per row)."""
    keyset = repo.margin_keyset(table)
    seek = keyset.seek(query)
    found = keyset.page(repo.margin_rows(session, table, query, seek, query.limit + 1), query.limit, seek,
                        lambda row: [row[0].symbol])
    rows = found.rows
    fields = [f for f in out_model.model_fields if f not in _JOINED]
    settings = repo.settings_by_id(session, {setting for *_, setting in rows if setting is not None})
    items = [out_model(**{f: getattr(r, f) for f in fields}, name=name, name_zh=name_zh,
                       pending_work_order_id=held,
                       pending_setting=PendingSettingOut.model_validate(settings[setting]) if setting else None)
             for r, name, name_zh, held, setting in rows]
    return Page[out_model](items=items, next_cursor=found.next_cursor, prev_cursor=found.prev_cursor,
                           total=repo.margin_count(session, table, query))


def day_trade_windows(session: Session) -> list[DayTradeWindowOut]:
    held = repo.held_locks(session, target_key(""))
    return [DayTradeWindowOut(**window_values(row), version=row.version,
                              updated_at=row.updated_at, pending_work_order_id=held.get(target_key(row.market)))
            for row in repo.day_trade_windows(session)]


# --- setting records (設置記錄) ------------------------------------------------------------------


def _setting_out(row, names: dict[int, str], model=MarginSettingOut, **extra):
    setting, name, name_zh, maker_id = row
    return model.model_validate({
        **{f: getattr(setting, f) for f in MarginSettingOut.model_fields if hasattr(setting, f)},
        "name": name, "name_zh": name_zh, "maker_name": names.get(maker_id) if maker_id else None,
        "applied_by_name": names.get(setting.applied_by) if setting.applied_by else None,
        "revoked_by_name": names.get(setting.revoked_by) if setting.revoked_by else None, **extra})


def _people(row) -> list[int | None]:
    setting, _name, _name_zh, maker_id = row
    return [maker_id, setting.applied_by, setting.revoked_by]


def setting_out(session: Session, setting_id: int) -> MarginSettingOut:
    row = repo.setting_row(session, setting_id)
    if row is None:
        raise AppError(404, ErrorCode.NOT_FOUND, "No such setting record.")
    return _setting_out(row, repo.display_names(session, _people(row)))


def setting_detail(session: Session, setting_id: int) -> MarginSettingDetail:
    """The setting beside its live row now, and the order awaiting approval on that row if any."""
    row = repo.setting_row(session, setting_id)
    if row is None:
        raise AppError(404, ErrorCode.NOT_FOUND, "No such setting record.")
    setting = row[0]
    table = KINDS[setting.kind].table
    live = table.row_dicts(session, [setting.symbol])
    return _setting_out(row, repo.display_names(session, _people(row)), MarginSettingDetail,
                        live=live[0] if live else None,
                        live_pending_work_order_id=repo.holder(session, table.target(setting.symbol)))


def settings_page(session: Session, query: MarginSettingQuery) -> Page[MarginSettingOut]:
    keyset = repo.SETTING_KEYSET
    seek = keyset.seek(query)
    found = keyset.page(repo.setting_rows(session, query, seek, query.limit + 1), query.limit, seek,
                        lambda row: [row[0].id])
    names = repo.display_names(session, [u for row in found.rows for u in _people(row)])
    return Page[MarginSettingOut](items=[_setting_out(row, names) for row in found.rows],
                                  total=repo.setting_count(session, query),
                                  next_cursor=found.next_cursor, prev_cursor=found.prev_cursor)


# --- securities master -------------------------------------------------------------------------


def securities_page(session: Session, query: SecurityQuery) -> Page[SecurityOut]:
    keyset = repo.SECURITY_KEYSET
    seek = keyset.seek(query)
    found = keyset.page(repo.security_rows(session, query, seek, query.limit + 1), query.limit, seek,
                        lambda row: [row.symbol])
    return Page[SecurityOut](items=[SecurityOut.model_validate(r, from_attributes=True) for r in found.rows],
                             total=repo.security_count(session, query),
                             next_cursor=found.next_cursor, prev_cursor=found.prev_cursor)
