"""The flow table: exactly the changelog's 13 risk flows plus the four help-center ones and the three
of identity administration, one row each, and every table of flows derived from it."""

from pydantic import BaseModel

from backend.auth.roles import DEMO_USERS, ROLES
from services.contract.flows import (
    ALL_FLOWS,
    FLOWS,
    HELP_CENTER_FLOWS,
    IDENTITY_FLOWS,
    MARGIN_FLOW_IDS,
    MARGIN_TARGET_PREFIX,
    RISK_CREDIT_FLOWS,
    MarginAction,
    MarginKind,
    flow,
)
from services.contract.permissions import decide_permission


def test_ids_are_unique_and_complete():
    assert len(RISK_CREDIT_FLOWS) == 13 and len(HELP_CENTER_FLOWS) == 4
    assert IDENTITY_FLOWS == ("identity.approval_chain.update", "identity.user.update", "identity.role.update")
    assert len(set(ALL_FLOWS)) == len(ALL_FLOWS) == 20
    assert ALL_FLOWS == tuple(f.id for f in FLOWS) == RISK_CREDIT_FLOWS + HELP_CENTER_FLOWS + IDENTITY_FLOWS
    assert all(f.startswith("risk.credit.") for f in RISK_CREDIT_FLOWS)
    assert HELP_CENTER_FLOWS == ("help_center.article.update", "help_center.article.delete",
                                 "help_center.article.hide", "help_center.article.show")
    assert flow("risk.credit.nothing") is None and flow(ALL_FLOWS[0]) is FLOWS[0]


def test_every_flow_has_an_english_name_for_translation_and_a_payload_model():
    names = [f.name_en for f in FLOWS]
    assert len(set(names)) == len(names)
    for row in FLOWS:
        assert row.name_en.isascii() and row.name_en[0].isupper(), row.id
        assert row.payload_models and all(issubclass(m, BaseModel) for m in row.payload_models), row.id


def test_each_margin_flow_is_one_action_on_one_table_and_the_other_tables_follow():
    margin = [f for f in FLOWS if f.margin_kind is not None]
    assert all(f.margin_action is not None for f in margin)
    assert {(f.margin_kind, f.margin_action) for f in margin} == {
        *((kind, action) for kind in (MarginKind.LONG, MarginKind.INTRADAY) for action in MarginAction),
        (MarginKind.SHORT, MarginAction.UPDATE), (MarginKind.SHORT, MarginAction.UPLOAD)}
    assert MARGIN_FLOW_IDS["long"] == {"create": "risk.credit.create_stock_margin_task",
                                       "update": "risk.credit.update_stock_margin_task",
                                       "delete": "risk.credit.delete_stock_margin_ratio",
                                       "batch_delete": "risk.credit.batch_delete_stock_margin_ratio",
                                       "upload": "risk.credit.upload_stock_margin_ratio"}
    assert list(MARGIN_FLOW_IDS["short"]) == ["update", "upload"]  # in the order the pages offer them
    assert MARGIN_TARGET_PREFIX == {"long": "stock_margin", "short": "short_margin", "intraday": "intraday_margin"}


def test_every_flow_has_a_maker_role_and_a_separate_checker_role():
    for flow_id in set(ALL_FLOWS) - set(IDENTITY_FLOWS):
        makers = {r.code for r in ROLES if flow_id in r.permissions and r.code != "admin"}
        checkers = {r.code for r in ROLES if decide_permission(flow_id) in r.permissions and r.code != "admin"}
        assert makers and checkers and not makers & checkers, flow_id


def test_identity_flows_are_the_administrators_and_two_of_them_are_seeded():
    """Administrators request and decide identity changes; the maker never decides their own, so
    a second administrator decides (the demo data has two)."""
    for flow_id in IDENTITY_FLOWS:
        holders = {r.code for r in ROLES if {flow_id, decide_permission(flow_id)} & set(r.permissions)}
        assert holders == {"admin"}, flow_id
    assert len([u for u in DEMO_USERS if "admin" in u.roles]) == 2


def test_every_flow_has_a_handler_reading_the_row_s_payload_models():
    from backend.work_orders.catalogue import CATALOGUE

    margin = [flow for actions in MARGIN_FLOW_IDS.values() for flow in actions.values()]
    assert sorted(margin + ["risk.credit.set_day_trade_time_config"]) == sorted(RISK_CREDIT_FLOWS)
    assert set(CATALOGUE) == set(ALL_FLOWS)
    for row in FLOWS:
        reader = CATALOGUE[row.id].handler.payload_model
        if isinstance(reader, type) and issubclass(reader, BaseModel):
            assert row.payload_models == (reader,), row.id
        else:  # a reader choosing among several models by the payload's shape
            assert len(row.payload_models) > 1, row.id
        assert CATALOGUE[row.id].name_en == row.name_en
