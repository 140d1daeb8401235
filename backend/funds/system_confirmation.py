"""A side of a batch without orders is confirmed by the system, never left waiting for a fund
house's file (the manual: 若當天沒有訂單，自動核對確認，自動完成交收): confirmed and settled at once,
each recorded with no user, ``by_system``, and audited with no actor."""

from datetime import datetime

from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.funds import repository as repo
from backend.funds.models import SettlementStepDone, SideConfirmation
from backend.funds.reconciliation import BatchView
from backend.kit.clock import utcnow
from services.contract.fund_clearing import SIDE_STEPS

ENTITY = "fund_clearing_batch"
ACTIONS = {"subscription": "fund.clearing.confirm_subscription", "redemption": "fund.clearing.confirm_redemption"}


def confirm_sides_without_orders(session: Session, view: BatchView, at: datetime | None = None) -> bool:
    """Confirms and settles each side of ``view`` (a locked batch) that has no orders, no
    confirmation and nothing imported, at ``at`` (now); True when it wrote anything."""
    wrote = False
    for side, this in view.sides.items():
        if this.orders or this.confirmation is not None or this.current is not None:
            continue
        now = at or utcnow()
        repo.add(session, SideConfirmation(batch_id=view.batch.id, side=side.value, import_id=None,
                                           confirmed_by=None, by_system=True, confirmed_at=now),
                 *(SettlementStepDone(batch_id=view.batch.id, side=side.value, step=step.value, done_by=None,
                                      by_system=True, done_at=now) for step in SIDE_STEPS[side]))
        audit.record(session, actor_id=None, action=ACTIONS[side.value], entity_type=ENTITY,
                     entity_id=str(view.batch.id),
                     after={"side": side.value, "orders": 0, "by": "system", "reason": "no_orders",
                            "settled": [step.value for step in SIDE_STEPS[side]]})
        wrote = True
    return wrote
