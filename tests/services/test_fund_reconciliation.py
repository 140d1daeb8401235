"""The reconciliation maths of services/rules/fund_reconciliation.py on its edge cases."""

from decimal import ROUND_DOWN, ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal

import pytest

from services.contract.fund_clearing import LineStatus, Side, SideState
from services.rules.fund_reconciliation import (
    FundRounding,
    OurOrder,
    TheirRow,
    expected_amount,
    expected_units,
    reconcile_redemption,
    reconcile_side,
    reconcile_subscription,
    side_state,
)

D = Decimal
FOUR_HALF_DOWN = FundRounding(unit_decimals=4, unit_rounding=ROUND_HALF_DOWN)


def sub(ref="S1", amount="10000", fee="0"):
    return OurOrder(ref, "12345678", D(amount), None, D(fee))


def red(ref="R1", units="1000", fee="0"):
    return OurOrder(ref, "12345678", None, D(units), D(fee))


def row(ref, nav, units=None, amount=None):
    return TheirRow(ref, D(nav), None if units is None else D(units), None if amount is None else D(amount))


@pytest.mark.parametrize(("rounding", "decimals", "expected"), [
    (ROUND_HALF_DOWN, 4, "3.1234"),  # 3.12345 exactly: half goes down
    (ROUND_HALF_UP, 4, "3.1235"),
    (ROUND_DOWN, 4, "3.1234"),
    (ROUND_DOWN, 2, "3.12"),
    (ROUND_HALF_UP, 0, "3"),
])
def test_expected_units_follow_the_funds_rounding_on_an_exact_half(rounding, decimals, expected):
    fund = FundRounding(unit_decimals=decimals, unit_rounding=rounding)
    # (312.345 − 0) / 100 = 3.12345: an exact tie at the fifth decimal
    assert expected_units(D("312.345"), D(0), D(100), fund) == D(expected)


def test_expected_units_divide_exactly_without_float():
    # 10000 / 3 = 3333.3333…; float would give 3333.333333333333 and its binary error
    assert expected_units(D("10000"), D("0"), D("3"), FOUR_HALF_DOWN) == D("3333.3333")
    assert expected_units(D("0.1"), D("0"), D("0.3"), FOUR_HALF_DOWN) == D("0.3333")
    assert str(expected_units(D("10150"), D("150"), D("10"), FOUR_HALF_DOWN)) == "1000.0000"


def test_expected_amount_is_half_up_to_cents_after_the_fee():
    fund = FundRounding()
    assert expected_amount(D("1234.5678"), D("0"), D("10.0001"), fund) == D("12345.80")  # 12345.80025…
    assert expected_amount(D("100"), D("50"), D("1.005"), fund) == D("50.50")
    assert expected_amount(D("1"), D("0"), D("0.125"), fund) == D("0.13")  # 0.125 half up
    yen = FundRounding(amount_decimals=0)
    assert expected_amount(D("3"), D("0"), D("0.5"), yen) == D("2")  # 1.5 half up


def test_a_nav_of_zero_is_refused():
    with pytest.raises(ValueError):
        expected_units(D(1), D(0), D(0), FundRounding())


def test_zero_fee_subscription_matches_exactly():
    line = reconcile_subscription(sub(amount="50000"), row("S1", "12.5", units="4000"), FOUR_HALF_DOWN)
    assert (line.status, line.expected_units, line.difference) == (LineStatus.MATCHED, D("4000.0000"), D(0))


def test_a_difference_within_the_tolerance_matches_and_beyond_it_mismatches():
    fund = FundRounding(unit_tolerance=D("0.01"))
    order = sub(amount="10150", fee="150")  # 10000 / 12.3456 = 810.0052…
    assert reconcile_subscription(order, row("S1", "12.3456", units="810.0152"), fund).status is LineStatus.MATCHED
    line = reconcile_subscription(order, row("S1", "12.3456", units="810.0153"), fund)
    assert (line.status, line.difference) == (LineStatus.MISMATCHED, D("0.0101"))
    strict = FundRounding(unit_tolerance=D(0))
    assert reconcile_subscription(order, row("S1", "12.3456", units="810.0053"), strict).status is LineStatus.MISMATCHED


def test_rounding_the_other_way_is_a_mismatch_only_when_the_tolerance_is_zero():
    order = sub(amount="312.345")
    theirs = row("S1", "100", units="3.1235")  # the fund house rounded half up
    assert reconcile_subscription(order, theirs, FOUR_HALF_DOWN).status is LineStatus.MATCHED
    line = reconcile_subscription(order, theirs, FundRounding(unit_tolerance=D(0)))
    assert (line.status, line.difference) == (LineStatus.MISMATCHED, D("0.0001"))


def test_a_difference_within_the_funds_rounding_is_zero_not_a_red_minus_one_ten_thousandth():
    order = sub(amount="312.345")
    theirs = row("S1", "100", units="3.1233")  # 3.1234 by our rounding: within the default tolerance
    line = reconcile_subscription(order, theirs, FOUR_HALF_DOWN)
    assert (line.status, line.difference, str(line.difference)) == (LineStatus.MATCHED, D(0), "0.0000")
    cents = reconcile_redemption(red(units="1000", fee="50"), row("R1", "10.5", units="1000", amount="10449.99"),
                                 FundRounding(amount_tolerance=D("0.01")))
    assert (cents.status, cents.difference, cents.units_difference) == (LineStatus.MATCHED, D(0), D(0))


def test_redemption_amount_and_units_are_both_checked():
    fund = FundRounding()
    ok = reconcile_redemption(red(units="1000", fee="50"), row("R1", "10.5", units="1000", amount="10450"), fund)
    assert (ok.status, ok.expected_amount, ok.difference, ok.units_difference) == (
        LineStatus.MATCHED, D("10450.00"), D(0), D(0))
    levy = reconcile_redemption(red(), row("R1", "10", amount="9950"), fund)
    assert (levy.status, levy.difference, levy.units_difference) == (LineStatus.MISMATCHED, D("-50.00"), None)
    fewer = reconcile_redemption(red(), row("R1", "10", units="900", amount="10000"), fund)
    assert (fewer.status, fewer.difference, fewer.units_difference) == (LineStatus.MISMATCHED, D(0), D(-100))


def test_an_order_missing_on_either_side():
    fund = FundRounding()
    theirs = reconcile_subscription(sub("S9"), None, fund)
    assert (theirs.status, theirs.order_ref, theirs.difference) == (LineStatus.MISSING_THEIRS, "S9", None)
    ours = reconcile_redemption(None, row("R9", "10", amount="5"), fund)
    assert (ours.status, ours.account_no, ours.confirmed_amount) == (LineStatus.MISSING_OURS, None, D(5))
    assert theirs.needs_explaining and ours.needs_explaining


def test_a_partial_confirmation_leaves_the_unconfirmed_orders_missing_theirs():
    orders = [sub("S1", "1000"), sub("S2", "2000"), sub("S3", "3000")]
    rows = [row("S2", "10", units="200"), row("S4", "10", units="5")]
    lines = reconcile_side(Side.SUBSCRIPTION, orders, rows, FundRounding())
    assert [(li.order_ref, li.status) for li in lines] == [
        ("S1", LineStatus.MISSING_THEIRS), ("S2", LineStatus.MATCHED), ("S3", LineStatus.MISSING_THEIRS),
        ("S4", LineStatus.MISSING_OURS)]


def test_a_subscription_confirmed_with_zero_units_is_a_mismatch():
    line = reconcile_subscription(sub(amount="1000"), row("S1", "10", units="0"), FundRounding())
    assert (line.status, line.difference) == (LineStatus.MISMATCHED, D("-100.0000"))


def test_side_states():
    assert side_state(imported=False, confirmed=False, unexplained=0) is SideState.AWAITING_CONFIRMATION
    assert side_state(imported=True, confirmed=False, unexplained=2) is SideState.OPEN
    assert side_state(imported=True, confirmed=False, unexplained=0) is SideState.READY
    assert side_state(imported=True, confirmed=True, unexplained=0) is SideState.CONFIRMED


def test_a_fund_with_an_unknown_rounding_or_a_negative_tolerance_is_refused():
    with pytest.raises(ValueError):
        FundRounding(unit_rounding="ROUND_SIDEWAYS")
    with pytest.raises(ValueError):
        FundRounding(amount_tolerance=D("-0.01"))


def test_a_difference_at_or_beyond_the_funds_limit_is_beyond_it():
    fund = FundRounding(unit_decimals=4, unit_rounding=ROUND_HALF_DOWN, difference_limit=D("0.5"))
    # 10,000 at 12.5 is 800 units: 0.49 off may be explained, 0.5 off (the manual's figure) may not.
    near = reconcile_subscription(sub(), row("S1", "12.5", units="800.49"), fund)
    at = reconcile_subscription(sub(), row("S1", "12.5", units="799.5"), fund)
    assert (near.status, near.beyond_limit, at.status, at.beyond_limit) == (
        LineStatus.MISMATCHED, False, LineStatus.MISMATCHED, True)
    levy = reconcile_redemption(red(units="1000"), row("R1", "12.5", amount="12450"), fund)
    assert (levy.difference, levy.beyond_limit) == (D(-50), True)
    assert reconcile_subscription(sub(), None, fund).beyond_limit is False  # missing lines are explained
    assert side_state(imported=True, confirmed=False, unexplained=0, beyond_limit=1) is SideState.OPEN
    with pytest.raises(ValueError):
        FundRounding(difference_limit=D(0))
