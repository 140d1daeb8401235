"""Opening a clearing batch: one fund's orders of one trade date, gathered at its dealing cut-off
(日切). A side without orders is confirmed and settled by the system there and then."""

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy.orm import Session

from backend.funds import repository as repo
from backend.funds.models import ClearingBatch, PublicFund, RedemptionOrder, SubscriptionOrder
from backend.funds.reconciliation import load_view, settlement_date
from backend.funds.system_confirmation import confirm_sides_without_orders
from backend.kit.clock import utcnow


def open_batch(session: Session, fund: PublicFund, trade_date: date, subscriptions: Sequence[SubscriptionOrder],
               redemptions: Sequence[RedemptionOrder], *, created_at: datetime | None = None) -> ClearingBatch:
    """The batch with its orders (their ``batch_id`` is set here); never commits."""
    batch = ClearingBatch(fund_id=fund.id, trade_date=trade_date,
                          settlement_date=settlement_date(trade_date, fund.settlement_days),
                          created_at=created_at or utcnow())
    repo.add(session, batch)
    for subscription in subscriptions:
        subscription.batch_id = batch.id
    for redemption in redemptions:
        redemption.batch_id = batch.id
    repo.add(session, *subscriptions, *redemptions)
    view = load_view(session, batch.id)
    assert view is not None
    confirm_sides_without_orders(session, view, batch.created_at)
    return batch
