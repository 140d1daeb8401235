"""Help Center articles as the manual has them: an external link (外鏈) an article opens instead of
its body, publish scenes (發佈場景), both filterable and carried through new, edit, approval diff
and copy; a new article that goes live with one approval; and Delete only for a hidden article."""

import pytest

from tests.backend.test_help_center_flows import (
    DELETE,
    HIDE,
    UPDATE,
    Articles,
    approved,
    categories,
    detail,
    edit,
    listed,
    submit,
    submitted,
    target,
    unique,
)


@pytest.fixture
def made(api) -> Articles:
    return Articles(api)


LINK = "https://www.hkex.com.hk/Services/Trading-hours-and-Severe-Weather-Arrangements?sc_lang=en"


def new_payload(api, **changes) -> dict:
    return {"category_id": categories(api)["margin"], "language": "en", "title": unique("Linked article"),
            "body": "", **changes}


def refusal(response) -> list[tuple[str, str]]:
    assert (response.status_code, response.json()["code"]) == (422, "rule_violation"), response.text
    return [(e["field"], e["code"]) for e in response.json()["errors"]]


def test_a_new_article_with_a_link_and_scenes_goes_live_with_one_approval(api):
    payload = new_payload(api, external_link=f"  {LINK} ", publish_scenes=["website", "app", "app"], visible=True)
    order = submitted(api, UPDATE, payload)
    [row] = order["proposed"]["rows"]
    assert (row["external_link"], row["publish_scenes"], row["visible"]) == (LINK, ["app", "website"], True)
    assert order["summary"] == f"New article (en, visible): {payload['title']}"
    assert listed(api, title=payload["title"]) == []
    approved(api, order["id"])  # one approval: no show order after it
    [article] = listed(api, title=payload["title"])
    assert (article["visible"], article["external_link"], article["publish_scenes"]) == (True, LINK,
                                                                                         ["app", "website"])


def test_visible_is_chosen_only_for_a_new_article(api, made):
    article = made.new()
    response = submit(api, UPDATE, edit(article, title=unique("x"), visible=True))
    assert refusal(response) == [("visible", "visible_for_new_only")]
    assert detail(api, article["id"])["pending_flow"] is None


@pytest.mark.parametrize(("link", "code"), [
    ("ftp://files.example.com/fees.pdf", "link_scheme"),
    ("javascript:alert(1)", "link_scheme"),
    ("www.example.com/no-scheme", "link_scheme"),
    ("https://", "link_malformed"),
    ("https://exa mple.com/", "link_malformed"),
    ("https://user:secret@example.com/", "link_malformed"),
    ("https://-bad-.example.com/", "link_malformed"),
    ("https://example.com:99999/", "link_malformed"),
    ("https://example.com/" + "a" * 2000, "link_too_long"),
])
def test_a_bad_external_link_is_refused_naming_the_field(api, link, code):
    payload = new_payload(api, external_link=link)
    assert refusal(submit(api, UPDATE, payload)) == [("external_link", code)]
    assert listed(api, title=payload["title"]) == []


def test_publish_scenes_must_be_known_and_at_least_one(api):
    assert refusal(submit(api, UPDATE, new_payload(api, publish_scenes=[]))) == [("publish_scenes", "no_scene")]
    assert refusal(submit(api, UPDATE, new_payload(api, publish_scenes=["app", "fax"]))) == [
        ("publish_scenes", "unknown_scene")]


def test_an_edit_changes_the_link_and_scenes_and_the_approval_diff_shows_them(api, made):
    article = made.new(category="ipo")
    order = submitted(api, UPDATE, edit(article, external_link=LINK, publish_scenes=["wtt"]))
    before, after = order["snapshot"]["rows"][0], order["proposed"]["rows"][0]
    assert (before["external_link"], before["publish_scenes"]) == (None, ["app", "wtt", "website"])
    assert (after["external_link"], after["publish_scenes"]) == (LINK, ["wtt"])
    approved(api, order["id"])
    live = detail(api, article["id"])
    assert (live["external_link"], live["publish_scenes"], live["version"]) == (LINK, ["wtt"], 2)
    # The same content again is no change; dropping the link is one.
    same = submit(api, UPDATE, edit(live))
    assert refusal(same) == [("body", "no_change")]
    unlinked = submitted(api, UPDATE, edit(live, external_link=""))
    assert unlinked["proposed"]["rows"][0]["external_link"] is None


def test_copy_keeps_the_link_and_scenes(api, made):
    article = made.new(category="ipo")
    approved(api, submitted(api, UPDATE, edit(article, external_link=LINK, publish_scenes=["app"]))["id"])
    with api.client("editor") as client:
        copy = client.post(f"/help-center/articles/{article['id']}/copy", json={}).json()
    assert (copy["external_link"], copy["publish_scenes"], copy["visible"]) == (LINK, ["app"], False)


def test_the_list_filters_by_scene_and_by_link(api, made):
    app_only = made.new(category="security")
    approved(api, submitted(api, UPDATE, edit(app_only, external_link=LINK, publish_scenes=["app"]))["id"])
    website = made.new(category="security")
    approved(api, submitted(api, UPDATE, edit(website, publish_scenes=["website"]))["id"])
    security = categories(api)["security"]

    def ids(**params) -> set[int]:
        return {a["id"] for a in listed(api, category_id=security, **params)} & {app_only["id"], website["id"]}

    assert ids(scene="app") == {app_only["id"]}
    assert ids(scene="website") == {website["id"]}
    assert ids(scene="wtt") == set()
    assert ids(has_link=True) == {app_only["id"]}
    assert ids(has_link=False) == {website["id"]}
    with api.client("editor") as client:
        assert client.get("/help-center/articles", params={"scene": "fax"}).status_code == 422


def test_only_a_hidden_article_can_be_deleted(api, made):
    shown = made.shown(category="ipo")
    refused = submit(api, DELETE, target(shown))
    assert refusal(refused) == [("visible", "delete_visible")]
    assert detail(api, shown["id"])["pending_flow"] is None  # nothing was made
    approved(api, submitted(api, HIDE, target(shown))["id"])
    hidden = detail(api, shown["id"])
    approved(api, submitted(api, DELETE, target(hidden))["id"])
    assert detail(api, shown["id"]) is None
