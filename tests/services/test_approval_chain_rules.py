"""Approval chain resolution, table-driven on the pure rules: which chain, which levels for a
payload (stricter chains by rows and by IM lowered), who each level names, and a chain's checks."""

from decimal import Decimal

import pytest

from services.contract.identity import ApprovalMode, Approvers, ChainLevel, ChainSpec
from services.rules.approval_chain import (
    FALLBACK_CHAIN,
    chain_in_force,
    check_spec,
    condition_holds,
    im_lowered_points,
    levels_for,
    resolve,
    rows_named,
)


def level(*roles: str, users: tuple[str, ...] = (), mode: str = "any") -> dict:
    return {"approvers": {"roles": list(roles), "users": list(users)}, "mode": mode}


def chain(*levels: dict, stricter: tuple[dict, ...] = (), cc: dict | None = None) -> ChainSpec:
    return ChainSpec.model_validate({"levels": list(levels), "stricter": list(stricter),
                                     "cc": cc or {"roles": [], "users": []}})


def stricter(kind: str, value: str, *levels: dict) -> dict:
    return {"condition": {"kind": kind, "value": value}, "levels": list(levels)}


OWN = chain(level("risk_checker"))
DEFAULT = chain(level("ops_lead"))


@pytest.mark.parametrize(("own", "default", "expected"), [
    (OWN, DEFAULT, OWN),           # a flow's own chain first
    (None, DEFAULT, DEFAULT),      # none of its own (never set, or removed): the default chain
    (OWN, None, OWN),
    (None, None, FALLBACK_CHAIN),  # no chain at all: the administrators
])
def test_the_chain_in_force(own, default, expected):
    assert chain_in_force(own, default) == expected


def test_with_no_chain_at_all_the_administrators_decide_in_one_level():
    [only] = FALLBACK_CHAIN.levels
    assert (only.approvers.roles, only.approvers.users, only.mode) == (["admin"], [], ApprovalMode.ANY)


def _long(symbol: str, im: str) -> dict:
    return {"symbol": symbol, "market": "HK", "im": im, "mcm": "0.3", "mm": "0.3", "fm": "0.2"}


LIVE = {"rows": [_long("00700.HK", "0.5"), _long("09988.HK", "0.6")]}


@pytest.mark.parametrize(("payload", "rows"), [
    ({"mode": "upsert", "rows": [_long("00700.HK", "0.4")] * 3}, 3),    # an upload
    ({"symbols": ["00700.HK", "09988.HK"]}, 2),                       # a batch delete
    ({"rows": []}, 0),
    (_long("00700.HK", "0.4"), 1),                                    # one row
    ({"symbol": "00700.HK"}, 1),                                      # a single delete
])
def test_rows_named(payload, rows):
    assert rows_named(payload) == rows


@pytest.mark.parametrize(("payload", "points"), [
    (_long("00700.HK", "0.45"), Decimal("5")),                               # a single edit, 50 % → 45 %
    ({"rows": [_long("00700.HK", "0.45"), _long("09988.HK", "0.3")]}, Decimal("30")),  # the most of a batch
    (_long("00700.HK", "0.7"), Decimal("0")),                                # raised
    (_long("00005.HK", "0.1"), Decimal("0")),                                # a new row replaces nothing
    ({"symbol": "00700.HK"}, Decimal("0")),                                  # a delete names no IM
])
def test_im_lowered_in_percentage_points_against_the_live_rows(payload, points):
    assert im_lowered_points(payload, LIVE) == points


TWO = (level("risk_checker"), level("risk_lead"))
JOINT = (level(users=("checker", "checker2"), mode="all"),)
TIERED = chain(level("risk_checker"), stricter=(
    stricter("im_lowered_by_more_than", "20", *JOINT),  # listed first: wins when both hold
    stricter("rows_above", "2", *TWO),
))
MANY = {"rows": [_long("00700.HK", "0.5"), _long("09988.HK", "0.6"), _long("00005.HK", "0.5")]}


@pytest.mark.parametrize(("payload", "expected"), [
    (_long("00700.HK", "0.45"), [level("risk_checker")]),           # neither condition holds
    (_long("00700.HK", "0.30"), [level("risk_checker")]),           # lowered 20 points: not more than 20
    (_long("00700.HK", "0.29"), list(JOINT)),                       # lowered 21 points
    (MANY, list(TWO)),                                              # 3 rows > 2
    ({"rows": [*MANY["rows"], _long("09988.HK", "0.1")]}, list(JOINT)),  # both hold: the first listed
    ({"symbols": ["a", "b"]}, [level("risk_checker")]),             # 2 rows: not above 2
    ({"symbols": ["a", "b", "c"]}, list(TWO)),
])
def test_the_levels_that_apply_to_a_payload(payload, expected):
    got = levels_for(TIERED, payload, LIVE)
    assert [lv.model_dump(mode="json") for lv in got] == [ChainLevel.model_validate(e).model_dump(mode="json")
                                                          for e in expected]


def test_the_modes_of_the_levels_carry_through():
    got = levels_for(TIERED, _long("00700.HK", "0.1"), LIVE)
    assert [lv.mode for lv in got] == [ApprovalMode.ALL]
    assert [lv.mode for lv in levels_for(TIERED, MANY, LIVE)] == [ApprovalMode.ANY, ApprovalMode.ANY]


def test_the_rows_condition_is_strictly_above():
    condition = TIERED.stricter[1].condition
    assert not condition_holds(condition, {"rows": [{}] * 2}, {"rows": []})
    assert condition_holds(condition, {"rows": [{}] * 3}, {"rows": []})


MEMBERS = {"risk_checker": {2, 3, 9}, "admin": {9, 10}}
ACTIVE = {"checker": 2, "carol": 5, "maker": 1}  # active usernames → ids (disabled ones are absent)


@pytest.mark.parametrize(("approvers", "expected"), [
    (Approvers(roles=["risk_checker"]), {2: "role:risk_checker", 3: "role:risk_checker", 9: "role:risk_checker"}),
    (Approvers(users=["carol"]), {5: "user"}),
    # a person named by name and by a role counts once, as named; one in two roles once, by the first
    (Approvers(roles=["risk_checker", "admin"], users=["checker"]),
     {2: "user", 3: "role:risk_checker", 9: "role:risk_checker", 10: "role:admin"}),
    (Approvers(users=["maker", "carol"]), {5: "user"}),      # never the maker, whatever names them
    (Approvers(users=["dora"]), {}),                          # disabled (or unknown): nobody
    (Approvers(roles=["nobody_holds"]), {}),
])
def test_who_a_level_names(approvers, expected):
    assert resolve(approvers, MEMBERS, ACTIVE, maker_id=1) == expected


def test_the_maker_is_left_out_of_the_roles_they_hold():
    assert resolve(Approvers(roles=["admin"]), MEMBERS, ACTIVE, maker_id=9) == {10: "role:admin"}


ROLES, USERS = {"admin", "risk_checker"}, {"checker", "checker2"}


@pytest.mark.parametrize(("spec", "violations"), [
    (chain(level("risk_checker", users=("checker",))), []),
    (chain(level()), [("levels.1", "level_without_approver")]),
    (chain(level("ghost")), [("levels.1.roles", "unknown_role")]),
    (chain(level(users=("nobody",))), [("levels.1.users", "unknown_user")]),
    (chain(level("admin", "admin")), [("levels.1", "approver_repeated")]),
    (chain(level("admin"), cc={"roles": ["ghost"], "users": []}), [("cc.roles", "unknown_role")]),
    (chain(level("admin"), cc={"roles": [], "users": []}), []),  # no CC is fine
    (chain(level("admin"), stricter=(stricter("rows_above", "5", level("admin"), level()),)),
     [("stricter.1.levels.2", "level_without_approver")]),
])
def test_a_chain_is_checked_before_it_is_submitted(spec, violations):
    assert [(v.field, v.code) for v in check_spec(spec, ROLES, USERS)] == violations


def test_an_unknown_name_is_named_in_the_violation():
    [violation] = check_spec(chain(level("ghost")), ROLES, USERS)
    assert dict(violation.params) == {"code": "ghost"} and "ghost" in violation.message
