"""Listing a live margin table: filters in SQL, keyset by symbol, the pending order of each row."""

from sqlalchemy import and_, exists, func, literal, select
from sqlalchemy.orm import Session

from backend.kit.cursor import decode_cursor, encode_cursor
from backend.risk.margin_table import MarginTable
from backend.risk.models import Security
from backend.work_orders.models import WorkOrderLock
from services.contract.queries import MarginFilter
from services.contract.schemas import Page

# Filters of one kind only: query field → model column, compared for equality.
KIND_FILTERS = ("financeable", "status", "active")


def _conditions(table: MarginTable, f: MarginFilter, target) -> list:
    model = table.model
    out = []
    if f.symbol:
        out.append(model.symbol.startswith(f.symbol.upper(), autoescape=True))
    if f.market:
        out.append(model.market == f.market)
    if f.im_min is not None:
        out.append(model.im >= f.im_min)
    if f.im_max is not None:
        out.append(model.im <= f.im_max)
    for name in KIND_FILTERS:
        value = getattr(f, name, None)
        if value is not None:
            out.append(getattr(model, name) == value)
    if f.pending is not None:
        held = exists().where(WorkOrderLock.target_key == target)
        out.append(held if f.pending else ~held)
    return out


def margin_page(session: Session, table: MarginTable, out_model, query) -> Page:
    model = table.model
    # The target key of a row, built in SQL so the lock table's primary key answers the lookup.
    target = literal(table.target_prefix + ":") + model.symbol
    pending = (select(WorkOrderLock.work_order_id).where(WorkOrderLock.target_key == target)
               .correlate(model).scalar_subquery())
    key = decode_cursor(query.cursor, 1)
    conditions = _conditions(table, query, target)
    stmt = (select(model, Security.name, Security.name_zh, pending.label("pending"))
            .join(Security, Security.symbol == model.symbol)
            .where(and_(True, *conditions))
            .order_by(model.symbol).limit(query.limit + 1))
    if key is not None:
        stmt = stmt.where(model.symbol > key[0])
    rows = session.execute(stmt).all()
    more = len(rows) > query.limit
    rows = rows[:query.limit]
    fields = [f for f in out_model.model_fields if f not in ("name", "name_zh", "pending_work_order_id")]
    items = [out_model(**{f: getattr(r, f) for f in fields}, name=name, name_zh=name_zh,
                       pending_work_order_id=held)
             for r, name, name_zh, held in rows]
    total = session.scalar(select(func.count()).select_from(model).where(*conditions)) or 0
    return Page[out_model](items=items, next_cursor=encode_cursor([rows[-1][0].symbol]) if more else None,
                           total=total)
