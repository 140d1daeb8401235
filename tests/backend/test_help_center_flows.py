"""The four Help Center flows end to end over HTTP with two users: the editor submits, the
publisher decides, and the live article changes only when the order is applied.

Tests make their own articles through the flows, as a user would, on a database of their own.
"""

import uuid

import pytest
from sqlalchemy import text

from services.contract.flows import HELP_CENTER_FLOWS
from tests.backend.work_order_steps import decide
from tests.fixtures.app_backend import AppBackend

UPDATE, DELETE, HIDE, SHOW = HELP_CENTER_FLOWS
ARTICLES = "/help-center/articles"


# --- steps shared with test_help_center_articles.py -------------------------------------------


def unique(words: str) -> str:
    return f"{words} {uuid.uuid4().hex[:10]}"


def submit(api: AppBackend, flow: str, payload: dict, maker: str = "editor"):
    with api.client(maker) as client:
        return client.post("/work-orders", json={"flow": flow, "payload": payload},
                           headers={"Idempotency-Key": str(uuid.uuid4())})


def submitted(api: AppBackend, flow: str, payload: dict, maker: str = "editor") -> dict:
    response = submit(api, flow, payload, maker)
    assert response.status_code == 201, response.text
    return response.json()


def approved(api: AppBackend, order_id: int, user: str = "publisher") -> dict:
    response = decide(api, user, order_id)
    assert response.status_code == 200, response.text
    return response.json()


def categories(api: AppBackend) -> dict[str, int]:
    with api.client("editor") as client:
        return {c["code"]: c["id"] for c in client.get("/help-center/categories").json()}


def detail(api: AppBackend, article_id: int, user: str = "editor") -> dict | None:
    with api.client(user) as client:
        response = client.get(f"{ARTICLES}/{article_id}")
    if response.status_code == 404:
        return None
    assert response.status_code == 200, response.text
    return response.json()


def listed(api: AppBackend, user: str = "editor", **params) -> list[dict]:
    """Every article the list gives for ``params``, all pages."""
    out, cursor = [], None
    with api.client(user) as client:
        while True:
            response = client.get(ARTICLES, params={"limit": 1000, **params, **({"cursor": cursor} if cursor else {})})
            assert response.status_code == 200, response.text
            page = response.json()
            out += page["items"]
            if not (cursor := page["next_cursor"]):
                return out


def edit(article: dict, **changes) -> dict:
    """An update payload of ``article`` (a detail) at its version."""
    return {"article_id": article["id"], "version": article["version"], "category_id": article["category_id"],
            "language": article["language"], "title": article["title"], "body": article["body"],
            "external_link": article["external_link"], "publish_scenes": article["publish_scenes"], **changes}


def target(article: dict) -> dict:
    return {"article_id": article["id"], "version": article["version"]}


class Articles:
    """Articles a test makes through the flows."""

    def __init__(self, api: AppBackend):
        self.api = api

    def new(self, category: str = "trading", language: str = "en", title: str | None = None,
            body: str = "# Heading\n\nSome **Markdown**.") -> dict:
        title = title or unique("Test article")
        payload = {"category_id": categories(self.api)[category], "language": language, "title": title,
                   "body": body}
        order = submitted(self.api, UPDATE, payload)
        assert approved(self.api, order["id"])["status"] == "applied"
        [found] = [a for a in listed(self.api, title=title[:100]) if a["title"] == title]
        return detail(self.api, found["id"])

    def shown(self, **kwargs) -> dict:
        article = self.new(**kwargs)
        approved(self.api, submitted(self.api, SHOW, target(article))["id"])
        return detail(self.api, article["id"])

def sql(api: AppBackend, statement: str, **params) -> list:
    engine = api.engine()
    with engine.begin() as conn:
        result = conn.execute(text(statement), params)
        rows = result.all() if result.returns_rows else []
    engine.dispose()
    return rows


@pytest.fixture
def made(api) -> Articles:
    return Articles(api)


# --- new articles -------------------------------------------------------------------------------


def test_a_new_article_reaches_the_list_hidden_and_only_when_approved(api, made):
    category = categories(api)["margin"]  # no sub-categories: the list of its own articles
    title = unique("How to place a limit order")
    payload = {"category_id": category, "language": "en", "title": title, "body": "# Limit orders\n\n- one"}
    order = submitted(api, UPDATE, payload)
    assert (order["snapshot"], order["diff_key"]) == ({"rows": []}, "article_id")
    assert order["proposed"] == {"rows": [{"article_id": None, "title": title, "body": payload["body"],
                                           "visible": False, "category_id": category, "language": "en",
                                           "sort_order": None, "external_link": None,
                                           "publish_scenes": ["app", "wtt", "website"]}], "deleted": []}
    assert order["summary"] == f"New article (en): {title}"
    assert listed(api, title=title) == []
    # The same title again (case and spacing aside) in the same list is the same target.
    again = submit(api, UPDATE, payload | {"title": "  " + title.upper().replace(" ", "  ")}, maker="admin")
    assert (again.status_code, again.json()["code"]) == (409, "target_locked")
    assert again.json()["errors"][0]["work_order_id"] == order["id"]

    last = max((a["sort_order"] for a in listed(api, category_id=category, language="en")), default=0)
    assert approved(api, order["id"])["status"] == "applied"
    [article] = listed(api, title=title)
    assert (article["visible"], article["version"], article["updated_by"]) == (False, 1, "editor")
    assert article["sort_order"] == last + 1
    assert detail(api, article["id"])["body"] == payload["body"]
    [revision] = sql(api, "SELECT r.version, r.work_order_id, u.username FROM help_article_revisions r "
                             "JOIN users u ON u.id = r.made_by WHERE r.article_id = :id", id=article["id"])
    assert tuple(revision) == (1, order["id"], "editor")


# --- edits --------------------------------------------------------------------------------------


def test_an_edit_changes_the_live_article_only_when_approved_and_shows_it_pending(api, made):
    article = made.new()
    new_title, new_body = unique("Edited"), "## Edited\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    order = submitted(api, UPDATE, edit(article, title=new_title, body=new_body))
    assert order["snapshot"]["rows"][0] == {
        "article_id": article["id"], "title": article["title"], "body": article["body"], "visible": False,
        "category_id": article["category_id"], "language": "en", "sort_order": article["sort_order"],
        "external_link": None, "publish_scenes": ["app", "wtt", "website"]}
    assert (order["proposed"]["rows"][0]["title"], order["proposed"]["rows"][0]["body"]) == (new_title, new_body)
    assert order["proposed"]["rows"][0]["sort_order"] == article["sort_order"]
    assert order["summary"] == f"Edit article #{article['id']}: {new_title}"

    waiting = detail(api, article["id"])
    assert (waiting["title"], waiting["body"], waiting["version"]) == (article["title"], article["body"], 1)
    assert (waiting["pending_work_order_id"], waiting["pending_flow"]) == (order["id"], UPDATE)
    [row] = listed(api, title=article["title"])
    assert (row["pending_work_order_id"], row["pending_flow"]) == (order["id"], UPDATE)

    assert approved(api, order["id"])["status"] == "applied"
    live = detail(api, article["id"])
    assert (live["title"], live["body"], live["version"]) == (new_title, new_body, 2)
    assert (live["pending_work_order_id"], live["pending_flow"]) == (None, None)
    revisions = sql(api, "SELECT version, title, work_order_id FROM help_article_revisions "
                            "WHERE article_id = :id ORDER BY version", id=article["id"])
    assert [tuple(r) for r in revisions][1:] == [(2, new_title, order["id"])]


def test_an_edit_to_another_category_and_language_moves_it_to_the_end_of_that_list(api, made):
    article = made.new(category="trading", language="en")
    ipo = categories(api)["ipo"]
    last = max(a["sort_order"] for a in listed(api, category_id=ipo, language="zh-Hant"))
    order = submitted(api, UPDATE, edit(article, category_id=ipo, language="zh-Hant", title=unique("新股")))
    assert order["proposed"]["rows"][0]["sort_order"] is None  # placed when applied
    approved(api, order["id"])
    live = detail(api, article["id"])
    assert (live["category_id"], live["language"], live["sort_order"]) == (ipo, "zh-Hant", last + 1)


def test_a_rejected_edit_leaves_the_article_as_it_was_and_frees_it(api, made):
    article = made.new()
    order = submitted(api, UPDATE, edit(article, title=unique("Rejected")))
    refused = decide(api, "publisher", order["id"], "reject")
    assert (refused.status_code, refused.json()["code"]) == (422, "comment_required")
    assert decide(api, "publisher", order["id"], "reject", "Wrong product name").json()["status"] == "rejected"
    after = detail(api, article["id"])
    assert (after["title"], after["version"], after["pending_work_order_id"]) == (article["title"], 1, None)
    approved(api, submitted(api, SHOW, target(after))["id"])  # the article is free again
    assert detail(api, article["id"])["visible"] is True


# --- hide, show, delete -------------------------------------------------------------------------


def test_show_and_hide_need_approval_and_refuse_the_state_the_article_already_has(api, made):
    article = made.new()
    refused = submit(api, HIDE, target(article))
    assert (refused.status_code, refused.json()["code"]) == (422, "rule_violation")
    assert [(e["field"], e["code"]) for e in refused.json()["errors"]] == [("visible", "already_hidden")]

    show = submitted(api, SHOW, target(article))
    assert (show["summary"], show["proposed"]["rows"][0]["visible"]) == (f"Show article #{article['id']}", True)
    assert detail(api, article["id"])["pending_flow"] == SHOW
    assert detail(api, article["id"])["visible"] is False
    approved(api, show["id"])
    shown = detail(api, article["id"])
    assert (shown["visible"], shown["version"]) == (True, 2)
    again = submit(api, SHOW, target(shown))
    assert [e["code"] for e in again.json()["errors"]] == ["already_visible"]

    hide = submitted(api, HIDE, target(shown))
    assert hide["proposed"]["rows"][0]["visible"] is False
    approved(api, hide["id"])
    hidden = detail(api, article["id"])
    assert (hidden["visible"], hidden["version"], hidden["pending_flow"]) == (False, 3, None)


def test_delete_takes_the_article_out_of_every_view_only_when_approved_and_keeps_its_history(api, made):
    article = made.new()
    order = submitted(api, DELETE, target(article))
    assert order["proposed"] == {"rows": [], "deleted": [article["id"]]}
    assert detail(api, article["id"])["pending_flow"] == DELETE
    approved(api, order["id"])
    assert detail(api, article["id"]) is None
    assert listed(api, title=article["title"]) == []
    with api.client("editor") as client:
        assert client.post(f"{ARTICLES}/{article['id']}/copy", json={}).status_code == 404
    gone = submit(api, SHOW, target(article) | {"version": 2})
    assert [e["code"] for e in gone.json()["errors"]] == ["no_such_article"]
    # Soft delete: the row and its revisions stay for the record.
    [(deleted_at, visible, revisions)] = sql(api, "SELECT a.deleted_at, a.visible, (SELECT count(*) FROM "
                                                     "help_article_revisions r WHERE r.article_id = a.id) "
                                                     "FROM help_articles a WHERE a.id = :id", id=article["id"])
    assert deleted_at is not None and not visible and revisions == 1


# --- reorder ------------------------------------------------------------------------------------


def test_reorder_is_an_update_of_the_whole_list_applied_only_when_approved(api, made):
    first, second = made.new(category="ipo", language="zh-Hans"), made.new(category="ipo", language="zh-Hans")
    category = first["category_id"]
    before = listed(api, category_id=category, language="zh-Hans")
    ids, versions = [a["id"] for a in before], [a["version"] for a in before]
    assert ids[-2:] == [first["id"], second["id"]]
    swapped = ids[:-2] + [second["id"], first["id"]]
    payload = {"category_id": category, "language": "zh-Hans", "article_ids": swapped,
               "versions": versions[:-2] + [versions[-1], versions[-2]]}

    missing = submit(api, UPDATE, payload | {"article_ids": swapped[:-1], "versions": payload["versions"][:-1]})
    assert [e["code"] for e in missing.json()["errors"]] == ["not_the_whole_list"]
    unchanged = submit(api, UPDATE, payload | {"article_ids": ids, "versions": versions})
    assert [e["code"] for e in unchanged.json()["errors"]] == ["no_change"]

    order = submitted(api, UPDATE, payload)
    assert [r["article_id"] for r in order["snapshot"]["rows"]] == ids
    assert [(r["article_id"], r["sort_order"]) for r in order["proposed"]["rows"]] == [
        (i, place) for place, i in enumerate(swapped, start=1)]
    assert order["summary"] == f"Reorder {len(ids)} articles of category #{category} (zh-Hans)"
    assert {a["pending_work_order_id"] for a in listed(api, category_id=category, language="zh-Hans")} == {
        order["id"]}
    locked = submit(api, UPDATE, edit(detail(api, ids[0]), body="Locked"), maker="admin")
    assert (locked.status_code, locked.json()["code"]) == (409, "target_locked")
    assert [a["id"] for a in listed(api, category_id=category, language="zh-Hans")] == ids

    approved(api, order["id"])
    after = listed(api, category_id=category, language="zh-Hans")
    assert [a["id"] for a in after] == swapped
    assert [a["sort_order"] for a in after] == list(range(1, len(ids) + 1))
    was = {a["id"]: a for a in before}
    assert [a["version"] for a in after] == [  # only the articles that moved have a new version
        was[a["id"]]["version"] + (was[a["id"]]["sort_order"] != a["sort_order"]) for a in after]
    assert after[-1]["version"] == first["version"] + 1


def test_an_article_that_joins_a_list_while_its_reorder_waits_stays_after_it(api, made):
    first, second = made.new(category="security"), made.new(category="security")
    before = listed(api, category_id=first["category_id"], language="en")
    ids = [a["id"] for a in before]
    swapped = ids[:-2] + [second["id"], first["id"]]
    by_id = {a["id"]: a["version"] for a in before}
    order = submitted(api, UPDATE, {"category_id": first["category_id"], "language": "en",
                                       "article_ids": swapped, "versions": [by_id[i] for i in swapped]})
    with api.client("editor") as client:
        copy = client.post(f"{ARTICLES}/{ids[0]}/copy", json={}).json()
    assert approved(api, order["id"])["status"] == "applied"
    assert [a["id"] for a in listed(api, category_id=first["category_id"], language="en")] == [
        *swapped, copy["id"]]


# --- one pending change, four eyes, staleness, permissions --------------------------------------


def test_an_article_with_a_pending_change_refuses_a_second_one_naming_the_first(api, made):
    article = made.new()
    first = submitted(api, UPDATE, edit(article, body="Edited body"))
    for flow, payload in ((DELETE, target(article)), (SHOW, target(article)),
                          (UPDATE, edit(article, title=unique("Other")))):
        second = submit(api, flow, payload, maker="admin")
        assert (second.status_code, second.json()["code"]) == (409, "target_locked"), flow
        assert second.json()["errors"][0] == {"work_order_id": first["id"], "target": f"help_article:{article['id']}"}
    with api.client("editor") as client:
        assert client.post(f"/work-orders/{first['id']}/withdraw").json()["status"] == "withdrawn"
    assert submit(api, DELETE, target(article), maker="admin").status_code == 201


def test_nobody_decides_their_own_change_not_even_an_admin(api, made):
    article, other = made.new(), made.new()
    mine = submitted(api, UPDATE, edit(article, body="Mine"))
    refused = decide(api, "editor", mine["id"])
    assert (refused.status_code, refused.json()["code"]) == (403, "maker_cannot_decide")

    by_admin = submitted(api, SHOW, target(other), maker="admin")
    refused = decide(api, "admin", by_admin["id"])
    assert (refused.status_code, refused.json()["code"]) == (403, "maker_cannot_decide")
    assert detail(api, other["id"])["visible"] is False
    assert approved(api, by_admin["id"], "publisher")["status"] == "applied"
    assert approved(api, mine["id"], "admin")["status"] == "applied"  # an admin may decide others' changes
    assert detail(api, article["id"])["body"] == "Mine"


def test_an_old_version_is_refused_and_an_edit_overtaken_while_waiting_goes_stale(api, made):
    article = made.new()
    old = submit(api, UPDATE, edit(article, title=unique("From an old version"), version=0))
    assert (old.status_code, old.json()["code"]) == (409, "target_changed")
    assert old.json()["errors"] == [{"target": f"help_article:{article['id']}", "expected": 0, "current": 1}]

    order = submitted(api, UPDATE, edit(article, title=unique("Overtaken")))
    # A change outside the work orders (a data fix) moves the article while the order waits.
    sql(api, "UPDATE help_articles SET version = version + 1, body = 'fixed' WHERE id = :id", id=article["id"])
    assert approved(api, order["id"])["status"] == "stale"
    live = detail(api, article["id"])
    assert (live["title"], live["body"], live["pending_work_order_id"]) == (article["title"], "fixed", None)


def test_rules_name_the_field_and_only_content_editors_submit(api, made):
    article = made.new()
    cases = [(UPDATE, edit(article, category_id=999_999), "category_id", "no_such_category"),
             (UPDATE, edit(article), "body", "no_change"),
             (UPDATE, edit(article, article_id=999_999), "article_id", "no_such_article"),
             (DELETE, {"article_id": 999_999, "version": 1}, "article_id", "no_such_article")]
    for flow, payload, field, code in cases:
        response = submit(api, flow, payload)
        assert (response.status_code, response.json()["code"]) == (422, "rule_violation"), (flow, response.text)
        assert (response.json()["errors"][0]["field"], response.json()["errors"][0]["code"]) == (field, code)
    blank = submit(api, UPDATE, edit(article, title="   "))
    assert (blank.status_code, blank.json()["code"]) == (422, "validation_error")
    no_version = submit(api, UPDATE, edit(article) | {"version": None, "title": unique("x")})
    assert (no_version.status_code, no_version.json()["code"]) == (422, "validation_error")
    publisher = submit(api, HIDE, target(article), maker="publisher")
    assert (publisher.status_code, publisher.json()["code"]) == (403, "permission_denied")
    maker = submit(api, UPDATE, edit(article, body="x"), maker="maker")
    assert maker.status_code == 403
