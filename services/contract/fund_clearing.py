"""Funds › Public Funds › Fund Clearing (基金清算): the HTTP shapes and paths.

A clearing batch is one public fund on one trade date; it holds our subscription orders (amount,
fee) and redemption orders (units, fee). The fund house's confirmation (NAV, confirmed units or
amount per order reference) is imported from a file; services/rules/fund_reconciliation.py turns
orders and confirmation rows into lines. Subscriptions and redemptions are two **sides**, each
confirmed on its own with its own permission.

Line status (what the maths says; an explanation is kept beside it, never instead):
``matched`` (within the fund's tolerance), ``mismatched`` (``difference`` = confirmed − expected),
``missing_ours`` (a confirmation row for an order we do not hold), ``missing_theirs`` (our order
has no confirmation row). Every line that is not matched needs an explanation (a note by a user
holding ``fund.clearing.explain``) before its side can be confirmed.

Side state: ``awaiting_confirmation`` (no file imported yet) → ``open`` (imported, some line
unexplained) ⇄ ``ready`` (imported, every line matched or explained) → ``confirmed`` (final).
Re-importing replaces the previous import (its explanations stay with it, for the record) and is
refused once either side is confirmed.

Decimals travel as JSON strings; dates are ISO; datetimes UTC-aware.
"""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import StringConstraints

from services.contract.queries import ExportLanguage, _DateRange, _Query
from services.contract.schemas import ApiModel, LocalTime, StoredId

FUNDS_PATH = "/funds"  # GET → list[FundOut]
FUND_BATCHES_PATH = "/funds/batches"  # GET (BatchQuery) → list[BatchOut]
FUND_BATCH_PATH = "/funds/batches/{batch_id}"  # GET → BatchDetail
# POST the file itself as the body (Content-Type of an .xlsx or text/csv), ?file_name=... →
# 201 ConfirmationImportOut, or 422 fund_confirmation_invalid whose ``errors`` name row, field, reason.
FUND_BATCH_CONFIRMATION_PATH = "/funds/batches/{batch_id}/confirmation"
FUND_BATCH_EXPLAIN_PATH = "/funds/batches/{batch_id}/explanations"  # POST ExplainIn → LineOut
FUND_BATCH_CONFIRM_SUBSCRIPTIONS_PATH = "/funds/batches/{batch_id}/confirm-subscriptions"  # POST → SideConfirmationOut
FUND_BATCH_CONFIRM_REDEMPTIONS_PATH = "/funds/batches/{batch_id}/confirm-redemptions"  # POST → SideConfirmationOut
FUND_BATCH_EXPORT_PATH = "/funds/batches/{batch_id}/export.xlsx"  # GET ?lang= → the reconciliation workbook

CONFIRMATION_MAX_BYTES = 5 * 1024 * 1024
CONFIRMATION_MAX_ROWS = 5_000
NOTE_MAX = 500
BATCH_LIST_MAX = 2_000  # a list longer than this is cut; narrow the dates


class Side(StrEnum):
    SUBSCRIPTION = "subscription"
    REDEMPTION = "redemption"


class LineStatus(StrEnum):
    MATCHED = "matched"
    MISMATCHED = "mismatched"
    MISSING_OURS = "missing_ours"  # the confirmation has a row for an order we do not hold
    MISSING_THEIRS = "missing_theirs"  # our order has no row in the confirmation


class SideState(StrEnum):
    AWAITING_CONFIRMATION = "awaiting_confirmation"  # no confirmation file imported yet
    OPEN = "open"  # imported; some line not matched and not explained
    READY = "ready"  # imported; every line matched or explained: may be confirmed
    CONFIRMED = "confirmed"


class FundOut(ApiModel):
    id: int
    code: str
    name: str
    name_zh: str
    currency: str
    fund_house: str
    dealing_cutoff: LocalTime  # Hong Kong time
    settlement_days: int  # T+N
    unit_decimals: int
    unit_rounding: str  # decimal.ROUND_* name, e.g. ROUND_DOWN
    amount_decimals: int
    unit_tolerance: Decimal
    amount_tolerance: Decimal


class SideSummary(ApiModel):
    """One side of a batch: its state and totals. Subscriptions total units; redemptions cash."""

    state: SideState
    orders: int
    ordered_amount: Decimal | None = None  # subscriptions: gross amounts, fees included
    ordered_units: Decimal | None = None  # redemptions
    fees: Decimal
    expected_total: Decimal | None = None  # units (subscriptions) or amount (redemptions), lines with a NAV
    confirmed_total: Decimal | None = None  # the same measure as the confirmation says
    difference_total: Decimal | None = None  # confirmed − expected over matched and mismatched lines
    matched: int = 0
    mismatched: int = 0
    missing_ours: int = 0
    missing_theirs: int = 0
    explained: int = 0
    unexplained: int = 0
    confirmed_at: datetime | None = None
    confirmed_by: str | None = None  # username


class BatchOut(ApiModel):
    id: int
    fund_id: int
    fund_code: str
    fund_name: str
    currency: str
    trade_date: date
    settlement_date: date
    nav: Decimal | None = None  # of the current import
    import_id: int | None = None
    imported_at: datetime | None = None
    imported_by: str | None = None
    file_name: str | None = None
    subscriptions: SideSummary
    redemptions: SideSummary


class ExplanationOut(ApiModel):
    note: str
    explained_by: str
    explained_at: datetime


class LineOut(ApiModel):
    side: Side
    order_ref: str
    status: LineStatus
    account_no: str | None = None
    amount: Decimal | None = None
    units: Decimal | None = None
    fee: Decimal | None = None
    nav: Decimal | None = None
    expected_units: Decimal | None = None
    expected_amount: Decimal | None = None
    confirmed_units: Decimal | None = None
    confirmed_amount: Decimal | None = None
    difference: Decimal | None = None
    units_difference: Decimal | None = None
    confirmation_row: int | None = None  # the row of the imported file
    explanation: ExplanationOut | None = None
    needs_explaining: bool  # not matched and not explained: blocks confirming its side


class BatchDetail(BatchOut):
    subscription_lines: list[LineOut]
    redemption_lines: list[LineOut]


class BatchQuery(_DateRange):
    """Batches by fund, trade-date range and state (either side in it); newest first."""

    fund_id: StoredId | None = None
    state: SideState | None = None


class ConfirmationImportOut(ApiModel):
    import_id: int
    batch_id: int
    file_name: str
    rows: int
    subscription_rows: int
    redemption_rows: int
    nav: Decimal
    replaced_import_id: int | None = None
    batch: BatchOut


class ExplainIn(ApiModel):
    side: Side
    order_ref: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
    note: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=NOTE_MAX)]


class SideConfirmationOut(ApiModel):
    batch_id: int
    side: Side
    confirmed_at: datetime
    confirmed_by: str
    already_confirmed: bool  # True: an earlier request confirmed it; nothing new was recorded
    batch: BatchOut


class BatchExport(_Query):
    lang: ExportLanguage = ExportLanguage.EN

