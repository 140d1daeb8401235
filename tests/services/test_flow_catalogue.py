"""The flow identifiers: exactly the changelog's 13 risk flows plus the four help-center ones."""

from backend.auth.roles import ROLES
from services.contract.flows import ALL_FLOWS, FLOW_NAMES, HELP_CENTER_FLOWS, RISK_CREDIT_FLOWS
from services.contract.permissions import decide_permission


def test_ids_are_unique_and_complete():
    assert len(RISK_CREDIT_FLOWS) == 13 and len(HELP_CENTER_FLOWS) == 4
    assert len(set(ALL_FLOWS)) == len(ALL_FLOWS) == 17
    assert all(f.startswith("risk.credit.") for f in RISK_CREDIT_FLOWS)


def test_every_flow_has_a_name_in_both_languages():
    assert set(FLOW_NAMES) == set(ALL_FLOWS)
    for english, chinese in FLOW_NAMES.values():
        assert english.isascii() and english
        assert chinese and not chinese.isascii()


def test_every_flow_has_a_maker_role_and_a_separate_checker_role():
    for flow in ALL_FLOWS:
        makers = {r.code for r in ROLES if flow in r.permissions and r.code != "admin"}
        checkers = {r.code for r in ROLES if decide_permission(flow) in r.permissions and r.code != "admin"}
        assert makers and checkers and not makers & checkers, flow


def test_every_risk_flow_is_one_margin_action_or_the_day_trade_window_and_has_a_handler():
    from backend.work_orders.catalogue import CATALOGUE
    from services.contract.flows import MARGIN_FLOW_IDS

    margin = [flow for actions in MARGIN_FLOW_IDS.values() for flow in actions.values()]
    assert sorted(margin + ["risk.credit.set_day_trade_time_config"]) == sorted(RISK_CREDIT_FLOWS)
    assert set(RISK_CREDIT_FLOWS) <= set(CATALOGUE)
