"""Every query of fund clearing: the funds, the batches and what a batch's reconciliation reads
(our orders, each side's current confirmation and its lines, notes, side confirmations and
settlement steps), the batch and fund locks the writes take, and the rows they add."""

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.auth.models import User
from backend.db.base import Base
from backend.funds import models
from services.contract.fund_clearing import BATCH_LIST_MAX, BatchQuery

# --- funds and batches -------------------------------------------------------------------------


def funds(session: Session) -> list[models.PublicFund]:
    return list(session.scalars(select(models.PublicFund).order_by(models.PublicFund.code)))


def lock_fund(session: Session, fund_id: int) -> models.PublicFund | None:
    """The fund, locked against a concurrent change of its limit (PostgreSQL row lock)."""
    return session.scalar(select(models.PublicFund).where(models.PublicFund.id == fund_id).with_for_update())


def _with_fund():
    return select(models.ClearingBatch, models.PublicFund).join(models.PublicFund, models.PublicFund.id == models.ClearingBatch.fund_id)


def batch_with_fund(session: Session, batch_id: int) -> tuple[models.ClearingBatch, models.PublicFund] | None:
    row = session.execute(_with_fund().where(models.ClearingBatch.id == batch_id)).one_or_none()
    return (row[0], row[1]) if row else None


def batches_with_funds(session: Session, query: BatchQuery) -> list[tuple[models.ClearingBatch, models.PublicFund]]:
    """Newest trade date first, then by fund code; at most BATCH_LIST_MAX."""
    stmt = _with_fund().order_by(models.ClearingBatch.trade_date.desc(), models.PublicFund.code).limit(BATCH_LIST_MAX)
    if query.fund_id is not None:
        stmt = stmt.where(models.ClearingBatch.fund_id == query.fund_id)
    if query.date_from is not None:
        stmt = stmt.where(models.ClearingBatch.trade_date >= query.date_from)
    if query.date_to is not None:
        stmt = stmt.where(models.ClearingBatch.trade_date <= query.date_to)
    return [(batch, fund) for batch, fund in session.execute(stmt)]


def lock_batch(session: Session, batch_id: int) -> models.ClearingBatch | None:
    """The batch, locked against concurrent imports, notes and confirmations (PostgreSQL row lock;
    SQLite's write session already holds the database's write lock)."""
    return session.scalar(select(models.ClearingBatch).where(models.ClearingBatch.id == batch_id).with_for_update())


# --- what a batch's reconciliation reads -------------------------------------------------------


def subscription_orders(session: Session, batch_ids: Sequence[int]) -> list[models.SubscriptionOrder]:
    return list(session.scalars(select(models.SubscriptionOrder).where(models.SubscriptionOrder.batch_id.in_(batch_ids))
                                .order_by(models.SubscriptionOrder.order_ref)))


def redemption_orders(session: Session, batch_ids: Sequence[int]) -> list[models.RedemptionOrder]:
    return list(session.scalars(select(models.RedemptionOrder).where(models.RedemptionOrder.batch_id.in_(batch_ids))
                                .order_by(models.RedemptionOrder.order_ref)))


def subscription_refs(session: Session, batch_id: int) -> list[str]:
    return list(session.scalars(select(models.SubscriptionOrder.order_ref).where(models.SubscriptionOrder.batch_id == batch_id)))


def redemption_refs(session: Session, batch_id: int) -> list[str]:
    return list(session.scalars(select(models.RedemptionOrder.order_ref).where(models.RedemptionOrder.batch_id == batch_id)))


def current_imports(session: Session, batch_ids: Sequence[int]) -> list[models.ConfirmationImport]:
    """The confirmation each side of each batch is reconciled against: its import not yet replaced."""
    return list(session.scalars(select(models.ConfirmationImport).where(
        models.ConfirmationImport.batch_id.in_(batch_ids), models.ConfirmationImport.replaced_at.is_(None))))


def confirmation_lines(session: Session, import_ids: Sequence[int]) -> list[models.ConfirmationLine]:
    return list(session.scalars(select(models.ConfirmationLine).where(models.ConfirmationLine.import_id.in_(import_ids))
                                .order_by(models.ConfirmationLine.row_number)))


def explanations(session: Session, import_ids: Sequence[int]) -> list[models.LineExplanation]:
    return list(session.scalars(select(models.LineExplanation).where(models.LineExplanation.import_id.in_(import_ids))))


def side_confirmations(session: Session, batch_ids: Sequence[int]) -> list[models.SideConfirmation]:
    return list(session.scalars(select(models.SideConfirmation).where(models.SideConfirmation.batch_id.in_(batch_ids))))


def settlement_steps(session: Session, batch_ids: Sequence[int]) -> list[models.SettlementStepDone]:
    return list(session.scalars(select(models.SettlementStepDone).where(models.SettlementStepDone.batch_id.in_(batch_ids))
                                .order_by(models.SettlementStepDone.id)))


def usernames(session: Session, user_ids: Iterable[int | None]) -> dict[int | None, str]:
    return {user_id: name for user_id, name in session.execute(
        select(User.id, User.username).where(User.id.in_(set(user_ids))))}


# --- writes ------------------------------------------------------------------------------------


def add(session: Session, *rows: Base) -> None:
    """Adds rows and flushes, so they have their ids."""
    session.add_all(rows)
    session.flush()
