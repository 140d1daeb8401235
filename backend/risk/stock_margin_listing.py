"""Listing live long stock margins: filters in SQL, keyset by symbol, the pending order of a row."""

from sqlalchemy import and_, exists, func, literal, select
from sqlalchemy.orm import Session

from backend.kit.cursor import decode_cursor, encode_cursor
from backend.risk.margin_table import LONG_TABLE
from backend.risk.models import LongMarginRow, Security
from backend.work_orders.models import WorkOrderLock
from services.contract.queries import LongMarginFilter, LongMarginQuery
from services.contract.schemas import LongMarginRow as LongMarginOut
from services.contract.schemas import Page

# The target key of a row, built in SQL so the lock table's primary key answers the lookup.
_TARGET = literal(LONG_TABLE.target_prefix + ":") + LongMarginRow.symbol
_PENDING = (select(WorkOrderLock.work_order_id).where(WorkOrderLock.target_key == _TARGET)
            .correlate(LongMarginRow).scalar_subquery())


def _conditions(f: LongMarginFilter) -> list:
    out = []
    if f.symbol:
        out.append(LongMarginRow.symbol.startswith(f.symbol.upper(), autoescape=True))
    if f.market:
        out.append(LongMarginRow.market == f.market)
    if f.im_min is not None:
        out.append(LongMarginRow.im >= f.im_min)
    if f.im_max is not None:
        out.append(LongMarginRow.im <= f.im_max)
    if f.financeable is not None:
        out.append(LongMarginRow.financeable.is_(f.financeable))
    if f.pending is not None:
        held = exists().where(WorkOrderLock.target_key == _TARGET)
        out.append(held if f.pending else ~held)
    return out


def long_margin_page(session: Session, query: LongMarginQuery) -> Page[LongMarginOut]:
    key = decode_cursor(query.cursor, 1)
    conditions = _conditions(query)
    stmt = (select(LongMarginRow, Security.name, Security.name_zh, _PENDING.label("pending"))
            .join(Security, Security.symbol == LongMarginRow.symbol)
            .where(and_(*conditions) if conditions else True)
            .order_by(LongMarginRow.symbol).limit(query.limit + 1))
    if key is not None:
        stmt = stmt.where(LongMarginRow.symbol > key[0])
    rows = session.execute(stmt).all()
    more = len(rows) > query.limit
    rows = rows[:query.limit]
    items = [LongMarginOut(symbol=r.symbol, market=r.market, name=name, name_zh=name_zh, im=r.im, mcm=r.mcm,
                           mm=r.mm, fm=r.fm, financeable=r.financeable, effective_from=r.effective_from,
                           remark=r.remark, version=r.version, updated_at=r.updated_at,
                           pending_work_order_id=pending)
             for r, name, name_zh, pending in rows]
    total = session.scalar(select(func.count()).select_from(LongMarginRow).where(*conditions)) or 0
    return Page[LongMarginOut](items=items, next_cursor=encode_cursor([rows[-1][0].symbol]) if more else None,
                               total=total)
