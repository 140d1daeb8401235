"""Shared steps of the long stock margin API tests: picking free symbols, submitting, reading rows."""

import uuid
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.risk.models import LongMarginRow, Security
from backend.work_orders.models import WorkOrderLock
from tests.conftest import LiveBackend

CREATE = "risk.credit.create_stock_margin_task"
UPDATE = "risk.credit.update_stock_margin_task"
DELETE = "risk.credit.delete_stock_margin_ratio"
BATCH_DELETE = "risk.credit.batch_delete_stock_margin_ratio"
UPLOAD = "risk.credit.upload_stock_margin_ratio"
SHORT_UPLOAD = "risk.credit.upload_short_sell_stock_margin_ratio"
SHORT_UPDATE = "risk.credit.update_short_sell_stock_margin_ratios"
INTRADAY_CREATE = "risk.credit.create_intraday_stock_margin_task"
INTRADAY_UPDATE = "risk.credit.update_intraday_stock_margin_task"
INTRADAY_DELETE = "risk.credit.delete_intraday_stock_margin_ratio"
INTRADAY_BATCH_DELETE = "risk.credit.batch_delete_intraday_stock_margin_ratio"
INTRADAY_UPLOAD = "risk.credit.upload_intraday_stock_margin_ratio"

# Tests that share a database (the desktop's backend process) claim the symbols they use so none
# collide; claims are per database, so an API test's own copy starts with every symbol free.
_claimed: defaultdict[str, set[str]] = defaultdict(set)


def symbols(server: LiveBackend, market: str, count: int, *, with_row: bool,
            financeable: bool | None = None, table=LongMarginRow) -> list[str]:
    """``count`` symbols of ``market`` no test has used on this database, with or without a live
    row in ``table`` (and, for the long table, ``financeable`` or not), without a pending order."""
    claimed = _claimed[server.database_url]
    engine = server.engine()
    with Session(engine) as session:
        locked = {k.split(":", 1)[1] for k in session.scalars(select(WorkOrderLock.target_key))}
        margined = dict(session.execute(select(LongMarginRow.symbol, LongMarginRow.financeable)).all())
        if table is not LongMarginRow:
            margined = {s: None for s in session.scalars(select(table.symbol))}
        master = session.scalars(select(Security.symbol).where(Security.market == market)
                                 .order_by(Security.symbol.desc()))
        picked = []
        for symbol in master:
            if symbol in claimed or symbol in locked or (symbol in margined) != with_row:
                continue
            if financeable is not None and margined.get(symbol) != financeable:
                continue
            picked.append(symbol)
            if len(picked) == count:
                break
    engine.dispose()
    assert len(picked) == count, f"only {len(picked)} free {market} symbols"
    claimed.update(picked)
    return picked


def row(symbol: str, im="0.4", mcm="0.35", mm="0.3", fm="0.25", financeable=True, **extra) -> dict:
    return {"symbol": symbol, "market": symbol.rsplit(".", 1)[1], "im": im, "mcm": mcm, "mm": mm, "fm": fm,
            "financeable": financeable, **extra}


def short(symbol: str, im="0.6", mcm="0.55", mm="0.5", fm="0.45", status="allowed", fee="0.0325", qty=20000):
    return {"symbol": symbol, "market": symbol.rsplit(".", 1)[1], "im": im, "mcm": mcm, "mm": mm, "fm": fm,
            "status": status, "borrow_fee_rate": fee, "available_qty": qty}


def intraday(symbol: str, im="0.2", mm="0.15", fm="0.1", active=True):
    return {"symbol": symbol, "market": symbol.rsplit(".", 1)[1], "im": im, "mm": mm, "fm": fm, "active": active}


def submit(server: LiveBackend, flow: str, payload: dict, maker: str = "maker"):
    with server.client(maker) as client:
        return client.post("/work-orders", json={"flow": flow, "payload": payload},
                           headers={"Idempotency-Key": str(uuid.uuid4())})


def live_rows(server: LiveBackend, symbols: list[str], table=LongMarginRow) -> dict:
    engine = server.engine()
    with Session(engine) as session:
        found = {r.symbol: r for r in session.scalars(select(table).where(table.symbol.in_(symbols)))}
        session.expunge_all()
    engine.dispose()
    return found
