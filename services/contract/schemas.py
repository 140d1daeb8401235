"""Pydantic models of the HTTP API: what the backend returns and the client parses.

Money and ratios are Decimal and travel as JSON strings; datetimes are UTC-aware ISO 8601.
"""

from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Generic, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    NonNegativeInt,
    StringConstraints,
    WithJsonSchema,
)

from services.rules.symbols import SymbolRefused, canonical, normalise_market

T = TypeVar("T")

# A time of day on a local clock, without a UTC offset ("09:30:00"). JSON Schema's ``time``
# format, what pydantic documents for ``time``, is RFC 3339 full-time, which requires an offset.
LocalTime = Annotated[time, WithJsonSchema({
    "type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$",
    "description": "time of day on the local clock, HH:MM:SS, no UTC offset"})]


class ApiModel(BaseModel):
    model_config = ConfigDict(from_attributes=True, ser_json_timedelta="iso8601")


class Problem(ApiModel):
    """RFC 9457 problem details with a stable ``code`` and, for validation, ``errors``."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    code: str
    errors: list[dict[str, Any]] | None = None
    request_id: str | None = None  # as in the answer's X-Request-ID header: what support looks up


class Page(ApiModel, Generic[T]):
    """One keyset page. The cursors are opaque: ``next_cursor`` reads the page after (None: this
    was the last), ``prev_cursor`` the page before (as ``before``; None: this was the first)."""

    items: list[T]
    next_cursor: str | None = None
    prev_cursor: str | None = None
    total: int | None = None


# --- health and auth ---------------------------------------------------------------------------


class Health(ApiModel):
    status: str
    version: str
    database: str
    demo: bool


class LoginRequest(ApiModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)


class PasswordChange(ApiModel):
    """``POST /auth/password``: every session of the user ends, this one included; sign in again."""

    current_password: str = Field(min_length=1, max_length=256)
    new_password: str = Field(min_length=10, max_length=256)


class TokenOut(ApiModel):
    access_token: str
    token_type: str = "bearer"
    expires_at: datetime
    # Signed in with a one-time password an administrator gave: until the password is changed
    # (POST /auth/password), every other route refuses this token (403 password_change_required).
    password_change_required: bool = False


class RoleName(ApiModel):
    """A role's names in both languages, as an administrator named it (the database's)."""

    code: str
    name_en: str
    name_zh: str


class MeOut(ApiModel):
    id: int
    username: str
    display_name: str
    roles: list[str]
    permissions: list[str]
    role_names: list[RoleName] = []  # of ``roles``; empty offline (the desktop then names them itself)


class DemoUser(ApiModel):
    username: str
    password: str
    display_name: str
    roles: list[str]


# --- work orders -------------------------------------------------------------------------------


class WorkOrderStatus(StrEnum):
    """pending → approved → applied; pending → rejected | withdrawn | expired; approved → stale."""

    PENDING = "pending"
    APPROVED = "approved"
    APPLIED = "applied"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    STALE = "stale"


class Decision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"


# The expected version of a target that did not exist when the maker started (live rows start at 1).
ABSENT_VERSION = 0
MAKER_NOTE_MAX = 2000
# Stripped; a blank note is no note.
MakerNote = Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=MAKER_NOTE_MAX),
                      AfterValidator(lambda note: note or None)]


class WorkOrderSubmit(ApiModel):
    """``POST /work-orders``; the ``Idempotency-Key`` header makes retries safe."""

    flow: str = Field(min_length=1, max_length=80)
    payload: dict[str, Any]
    expires_at: datetime | None = None
    # Optimistic concurrency for drafts made earlier (offline): target key → the version the
    # maker started from, ABSENT_VERSION (0) when the row did not exist. A target that has moved
    # since (or that exists now) refuses the submission (409 target_changed), and an order whose
    # targets move before approval goes stale, instead of overwriting a change the maker never saw.
    expected_versions: dict[str, NonNegativeInt] | None = None
    # For the approvers: why, and on a resubmission what was corrected. Blank means none.
    note: MakerNote = None


class WorkOrderDecisionOut(ApiModel):
    """One level's decision, for the trail in the detail view."""

    level: int
    decider_id: int
    decider_name: str
    decision: Decision
    comment: str | None
    decided_at: datetime
    # A delegate deciding while the approver is away: the approver whose seat this decided.
    on_behalf_of_id: int | None = None
    on_behalf_of_name: str | None = None


class WorkOrderTransferOut(ApiModel):
    """轉交 on the trail: an approver of ``level`` handed their seat to another person."""

    level: int
    from_id: int
    from_name: str
    to_id: int
    to_name: str
    note: str
    transferred_at: datetime


TRANSFER_NOTE_MAX = 500
CC_ADD_MAX = 20  # people added in one request


class TransferIn(ApiModel):
    """``POST /work-orders/{id}/transfer``: hands my seat on the current level to ``to``."""

    to: str = Field(min_length=1, max_length=64, description="the username of the person taking the seat")
    # Something besides spaces (``pattern`` is searched, not matched whole).
    note: str = Field(min_length=1, max_length=TRANSFER_NOTE_MAX, pattern=r"\S", description="why; shown on the trail")


class TransferCandidateOut(ApiModel):
    """A person the order's current level may be transferred to (the backend judged them eligible)."""

    user_id: int
    username: str
    name: str


class CcIn(ApiModel):
    """``POST /work-orders/{id}/cc``: people to copy on the order (抄送), by username."""

    users: list[Annotated[str, Field(min_length=1, max_length=64)]] = Field(min_length=1, max_length=CC_ADD_MAX)


class RuleWarning(ApiModel):
    """What the shared rules warn of in an order's rows without refusing it (services/rules
    Violation): a US floor, an effective time outside the market's session."""

    row: int | None
    field: str
    code: str
    reason: str
    params: dict[str, str] = {}


class LevelApproverOut(ApiModel):
    """A person who may decide a level of an order (or is copied on it), fixed at submission or
    since given the seat by a transfer (or added to the CC)."""

    user_id: int
    name: str
    # "user": named in the chain; "role:<code>": holds a role the chain names; "transfer:<username>":
    # that approver transferred the seat; "added:<username>" (CC): that person added them
    via: str
    active: bool  # a disabled account can no longer decide
    added_at: datetime | None = None  # CC people added after submission: when
    added_by_name: str | None = None  # and by whom (the display name of ``via``'s username)


class WorkOrderLevelOut(ApiModel):
    level: int
    mode: str  # "any" (或簽): one approver decides the level; "all" (會簽): every approver approves it
    approvers: list[LevelApproverOut]


class WorkOrderOut(ApiModel):
    """One order in full. ``snapshot`` = {"rows": the live rows it replaces, as submitted};
    ``proposed`` = {"rows": the rows after it, "deleted": keys it removes}; rows of both are
    matched on ``diff_key`` for the before/after table (services/work_orders/diff.py)."""

    id: int
    flow: str
    status: WorkOrderStatus
    maker_id: int
    maker_name: str
    levels: int
    approvals: int
    summary: str  # in English; summary_key and summary_args give it in the reader's language
    summary_key: str | None = None  # of services/contract/summaries.py TEMPLATES; None: stored before keys
    summary_args: dict[str, str] = {}
    payload: dict[str, Any]
    snapshot: dict[str, Any]
    proposed: dict[str, Any]
    diff_key: str
    submitted_at: datetime
    updated_at: datetime
    expires_at: datetime | None
    resubmitted_from_id: int | None
    maker_note: str | None = None  # the maker's note to the approvers (WorkOrderSubmit.note)
    decisions: list[WorkOrderDecisionOut] = []
    warnings: list[RuleWarning] = []  # of the proposed rows, judged as they are read
    # Pending, and its current level can no longer complete (its approvers were disabled):
    # someone must act (withdraw and resubmit, or re-enable an approver); never skipped.
    blocked: bool = False
    # The approval chain version it was submitted under (None: no chain, the administrators
    # decided), who may decide each level, and who is copied on it; all fixed at submission.
    chain_version: int | None = None
    approval_levels: list[WorkOrderLevelOut] = []
    cc: list[LevelApproverOut] = []
    transfers: list[WorkOrderTransferOut] = []
    # The approvers of the current level whose delegation to the reader is in force for this order:
    # the reader may decide on behalf of one of them (the same order read by another says []).
    delegated_to_me: list[int] = []


class WorkOrderListItem(ApiModel):
    """A row of the inbox and request lists: no payload, which may hold thousands of rows."""

    id: int
    flow: str
    status: WorkOrderStatus
    maker_id: int
    maker_name: str
    levels: int
    approvals: int
    summary: str  # in English; summary_key and summary_args give it in the reader's language
    summary_key: str | None = None  # of services/contract/summaries.py TEMPLATES; None: stored before keys
    summary_args: dict[str, str] = {}
    submitted_at: datetime
    expires_at: datetime | None
    blocked: bool = False  # see WorkOrderOut.blocked


class WorkOrderPage(Page[WorkOrderListItem]):
    """A keyset page of work orders; the first page of a list carries ``total`` (exact up to
    WORK_ORDER_TOTAL_CAP, past it the cap and ``total_capped``), later pages None."""

    total_capped: bool = False


class WorkOrderCounts(ApiModel):
    awaiting_me: int  # exact up to WORK_ORDER_TOTAL_CAP; past it the cap, and awaiting_capped
    awaiting_capped: bool = False  # more than WORK_ORDER_TOTAL_CAP orders await me
    # My orders that came back decided (approved, applied, rejected, stale) since I last looked.
    returned_to_me: int = 0


class DayTradeWindowIn(ApiModel):
    """Payload of ``risk.credit.set_day_trade_time_config``: one market's window."""

    market: str = Field(min_length=2, max_length=4)
    time_zone: str
    start: LocalTime
    force_close: LocalTime
    end: LocalTime
    enabled: bool = True


class DayTradeWindowOut(DayTradeWindowIn):
    """A market's live window, as the Day-Trade Window page shows it."""

    version: int
    updated_at: datetime
    pending_work_order_id: int | None = None


# --- stock margin (Risk › Credit) -------------------------------------------------------------


def stored_symbol(value: Any) -> Any:
    """A proposed symbol in its stored form (``700.hk`` is ``00700.HK``) before anything looks it
    up or writes it; text that is no symbol stays as sent, for the rules to refuse naming it."""
    if not isinstance(value, str):
        return value
    try:
        return canonical(value)
    except SymbolRefused:
        return value


def _stored_market(value: Any) -> Any:
    return normalise_market(value) if isinstance(value, str) else value


# A symbol or market a maker proposes (services/rules/symbols.py is the rule).
ProposedSymbol = Annotated[str, BeforeValidator(stored_symbol), Field(min_length=1, max_length=16)]
ProposedMarket = Annotated[str, BeforeValidator(_stored_market), Field(min_length=2, max_length=4)]


class SecurityOut(ApiModel):
    """A symbol of the securities master."""

    symbol: str
    market: str
    name: str
    name_zh: str | None


class LongMarginIn(ApiModel):
    """One long stock margin row as a maker proposes it: payload of the create and update flows
    and a row of an upload. Ratios are decimals (0.45); services/rules/stock_margin.py judges them."""

    symbol: ProposedSymbol
    market: ProposedMarket
    im: Decimal
    mcm: Decimal
    mm: Decimal
    fm: Decimal
    financeable: bool = True
    effective_from: datetime | None = None
    remark: str | None = Field(None, max_length=200)


class SymbolIn(ApiModel):
    """Payload of a single delete."""

    symbol: ProposedSymbol


class SymbolsIn(ApiModel):
    """Payload of a batch delete."""

    symbols: list[ProposedSymbol] = Field(min_length=1)


class UploadMode(StrEnum):
    UPSERT = "upsert"    # rows in the file are created or replaced; others stay
    REPLACE = "replace"  # the file becomes the whole table of its markets: rows not in it are deleted


class LongMarginUpload(ApiModel):
    """Payload of ``risk.credit.upload_stock_margin_ratio``."""

    mode: UploadMode = UploadMode.UPSERT
    rows: list[LongMarginIn]


class PendingSettingOut(ApiModel):
    """The setting record (未觸發) that will change a live row: when, and to which values (the row
    as the work order proposed it, ratios as four-decimal strings)."""

    id: int
    effective_at: datetime
    values: dict[str, Any]
    work_order_id: int | None


class LongMarginRow(ApiModel):
    """A live long stock margin row, as the list shows it."""

    symbol: str
    market: str
    name: str
    name_zh: str | None
    im: Decimal
    mcm: Decimal
    mm: Decimal
    fm: Decimal
    financeable: bool
    effective_from: datetime | None
    remark: str | None
    version: int
    updated_at: datetime
    pending_work_order_id: int | None = None
    pending_setting: PendingSettingOut | None = None


class ShortSellStatus(StrEnum):
    ALLOWED = "allowed"
    MANUAL_FORBIDDEN = "manual_forbidden"
    SYSTEM_FORBIDDEN = "system_forbidden"  # set by the lending-pool job, never by a person


class ShortMarginIn(ApiModel):
    """One short-sell stock margin row (空頭股票保證金) as a maker proposes it."""

    symbol: ProposedSymbol
    market: ProposedMarket
    im: Decimal
    mcm: Decimal
    mm: Decimal
    fm: Decimal
    status: ShortSellStatus = ShortSellStatus.ALLOWED
    borrow_fee_rate: Decimal = Decimal(0)
    available_qty: int = 0


class ShortMarginUpload(ApiModel):
    """Payload of ``risk.credit.upload_short_sell_stock_margin_ratio``."""

    mode: UploadMode = UploadMode.UPSERT
    rows: list[ShortMarginIn]


class ShortMarginEdits(ApiModel):
    """Payload of ``risk.credit.update_short_sell_stock_margin_ratios``: one or more live rows."""

    rows: list[ShortMarginIn] = Field(min_length=1)


class ShortMarginRow(ApiModel):
    symbol: str
    market: str
    name: str
    name_zh: str | None
    im: Decimal
    mcm: Decimal
    mm: Decimal
    fm: Decimal
    status: ShortSellStatus
    borrow_fee_rate: Decimal
    available_qty: int
    version: int
    updated_at: datetime
    pending_work_order_id: int | None = None
    pending_setting: PendingSettingOut | None = None


class IntradayMarginIn(ApiModel):
    """One intraday real-time margin row (日內交易實時保證金). ``active`` is the row's own switch; whether it
    applies now also follows the trading session, and an inactive row asks 100 %
    (services/rules/intraday_margin.py)."""

    symbol: ProposedSymbol
    market: ProposedMarket
    im: Decimal
    mm: Decimal
    fm: Decimal
    active: bool = True


class IntradayMarginUpload(ApiModel):
    """Payload of ``risk.credit.upload_intraday_stock_margin_ratio``."""

    mode: UploadMode = UploadMode.UPSERT
    rows: list[IntradayMarginIn]


class IntradayMarginRow(ApiModel):
    symbol: str
    market: str
    name: str
    name_zh: str | None
    im: Decimal
    mm: Decimal
    fm: Decimal
    active: bool
    version: int
    updated_at: datetime
    pending_work_order_id: int | None = None
    pending_setting: PendingSettingOut | None = None


class SettingStatus(StrEnum):
    PENDING = "pending"   # 未觸發
    APPLIED = "applied"   # 已觸發
    REVOKED = "revoked"   # 已撤銷


class MarginSettingOut(ApiModel):
    """A setting record (設置記錄) of Risk › Margin › Stock Margin, with who made, synced or
    revoked it (display names; None where nobody did, or the clock applied it)."""

    id: int
    kind: str
    symbol: str
    name: str | None = None
    name_zh: str | None = None
    values: dict[str, Any]
    effective_at: datetime
    status: SettingStatus
    work_order_id: int | None
    maker_name: str | None = None
    created_at: datetime
    applied_at: datetime | None
    applied_by_name: str | None = None
    revoked_at: datetime | None
    revoked_by_name: str | None = None
    revoke_reason: str | None


class MarginSettingDetail(MarginSettingOut):
    """A setting record beside its row as it is live now: what syncing it would change."""

    live: dict[str, Any] | None  # None: the symbol has no live row of this table (syncing creates it)
    live_pending_work_order_id: int | None = None  # an order awaiting approval on the same row


class RevokeIn(ApiModel):
    reason: str = Field(min_length=1, max_length=200)


class MarginChangeSource(StrEnum):
    WORK_ORDER = "work_order"  # an approved work order wrote the row
    SETTING = "setting"        # a setting record wrote it, at its time or synced now


class MarginChangeOut(ApiModel):
    """One write of a margin row in its change history (變更記錄): the row before and after
    (None: it did not exist / was deleted), who proposed and approved it, and when it landed."""

    at: datetime
    source: MarginChangeSource
    change: str  # new | changed | deleted (services.work_orders.diff.Change)
    before: dict[str, Any] | None
    # False for a setting applied before the row it replaced was kept: ``before`` is unknown.
    before_known: bool = True
    after: dict[str, Any] | None
    changed_fields: list[str]
    work_order_id: int | None
    flow: str | None
    setting_id: int | None
    maker_name: str | None
    checker_names: list[str]
    applied_by_name: str | None  # who synced a setting now; None when the clock applied it


# --- message center -----------------------------------------------------------------------------


class MessageChannel(StrEnum):
    SMS = "sms"
    EMAIL = "email"
    PUSH = "push"


# The channels a message record can be resent on (the 2024-09-23 changelog: SMS and Email); the
# backend refuses the others, and the desktop offers no Resend for them.
RESENDABLE_CHANNELS = frozenset({MessageChannel.SMS, MessageChannel.EMAIL})


def channel_resendable(channel: str) -> bool:
    return channel in RESENDABLE_CHANNELS


class MessageStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    DELIVERED = "delivered"
    FAILED = "failed"
    BOUNCED = "bounced"


class MessageTemplateOut(ApiModel):
    """A message template: the names lists show, and whether its messages may ever be resent."""

    code: str
    channel: MessageChannel
    name: str
    name_zh: str
    resendable: bool


class MessageRecordOut(ApiModel):
    """A message record as lists show it: the recipient masked, the body left out."""

    id: int
    account_no: str | None
    channel: MessageChannel
    template: str
    recipient: str  # masked: +852 ****4567, c***@example.com
    subject: str
    status: MessageStatus
    provider_message_id: str | None
    error: str | None
    attempts: int
    resendable: bool
    created_at: datetime
    updated_at: datetime


class MessageCount(ApiModel):
    """How many records a filter matches, counted no further than MESSAGE_TOTAL_CAP: ``total`` is
    exact, or, when ``capped``, the cap itself and there are more."""

    total: int
    capped: bool


class ResendIn(ApiModel):
    """Why the operator resends; audited with the new attempt."""

    reason: str = Field(min_length=1, max_length=200)


class ResendOut(ApiModel):
    record_id: int
    attempt_id: int
    status: MessageStatus
    attempts: int


BULK_RESEND_MAX = 200  # records per bulk request: the per-operator hourly limit


# Ids as a request may name them: a larger number names no row and, unbounded, reached the
# database and failed there. INTEGER keys; message records' BIGINT keys up to what a JSON number
# holds exactly.
MAX_STORED_ID = 2**31 - 1
MAX_MESSAGE_ID = 2**53 - 1
StoredId = Annotated[int, Field(ge=1, le=MAX_STORED_ID)]


def _json_integer(value: object) -> object:
    """JSON Schema's integer: 606.0 is one; ``false`` and "606" are not (pydantic's lax int says yes)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


MessageRecordId = Annotated[int, Field(strict=True, ge=1, le=MAX_MESSAGE_ID), BeforeValidator(_json_integer)]


class BulkResendIn(ApiModel):
    """One reason for every record; each record is resent or refused on its own."""

    record_ids: list[MessageRecordId] = Field(min_length=1, max_length=BULK_RESEND_MAX)
    reason: str = Field(min_length=1, max_length=200)


class ResendResult(ApiModel):
    """One record's answer within a bulk resend: queued (``attempt_id``) or refused (``code``)."""

    record_id: int
    attempt_id: int | None = None
    status: MessageStatus | None = None
    code: str | None = None  # an ErrorCode when refused
    detail: str | None = None


class BulkResendOut(ApiModel):
    results: list[ResendResult]


class DeliveryAttemptOut(ApiModel):
    """One delivery of a record: the original or a resend, with who asked and why."""

    id: int
    record_id: int
    kind: str  # original | resend
    status: MessageStatus
    tries: int  # transient failures retried so far
    next_attempt_at: datetime | None
    provider_message_id: str | None
    error: str | None
    requested_by: str | None  # username of the operator who resent
    reason: str | None
    created_at: datetime
    finished_at: datetime | None
    requested_by_name: str | None = None  # and their display name, which people read


class MessageRecordDetail(MessageRecordOut):
    """A record as its detail panel shows it: the content as sent and every attempt, oldest first.
    One-time codes in the body are masked: the operator never needs to read them."""

    template_name: str
    template_name_zh: str
    sender: str | None  # the From of an email
    body: str
    timeline: list[DeliveryAttemptOut]


# --- margin call -------------------------------------------------------------------------------


class AccountType(StrEnum):
    CASH = "cash"
    MARGIN = "margin"


class EnrolmentChannel(StrEnum):
    APP = "app"
    WEB = "web"
    OPS = "ops"


class EnrolmentStatus(StrEnum):
    ENROLLED = "enrolled"
    DISABLED = "disabled"


class AutoConvertDateField(StrEnum):
    FIRST_ENABLED = "first_enabled"
    LAST_ENABLED = "last_enabled"
    DISABLED = "disabled"
    LAST_CONVERSION = "last_conversion"


class BorrowedBalance(ApiModel):
    currency: str
    amount: Decimal  # positive: how much of ``currency`` the account owes


class AutoConvertRow(ApiModel):
    account_no: str
    customer_name: str
    customer_name_zh: str | None
    account_type: AccountType
    base_currency: str
    enrolled: bool
    first_enabled_at: datetime
    last_enabled_at: datetime
    disabled_at: datetime | None
    channel: EnrolmentChannel
    currencies: list[str]
    last_conversion_at: datetime | None
    last_conversion_amount: Decimal | None
    last_conversion_currency: str | None
    borrowed: list[BorrowedBalance]


class BorrowingRow(ApiModel):
    account_no: str
    customer_name: str
    customer_name_zh: str | None
    account_type: AccountType
    currency: str
    amount: Decimal  # positive borrowed amount
    borrowed_since: date
    days_outstanding: int
    interest_rate: Decimal  # annual, decimal (0.0725 = 7.25 %)
    accrued_interest: Decimal
    auto_convert: bool


CURRENCIES: tuple[str, ...] = ("HKD", "USD", "CNH")


class DecisionIn(ApiModel):
    decision: Decision
    # The level the approver saw awaiting a decision: two approvers clicking at once decide it
    # once, and the slower click is refused instead of becoming a next level's approval.
    level: int = Field(ge=1, le=MAX_STORED_ID, description="the level decided: the order's approvals + 1 as "
                                                           "shown; 409 decision_level_moved once decided")
    comment: str | None = Field(None, max_length=2000)


def level_to_decide(order: WorkOrderOut | WorkOrderListItem) -> int:
    """The level an order as shown awaits a decision on (DecisionIn.level)."""
    return order.approvals + 1


class ResubmitIn(ApiModel):
    """``POST /work-orders/{id}/resubmit``: the corrected payload, or none to resend it as it was,
    the maker's note to the approvers (what was corrected), and the versions the correction was
    drafted against (WorkOrderSubmit.expected_versions: a draft corrected offline promises them)."""

    payload: dict[str, Any] | None = None
    note: MakerNote = None
    expected_versions: dict[str, NonNegativeInt] | None = None
