"""Approval chains (審批流程配置) over HTTP: the chains the system starts with, a chain change as a
work order a second administrator decides, an order keeping the chain it was submitted under,
the default chain and the administrators behind it, stricter chains, CC, and refusals."""

from decimal import Decimal

from sqlalchemy import text
from sqlalchemy.orm import Session

from backend.approval_chains.seed import ensure_seeded
from backend.auth.roles import DEMO_USERS
from services.contract.flows import FLOWS
from tests.backend.chain_steps import (
    CHAIN_FLOW,
    WINDOW,
    approvers,
    change_chain,
    level,
    listed,
    shown,
    submit_chain,
)
from tests.backend.margin_steps import UPDATE, live_rows, row, submit, symbols
from tests.backend.work_order_steps import decide, fresh_order, live_window

NAME = {u.username: u.display_name for u in DEMO_USERS}
RISK_DECIDERS = {NAME[u] for u in ("checker", "checker2", "admin", "admin2")}


def _chains(api, user: str = "admin") -> dict:
    with api.client(user) as client:
        response = client.get("/approval-chains")
    assert response.status_code == 200, response.text
    return response.json()


def _versions(api, key: str) -> list[dict]:
    with api.client("admin") as client:
        response = client.get(f"/approval-chains/{key}/versions")
    assert response.status_code == 200, response.text
    return response.json()


def _count(api, sql: str) -> int:
    engine = api.engine()
    with engine.connect() as conn:
        value = conn.execute(text(sql)).scalar_one()
    engine.dispose()
    return value


def test_the_chains_start_as_the_roles_that_decided_each_flow_with_no_default(api):
    chains = _chains(api)
    assert (chains["default"]["flow"], chains["default"]["version"], chains["default"]["chain"]) == (None, None, None)
    by_flow = {c["flow"]: c for c in chains["flows"]}
    assert list(by_flow) == [f.id for f in FLOWS]
    window = by_flow[WINDOW]
    assert (window["area"], window["name_en"], window["version"]) == ("risk.credit", "Set day-trade window", 1)
    assert window["chain"]["levels"] == [level("risk_checker", "admin")] and window["chain"]["stricter"] == []
    upload = by_flow["risk.credit.upload_stock_margin_ratio"]["chain"]
    assert upload["stricter"] == [{"condition": {"kind": "rows_above", "value": "1000"},
                                   "levels": [level("risk_checker", "admin")] * 2}]
    assert by_flow["help_center.article.hide"]["chain"]["levels"] == [level("content_approver", "admin")]
    assert by_flow[CHAIN_FLOW]["chain"]["levels"] == [level("admin")]
    [first] = _versions(api, WINDOW)
    assert (first["version"], first["work_order_id"]) == (1, None)
    assert _versions(api, "*default*") == []
    with api.client("admin") as client:
        missing = client.get("/approval-chains/risk.credit.nothing/versions")
    assert (missing.status_code, missing.json()["code"]) == (404, "not_found")
    with api.client("checker") as client:
        assert client.get("/approval-chains").json()["code"] == "permission_denied"


def test_an_order_names_the_people_of_its_chain_and_never_its_maker(api):
    order = fresh_order(api, "HK", force_close="15:41")
    assert (order["chain_version"], order["levels"], order["blocked"]) == (1, 1, False)
    [only] = order["approval_levels"]
    assert only["mode"] == "any" and approvers(order) == RISK_DECIDERS
    assert {a["via"] for a in only["approvers"]} == {"role:risk_checker", "role:admin"}
    by_admin = fresh_order(api, "US", maker="admin", force_close="15:41")
    assert approvers(by_admin) == RISK_DECIDERS - {NAME["admin"]}


def test_a_chain_change_is_a_work_order_the_same_administrator_cannot_decide(api):
    submitted = submit_chain(api, WINDOW, {"levels": [level(users=("checker2",))]})
    assert submitted.status_code == 201, submitted.text
    change = submitted.json()
    assert (change["flow"], change["status"], change["diff_key"]) == (CHAIN_FLOW, "pending", "flow")
    assert approvers(change) == {NAME["admin2"]}  # the role admin, its maker left out
    assert change["snapshot"]["rows"][0]["chain"]["levels"] == [level("risk_checker", "admin")]
    assert change["proposed"]["rows"][0]["chain"]["levels"] == [level(users=("checker2",))]
    refused = decide(api, "admin", change["id"])
    assert (refused.status_code, refused.json()["code"]) == (403, "maker_cannot_decide")
    assert decide(api, "checker", change["id"], level=1).json()["code"] == "not_an_approver"
    assert next(c for c in _chains(api)["flows"] if c["flow"] == WINDOW)["pending_order_id"] == change["id"]
    second = submit_chain(api, WINDOW, {"levels": [level("admin")]}, maker="admin2")
    assert (second.status_code, second.json()["code"]) == (409, "target_locked")

    applied = decide(api, "admin2", change["id"])
    assert applied.json()["status"] == "applied", applied.text
    versions = _versions(api, WINDOW)
    assert [(v["version"], v["work_order_id"]) for v in versions] == [(2, change["id"]), (1, None)]
    assert versions[0]["chain"]["levels"] == [level(users=("checker2",))]
    assert _count(api, "SELECT count(*) FROM audit_events WHERE action = 'work_order.apply' "
                       f"AND entity_type = '{CHAIN_FLOW}'") == 1

    order = fresh_order(api, "HK", force_close="15:42")
    assert (order["chain_version"], approvers(order)) == (2, {NAME["checker2"]})
    assert decide(api, "checker", order["id"], level=1).json()["code"] == "not_an_approver"
    assert decide(api, "checker2", order["id"]).json()["status"] == "applied"


def test_an_order_keeps_the_chain_it_was_submitted_under(api):
    waiting = fresh_order(api, "HK", force_close="15:43")
    change_chain(api, WINDOW, {"levels": [level(users=("checker2",))]})
    kept = shown(api, "maker", waiting["id"])
    assert (kept["chain_version"], approvers(kept)) == (1, RISK_DECIDERS)
    assert waiting["id"] in listed(api, "checker", view="awaiting_me")
    assert decide(api, "checker", waiting["id"]).json()["status"] == "applied"
    assert live_window(api, "HK").force_close.strftime("%H:%M") == "15:43"
    assert fresh_order(api, "US", force_close="15:43")["chain_version"] == 2


def test_without_its_own_chain_a_flow_goes_to_the_default_chain_then_to_the_administrators(api):
    change_chain(api, None, {"levels": [level(users=("checker2",))]})
    assert fresh_order(api, "HK", force_close="15:44")["chain_version"] == 1  # its own still applies
    change_chain(api, WINDOW, None)
    assert [v["chain"] for v in _versions(api, WINDOW)][0] is None
    by_default = fresh_order(api, "HK", force_close="15:45")
    assert approvers(by_default) == {NAME["checker2"]}
    assert by_default["chain_version"] == _chains(api)["default"]["version"] == 1
    change_chain(api, None, None)
    nobody = fresh_order(api, "HK", force_close="15:46")
    assert (nobody["chain_version"], approvers(nobody)) == (None, {NAME["admin"], NAME["admin2"]})
    assert decide(api, "checker", nobody["id"], level=1).json()["code"] == "not_an_approver"
    assert decide(api, "admin", nobody["id"]).json()["status"] == "applied"


def test_a_chain_that_names_nobody_real_is_refused_naming_the_field_and_nothing_changes(api):
    orders = _count(api, "SELECT count(*) FROM work_orders")
    cases = [
        (WINDOW, {"levels": [level("ghost_role")]}, "levels.1.roles", "unknown_role"),
        (WINDOW, {"levels": [level("admin")], "cc": {"users": ["nobody_here"]}}, "cc.users", "unknown_user"),
        (WINDOW, {"levels": [level("admin"), level()]}, "levels.2", "level_without_approver"),
        ("risk.credit.nothing", {"levels": [level("admin")]}, "flow", "no_such_flow"),
        (None, None, "chain", "no_chain_to_remove"),
    ]
    for flow, chain, field, code in cases:
        response = submit_chain(api, flow, chain)
        assert (response.status_code, response.json()["code"]) == (422, "rule_violation"), response.text
        assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [(field, code)]
    malformed = submit_chain(api, WINDOW, {"levels": []})
    assert (malformed.status_code, malformed.json()["code"]) == (422, "validation_error")
    assert malformed.json()["errors"][0]["field"] == "chain.levels"
    assert _count(api, "SELECT count(*) FROM work_orders") == orders
    assert len(_versions(api, WINDOW)) == 1


def test_a_level_naming_nobody_but_the_maker_refuses_the_order(api):
    change_chain(api, WINDOW, {"levels": [level(users=("maker",))]})
    orders = _count(api, "SELECT count(*) FROM work_orders")
    with api.client("maker") as client:
        response = client.post("/work-orders", headers={"Idempotency-Key": "no-approver-1"},
                               json={"flow": WINDOW, "payload": {"market": "HK", "time_zone": "Asia/Hong_Kong",
                                                                 "start": "09:30", "force_close": "15:47",
                                                                 "end": "16:00"}})
    assert (response.status_code, response.json()["code"]) == (409, "no_approver"), response.text
    assert response.json()["errors"][0]["field"] == "levels.1"
    assert _count(api, "SELECT count(*) FROM work_orders") == orders


def _lowered(live, by: str) -> dict:
    """The live row with its IM lowered by ``by``, the lower ratios kept at or under it."""
    im = live.im - Decimal(by)
    mcm = min(live.mcm, im)
    mm = min(live.mm, mcm)
    return row(live.symbol, im=str(im), mcm=str(mcm), mm=str(mm), fm=str(min(live.fm, mm)))


def test_a_stricter_chain_applies_when_the_im_goes_down_by_more_than_its_points(api):
    change_chain(api, UPDATE, {"levels": [level("risk_checker")], "stricter": [
        {"condition": {"kind": "im_lowered_by_more_than", "value": "10"},
         "levels": [level("risk_checker"), level(users=("admin2",))]}]})
    picked = symbols(api, "HK", 2, with_row=True, financeable=True)  # financeable HK rows ask IM 30 % or more
    live = live_rows(api, picked)
    steep = submit(api, UPDATE, _lowered(live[picked[0]], "0.2"))
    assert steep.status_code == 201, steep.text
    assert (steep.json()["levels"], approvers(steep.json(), 2)) == (2, {NAME["admin2"]})
    gentle = submit(api, UPDATE, _lowered(live[picked[1]], "0.1"))  # exactly 10 points: not more
    assert gentle.status_code == 201, gentle.text
    assert gentle.json()["levels"] == 1


def test_people_copied_on_an_order_read_it_but_never_decide_it(api):
    change_chain(api, WINDOW, {"levels": [level("risk_checker")], "cc": {"users": ["publisher"], "roles": []}})
    order = fresh_order(api, "HK", force_close="15:48")
    assert [(c["name"], c["via"]) for c in order["cc"]] == [(NAME["publisher"], "user")]
    assert order["id"] in listed(api, "publisher", view="cc_me")
    assert order["id"] not in listed(api, "checker", view="cc_me")
    assert order["id"] not in listed(api, "publisher", view="awaiting_me")
    assert shown(api, "publisher", order["id"])["id"] == order["id"]
    assert decide(api, "publisher", order["id"], level=1).json()["code"] == "not_an_approver"
    with api.client("service") as client:  # neither named nor copied: learns nothing
        assert client.get(f"/work-orders/{order['id']}").status_code == 404


def test_a_start_gives_a_flow_that_never_had_a_chain_its_starting_one_and_nothing_else(api):
    """A flow new in a release (here: one whose rows are gone) gets the chain of its decide roles;
    a chain someone removed stays removed."""
    change_chain(api, "help_center.article.hide", None)
    engine = api.engine()
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM approval_chains WHERE flow = :f"), {"f": WINDOW})
    with Session(engine) as session:
        assert ensure_seeded(session) == 1
        session.commit()
        assert ensure_seeded(session) == 0
    engine.dispose()
    [fresh] = _versions(api, WINDOW)
    assert (fresh["version"], fresh["chain"]["levels"]) == (1, [level("risk_checker", "admin")])
    assert _versions(api, "help_center.article.hide")[0]["chain"] is None
