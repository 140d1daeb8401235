"""Margin-call queries as API rows: pages with totals, and the full filtered set for exports."""

from collections.abc import Iterator
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.orm import Session

from backend.kit.hk_time import hk_today
from backend.kit.keyset import Seek
from backend.margin_call import repository as repo
from backend.margin_call.models import Account, AutoConvertEnrolment, Balance, BorrowRate
from services.contract.queries import (
    AutoConvertFilter,
    AutoConvertQuery,
    BorrowingFilter,
    BorrowingQuery,
)
from services.contract.schemas import AutoConvertRow, BorrowedBalance, BorrowingRow, Page

CENT = Decimal("0.01")
EXPORT_CHUNK = 1000


def accrued_interest(amount: Decimal, rate: Decimal, days: int, day_count: int) -> Decimal:
    """Simple interest on the borrowed amount, money-market day count, rounded half-up to cents."""
    return (abs(amount) * rate * days / day_count).quantize(CENT, rounding=ROUND_HALF_UP)


# --- auto-convert ------------------------------------------------------------------------------


def _auto_convert_items(session: Session, rows: list[tuple[Account, AutoConvertEnrolment]]
                        ) -> list[AutoConvertRow]:
    ids = [account.id for account, _ in rows]
    currencies = repo.covered_currencies(session, ids)
    borrowed = repo.borrowed_balances(session, ids)
    return [
        AutoConvertRow(
            account_no=account.account_no,
            customer_name=account.customer_name,
            customer_name_zh=account.customer_name_zh,
            account_type=account.account_type,
            base_currency=account.base_currency,
            enrolled=enrolment.enrolled,
            first_enabled_at=enrolment.first_enabled_at,
            last_enabled_at=enrolment.last_enabled_at,
            disabled_at=enrolment.disabled_at,
            channel=enrolment.channel,
            currencies=currencies.get(account.id, []),
            last_conversion_at=enrolment.last_conversion_at,
            last_conversion_amount=enrolment.last_conversion_amount,
            last_conversion_currency=enrolment.last_conversion_currency,
            borrowed=[BorrowedBalance(currency=b.currency, amount=-b.amount)
                      for b in borrowed.get(account.id, [])],
        )
        for account, enrolment in rows
    ]


def auto_convert_page(session: Session, query: AutoConvertQuery) -> Page[AutoConvertRow]:
    keyset = repo.AUTO_CONVERT_KEYSET
    seek = keyset.seek(query)
    rows = repo.auto_convert_rows(session, query, seek, query.limit + 1)
    found = keyset.page(rows, query.limit, seek, lambda row: [row[0].account_no])
    return Page[AutoConvertRow](
        items=_auto_convert_items(session, found.rows),
        next_cursor=found.next_cursor, prev_cursor=found.prev_cursor,
        total=repo.auto_convert_count(session, query),
    )


def iter_auto_convert(session: Session, f: AutoConvertFilter) -> Iterator[AutoConvertRow]:
    seek = Seek()
    while True:
        rows = repo.auto_convert_rows(session, f, seek, EXPORT_CHUNK)
        yield from _auto_convert_items(session, rows)
        if len(rows) < EXPORT_CHUNK:
            return
        seek = Seek((rows[-1][0].account_no,))


# --- borrowing ---------------------------------------------------------------------------------


def _borrowing_item(balance: Balance, account: Account, enrolment: AutoConvertEnrolment | None,
                    rate: BorrowRate, as_of: date) -> BorrowingRow:
    since = balance.borrowed_since
    if since is None:  # the borrowing query reads only balances borrowed since a day
        raise ValueError(f"the {balance.currency} balance of account {balance.account_id} is not a borrowing")
    days = (as_of - since).days
    return BorrowingRow(
        account_no=account.account_no,
        customer_name=account.customer_name,
        customer_name_zh=account.customer_name_zh,
        account_type=account.account_type,
        currency=balance.currency,
        amount=-balance.amount,
        borrowed_since=since,
        days_outstanding=days,
        interest_rate=rate.annual_rate,
        accrued_interest=accrued_interest(balance.amount, rate.annual_rate, days, rate.day_count),
        auto_convert=bool(enrolment and enrolment.enrolled),
    )


def borrowing_page(session: Session, query: BorrowingQuery) -> Page[BorrowingRow]:
    as_of = query.as_of or hk_today()
    keyset = repo.BORROWING_KEYSET
    seek = keyset.seek(query)
    rows = repo.borrowing_rows(session, query, as_of, seek, query.limit + 1)
    found = keyset.page(rows, query.limit, seek, lambda row: [row[1].account_no, row[0].currency])
    rates = repo.borrow_rates(session)
    return Page[BorrowingRow](
        items=[_borrowing_item(b, a, e, rates[b.currency], as_of) for b, a, e in found.rows],
        next_cursor=found.next_cursor, prev_cursor=found.prev_cursor,
        total=repo.borrowing_count(session, query, as_of),
    )


def iter_borrowing(session: Session, f: BorrowingFilter) -> Iterator[BorrowingRow]:
    as_of = f.as_of or hk_today()
    rates = repo.borrow_rates(session)
    seek = Seek()
    while True:
        rows = repo.borrowing_rows(session, f, as_of, seek, EXPORT_CHUNK)
        yield from (_borrowing_item(b, a, e, rates[b.currency], as_of) for b, a, e in rows)
        if len(rows) < EXPORT_CHUNK:
            return
        seek = Seek((rows[-1][1].account_no, rows[-1][0].currency))
