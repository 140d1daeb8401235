"""A margin row's change history (變更記錄): every write of one symbol's row in one table.

Read from the two records that wrote rows, rather than from the audit trail:

- an applied work order keeps the rows it replaced (its snapshot, exact at apply: an order whose
  targets moved since submission goes stale instead) and its payload, the rows it wrote, with
  the maker and each level's approver;
- an applied setting record keeps the values it wrote, the live row it replaced and who synced it.

Both are found by the row (the order's target key, the setting's table and symbol) with an index;
the audit trail holds the same events as JSON found only by order or setting id, and a setting's
"before" only since it was kept. A change an order scheduled for later is listed once, when its
setting wrote it; an approved row equal to the live one, or a setting already live, wrote nothing
and is not listed.

The two sources are merged newest first; a page's cursor is the position of its last entry.
"""

import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from backend.kit.cursor import decode_cursor, encode_cursor
from backend.kit.errors import AppError
from backend.risk import repository as repo
from backend.risk.margin_flows import MarginKind
from backend.risk.margin_settings import ALREADY_LIVE
from backend.risk.models import MarginSetting
from backend.work_orders.models import WorkOrder
from services.contract.errors import ErrorCode
from services.contract.flows import MARGIN_FLOW_IDS
from services.contract.queries import MarginHistoryQuery
from services.contract.schemas import MarginChangeOut, MarginChangeSource, Page
from services.work_orders.diff import IGNORED_FIELDS, Change, diff_rows

# On one instant a setting sorts above an order (the rank is part of the cursor).
ORDER_RANK, SETTING_RANK = 0, 1


@dataclass
class _Entry:
    at: datetime
    rank: int
    id: int
    change: Change
    before: dict | None
    after: dict | None
    changed_fields: list[str]
    order_id: int | None
    before_known: bool = True
    applied_by: int | None = None

    @property
    def position(self) -> repo.HistoryKey:
        return (self.at, self.rank, self.id)


def _shown(row: dict | None) -> dict | None:
    return None if row is None else {k: v for k, v in row.items() if k not in IGNORED_FIELDS}


def _diff(symbol: str, before: dict | None, after: dict | None):
    """The row's one change, or None when nothing changed."""
    found = diff_rows([before] if before else [], [after] if after else [],
                      [symbol] if before and after is None else [], "symbol")
    return found[0] if found and found[0].change != Change.UNCHANGED else None


def _in_row_order(fields: frozenset[str], row: dict | None) -> list[str]:
    """Changed fields in the table's column order (the row's), not alphabetically."""
    return [f for f in row or {} if f in fields]


def _written(kind: MarginKind, action: str, payload: dict, symbol: str) -> dict | None:
    """The row an order's payload wrote for ``symbol``, as its snapshot rows are kept; None when
    it deleted the row (a delete, or an upload replacing its market without it)."""
    if action in ("delete", "batch_delete"):
        return None
    for raw in payload["rows"] if "rows" in payload else [payload]:
        if raw.get("symbol") == symbol:
            return kind.proposed_row(kind.row_model.model_validate(raw))
    return None


def _order_entry(kind: MarginKind, action: str, order: WorkOrder, symbol: str) -> _Entry | None:
    before = next((r for r in order.snapshot.get("rows", []) if r.get("symbol") == symbol), None)
    diff = _diff(symbol, before, _written(kind, action, order.payload, symbol))
    if diff is None:
        return None
    return _Entry(order.updated_at, ORDER_RANK, order.id, diff.change, diff.before, diff.after,
                  _in_row_order(diff.changed_fields, diff.after or diff.before), order.id)


def _setting_entry(setting: MarginSetting) -> _Entry | None:
    if setting.outcome == ALREADY_LIVE:
        return None
    if setting.outcome is None:  # applied before the replaced row was kept: "before" is unknown
        change, before, after, changed = Change.CHANGED, None, setting.values, frozenset[str]()
    else:
        diff = _diff(setting.symbol, setting.before_values, setting.values)
        if diff is None:
            return None
        change, before, after, changed = diff.change, diff.before, diff.after, diff.changed_fields
    assert setting.applied_at is not None  # an applied setting
    return _Entry(setting.applied_at, SETTING_RANK, setting.id, change, before, after,
                  _in_row_order(changed, after or before),
                  setting.work_order_id, before_known=setting.outcome is not None, applied_by=setting.applied_by)


def _from_orders(session: Session, kind: MarginKind, symbol: str, key: repo.HistoryKey | None,
                 chunk: int) -> Iterator[_Entry]:
    actions = {flow: action for action, flow in MARGIN_FLOW_IDS[kind.name].items()}
    prefix = kind.table.target_prefix
    while True:
        orders = repo.applied_orders_of_target(session, kind.table.target(symbol), actions, ORDER_RANK, key, chunk)
        scheduled = repo.orders_scheduling(session, prefix, symbol, [o.id for o in orders])
        for order in orders:
            entry = None if order.id in scheduled else _order_entry(kind, actions[order.flow], order, symbol)
            if entry is not None:
                yield entry
        if len(orders) < chunk:
            return
        key = (orders[-1].updated_at, ORDER_RANK, orders[-1].id)


def _from_settings(session: Session, kind: MarginKind, symbol: str, key: repo.HistoryKey | None,
                   chunk: int) -> Iterator[_Entry]:
    while True:
        settings = repo.applied_settings_of(session, kind.table.target_prefix, symbol, SETTING_RANK, key, chunk)
        for setting in settings:
            entry = _setting_entry(setting)
            if entry is not None:
                yield entry
        if len(settings) < chunk:
            return
        last = settings[-1]
        assert last.applied_at is not None
        key = (last.applied_at, SETTING_RANK, last.id)


def _decode(cursor: str | None) -> repo.HistoryKey | None:
    key = decode_cursor(cursor, 3)
    if key is None:
        return None
    try:
        at = datetime.fromisoformat(key[0])
        rank, row_id = int(key[1]), int(key[2])
    except ValueError:
        at = None
    if at is None or at.tzinfo is None or rank not in (ORDER_RANK, SETTING_RANK) or row_id < 1:
        raise AppError(400, ErrorCode.INVALID_CURSOR, "The page cursor is not valid.")
    return at, rank, row_id


def history(session: Session, kind: MarginKind, symbol: str, query: MarginHistoryQuery) -> Page[MarginChangeOut]:
    """One page of ``symbol``'s changes in ``kind``'s table, newest first (forward only)."""
    if query.before or query.from_end:
        raise AppError(400, ErrorCode.INVALID_CURSOR, "A change history is read from its newest change on.")
    key = _decode(query.cursor)
    chunk = query.limit + 1
    merged = heapq.merge(_from_orders(session, kind, symbol, key, chunk),
                         _from_settings(session, kind, symbol, key, chunk),
                         key=lambda e: e.position, reverse=True)
    entries = [entry for _, entry in zip(range(chunk), merged, strict=False)]
    more = len(entries) > query.limit
    entries = entries[:query.limit]
    orders, approvers = repo.order_people(session, {e.order_id for e in entries if e.order_id is not None})
    names = repo.display_names(session, [*(maker for maker, _flow in orders.values()),
                                         *(u for ids in approvers.values() for u in ids),
                                         *(e.applied_by for e in entries)])
    items = [MarginChangeOut(
        at=e.at, source=MarginChangeSource.WORK_ORDER if e.rank == ORDER_RANK else MarginChangeSource.SETTING,
        change=e.change.value, before=_shown(e.before), before_known=e.before_known, after=_shown(e.after),
        changed_fields=e.changed_fields, work_order_id=e.order_id, setting_id=e.id if e.rank == SETTING_RANK else None,
        flow=orders[e.order_id][1] if e.order_id in orders else None,
        maker_name=names.get(orders[e.order_id][0]) if e.order_id in orders else None,
        checker_names=[names[u] for u in approvers.get(e.order_id or 0, []) if u in names],
        applied_by_name=names.get(e.applied_by) if e.applied_by else None) for e in entries]
    last = entries[-1] if more else None
    return Page[MarginChangeOut](items=items, next_cursor=encode_cursor(
        [last.at.isoformat(), str(last.rank), str(last.id)]) if last else None)
