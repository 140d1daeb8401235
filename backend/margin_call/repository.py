"""SQL of the margin-call queries: filters, keyset order and the side tables of a page.

Filters are applied in SQL so the count, the page and the export see the same rows.
"""

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from backend.kit.hk_time import hk_day_start
from backend.kit.keyset import Keyset, Seek
from backend.margin_call.models import (
    Account,
    AutoConvertCurrency,
    AutoConvertEnrolment,
    Balance,
    BorrowRate,
)
from services.contract.queries import AutoConvertFilter, BorrowingFilter
from services.contract.schemas import AutoConvertDateField, EnrolmentStatus

_DATE_COLUMNS = {
    AutoConvertDateField.FIRST_ENABLED: AutoConvertEnrolment.first_enabled_at,
    AutoConvertDateField.LAST_ENABLED: AutoConvertEnrolment.last_enabled_at,
    AutoConvertDateField.DISABLED: AutoConvertEnrolment.disabled_at,
    AutoConvertDateField.LAST_CONVERSION: AutoConvertEnrolment.last_conversion_at,
}


def _account_and_name(account: str | None, name: str | None) -> list:
    conditions = []
    if account:
        conditions.append(Account.account_no.startswith(account, autoescape=True))
    if name:
        conditions.append(or_(Account.customer_name.icontains(name, autoescape=True),
                              Account.customer_name_zh.icontains(name, autoescape=True)))
    return conditions


# --- auto-convert ------------------------------------------------------------------------------


def auto_convert_conditions(f: AutoConvertFilter) -> list:
    conditions = _account_and_name(f.account, f.name)
    if f.status is not None:
        conditions.append(AutoConvertEnrolment.enrolled.is_(f.status == EnrolmentStatus.ENROLLED))
    if f.currency:
        conditions.append(exists().where(
            AutoConvertCurrency.account_id == AutoConvertEnrolment.account_id,
            AutoConvertCurrency.currency == f.currency))
    column = _DATE_COLUMNS[f.date_field]
    if f.date_from:
        conditions.append(column >= hk_day_start(f.date_from))
    if f.date_to:
        conditions.append(column < hk_day_start(f.date_to + timedelta(days=1)))
    return conditions


def auto_convert_select(f: AutoConvertFilter) -> Select:
    return (select(Account, AutoConvertEnrolment)
            .join(AutoConvertEnrolment, AutoConvertEnrolment.account_id == Account.id)
            .where(*auto_convert_conditions(f)))


def auto_convert_count(session: Session, f: AutoConvertFilter) -> int:
    stmt = (select(func.count())
            .select_from(Account)
            .join(AutoConvertEnrolment, AutoConvertEnrolment.account_id == Account.id)
            .where(*auto_convert_conditions(f)))
    return session.scalar(stmt) or 0


AUTO_CONVERT_KEYSET = Keyset([Account.account_no], [str])


def auto_convert_rows(session: Session, f: AutoConvertFilter, seek: Seek,
                      limit: int) -> list[tuple[Account, AutoConvertEnrolment]]:
    """Up to ``limit`` rows from ``seek`` on, by account number (backward: the nearest first)."""
    stmt = (auto_convert_select(f).where(*AUTO_CONVERT_KEYSET.where(seek))
            .order_by(*AUTO_CONVERT_KEYSET.order_by(seek)).limit(limit))
    return [tuple(row) for row in session.execute(stmt)]


def covered_currencies(session: Session, account_ids: Sequence[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    if account_ids:
        stmt = (select(AutoConvertCurrency.account_id, AutoConvertCurrency.currency)
                .where(AutoConvertCurrency.account_id.in_(account_ids))
                .order_by(AutoConvertCurrency.account_id, AutoConvertCurrency.currency))
        for account_id, currency in session.execute(stmt):
            out[account_id].append(currency)
    return out


def borrowed_balances(session: Session, account_ids: Sequence[int]) -> dict[int, list[Balance]]:
    out: dict[int, list[Balance]] = defaultdict(list)
    if account_ids:
        stmt = (select(Balance)
                .where(Balance.account_id.in_(account_ids), Balance.borrowed_since.is_not(None))
                .order_by(Balance.account_id, Balance.currency))
        for balance in session.scalars(stmt):
            out[balance.account_id].append(balance)
    return out


# --- borrowing ---------------------------------------------------------------------------------


def borrowing_conditions(f: BorrowingFilter, as_of: date) -> list:
    # borrowed_since is set exactly when the balance is negative (an invariant of the writers).
    conditions = [Balance.borrowed_since.is_not(None), Balance.borrowed_since <= as_of,
                  *_account_and_name(f.account, f.name)]
    if f.currency:
        conditions.append(Balance.currency == f.currency)
    if f.min_days is not None:
        conditions.append(Balance.borrowed_since <= as_of - timedelta(days=f.min_days))
    if f.auto_convert is not None:
        enrolled = and_(AutoConvertEnrolment.account_id.is_not(None), AutoConvertEnrolment.enrolled.is_(True))
        conditions.append(enrolled if f.auto_convert else ~enrolled)
    return conditions


def _borrowing_from(stmt: Select) -> Select:
    return (stmt.join(Account, Account.id == Balance.account_id)
            .outerjoin(AutoConvertEnrolment, AutoConvertEnrolment.account_id == Balance.account_id))


def borrowing_count(session: Session, f: BorrowingFilter, as_of: date) -> int:
    stmt = _borrowing_from(select(func.count()).select_from(Balance)).where(*borrowing_conditions(f, as_of))
    return session.scalar(stmt) or 0


BORROWING_KEYSET = Keyset([Account.account_no, Balance.currency], [str, str])


def borrowing_rows(session: Session, f: BorrowingFilter, as_of: date, seek: Seek,
                   limit: int) -> list[tuple[Balance, Account, AutoConvertEnrolment | None]]:
    """Up to ``limit`` rows from ``seek`` on, by account and currency (backward: the nearest first)."""
    stmt = (_borrowing_from(select(Balance, Account, AutoConvertEnrolment))
            .where(*borrowing_conditions(f, as_of), *BORROWING_KEYSET.where(seek))
            .order_by(*BORROWING_KEYSET.order_by(seek))
            .limit(limit))
    return [tuple(row) for row in session.execute(stmt)]


def borrow_rates(session: Session) -> dict[str, BorrowRate]:
    return {rate.currency: rate for rate in session.scalars(select(BorrowRate))}
