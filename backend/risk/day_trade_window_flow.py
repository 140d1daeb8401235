"""``risk.credit.set_day_trade_time_config``: one market's day-trade window, through a work order."""

from sqlalchemy.orm import Session

from backend.kit.clock import utcnow
from backend.risk import repository as repo
from backend.risk.models import DayTradeWindowRow
from backend.work_orders.flow_def import FlowDef
from services.contract.schemas import DayTradeWindowIn
from services.contract.summaries import Summary
from services.rules.day_trade_window import DayTradeWindow, check_window
from services.rules.violations import Violation


def target_key(market: str) -> str:
    return f"day_trade_window:{market}"


def _row_dict(row: DayTradeWindowRow) -> dict:
    return {"market": row.market, "time_zone": row.time_zone, "start": row.start.isoformat("minutes"),
            "force_close": row.force_close.isoformat("minutes"), "end": row.end.isoformat("minutes"),
            "enabled": row.enabled, "version": row.version}


def window_values(row: DayTradeWindowRow) -> dict:
    """The fields a maker sets, as the row holds them."""
    return {"market": row.market, "time_zone": row.time_zone, "start": row.start,
            "force_close": row.force_close, "end": row.end, "enabled": row.enabled}


class DayTradeWindowHandler:
    payload_model = DayTradeWindowIn
    diff_key = "market"

    def check(self, session: Session, payload: DayTradeWindowIn) -> list[Violation]:
        return check_window(DayTradeWindow(payload.market, payload.time_zone, payload.start,
                                           payload.force_close, payload.end, payload.enabled))

    def targets(self, session: Session, payload: DayTradeWindowIn) -> dict[str, int | None]:
        row = repo.day_trade_window(session, payload.market)
        return {target_key(payload.market): row.version if row else None}

    def snapshot(self, session: Session, payload: DayTradeWindowIn) -> dict:
        row = repo.day_trade_window(session, payload.market)
        return {"rows": [_row_dict(row)] if row else []}

    def proposed(self, payload: DayTradeWindowIn, snapshot: dict) -> dict:
        row = payload.model_dump(mode="json")
        for field in ("start", "force_close", "end"):
            row[field] = row[field][:5]
        return {"rows": [row], "deleted": []}

    def summary(self, payload: DayTradeWindowIn) -> Summary:
        return Summary("day_trade_window" if payload.enabled else "day_trade_window.disabled",
                       {"market": payload.market, "start": f"{payload.start:%H:%M}",
                        "force_close": f"{payload.force_close:%H:%M}", "end": f"{payload.end:%H:%M}"})

    def apply(self, session: Session, payload: DayTradeWindowIn, actor_id: int, order_id: int) -> dict:
        row = repo.day_trade_window(session, payload.market)
        if row is None:
            row = DayTradeWindowRow(market=payload.market, version=0)
            repo.add_day_trade_window(session, row)
        row.time_zone, row.start, row.force_close = payload.time_zone, payload.start, payload.force_close
        row.end, row.enabled = payload.end, payload.enabled
        row.version += 1
        row.updated_at, row.updated_by = utcnow(), actor_id
        session.flush()
        return {"rows": [_row_dict(row)]}


DAY_TRADE_WINDOW_FLOW = FlowDef("risk.credit.set_day_trade_time_config", DayTradeWindowHandler())
