"""Funds › Public Funds › Fund Clearing (基金清算): the HTTP shapes and paths.

A clearing batch is one public fund on one trade date; it holds our subscription (申購) orders
(amount, fee) and redemption (贖回) orders (units, fee). 認購, the offer-period subscription, is not
supported. The fund house's confirmation (per side a NAV and its NAV date, confirmed units or
amount per order reference) is imported from a file; services/rules/fund_reconciliation.py turns
orders and confirmation rows into lines. Subscriptions and redemptions are two **sides**, each
with its own imported confirmation and NAV, confirmed on its own with its own permission
(申購核對確認, 贖回核對確認), then settled step by step (交收中 → 申購交割; 交收中 → 贖回貨交割 →
贖回錢交割), each step with its own permission.

Line status (what the maths says; an explanation is kept beside it, never instead):
``matched`` (within the fund's tolerance), ``mismatched`` (``difference`` = confirmed − expected),
``missing_ours`` (a confirmation row for an order we do not hold), ``missing_theirs`` (our order
has no confirmation row). Every line that is not matched needs an explanation (a note by a user
holding ``fund.clearing.explain``) before its side can be confirmed. A line whose difference is
at or beyond its fund's ``difference_limit`` (the manual's 0.5) is never confirmed, explained or
not: the fund house's figure must be corrected and imported again.

Side state: ``awaiting_confirmation`` (no file imported for the side yet) → ``open`` (imported,
some line unexplained or beyond the limit) ⇄ ``ready`` (imported, every line matched or
explained) → ``confirmed`` (final). A side without orders is confirmed by the system (and settled:
nothing moves), never waiting for a file. Importing replaces the current import of each side the
file holds rows for (its explanations stay with it, for the record); a row for a confirmed side is
refused, so a corrected file for one side can follow the other side's confirmation.

Settlement (``settlement``, once confirmed): ``settling`` (交收中) → ``settled`` by 申購交割 for
subscriptions; ``settling`` → ``units_delivered`` by 贖回貨交割 → ``settled`` by 贖回錢交割 for
redemptions. A step out of order is refused (409).

Decimals travel as JSON strings; dates are ISO; datetimes UTC-aware.
"""

import re
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BeforeValidator, StringConstraints, WithJsonSchema

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
# POST → SettlementStepOut, one path per step (SETTLEMENT_STEP_PATHS)
FUND_BATCH_SUBSCRIPTION_DELIVERY_PATH = "/funds/batches/{batch_id}/subscription-delivery"
FUND_BATCH_REDEMPTION_UNITS_DELIVERY_PATH = "/funds/batches/{batch_id}/redemption-units-delivery"
FUND_BATCH_REDEMPTION_CASH_DELIVERY_PATH = "/funds/batches/{batch_id}/redemption-cash-delivery"
FUND_DIFFERENCE_LIMIT_PATH = "/funds/{fund_id}/difference-limit"  # PUT DifferenceLimitIn → FundOut

CONFIRMATION_MAX_BYTES = 5 * 1024 * 1024
CONFIRMATION_MAX_ROWS = 5_000
NOTE_MAX = 500
BATCH_LIST_MAX = 2_000  # a list longer than this is cut; narrow the dates
# A difference limit is written as text: above 0, below 1,000,000, at most six decimals (the
# stored scale). The pattern says all of it, so the document and the server agree exactly.
DIFFERENCE_LIMIT_PATTERN = (r"^(0*[1-9]\d{0,5}(\.\d{0,6})?|0*\.([1-9]\d{0,5}|0[1-9]\d{0,4}|0{2}[1-9]\d{0,3}|"
                            r"0{3}[1-9]\d{0,2}|0{4}[1-9]\d?|0{5}[1-9]))$")


def _limit_text(value: object) -> object:
    if isinstance(value, Decimal):  # built in Python (a client); JSON never brings one
        value = f"{value:f}"
    if not isinstance(value, str) or not re.fullmatch(DIFFERENCE_LIMIT_PATTERN, value):
        raise ValueError("a difference limit is text such as 0.5: above 0, below 1,000,000, at most six decimals")
    return value


DifferenceLimit = Annotated[Decimal, BeforeValidator(_limit_text),
                            WithJsonSchema({"type": "string", "pattern": DIFFERENCE_LIMIT_PATTERN})]


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


class SettlementState(StrEnum):
    SETTLING = "settling"  # 交收中: confirmed, nothing delivered yet
    UNITS_DELIVERED = "units_delivered"  # redemptions: 贖回貨交割 done, the cash still to come
    SETTLED = "settled"  # 申購交割, or 贖回錢交割 after 贖回貨交割: the side is complete


class SettlementStep(StrEnum):
    SUBSCRIPTION_DELIVERY = "subscription_delivery"  # 申購交割
    REDEMPTION_UNITS_DELIVERY = "redemption_units_delivery"  # 贖回貨交割
    REDEMPTION_CASH_DELIVERY = "redemption_cash_delivery"  # 贖回錢交割


# Each side's steps in the order they must be done, and the state each leaves.
SIDE_STEPS: dict[Side, tuple[SettlementStep, ...]] = {
    Side.SUBSCRIPTION: (SettlementStep.SUBSCRIPTION_DELIVERY,),
    Side.REDEMPTION: (SettlementStep.REDEMPTION_UNITS_DELIVERY, SettlementStep.REDEMPTION_CASH_DELIVERY),
}
STEP_SIDE: dict[SettlementStep, Side] = {step: side for side, steps in SIDE_STEPS.items() for step in steps}
STATE_AFTER: dict[SettlementStep, SettlementState] = {
    SettlementStep.SUBSCRIPTION_DELIVERY: SettlementState.SETTLED,
    SettlementStep.REDEMPTION_UNITS_DELIVERY: SettlementState.UNITS_DELIVERED,
    SettlementStep.REDEMPTION_CASH_DELIVERY: SettlementState.SETTLED,
}
SETTLEMENT_STEP_PATHS: dict[SettlementStep, str] = {
    SettlementStep.SUBSCRIPTION_DELIVERY: FUND_BATCH_SUBSCRIPTION_DELIVERY_PATH,
    SettlementStep.REDEMPTION_UNITS_DELIVERY: FUND_BATCH_REDEMPTION_UNITS_DELIVERY_PATH,
    SettlementStep.REDEMPTION_CASH_DELIVERY: FUND_BATCH_REDEMPTION_CASH_DELIVERY_PATH,
}


def settlement_state(done: set[SettlementStep] | frozenset[SettlementStep], side: Side) -> SettlementState:
    """The state a confirmed side's done steps leave it in."""
    state = SettlementState.SETTLING
    for step in SIDE_STEPS[side]:
        if step not in done:
            break
        state = STATE_AFTER[step]
    return state


def next_step(done: set[SettlementStep] | frozenset[SettlementStep], side: Side) -> SettlementStep | None:
    """The step a confirmed side waits for, or None when it is settled."""
    return next((step for step in SIDE_STEPS[side] if step not in done), None)


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
    difference_limit: Decimal  # a line differing by this much or more is never confirmed


class StepOut(ApiModel):
    step: SettlementStep
    done_at: datetime
    done_by: str | None = None  # username; None when the system did it
    by_system: bool = False


class SideSummary(ApiModel):
    """One side of a batch: its confirmation as imported (NAV of its own NAV date), state, totals
    and settlement. Subscriptions total units; redemptions cash."""

    state: SideState
    nav: Decimal | None = None  # of the side's current import
    nav_date: date | None = None
    import_id: int | None = None
    file_name: str | None = None
    imported_at: datetime | None = None
    imported_by: str | None = None  # username
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
    beyond_limit: int = 0  # lines at or beyond the fund's difference limit: never confirmed
    confirmed_at: datetime | None = None
    confirmed_by: str | None = None  # username; None when the system confirmed it
    confirmed_by_system: bool = False  # a side without orders
    settlement: SettlementState | None = None  # once confirmed
    next_step: SettlementStep | None = None  # what the side waits for, once confirmed
    steps: list[StepOut] = []


class BatchOut(ApiModel):
    id: int
    fund_id: int
    fund_code: str
    fund_name: str
    currency: str
    trade_date: date
    settlement_date: date
    difference_limit: Decimal  # the fund's
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
    nav_date: date | None = None  # of the side's confirmation
    explanation: ExplanationOut | None = None
    needs_explaining: bool  # not matched and not explained: blocks confirming its side
    beyond_limit: bool = False  # the difference is at or beyond the fund's limit: blocks, explained or not


class BatchDetail(BatchOut):
    subscription_lines: list[LineOut]
    redemption_lines: list[LineOut]


class BatchQuery(_DateRange):
    """Batches by fund, trade-date range, state and settlement (either side in it); newest first."""

    fund_id: StoredId | None = None
    state: SideState | None = None
    settlement: SettlementState | None = None  # either side in it (交收中, 贖回貨已交割, 已完成)


class SideImportOut(ApiModel):
    """What one import did to one side: its new confirmation, and the one it replaced."""

    side: Side
    import_id: int
    rows: int
    nav: Decimal
    nav_date: date | None = None
    replaced_import_id: int | None = None


class ConfirmationImportOut(ApiModel):
    batch_id: int
    file_name: str
    rows: int
    subscription_rows: int
    redemption_rows: int
    sides: list[SideImportOut]  # the sides the file held rows for; the others are unchanged
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


class SettlementStepOut(ApiModel):
    batch_id: int
    side: Side
    step: SettlementStep
    done_at: datetime
    done_by: str | None = None
    already_done: bool  # True: an earlier request did it; nothing new was recorded
    batch: BatchOut


class DifferenceLimitIn(ApiModel):
    difference_limit: DifferenceLimit


class BatchExport(_Query):
    lang: ExportLanguage = ExportLanguage.EN

