"""The texts of the approval route and of empty lists, from orders and filters built here: no
widgets, no backend."""

from datetime import UTC, date, datetime

from services.contract.queries import WorkOrderQuery
from services.contract.schemas import (
    Decision,
    LevelApproverOut,
    WorkOrderDecisionOut,
    WorkOrderLevelOut,
    WorkOrderOut,
    WorkOrderStatus,
)
from ui.approvals import empty_texts
from ui.approvals.list_page import DATE_FIELDS, MAKER_FIELD, STATUS_FIELD
from ui.approvals.route_texts import LevelState, blocked_reason, cc_text, route_rows

AT = datetime(2024, 5, 2, 2, 0, tzinfo=UTC)


def person(user_id: int, name: str, active: bool = True) -> LevelApproverOut:
    return LevelApproverOut(user_id=user_id, name=name, via="user", active=active)


def order(*, approvals: int = 0, status=WorkOrderStatus.PENDING, blocked=False, decisions=(), second=None,
          cc=()) -> WorkOrderOut:
    levels = [WorkOrderLevelOut(level=1, mode="any", approvers=[person(2, "Kelvin"), person(3, "Grace")]),
              WorkOrderLevelOut(level=2, mode="all", approvers=second or [person(4, "Ann"), person(5, "Ben")])]
    return WorkOrderOut(id=7, flow="risk.credit.set_day_trade_time_config", status=status, maker_id=1,
                        maker_name="Carmen", levels=2, approvals=approvals, summary="HK", payload={}, snapshot={},
                        proposed={}, diff_key="market", submitted_at=AT, updated_at=AT, expires_at=None,
                        resubmitted_from_id=None, decisions=list(decisions), blocked=blocked,
                        approval_levels=levels, cc=list(cc))


def decision(level: int, user_id: int, name: str, kind=Decision.APPROVE) -> WorkOrderDecisionOut:
    return WorkOrderDecisionOut(level=level, decider_id=user_id, decider_name=name, decision=kind, comment=None,
                                decided_at=AT)


def test_each_level_says_its_mode_approvers_who_decided_and_where_the_order_is():
    rows = route_rows(order(approvals=1, decisions=[decision(1, 3, "Grace")]))
    assert [(r.level, r.mode, r.approvers, r.decided_by, r.state) for r in rows] == [
        (1, "Any one approves", "Kelvin, Grace", "Grace ✓", LevelState.DECIDED),
        (2, "All approve", "Ann, Ben", "", LevelState.CURRENT),
    ]


def test_a_rejected_level_is_decided_and_the_levels_after_it_are_never_reached():
    rows = route_rows(order(status=WorkOrderStatus.REJECTED, decisions=[decision(1, 2, "Kelvin", Decision.REJECT)]))
    assert [(r.decided_by, r.state) for r in rows] == [("Kelvin ✗", LevelState.DECIDED), ("", LevelState.CLOSED)]


def test_cc_names_people_and_says_nobody_when_none():
    assert cc_text(order(cc=[person(9, "Vivian"), person(8, "Ray", active=False)])) == "Vivian, Ray (disabled)"
    assert cc_text(order()) == "Nobody"


def test_a_blocked_order_names_the_approvers_who_cannot_decide():
    assert blocked_reason(order()) == ""
    stuck = order(approvals=1, blocked=True, decisions=[decision(1, 4, "Ann")],
                  second=[person(4, "Ann"), person(5, "Ben", active=False)])
    assert blocked_reason(stuck) == ("Blocked: level 2 has no approver left who can decide it "
                                     "(Ann decided another level, Ben is disabled). The maker may withdraw it, "
                                     "or an administrator re-enable an approver.")


def test_an_empty_list_names_only_the_filters_set_away_from_their_default():
    fields = (STATUS_FIELD, MAKER_FIELD, *DATE_FIELDS)
    defaults = WorkOrderQuery()
    assert empty_texts.empty_text(empty_texts.INBOX, fields, defaults, defaults) == "Nothing awaits your decision."
    applied = WorkOrderQuery(status=WorkOrderStatus.REJECTED, submitted_from=date(2024, 5, 1), maker="")
    assert empty_texts.empty_text(empty_texts.CC_ME, fields, applied, defaults) == (
        "No order CC'd to you matches the filter (Status: Rejected; Submitted From: 2024-05-01).")
