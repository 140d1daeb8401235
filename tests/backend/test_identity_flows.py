"""Roles and grants as work orders (identity.user.update, identity.role.update): a second
administrator decides what the first asks; the detail shows the role or user before and after;
nobody grants themselves anything, as maker or decider; the administrator role is never edited and
the last active administrator never loses it; an order whose user or role changed goes stale. The
roles list and the permission codes the role editor offers; and roles seeded from code at start
without overwriting what administrators made of them."""

from sqlalchemy.orm import Session

from backend.auth.bootstrap import sync_roles
from backend.auth.roles import ROLES
from services.contract.identity import (
    IDENTITY_PERMISSIONS_PATH,
    ROLE_UPDATE_FLOW,
    USER_DISABLE_PATH,
    USER_ENABLE_PATH,
    USER_UPDATE_FLOW,
)
from services.contract.permission_areas import all_permission_codes
from services.contract.permissions import Perm, decide_permission
from tests.backend.chain_steps import change_chain, level
from tests.backend.identity_steps import (
    act,
    applied,
    grant_role,
    me,
    role,
    roles,
    sql,
    submit,
    submitted,
    user_roles,
    users,
)
from tests.backend.work_order_steps import decide
from tests.fixtures.app_backend import AppBackend

SERVICE_PERMS = sorted(next(r.permissions for r in ROLES if r.code == "customer_service"))


def refusal(response) -> tuple[int, str, list[tuple[str, str]]]:
    body = response.json()
    return response.status_code, body["code"], [(e["field"], e["code"]) for e in body.get("errors") or []]


def order(api: AppBackend, order_id: int, by: str = "admin") -> dict:
    with api.client(by) as client:
        return client.get(f"/work-orders/{order_id}").json()


# --- reading -------------------------------------------------------------------------------------


def test_the_roles_list_names_each_role_its_permissions_and_holders(api):
    listed = roles(api)
    assert set(listed) == {r.code for r in ROLES}
    admin = listed["admin"]
    assert (admin["built_in"], admin["user_count"], admin["name_zh"]) == (True, 2, "系統管理員")
    assert admin["permissions"] == list(all_permission_codes())
    checker = listed["risk_checker"]
    assert (checker["built_in"], checker["user_count"], checker["version"]) == (False, 2, 1)
    assert set(checker["permissions"]) == set(next(r.permissions for r in ROLES if r.code == "risk_checker"))


def test_the_role_editor_gets_every_permission_code_once_grouped_by_menu_area(api):
    with api.client("admin") as client:
        areas = client.get(IDENTITY_PERMISSIONS_PATH).json()
    assert [a["area"] for a in areas] == ["Risk", "Approvals", "Message Center", "Help Center", "Funds", "Identity",
                                          "System"]
    codes = [code for a in areas for code in a["permissions"]]
    assert sorted(codes) == sorted(all_permission_codes()) and len(codes) == len(set(codes))
    by_area = {a["area"]: a["permissions"] for a in areas}
    assert decide_permission("risk.credit.upload_stock_margin_ratio") in by_area["Risk"]
    assert {Perm.USER_ADMIN.value, USER_UPDATE_FLOW, decide_permission(ROLE_UPDATE_FLOW)} <= set(by_area["Identity"])
    assert by_area["System"] == [Perm.AUDIT_CHECKPOINTS_VIEW.value]


# --- four eyes -----------------------------------------------------------------------------------


def test_a_role_change_is_decided_by_a_second_administrator_and_shows_before_and_after(api):
    wanted = [*SERVICE_PERMS, Perm.HELP_ARTICLE_VIEW.value]
    pending = submitted(api, ROLE_UPDATE_FLOW, role("customer_service", wanted, "Client service", "客戶服務部"))
    assert roles(api)["customer_service"]["pending_work_order_id"] == pending["id"]
    assert pending["summary"] == f"Role customer_service (Client service): {len(wanted)} permissions"
    detail = order(api, pending["id"])
    assert detail["diff_key"] == "code"
    (before,) = detail["snapshot"]["rows"]
    (after,) = detail["proposed"]["rows"]
    assert (before["name_en"], after["name_en"]) == ("Customer service", "Client service")
    assert set(after["permissions"]) - set(before["permissions"]) == {Perm.HELP_ARTICLE_VIEW.value}
    assert Perm.HELP_ARTICLE_VIEW.value not in me(api, "service")["permissions"]  # nothing before approval

    assert refusal(decide(api, "admin", pending["id"]))[:2] == (403, "maker_cannot_decide")
    assert refusal(decide(api, "checker", pending["id"]))[:2] == (403, "not_an_approver")  # not on its chain
    applied(api, pending["id"], decider="admin2")
    assert Perm.HELP_ARTICLE_VIEW.value in me(api, "service")["permissions"]  # at once, no new sign-in
    changed = roles(api)["customer_service"]
    assert (changed["name_zh"], changed["version"], changed["user_count"]) == ("客戶服務部", 2, 1)


def test_a_new_role_is_created_and_a_user_gets_it_by_a_second_order(api):
    viewer = role("margin_viewer", [Perm.STOCK_MARGIN_VIEW.value, Perm.MARGIN_CALL_QUERY.value], "Margin viewer",
                  "保證金查閱")
    pending = submitted(api, ROLE_UPDATE_FLOW, viewer)
    assert order(api, pending["id"])["snapshot"]["rows"] == []  # a new role: a new row in the diff
    applied(api, pending["id"])
    assert roles(api)["margin_viewer"]["permissions"] == [Perm.MARGIN_CALL_QUERY.value, Perm.STOCK_MARGIN_VIEW.value]

    grant = submitted(api, USER_UPDATE_FLOW, {**user_roles("service", "customer_service", "margin_viewer"),
                                              "note": "Peter covers margin calls from Monday."})
    assert users(api)["service"]["pending_work_order_id"] == grant["id"]
    assert users(api)["funds"]["pending_work_order_id"] is None
    detail = order(api, grant["id"])
    assert (detail["diff_key"], detail["snapshot"]["rows"][0]["roles"], detail["proposed"]["rows"][0]["roles"]) == (
        "username", ["customer_service"], ["customer_service", "margin_viewer"])
    applied(api, grant["id"])
    assert me(api, "service")["roles"] == ["customer_service", "margin_viewer"]
    service = users(api)["service"]
    assert (service["version"], service["pending_work_order_id"]) == (2, None)


def test_nobody_asks_for_their_own_roles_nor_decides_them(api):
    response = submit(api, USER_UPDATE_FLOW, user_roles("admin", "admin", "risk_checker"))
    assert refusal(response) == (403, "self_grant", [("username", "self_grant")])
    pending = submitted(api, USER_UPDATE_FLOW, user_roles("admin2", "admin", "fund_ops"))
    for decision, comment in (("approve", None), ("reject", "no")):
        assert refusal(decide(api, "admin2", pending["id"], decision, comment))[:2] == (403, "self_grant")
    assert order(api, pending["id"])["status"] == "pending" and me(api, "admin2")["roles"] == ["admin"]


def test_nobody_adds_permissions_to_a_role_they_hold_but_may_take_some_away(api):
    grant_role(api, "admin2", "auditor", [Perm.APPROVAL_INBOX.value])
    more = role("auditor", [Perm.APPROVAL_INBOX.value, Perm.APPROVAL_VIEW_ALL.value])
    assert refusal(submit(api, ROLE_UPDATE_FLOW, more, maker="admin2")) == (403, "self_grant", [("code", "self_grant")])
    pending = submitted(api, ROLE_UPDATE_FLOW, more, maker="admin")
    assert refusal(decide(api, "admin2", pending["id"]))[:2] == (403, "self_grant")
    assert Perm.APPROVAL_VIEW_ALL.value in me(api, "admin2")["permissions"]  # as an administrator, not by auditor
    assert roles(api)["auditor"]["permissions"] == [Perm.APPROVAL_INBOX.value]
    with api.client("admin") as client:
        assert client.post(f"/work-orders/{pending['id']}/withdraw").status_code == 200
    fewer = submitted(api, ROLE_UPDATE_FLOW, role("auditor", []), maker="admin2")  # removing grants nothing
    assert applied(api, fewer["id"], decider="admin")["status"] == "applied"
    assert roles(api)["auditor"]["permissions"] == []


def test_the_administrator_role_is_never_edited(api):
    response = submit(api, ROLE_UPDATE_FLOW, role("admin", [Perm.USER_ADMIN.value]))
    assert refusal(response) == (422, "rule_violation", [("code", "built_in_role")])
    assert roles(api)["admin"]["permissions"] == list(all_permission_codes())


def test_unknown_users_roles_and_permission_codes_are_refused_naming_the_field(api):
    cases = [
        (USER_UPDATE_FLOW, user_roles("nobody", "fund_ops"), [("username", "no_such_user")]),
        (USER_UPDATE_FLOW, user_roles("funds", "fund_ops", "astronaut"), [("roles", "unknown_role")]),
        (USER_UPDATE_FLOW, user_roles("funds", "fund_ops"), [("roles", "no_change")]),
        (ROLE_UPDATE_FLOW, role("fund_ops", ["fund.clearing.view", "fund.fly", "approval.decide:nothing"]),
         [("permissions", "unknown_permission"), ("permissions", "unknown_permission")]),
    ]
    for flow, payload, errors in cases:
        assert refusal(submit(api, flow, payload)) == (422, "rule_violation", errors), payload
    for payload, field in ((role("Fund Ops", []), "code"), (role("fund_ops", [], name_en=" "), "name_en")):
        response = submit(api, ROLE_UPDATE_FLOW, payload)
        assert refusal(response)[:2] == (422, "validation_error") and response.json()["errors"][0]["field"] == field
    assert sql(api, "SELECT count(*) FROM work_orders WHERE flow LIKE 'identity.%'") == [(0,)]


def test_the_last_active_administrator_never_loses_the_role(api):
    # A user administrator who may request role changes, and a checker whom the flow's chain names.
    grant_role(api, "maker", "user_admin", [Perm.USER_ADMIN.value, USER_UPDATE_FLOW])
    change_chain(api, USER_UPDATE_FLOW, {"levels": [level(users=("checker",))]})
    demote_admin2 = user_roles("admin2", "fund_ops")
    assert act(api, USER_DISABLE_PATH, "admin", by="admin2").status_code == 200  # admin2 is the last one now
    response = submit(api, USER_UPDATE_FLOW, demote_admin2, maker="maker")
    assert refusal(response) == (422, "rule_violation", [("roles", "last_administrator")])
    assert act(api, USER_ENABLE_PATH, "admin", by="admin2").status_code == 200
    pending = submitted(api, USER_UPDATE_FLOW, demote_admin2, maker="maker")  # two are active: it may wait
    assert act(api, USER_DISABLE_PATH, "admin", by="admin2").status_code == 200
    # Checked again as it applies: submitted while two were active, it would leave none now.
    assert refusal(decide(api, "checker", pending["id"]))[:2] == (409, "last_administrator")
    assert me(api, "admin2")["roles"] == ["admin"] and order(api, pending["id"], by="maker")["status"] == "pending"


def test_an_order_whose_user_changed_meanwhile_goes_stale(api):
    pending = submitted(api, USER_UPDATE_FLOW, user_roles("service", "customer_service", "fund_ops"))
    assert act(api, USER_DISABLE_PATH, "service").status_code == 200  # the user's version moved
    assert decide(api, "admin2", pending["id"]).json()["status"] == "stale"
    assert users(api)["service"]["roles"] == ["customer_service"]
    second = submit(api, USER_UPDATE_FLOW, user_roles("service", "customer_service"))
    assert refusal(second) == (422, "rule_violation", [("roles", "no_change")])


# --- the seed ------------------------------------------------------------------------------------


def test_the_seed_adds_missing_roles_and_never_overwrites_what_administrators_made(api):
    changed = submitted(api, ROLE_UPDATE_FLOW, role("customer_service", [Perm.MESSAGE_RECORD_VIEW.value],
                                                    "Client service", "客戶服務部"))
    applied(api, changed["id"])
    sql(api, "DELETE FROM roles WHERE code = 'content_approver'")  # as if a new role came with this release
    sql(api, "DELETE FROM role_permissions WHERE permission = :p", p=Perm.USER_ADMIN.value)
    engine = api.engine()
    with Session(engine) as session:
        sync_roles(session)
        session.commit()
    engine.dispose()
    after = roles(api)
    assert (after["customer_service"]["name_en"], after["customer_service"]["permissions"]) == (
        "Client service", [Perm.MESSAGE_RECORD_VIEW.value])
    approver = next(r for r in ROLES if r.code == "content_approver")
    assert set(after["content_approver"]["permissions"]) == set(approver.permissions)
    assert after["admin"]["permissions"] == list(all_permission_codes())  # the administrators' came back
    assert after["fund_ops"]["version"] == 1
