"""Every transition of a work order, the four-eyes rule and the levels' approvers (或簽 and 會簽),
on the pure lifecycle rules."""

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest

from backend.work_orders.lifecycle import (
    Level,
    LifecycleError,
    OrderState,
    check_resubmittable,
    decide,
    expire_if_due,
    mark_applied,
    mark_stale,
    withdraw,
)
from services.contract.identity import ApprovalMode
from services.contract.schemas import Decision, WorkOrderStatus

FLOW = "risk.credit.set_day_trade_time_config"
NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
MAKER, CHECKER, CHECKER2, OUTSIDER = 1, 2, 3, 4
CHECKERS = frozenset({CHECKER, CHECKER2})


def order(levels: int = 1, approvers=CHECKERS, mode=ApprovalMode.ANY, **kw) -> OrderState:
    """``levels`` levels, each decided by ``approvers`` in ``mode``."""
    return OrderState(flow=FLOW, maker_id=MAKER, levels=(Level(frozenset(approvers), mode),) * levels, **kw)


def approve(state: OrderState, who: int, now=NOW, level: int | None = None):
    """``who`` approves ``level``, by default the one the order awaits."""
    return decide(state, decider_id=who, level=level or state.current_level, decision=Decision.APPROVE,
                  comment=None, now=now)


def reject(state: OrderState, who: int, comment: str | None = "no", level: int | None = None):
    return decide(state, decider_id=who, level=level or state.current_level, decision=Decision.REJECT,
                  comment=comment, now=NOW)


@contextmanager
def refused(code: str, status: int):
    with pytest.raises(LifecycleError) as info:
        yield
    assert (info.value.code, info.value.status) == (code, status)


def test_single_level_approval_then_apply():
    state = order()
    record = approve(state, CHECKER)
    assert (record.level, state.status) == (1, WorkOrderStatus.APPROVED)
    mark_applied(state)
    assert state.status == WorkOrderStatus.APPLIED


def test_approved_order_goes_stale_when_a_target_changed():
    state = order()
    approve(state, CHECKER)
    mark_stale(state)
    assert state.status == WorkOrderStatus.STALE
    check_resubmittable(state, actor_id=MAKER)


def test_two_levels_need_two_different_approvers():
    state = order(levels=2)
    approve(state, CHECKER)
    assert (state.status, state.current_level) == (WorkOrderStatus.PENDING, 2)
    with refused("already_decided", 409):
        approve(state, CHECKER)
    approve(state, CHECKER2)
    assert state.status == WorkOrderStatus.APPROVED


def test_a_decision_names_its_level_and_a_level_decided_meanwhile_is_refused():
    state = order(levels=2)
    approve(state, CHECKER, level=1)
    with refused("decision_level_moved", 409):  # CHECKER2 saw level 1 too, and clicked later
        approve(state, CHECKER2, level=1)
    with refused("decision_level_moved", 409):  # a level the order has not reached
        approve(state, CHECKER2, level=3)
    assert (state.status, state.current_level, len(state.decisions)) == (WorkOrderStatus.PENDING, 2, 1)
    approve(state, CHECKER2, level=2)
    assert state.status == WorkOrderStatus.APPROVED


def test_the_maker_can_never_decide_even_when_the_level_names_them():
    state = OrderState(flow=FLOW, maker_id=MAKER, levels=(Level(frozenset({MAKER, CHECKER})),))
    with refused("maker_cannot_decide", 403):
        approve(state, MAKER)
    with refused("maker_cannot_decide", 403):
        reject(state, MAKER)
    assert state.status == WorkOrderStatus.PENDING and state.decisions == []


def test_only_the_approvers_of_the_level_decide_it():
    state = OrderState(flow=FLOW, maker_id=MAKER, levels=(Level(frozenset({CHECKER})), Level(frozenset({CHECKER2}))))
    with refused("not_an_approver", 403):  # named on level 2 only
        approve(state, CHECKER2)
    with refused("not_an_approver", 403):
        reject(state, OUTSIDER)
    approve(state, CHECKER)
    with refused("not_an_approver", 403):
        approve(state, OUTSIDER)
    approve(state, CHECKER2)
    assert state.status == WorkOrderStatus.APPROVED


def test_one_person_decides_at_most_one_level_even_if_named_on_every_level():
    state = order(levels=3, approvers={CHECKER, CHECKER2, OUTSIDER})
    approve(state, CHECKER)
    with refused("already_decided", 409):
        approve(state, CHECKER)
    with refused("already_decided", 409):
        reject(state, CHECKER)
    approve(state, CHECKER2)
    approve(state, OUTSIDER)
    assert [d.level for d in state.decisions] == [1, 2, 3] and state.status == WorkOrderStatus.APPROVED


def test_a_joint_level_needs_every_approver_and_then_moves_on():
    """會簽: each approver of the level approves it once; the level completes with the last."""
    state = OrderState(flow=FLOW, maker_id=MAKER,
                       levels=(Level(CHECKERS, ApprovalMode.ALL), Level(frozenset({OUTSIDER}))))
    approve(state, CHECKER)
    assert (state.status, state.current_level) == (WorkOrderStatus.PENDING, 1)
    with refused("already_decided", 409):
        approve(state, CHECKER, level=1)
    approve(state, CHECKER2, level=1)
    assert (state.status, state.current_level) == (WorkOrderStatus.PENDING, 2)
    approve(state, OUTSIDER, level=2)
    assert state.status == WorkOrderStatus.APPROVED


def test_one_rejection_of_a_joint_level_rejects_the_order():
    state = order(approvers=CHECKERS, mode=ApprovalMode.ALL)
    approve(state, CHECKER)
    record = reject(state, CHECKER2, comment="not both of us")
    assert (record.level, state.status) == (1, WorkOrderStatus.REJECTED)


def test_a_level_naming_nobody_never_completes():
    for mode in ApprovalMode:
        state = order(approvers=(), mode=mode)
        assert state.current_level == 1 and not state.complete(1)
        with refused("not_an_approver", 403):
            approve(state, CHECKER)


def test_reject_needs_a_comment_and_ends_the_order():
    state = order(levels=2)
    with refused("comment_required", 422):
        reject(state, CHECKER, comment="   ")
    approve(state, CHECKER)
    record = reject(state, CHECKER2, comment=" ratio too low ", level=2)
    assert (record.level, record.comment, state.status) == (2, "ratio too low", WorkOrderStatus.REJECTED)
    check_resubmittable(state, actor_id=MAKER)


def test_only_the_maker_withdraws_and_only_while_pending():
    state = order()
    with refused("only_maker_withdraws", 403):
        withdraw(state, actor_id=CHECKER, now=NOW)
    withdraw(state, actor_id=MAKER, now=NOW)
    assert state.status == WorkOrderStatus.WITHDRAWN
    with refused("work_order_not_pending", 409):
        approve(state, CHECKER)


def test_an_order_past_its_expiry_is_expired_and_cannot_be_decided():
    state = order(expires_at=NOW + timedelta(hours=1))
    assert not expire_if_due(state, NOW)
    with refused("work_order_not_pending", 409):
        approve(state, CHECKER, now=NOW + timedelta(hours=1))
    assert state.status == WorkOrderStatus.EXPIRED


@pytest.mark.parametrize("status", [WorkOrderStatus.APPLIED, WorkOrderStatus.REJECTED,
                                    WorkOrderStatus.WITHDRAWN, WorkOrderStatus.EXPIRED,
                                    WorkOrderStatus.STALE, WorkOrderStatus.APPROVED])
def test_nothing_but_a_pending_order_is_decided_or_withdrawn(status):
    state = order(status=status)
    with refused("work_order_not_pending", 409):
        approve(state, CHECKER)
    with refused("work_order_not_pending", 409):
        withdraw(state, actor_id=MAKER, now=NOW)


@pytest.mark.parametrize("status", [WorkOrderStatus.PENDING, WorkOrderStatus.APPROVED,
                                    WorkOrderStatus.APPLIED, WorkOrderStatus.WITHDRAWN,
                                    WorkOrderStatus.EXPIRED])
def test_only_rejected_and_stale_orders_are_resubmitted(status):
    with refused("work_order_not_resubmittable", 409):
        check_resubmittable(order(status=status), actor_id=MAKER)


def test_resubmitting_is_the_makers():
    state = order(status=WorkOrderStatus.REJECTED)
    with refused("permission_denied", 403):
        check_resubmittable(state, actor_id=CHECKER)


@pytest.mark.parametrize("status", [WorkOrderStatus.PENDING, WorkOrderStatus.APPLIED])
def test_only_an_approved_order_is_applied_or_marked_stale(status):
    with pytest.raises(ValueError):
        mark_applied(order(status=status))
    with pytest.raises(ValueError):
        mark_stale(order(status=status))
