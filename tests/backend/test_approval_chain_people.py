"""What the 審批流程配置 editor reads besides the chains: whom a chain may name (active users with
their roles, every role in both languages), who changed each version by which order, and the
maker's note travelling with a chain change."""

import uuid

from backend.auth.roles import DEMO_USERS, ROLES
from tests.backend.chain_steps import (
    CHAIN_FLOW,
    WINDOW,
    change_chain,
    level,
    new_user,
    set_active,
    submit_chain,
)
from tests.backend.work_order_steps import post

NAME = {u.username: u.display_name for u in DEMO_USERS}


def _people(api, user: str = "admin"):
    with api.client(user) as client:
        return client.get("/approval-chains/people")


def test_the_people_are_the_active_users_with_their_roles_and_every_role_in_both_languages(api):
    someone = new_user(api, "risk_checker", "content_approver")
    gone = new_user(api, "risk_checker")
    set_active(api, gone, False)
    response = _people(api)
    assert response.status_code == 200, response.text
    users = {u["username"]: u for u in response.json()["users"]}
    assert users["checker"] == {"username": "checker", "display_name": NAME["checker"], "roles": ["risk_checker"]}
    assert users[someone]["roles"] == ["content_approver", "risk_checker"]
    assert gone not in users
    assert [u["username"] for u in response.json()["users"]] == sorted(users)
    roles = {r["code"]: (r["name_en"], r["name_zh"]) for r in response.json()["roles"]}
    assert roles["risk_checker"] == ("Risk checker", "風控覆核")
    assert set(roles) >= {r.code for r in ROLES}


def test_only_who_may_view_the_chains_reads_the_people(api):
    for user in ("checker", "maker", "publisher"):
        response = _people(api, user)
        assert (response.status_code, response.json()["code"]) == (403, "permission_denied")
    with api.client(None) as anonymous:
        assert anonymous.get("/approval-chains/people").status_code == 401


def test_a_version_names_who_asked_for_it_and_who_approved_it(api):
    applied = change_chain(api, WINDOW, {"levels": [level("risk_checker"), level(users=("admin",))]})
    with api.client("admin") as client:
        versions = client.get(f"/approval-chains/{WINDOW}/versions").json()
    newest, first = versions
    assert (newest["version"], newest["work_order_id"]) == (2, applied["id"])
    assert (newest["maker_name"], newest["approver_names"]) == (NAME["admin"], [NAME["admin2"]])
    assert (first["work_order_id"], first["maker_name"], first["approver_names"]) == (None, None, [])


def test_the_note_travels_with_the_change_and_a_long_one_is_refused_naming_it(api):
    chain = {"levels": [level("risk_checker")]}
    with_note = submit_chain_with_note(api, chain, "  Checkers alone, per the risk committee.  ")
    assert with_note.status_code == 201, with_note.text
    assert with_note.json()["payload"]["note"] == "Checkers alone, per the risk committee."
    with api.client("admin") as client:
        assert client.post(f"/work-orders/{with_note.json()['id']}/withdraw").status_code == 200
    too_long = submit_chain_with_note(api, chain, "x" * 501)
    assert (too_long.status_code, too_long.json()["code"]) == (422, "validation_error")
    assert too_long.json()["errors"][0]["field"] == "note"
    plain = submit_chain(api, WINDOW, chain)
    assert plain.status_code == 201 and plain.json()["payload"].get("note") is None


def submit_chain_with_note(api, chain: dict, note: str):
    with api.client("admin") as client:
        return post(client, {"flow": CHAIN_FLOW,
                             "payload": {"flow": WINDOW, "chain": chain, "note": note}}, str(uuid.uuid4()))
