"""Help Center › Article Categories over HTTP: a tree of categories that the editor creates,
renames, moves, reorders, hides and deletes directly (no approval: the manual puts none on them),
under a permission of its own, each change audited; every refusal names the field and its reason
and changes nothing."""

import json
import uuid

import pytest

from tests.backend.test_help_center_flows import (
    UPDATE,
    approved,
    categories,
    edit,
    listed,
    sql,
    submit,
    submitted,
    unique,
)
from tests.fixtures.app_backend import AppBackend

CATEGORIES = "/help-center/categories"


def tree(api: AppBackend, user: str = "editor") -> dict[int, dict]:
    with api.client(user) as client:
        response = client.get(CATEGORIES)
    assert response.status_code == 200, response.text
    return {c["id"]: c for c in response.json()}


def create(api: AppBackend, name: str, name_zh: str | None = None, parent_id: int | None = None,
           user: str = "editor"):
    with api.client(user) as client:
        return client.post(CATEGORIES, json={"name": name, "name_zh": name[:40] if name_zh is None else name_zh,
                                          "parent_id": parent_id})


def created(api: AppBackend, name: str | None = None, parent_id: int | None = None) -> dict:
    name = name or unique("Category")
    response = create(api, name, f"分類 {name[-10:]}", parent_id)
    assert response.status_code == 201, response.text
    return response.json()


def post(api: AppBackend, path: str, body: dict, user: str = "editor"):
    with api.client(user) as client:
        return client.post(f"{CATEGORIES}/{path}", json=body)


def delete(api: AppBackend, category: dict, user: str = "editor"):
    with api.client(user) as client:
        return client.delete(f"{CATEGORIES}/{category['id']}", params={"version": category["version"]})


def errors(response) -> list[tuple[str, str]]:
    return [(e["field"], e["code"]) for e in response.json()["errors"]]


def audit_actions(api: AppBackend, category_id: int) -> list[str]:
    rows = sql(api, "SELECT action FROM audit_events WHERE entity_type = 'help_category' AND entity_id = :id "
                    "ORDER BY id", id=str(category_id))
    return [r[0] for r in rows]


def test_categories_nest_in_levels_and_the_list_reads_as_a_tree(api):
    top = created(api)
    child = created(api, parent_id=top["id"])
    grandchild = created(api, parent_id=child["id"])
    assert (top["parent_id"], child["parent_id"], grandchild["parent_id"]) == (None, top["id"], child["id"])
    assert (child["sort_order"], child["hidden"], child["version"], child["article_count"]) == (1, False, 1, 0)
    ids = list(tree(api))
    assert ids.index(top["id"]) < ids.index(child["id"]) < ids.index(grandchild["id"])
    assert audit_actions(api, child["id"]) == ["help_category.create"]
    # A fourth level is refused, naming the field; nothing is made.
    before = tree(api)
    deeper = create(api, unique("Too deep"), parent_id=grandchild["id"])
    assert (deeper.status_code, deeper.json()["code"]) == (422, "rule_violation")
    assert errors(deeper) == [("parent_id", "category_too_deep")]
    assert tree(api) == before


@pytest.mark.parametrize(("name", "name_zh", "expected"), [
    ("", "未用名稱", [("name", "required")]),
    ("Unused name", "", [("name_zh", "required")]),
    ("x" * 81, "未用名稱", [("name", "name_too_long")]),
    ("Unused name", "長" * 41, [("name_zh", "name_too_long")]),
    ("  account   OPENING ", "新開戶", [("name", "duplicate_name")]),  # a sibling's name, case and spacing aside
])
def test_a_category_needs_both_names_free_among_its_siblings(api, name, name_zh, expected):
    before = tree(api)
    refused = create(api, name, name_zh)
    assert (refused.status_code, refused.json()["code"]) == (422, "rule_violation")
    assert errors(refused) == expected
    assert tree(api) == before


def test_rename_move_and_hide_are_direct_audited_and_check_the_version_seen(api):
    top, other = created(api), created(api)
    child = created(api, parent_id=top["id"])
    new_name = unique("Renamed")
    renamed = post(api, f"{child['id']}/rename", {"version": 1, "name": new_name, "name_zh": "新名稱"})
    assert renamed.status_code == 200, renamed.text
    assert (renamed.json()["name"], renamed.json()["name_zh"], renamed.json()["version"]) == (new_name, "新名稱", 2)
    stale = post(api, f"{child['id']}/rename", {"version": 1, "name": unique("Late"), "name_zh": "遲"})
    assert (stale.status_code, stale.json()["code"]) == (409, "target_changed")

    moved = post(api, f"{child['id']}/move", {"version": 2, "parent_id": other["id"]})
    assert moved.status_code == 200, moved.text
    assert (moved.json()["parent_id"], moved.json()["version"]) == (other["id"], 3)
    to_top = post(api, f"{child['id']}/move", {"version": 3, "parent_id": None})
    assert (to_top.json()["parent_id"], to_top.json()["sort_order"]) == (None, max(
        c["sort_order"] for c in tree(api).values() if c["parent_id"] is None))

    hidden = post(api, f"{child['id']}/visibility", {"version": 4, "hidden": True})
    assert (hidden.json()["hidden"], hidden.json()["version"]) == (True, 5)
    again = post(api, f"{child['id']}/visibility", {"version": 5, "hidden": True})
    assert errors(again) == [("hidden", "already_hidden")]
    shown = post(api, f"{child['id']}/visibility", {"version": 5, "hidden": False})
    assert shown.json()["hidden"] is False
    assert audit_actions(api, child["id"]) == ["help_category.create", "help_category.rename", "help_category.move",
                                               "help_category.move", "help_category.hide", "help_category.show"]
    [(before, after)] = sql(api, "SELECT before, after FROM audit_events WHERE entity_type = 'help_category' AND "
                                 "entity_id = :id AND action = 'help_category.rename'", id=str(child["id"]))
    before, after = (json.loads(v) if isinstance(v, str) else v for v in (before, after))  # SQLite: text
    assert (before["name_zh"], after["name_zh"]) == (child["name_zh"], "新名稱")


def test_a_category_cannot_move_under_itself_its_children_or_too_deep(api):
    top = created(api)
    child = created(api, parent_id=top["id"])
    grandchild = created(api, parent_id=child["id"])
    before = tree(api)
    for parent in (top, grandchild):
        refused = post(api, f"{top['id']}/move", {"version": 1, "parent_id": parent["id"]})
        assert (refused.status_code, errors(refused)) == (422, [("parent_id", "category_cycle")])
    other = created(api)
    too_deep = post(api, f"{top['id']}/move", {"version": 1, "parent_id": other["id"]})  # 3 levels go under 1
    assert errors(too_deep) == [("parent_id", "category_too_deep")]
    missing = post(api, f"{top['id']}/move", {"version": 1, "parent_id": 999_999})
    assert errors(missing) == [("parent_id", "no_such_category")]
    assert {i: c for i, c in tree(api).items() if i != other["id"]} == before


def test_siblings_are_reordered_as_a_whole_list(api):
    top = created(api)
    a, b, c = (created(api, parent_id=top["id"]) for _ in range(3))
    answer = post(api, "reorder", {"parent_id": top["id"], "category_ids": [c["id"], a["id"], b["id"]],
                                   "versions": [1, 1, 1]})
    assert answer.status_code == 200, answer.text
    assert [(x["id"], x["sort_order"]) for x in answer.json()] == [(c["id"], 1), (a["id"], 2), (b["id"], 3)]
    partial = post(api, "reorder", {"parent_id": top["id"], "category_ids": [a["id"], b["id"]], "versions": [2, 2]})
    assert errors(partial) == [("category_ids", "not_the_whole_list")]
    stale = post(api, "reorder", {"parent_id": top["id"], "category_ids": [a["id"], b["id"], c["id"]],
                                  "versions": [1, 1, 1]})
    assert (stale.status_code, stale.json()["code"]) == (409, "target_changed")
    assert [x["id"] for x in tree(api).values() if x["parent_id"] == top["id"]] == [c["id"], a["id"], b["id"]]


def test_only_an_empty_category_can_be_deleted(api):
    top = created(api)
    child = created(api, parent_id=top["id"])
    refused = delete(api, top)
    assert (refused.status_code, refused.json()["code"]) == (422, "rule_violation")
    assert errors(refused) == [("category_id", "category_has_children")]

    # An article change awaiting approval names the child: refused until it is decided.
    title = unique("Filed here")
    order = submitted(api, UPDATE, {"category_id": child["id"], "language": "en", "title": title, "body": "x"})
    assert errors(delete(api, child)) == [("category_id", "category_has_pending_changes")]
    approved(api, order["id"])
    [article] = listed(api, title=title)
    assert tree(api)[child["id"]]["article_count"] == 1
    assert errors(delete(api, child)) == [("category_id", "category_has_articles")]
    assert child["id"] in tree(api)

    # Moved out (an approved edit), the category is empty and goes; the tree no longer has it.
    with api.client("editor") as client:
        live = client.get(f"/help-center/articles/{article['id']}").json()
    move = submitted(api, UPDATE, edit(live, category_id=categories(api)["ipo"]))
    approved(api, move["id"])
    assert delete(api, child).status_code == 204
    assert child["id"] not in tree(api)
    assert audit_actions(api, child["id"])[-1] == "help_category.delete"
    # Gone for articles too: none may be filed in it.
    filed = submit(api, UPDATE, {"category_id": child["id"], "language": "en", "title": unique("x"), "body": "x"})
    assert [(e["field"], e["code"]) for e in filed.json()["errors"]] == [("category_id", "no_such_category")]


def test_the_articles_list_filters_by_a_category_with_its_sub_categories(api):
    codes = categories(api)
    trading, rules, fees = codes["trading"], codes["trading_rules"], codes["trading_fees"]
    in_trading = {a["category_id"] for a in listed(api, category_id=trading)}
    assert in_trading == {rules, fees}  # the demo files Trading's articles in its sub-categories
    assert {a["category_id"] for a in listed(api, category_id=rules)} == {rules}


def test_categories_have_a_permission_of_their_own(api):
    with api.client("publisher") as client:  # may read articles, so sees the categories, but not change them
        assert client.get(CATEGORIES).status_code == 200
        refused = client.post(CATEGORIES, json={"name": "x", "name_zh": "x"})
        assert (refused.status_code, refused.json()["code"]) == (403, "permission_denied")
    with api.client("maker") as client:
        assert client.get(CATEGORIES).status_code == 403
    response = create(api, f"Admin {uuid.uuid4().hex[:6]}", user="admin")
    assert response.status_code == 201
