"""Help Center › Articles over HTTP: the seeded categories and demo articles, the list's filters,
order, pages and pending markers, the detail, and Copy (the one immediate write)."""

import pytest

from tests.backend.test_help_center_flows import (
    ARTICLES,
    HIDE,
    UPDATE,
    Articles,
    approved,
    categories,
    detail,
    edit,
    listed,
    sql,
    submitted,
    target,
    unique,
)


@pytest.fixture
def made(api) -> Articles:
    return Articles(api)


def copy(api, article_id: int, user: str = "editor", **body):
    with api.client(user) as client:
        return client.post(f"{ARTICLES}/{article_id}/copy", json=body)


def test_the_categories_are_seeded_in_order_and_reading_needs_the_view_permission(api):
    with api.client("publisher") as client:
        rows = client.get("/help-center/categories").json()
    assert [(c["code"], c["name"], c["name_zh"]) for c in rows if c["parent_id"] is None][:6] == [
        ("account_opening", "Account opening", "開戶"), ("deposits_withdrawals", "Deposits & withdrawals", "存款及提款"),
        ("trading", "Trading", "交易"), ("margin", "Margin", "融資"), ("ipo", "IPO", "新股認購"),
        ("security", "Security", "賬戶安全")]
    for parent in {c["parent_id"] for c in rows}:  # siblings in their order, each parent before its children
        places = [c["sort_order"] for c in rows if c["parent_id"] == parent]
        assert places == sorted(places)
    ids = [c["id"] for c in rows]
    assert all(ids.index(c["parent_id"]) < ids.index(c["id"]) for c in rows if c["parent_id"])
    with api.client("maker") as client:
        for path in ("/help-center/categories", ARTICLES, f"{ARTICLES}/1"):
            response = client.get(path)
            assert (response.status_code, response.json()["code"]) == (403, "permission_denied"), path
    with api.client() as anonymous:
        assert anonymous.get(ARTICLES).status_code == 401


def test_demo_articles_exist_in_all_three_languages_with_some_hidden(api):
    for language in ("zh-Hant", "zh-Hans", "en"):
        shown = listed(api, language=language, visible="true")
        hidden = listed(api, language=language, visible="false")
        assert len(shown) >= 12 and hidden, language
        assert {a["language"] for a in shown + hidden} == {language}
        assert all(a["visible"] for a in shown) and not any(a["visible"] for a in hidden)
    [fees] = [a for a in listed(api, title="Trading fees", language="en") if a["title"] == "Trading fees"]
    body = detail(api, fees["id"])["body"]
    assert body.startswith("# Trading fees") and "|---|" in body and "](https://" in body


def test_the_list_filters_by_category_language_visibility_and_title_words(api, made):
    token = unique("Filter").split()[1]
    alpha = made.shown(category="margin", language="en", title=f"Alpha {token} maintenance margin")
    beta = made.new(category="margin", language="zh-Hant", title=f"Beta {token} 維持保證金")
    gamma = made.new(category="trading", language="en", title=f"Gamma {token} order types")
    assert {a["id"] for a in listed(api, title=token)} == {alpha["id"], beta["id"], gamma["id"]}
    assert [a["id"] for a in listed(api, title=f"{token.upper()}   ALPHA")] == [alpha["id"]]  # any case, all words
    assert [a["id"] for a in listed(api, title=f"{token} 保證金")] == [beta["id"]]
    assert listed(api, title=f"{token} alpha beta") == []
    margin = categories(api)["margin"]
    assert {a["id"] for a in listed(api, title=token, category_id=margin)} == {alpha["id"], beta["id"]}
    assert [a["id"] for a in listed(api, title=token, language="en", visible="false")] == [gamma["id"]]
    assert [a["id"] for a in listed(api, title=token, visible="true")] == [alpha["id"]]
    assert listed(api, title="100%_") == []  # LIKE wildcards are plain characters


def test_pages_follow_category_language_and_sort_order_without_gaps_or_repeats(api):
    order = {c["id"]: c["sort_order"] for c in _categories(api)}
    seen, cursor, total = [], None, None
    with api.client("editor") as client:
        while True:
            page = client.get(ARTICLES, params={"limit": 7, **({"cursor": cursor} if cursor else {})}).json()
            total = page["total"] if total is None else total
            seen += page["items"]
            if not (cursor := page["next_cursor"]):
                break
        bad = client.get(ARTICLES, params={"cursor": "bm90IGEgY3Vyc29y"})
    assert (bad.status_code, bad.json()["code"]) == (400, "invalid_cursor")
    assert len(seen) == len({a["id"] for a in seen}) == total >= 36
    keys = [(order[a["category_id"]], a["category_id"], a["language"], a["sort_order"], a["id"]) for a in seen]
    assert keys == sorted(keys)


def _categories(api) -> list[dict]:
    with api.client("editor") as client:
        return client.get("/help-center/categories").json()


def test_the_list_and_the_detail_say_which_change_is_pending(api, made):
    article = made.shown(category="ipo")
    order = submitted(api, HIDE, target(article))
    [row] = listed(api, title=article["title"])
    assert (row["pending_work_order_id"], row["pending_flow"], row["visible"]) == (order["id"], HIDE, True)
    seen = detail(api, article["id"], user="publisher")
    assert (seen["pending_work_order_id"], seen["pending_flow"]) == (order["id"], HIDE)
    assert detail(api, 999_999) is None


def test_copy_makes_a_hidden_copy_of_the_live_revision_even_with_an_edit_pending(api, made):
    article = made.shown(category="deposits_withdrawals", body="# Live\n\nThe approved text.")
    pending = submitted(api, UPDATE, edit(article, title=unique("Pending title"), body="# Not approved"))
    last = max(a["sort_order"] for a in listed(api, category_id=article["category_id"], language="en"))

    response = copy(api, article["id"])
    assert response.status_code == 201, response.text
    copied = response.json()
    assert (copied["title"], copied["body"]) == (article["title"] + " (copy)", "# Live\n\nThe approved text.")
    assert (copied["visible"], copied["copied_from"], copied["version"], copied["updated_by"]) == (
        False, article["id"], 1, "editor")
    assert (copied["category_id"], copied["language"], copied["sort_order"]) == (article["category_id"], "en",
                                                                                 last + 1)
    assert copied["pending_work_order_id"] is None
    assert detail(api, article["id"])["pending_work_order_id"] == pending["id"]  # the original still waits
    [event] = sql(api, "SELECT a.action, u.username FROM audit_events a JOIN users u ON u.id = a.actor_id "
                          "WHERE a.entity_type = 'help_article' AND a.entity_id = :id", id=str(copied["id"]))
    assert tuple(event) == ("help_article.copy", "editor")
    [revision] = sql(api, "SELECT version, title, work_order_id FROM help_article_revisions "
                             "WHERE article_id = :id", id=copied["id"])
    assert tuple(revision) == (1, copied["title"], None)

    approved(api, pending["id"])
    assert detail(api, copied["id"])["body"] == "# Live\n\nThe approved text."  # a copy, not a link


def test_copy_may_pick_another_category_and_language_and_needs_its_permission(api, made):
    article = made.new(category="trading", language="en", title=unique("Order types for beginners"))
    security = categories(api)["security"]
    response = copy(api, article["id"], category_id=security, language="zh-Hant")
    assert response.status_code == 201, response.text
    copied = response.json()
    assert (copied["category_id"], copied["language"], copied["title"]) == (security, "zh-Hant",
                                                                            article["title"] + "（副本）")
    refused = copy(api, article["id"], user="publisher")
    assert (refused.status_code, refused.json()["code"]) == (403, "permission_denied")
    assert copy(api, 999_999).status_code == 404
    nowhere = copy(api, article["id"], category_id=999_999)
    assert (nowhere.status_code, nowhere.json()["errors"][0]["code"]) == (422, "no_such_category")
    with api.client("editor") as client:  # no body at all: same category and language
        plain = client.post(f"{ARTICLES}/{article['id']}/copy")
    assert plain.status_code == 201, plain.text
    assert (plain.json()["category_id"], plain.json()["language"]) == (article["category_id"], "en")


def test_a_long_title_still_ends_with_the_copy_mark(api, made):
    article = made.new(title=unique("Long" + " long" * 35))
    copied = copy(api, article["id"]).json()
    assert len(copied["title"]) <= 200 and copied["title"].endswith(" (copy)")


def test_every_demo_topic_is_written_in_all_three_languages_as_customers_read_it():
    from backend.demo.help_articles_data import LANGUAGES, TOPICS
    from services.contract.help_center import TITLE_MAX

    assert {c for t in TOPICS for c in t.texts} == set(LANGUAGES) and len(TOPICS) >= 12
    assert any(not t.visible for t in TOPICS)
    for language in LANGUAGES:
        texts = [t.texts[language] for t in TOPICS]
        titles = [title for title, _ in texts]
        assert len(set(titles)) == len(titles) and all(0 < len(t) <= TITLE_MAX for t in titles), language
        bodies = "\n".join(body for _, body in texts)
        for mark in ("\n## ", "\n- ", "\n1. ", "|---|", "](https://", "![", "**"):
            assert mark in bodies, (language, mark)
        assert "<script" not in bodies.lower()
