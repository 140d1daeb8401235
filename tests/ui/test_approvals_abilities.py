"""Which orders the approvals pages offer to decide: the detail's approvers of its current level,
never the maker, never someone who decided a level of it (the backend refuses the rest anyway)."""

from datetime import UTC, datetime

from services.contract.schemas import MeOut, WorkOrderOut
from ui.approvals.abilities import may_add_cc, may_decide, may_transfer

AT = datetime(2026, 12, 7, 2, tzinfo=UTC)
MAKER, CHECKER, CHECKER2 = 1, 2, 3


def me(user_id: int) -> MeOut:
    return MeOut(id=user_id, username=f"u{user_id}", display_name=f"U{user_id}", roles=[], permissions=[])


def order(*levels: list[int], approvals: int = 0, decided_by: tuple[int, ...] = (), status: str = "pending"):
    return WorkOrderOut.model_validate({
        "id": 7, "flow": "risk.credit.set_day_trade_time_config", "status": status, "maker_id": MAKER,
        "maker_name": "Maker", "levels": len(levels), "approvals": approvals, "summary": "", "payload": {},
        "snapshot": {}, "proposed": {}, "diff_key": "market", "submitted_at": AT, "updated_at": AT,
        "expires_at": None, "resubmitted_from_id": None,
        "decisions": [{"level": 1, "decider_id": d, "decider_name": "D", "decision": "approve", "comment": None,
                       "decided_at": AT} for d in decided_by],
        "approval_levels": [{"level": n, "mode": "any", "approvers": [
            {"user_id": u, "name": f"U{u}", "via": "user", "active": True} for u in people]}
            for n, people in enumerate(levels, start=1)]})


def test_the_current_levels_approvers_may_decide_and_nobody_else():
    two = order([CHECKER], [CHECKER2])
    assert may_decide(me(CHECKER), two) and not may_decide(me(CHECKER2), two)
    moved = order([CHECKER], [CHECKER, CHECKER2], approvals=1, decided_by=(CHECKER,))
    assert may_decide(me(CHECKER2), moved) and not may_decide(me(CHECKER), moved)  # one level each
    assert not may_decide(me(MAKER), order([MAKER, CHECKER]))
    assert not may_decide(me(CHECKER), order([CHECKER], status="applied"))


DELEGATE = 4


def test_a_delegate_may_decide_where_the_backend_found_their_delegation_in_force():
    away = order([CHECKER]).model_copy(update={"delegated_to_me": [CHECKER]})
    assert may_decide(me(DELEGATE), away)
    assert not may_decide(me(DELEGATE), order([CHECKER]))  # none in force for this order
    decided_for = order([CHECKER], [CHECKER2], approvals=1, decided_by=(DELEGATE,))
    assert not may_decide(me(DELEGATE), decided_for.model_copy(update={"delegated_to_me": [CHECKER2]}))


def test_only_an_undecided_seat_of_the_current_level_is_transferred_and_the_maker_or_approvers_copy():
    joint = order([CHECKER, CHECKER2])
    assert may_transfer(me(CHECKER), joint) and not may_transfer(me(DELEGATE), joint)
    assert not may_transfer(me(CHECKER), order([CHECKER, CHECKER2], decided_by=(CHECKER,)))
    assert not may_transfer(me(CHECKER), order([CHECKER2], [CHECKER]))  # level 2 is not current
    assert not may_transfer(me(CHECKER), order([CHECKER], status="applied"))
    assert may_add_cc(me(MAKER), joint) and may_add_cc(me(CHECKER2), joint)
    assert not may_add_cc(me(DELEGATE), joint)
