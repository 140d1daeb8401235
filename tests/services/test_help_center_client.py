"""The Help Center's typed client against the real backend: the categories, keyset pages of
articles by query, an article in full, a hidden copy, and the work orders of the four flows as the
client builds them (an edit and its retry under the same key, a new article, a new order of a list,
delete, hide and show), a missing article and a lost session.

Orders made here are withdrawn before a test ends, so the page's tests find every article free;
copies go to English lists, whose hidden copies those tests leave aside.
"""

from collections.abc import Awaitable, Callable
from typing import TypeVar

import pytest

from services.api_client import ApiClient, ApiError
from services.clients.approvals import ApprovalsClient
from services.clients.help_center import (
    UPDATE_FLOW,
    HelpCenterClient,
    TargetAction,
    edit_order,
    new_key,
    reorder_order,
    target_order,
)
from services.clients.session import SessionClient
from services.contract.errors import ErrorCode
from services.contract.help_center import COPY_SUFFIX, ArticleEditPayload, ArticleOut, ArticleQuery
from services.contract.schemas import WorkOrderStatus

T = TypeVar("T")


@pytest.fixture
def signed_in(aio, backend) -> Callable[..., T]:
    """Runs ``scenario(client, api)`` on the session's loop signed in as ``username`` (closed
    afterwards); the api withdraws what the scenario submits."""

    def run(scenario: Callable[[HelpCenterClient, ApiClient], Awaitable[T]], username: str = "editor") -> T:
        async def main() -> T:
            api = backend.api_client()
            try:
                await SessionClient(api).login(username, f"{username}-demo")
                return await scenario(HelpCenterClient(api), api)
            finally:
                await api.aclose()

        return aio(main())

    return run


async def free_articles(client: HelpCenterClient, **filters: object) -> list[ArticleOut]:
    page = await client.articles(ArticleQuery.model_validate({**filters, "limit": 500}))
    return [a for a in page.items if a.pending_work_order_id is None]


def test_categories_pages_of_articles_and_an_article(signed_in):
    async def scenario(client: HelpCenterClient, _api: ApiClient):
        categories = await client.categories()
        first = await client.articles(ArticleQuery(limit=5))
        second = await client.articles(ArticleQuery(limit=5, cursor=first.next_cursor))
        chosen = await client.articles(ArticleQuery(category_id=categories[0].id, language="en", limit=500))
        return categories, first, second, chosen, await client.article(chosen.items[0].id)

    categories, first, second, chosen, article = signed_in(scenario)
    top = [c.sort_order for c in categories if c.parent_id is None]  # the tree: top-level ones in order
    assert categories and top == sorted(top)
    assert all(c.name and c.name_zh for c in categories)
    assert len(first.items) == len(second.items) == 5 and first.next_cursor
    assert not {a.id for a in first.items} & {a.id for a in second.items}
    assert chosen.items and all((a.category_id, a.language) == (categories[0].id, "en") for a in chosen.items)
    assert ArticleOut.model_validate(article.model_dump(include=set(ArticleOut.model_fields))) == chosen.items[0]
    assert article.body


def test_a_copy_is_hidden_where_it_was_asked_and_marked(signed_in):
    async def scenario(client: HelpCenterClient, _api: ApiClient):
        source = (await free_articles(client, language="zh-Hant", visible=True))[0]
        target = (await client.categories())[-1]
        return source, target, await client.copy(source.id, category_id=target.id, language="en")

    source, target, copy = signed_in(scenario)
    assert (copy.category_id, copy.language, copy.visible, copy.copied_from) == (target.id, "en", False, source.id)
    assert copy.title == source.title + COPY_SUFFIX["en"]


def test_an_edit_and_its_retry_make_one_order_and_a_new_article_has_no_id(signed_in):
    async def scenario(client: HelpCenterClient, api: ApiClient):
        approvals = ApprovalsClient(api)
        listed = await free_articles(client, language="en", visible=True)
        article = await client.article(listed[1].id)
        payload = ArticleEditPayload(article_id=article.id, version=article.version, category_id=article.category_id,
                                     language=article.language, title=article.title + " (client)", body=article.body)
        key = new_key()
        made = [await client.submit_edit(payload, key)]
        again = await client.submit_edit(payload, key)  # a lost answer retried: the same order
        new = ArticleEditPayload(category_id=article.category_id, language="en", title="Client test", body="# Hi")
        made.append(await client.submit_edit(new))
        pending = await client.article(article.id)
        for order in made:
            await approvals.withdraw(order.id)
        return article, made, again, pending

    article, (edit, new), again, pending = signed_in(scenario)
    assert again.id == edit.id and edit.flow == new.flow == UPDATE_FLOW
    assert (edit.payload["article_id"], edit.payload["version"]) == (article.id, article.version)
    assert edit.payload["title"] == article.title + " (client)" and edit.payload["body"] == article.body
    assert (new.payload["article_id"], new.payload["version"], new.payload["title"]) == (None, None, "Client test")
    assert (pending.pending_work_order_id, pending.pending_flow) == (edit.id, UPDATE_FLOW)


def test_reorder_delete_hide_and_show_orders_carry_the_versions_seen(signed_in):
    async def scenario(client: HelpCenterClient, api: ApiClient):
        approvals = ApprovalsClient(api)
        rows = await free_articles(client, language="zh-Hans")
        lists: dict[int, list[ArticleOut]] = {}
        for r in rows:
            lists.setdefault(r.category_id, []).append(r)
        category, listed = next((c, a) for c, a in reversed(lists.items()) if len(a) >= 3)
        reorder = await client.submit_reorder(category, "zh-Hans", listed[::-1])
        await approvals.withdraw(reorder.id)
        shown, hidden = [r for r in rows if not r.visible][:2]  # only a hidden article may be deleted
        made = [await client.submit_delete(shown), await client.submit_show(hidden)]
        try:
            with pytest.raises(ApiError) as locked:
                await client.submit_show(shown)  # a second change of an article awaiting one
        finally:
            for order in made:
                await approvals.withdraw(order.id)
        return category, listed, reorder, shown, hidden, made, locked.value, await approvals.work_order(reorder.id)

    category, listed, reorder, shown, hidden, (delete, show), locked, withdrawn = signed_in(scenario)
    assert reorder.flow == UPDATE_FLOW and reorder.payload == {
        "category_id": category, "language": "zh-Hans", "article_ids": [a.id for a in listed[::-1]],
        "versions": [a.version for a in listed[::-1]]}
    assert withdrawn.status == WorkOrderStatus.WITHDRAWN
    assert (delete.flow, delete.payload) == (TargetAction.DELETE.flow,
                                             {"article_id": shown.id, "version": shown.version})
    assert (show.flow, show.payload) == ("help_center.article.show", {"article_id": hidden.id,
                                                                     "version": hidden.version})
    assert (locked.status, locked.code) == (409, ErrorCode.TARGET_LOCKED)


def test_the_orders_are_built_without_asking_anyone():
    article = ArticleOut(id=7, category_id=2, language="en", title="T", visible=True, sort_order=1, version=4,
                         updated_at="2025-01-02T03:04:05Z", updated_by="editor")
    other = article.model_copy(update={"id": 8, "version": 1})
    hide = target_order(TargetAction.HIDE, article)
    assert (hide.flow, hide.payload) == ("help_center.article.hide", {"article_id": 7, "version": 4})
    assert reorder_order(2, "en", [other, article]).payload == {
        "category_id": 2, "language": "en", "article_ids": [8, 7], "versions": [1, 4]}
    edit = ArticleEditPayload(category_id=2, language="en", title="  New  ", body="  kept\n",
                              external_link=" https://example.com/a ", publish_scenes=["website", "app"], visible=True)
    assert edit_order(edit).payload == {"article_id": None, "version": None, "category_id": 2, "language": "en",
                                        "title": "New", "body": "  kept\n", "external_link": "https://example.com/a",
                                        "publish_scenes": ["app", "website"], "visible": True}
    with pytest.raises(ValueError):
        reorder_order(2, "en", [article])  # a list of one has no order to change


def test_a_missing_article_and_a_lost_session_are_refused(signed_in, aio, backend):
    async def scenario(client: HelpCenterClient, _api: ApiClient):
        with pytest.raises(ApiError) as missing:
            await client.article(2**31 - 1)
        return missing.value

    assert signed_in(scenario).status == 404

    async def signed_out() -> ApiError:
        api = backend.api_client()
        try:
            with pytest.raises(ApiError) as refused:
                await HelpCenterClient(api).categories()
            return refused.value
        finally:
            await api.aclose()

    assert aio(signed_out()).is_auth
