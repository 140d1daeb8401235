"""Fund clearing reconciliation (DOMAIN.md › Fund clearing): the one place the maths lives.

Qt-free and pure: Decimal in, Decimal out, never float. For each order of a batch and each row of
the fund house's confirmation:

- subscription: expected units = (amount − fee) / NAV, rounded to the fund's unit decimals with
  the fund's unit rounding (many funds truncate: ROUND_DOWN; others half-up or half-down);
- redemption: expected amount = units × NAV − fee, rounded to the fund's amount decimals (cents,
  or whole yen) half-up.

A line is ``matched`` when the confirmed figure is within the fund's tolerance of the expected one,
``mismatched`` otherwise (the difference is confirmed − expected), ``missing_theirs`` when the
confirmation has no row for our order, ``missing_ours`` when it has a row for an order we do not
hold. The tolerance is per fund (a units tolerance for subscriptions, an amount tolerance for
redemptions), defaulting to DEFAULT_UNIT_TOLERANCE and DEFAULT_AMOUNT_TOLERANCE.

A mismatched line may be explained and its side confirmed, unless its difference is at or beyond
the fund's ``difference_limit`` (the manual refuses a back-filled figure off by 0.5): such a line
is ``beyond_limit`` and its side is never confirmed, explained or not, until a corrected
confirmation replaces it. Each side is reconciled at the NAV of its own confirmation.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import (
    ROUND_DOWN,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Decimal,
    localcontext,
)
from typing import TypedDict

from services.contract.fund_clearing import LineStatus, Side, SideState

DEFAULT_UNIT_DECIMALS = 4
DEFAULT_UNIT_ROUNDING = ROUND_HALF_DOWN
DEFAULT_AMOUNT_DECIMALS = 2
DEFAULT_AMOUNT_ROUNDING = ROUND_HALF_UP
DEFAULT_UNIT_TOLERANCE = Decimal("0.01")
DEFAULT_AMOUNT_TOLERANCE = Decimal("0.01")
DEFAULT_DIFFERENCE_LIMIT = Decimal("0.5")  # the manual: a back-filled figure off by 0.5 is refused
ROUNDINGS = frozenset({ROUND_DOWN, ROUND_UP, ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN})
# Far more digits than any NAV or amount holds, so only the final quantize rounds.
_PRECISION = 40


@dataclass(frozen=True)
class FundRounding:
    """How one fund rounds and how far a confirmation may stray before it is a mismatch."""

    unit_decimals: int = DEFAULT_UNIT_DECIMALS
    unit_rounding: str = DEFAULT_UNIT_ROUNDING
    amount_decimals: int = DEFAULT_AMOUNT_DECIMALS
    amount_rounding: str = DEFAULT_AMOUNT_ROUNDING
    unit_tolerance: Decimal = DEFAULT_UNIT_TOLERANCE
    amount_tolerance: Decimal = DEFAULT_AMOUNT_TOLERANCE
    difference_limit: Decimal = DEFAULT_DIFFERENCE_LIMIT

    def __post_init__(self) -> None:
        if self.unit_rounding not in ROUNDINGS or self.amount_rounding not in ROUNDINGS:
            raise ValueError("unknown rounding")
        if not (0 <= self.unit_decimals <= 6 and 0 <= self.amount_decimals <= 4):
            raise ValueError("unit decimals 0–6, amount decimals 0–4")
        if self.unit_tolerance < 0 or self.amount_tolerance < 0:
            raise ValueError("a tolerance is never negative")
        if self.difference_limit <= 0:
            raise ValueError("the difference limit is above zero")

    def beyond_limit(self, difference: Decimal | None) -> bool:
        """Whether a line's difference (units or cash) is too large to confirm, explained or not."""
        return difference is not None and abs(difference) >= self.difference_limit


def _quantize(value: Decimal, decimals: int, rounding: str) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=rounding)


def expected_units(amount: Decimal, fee: Decimal, nav: Decimal, fund: FundRounding) -> Decimal:
    """Units a subscription of ``amount`` (fee included) buys at ``nav``."""
    if nav <= 0:
        raise ValueError("NAV must be above zero")
    with localcontext() as context:
        context.prec = _PRECISION
        return _quantize((amount - fee) / nav, fund.unit_decimals, fund.unit_rounding)


def expected_amount(units: Decimal, fee: Decimal, nav: Decimal, fund: FundRounding) -> Decimal:
    """Cash a redemption of ``units`` pays at ``nav`` after its fee."""
    if nav <= 0:
        raise ValueError("NAV must be above zero")
    with localcontext() as context:
        context.prec = _PRECISION
        return _quantize(units * nav - fee, fund.amount_decimals, fund.amount_rounding)


@dataclass(frozen=True)
class OurOrder:
    order_ref: str
    account_no: str
    amount: Decimal | None  # subscriptions: gross amount, fee included
    units: Decimal | None  # redemptions
    fee: Decimal


@dataclass(frozen=True)
class TheirRow:
    """One row of the fund house's confirmation."""

    order_ref: str
    nav: Decimal
    confirmed_units: Decimal | None
    confirmed_amount: Decimal | None
    row: int | None = None  # the file's row, for people


@dataclass(frozen=True)
class ReconciledLine:
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
    difference: Decimal | None = None  # confirmed − expected: units (subscription), amount (redemption)
    units_difference: Decimal | None = None  # redemptions: confirmed units − our units, when confirmed
    beyond_limit: bool = False  # the difference is at or beyond the fund's limit: never confirmed

    @property
    def needs_explaining(self) -> bool:
        return self.status is not LineStatus.MATCHED


class _Ours(TypedDict, total=False):
    account_no: str
    amount: Decimal | None
    units: Decimal | None
    fee: Decimal


class _Theirs(TypedDict):
    nav: Decimal
    confirmed_units: Decimal | None
    confirmed_amount: Decimal | None


def _ref(order: OurOrder | None, row: TheirRow | None) -> str:
    if order is not None:
        return order.order_ref
    if row is not None:
        return row.order_ref
    raise ValueError("an order, a confirmation row or both")


def _theirs(row: TheirRow) -> _Theirs:
    return {"nav": row.nav, "confirmed_units": row.confirmed_units, "confirmed_amount": row.confirmed_amount}


def _held(figure: Decimal | None, what: str) -> Decimal:
    if figure is None:
        raise ValueError(f"our order has no {what}")
    return figure


def _within(difference: Decimal, tolerance: Decimal, decimals: int) -> Decimal:
    """A difference within the fund's tolerance (its rounding) is no difference: zero, never a
    red -0.0001 on a matched line."""
    return Decimal(0).scaleb(-decimals) if abs(difference) <= tolerance else difference


def reconcile_subscription(order: OurOrder | None, row: TheirRow | None, fund: FundRounding) -> ReconciledLine:
    ref = _ref(order, row)
    ours: _Ours = {} if order is None else {"account_no": order.account_no, "amount": order.amount, "fee": order.fee}
    if row is None:
        return ReconciledLine(Side.SUBSCRIPTION, ref, LineStatus.MISSING_THEIRS, **ours)
    theirs = _theirs(row)
    if order is None:
        return ReconciledLine(Side.SUBSCRIPTION, ref, LineStatus.MISSING_OURS, **theirs)
    expected = expected_units(_held(order.amount, "amount"), order.fee, row.nav, fund)
    confirmed = row.confirmed_units if row.confirmed_units is not None else Decimal(0)
    difference = _within(confirmed - expected, fund.unit_tolerance, fund.unit_decimals)
    status = LineStatus.MATCHED if not difference else LineStatus.MISMATCHED
    return ReconciledLine(Side.SUBSCRIPTION, ref, status, expected_units=expected, difference=difference,
                          beyond_limit=fund.beyond_limit(difference), **ours, **theirs)


def reconcile_redemption(order: OurOrder | None, row: TheirRow | None, fund: FundRounding) -> ReconciledLine:
    ref = _ref(order, row)
    ours: _Ours = {} if order is None else {"account_no": order.account_no, "units": order.units, "fee": order.fee}
    if row is None:
        return ReconciledLine(Side.REDEMPTION, ref, LineStatus.MISSING_THEIRS, **ours)
    theirs = _theirs(row)
    if order is None:
        return ReconciledLine(Side.REDEMPTION, ref, LineStatus.MISSING_OURS, **theirs)
    units = _held(order.units, "units")
    expected = expected_amount(units, order.fee, row.nav, fund)
    confirmed = row.confirmed_amount if row.confirmed_amount is not None else Decimal(0)
    difference = _within(confirmed - expected, fund.amount_tolerance, fund.amount_decimals)
    units_difference = None if row.confirmed_units is None else _within(
        row.confirmed_units - units, fund.unit_tolerance, fund.unit_decimals)
    within = not difference and not units_difference
    return ReconciledLine(Side.REDEMPTION, ref, LineStatus.MATCHED if within else LineStatus.MISMATCHED,
                          expected_amount=expected, difference=difference, units_difference=units_difference,
                          beyond_limit=fund.beyond_limit(difference), **ours, **theirs)


def reconcile_side(side: Side, orders: Iterable[OurOrder], rows: Iterable[TheirRow],
                   fund: FundRounding) -> list[ReconciledLine]:
    """Every line of one side: our orders in the order given (each with its row, if any), then the
    confirmation's rows for orders we do not hold, in the file's order."""
    by_ref: Mapping[str, TheirRow] = {row.order_ref: row for row in rows}
    reconcile = reconcile_subscription if side is Side.SUBSCRIPTION else reconcile_redemption
    ours = list(orders)
    lines = [reconcile(order, by_ref.get(order.order_ref), fund) for order in ours]
    held = {order.order_ref for order in ours}
    lines += [reconcile(None, row, fund) for row in by_ref.values() if row.order_ref not in held]
    return lines


def side_state(*, imported: bool, confirmed: bool, unexplained: int, beyond_limit: int = 0) -> SideState:
    """A confirmed side stays confirmed; before that, what the side's current import says."""
    if confirmed:
        return SideState.CONFIRMED
    if not imported:
        return SideState.AWAITING_CONFIRMATION
    return SideState.OPEN if unexplained or beyond_limit else SideState.READY
