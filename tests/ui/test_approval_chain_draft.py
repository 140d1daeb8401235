"""A chain being edited, without a widget: built from a chain as it stands, its parts added,
removed and moved, each broken rule named by the part it is about, and the ChainSpec it becomes."""

from services.contract.identity import ApprovalMode, Approvers, ChainLevel, ChainSpec, ConditionKind
from ui.approval_chains.chain_draft import CC, ChainDraft, Part

ROLES, USERS = {"risk_checker", "admin"}, {"checker", "admin2"}


def fields(draft: ChainDraft) -> list[tuple[str, str]]:
    return [(v.field, v.code) for v in draft.violations(ROLES, USERS)]


def test_a_draft_of_a_chain_becomes_the_same_chain():
    spec = ChainSpec.model_validate({
        "levels": [{"approvers": {"roles": ["risk_checker"], "users": ["admin2"]}, "mode": "all"}],
        "cc": {"users": ["checker"]},
        "stricter": [{"condition": {"kind": "rows_above", "value": "1000"},
                      "levels": [{"approvers": {"roles": ["admin"]}}] * 2}]})
    draft = ChainDraft.of(spec)
    assert draft.stricter[0].value == "1000"
    assert fields(draft) == [] and draft.to_spec() == spec


def test_parts_are_added_moved_and_removed_and_a_chain_keeps_one_level():
    draft = ChainDraft.of(None)
    assert not draft.can_remove(Part(None, 0)) and not draft.can_remove(CC)
    second = draft.add_level(None)
    assert second == Part(None, 1)
    draft.level(second).roles.append("admin")
    assert draft.move(second, -1) == Part(None, 0)
    assert draft.levels[0].roles == ["admin"] and not draft.can_move(Part(None, 0), -1)
    stricter = draft.add_stricter()
    assert stricter == Part(0) and draft.add_level(0) == Part(0, 1)
    assert draft.remove(Part(0, 1)) == Part(0, 0)
    assert draft.remove(stricter) == Part(None, 0) and draft.stricter == []
    assert draft.remove(Part(None, 1)) == Part(None, 0) and len(draft.levels) == 1


def test_each_broken_rule_is_named_by_its_part():
    draft = ChainDraft.of(None)  # one level naming nobody
    draft.cc.users += ["ghost", "checker", "checker"]
    stricter = draft.add_stricter()
    draft.stricter[0].value = "ten"
    draft.level(Part(0, 0)).roles.append("nobody_role")
    assert stricter is not None
    assert fields(draft) == [("stricter.1", "condition_value"), ("levels.1", "level_without_approver"),
                             ("cc.users", "unknown_user"), ("cc", "approver_repeated"),
                             ("stricter.1.levels.1.roles", "unknown_role")]
    draft.stricter[0].value = "0.00001"
    assert ("stricter.1", "condition_value") in fields(draft)
    draft.stricter[0].value, draft.stricter[0].kind = "12.5", ConditionKind.IM_LOWERED_BY_MORE_THAN
    assert ("stricter.1", "condition_value") not in fields(draft)


def test_using_the_default_chain_breaks_no_rule_and_removes_the_flows_own():
    draft = ChainDraft.of(None)
    draft.use_default = True
    assert fields(draft) == [] and draft.to_spec() is None
    draft.use_default = False
    draft.levels[0].users.append("checker")
    draft.levels[0].mode = ApprovalMode.ALL
    assert draft.to_spec() == ChainSpec(levels=[ChainLevel(approvers=Approvers(users=["checker"]),
                                                           mode=ApprovalMode.ALL)])
