"""Help Center › Articles' controllers without widgets, against the real backend: the categories
after the first page, what each user may do, why a list cannot be reordered, hide and a refused
second change, a copy made current once listed, a new order of a list; and the editor's notes,
payload, a load of an article awaiting a change, a submission under one key across retries and the
backend's refusal of a field said beside it.

The list is the page's ArticleTableModel (a Qt model, no view), its pages read by the controller.
Orders made here are withdrawn before a test ends.
"""

from collections.abc import Callable

import pytest

from desktop.error_messages import message_for
from services.api_client import ApiClient
from services.clients.approvals import ApprovalsClient
from services.clients.help_center import REORDER_MAX, UPDATE_FLOW, HelpCenterClient
from services.clients.session import SessionClient
from services.contract.help_center import ArticleOut, ArticleQuery
from tests.qt_fixtures import next_emission, until
from ui.common.page_context import PageContext
from ui.help_center.article_editor_controller import ArticleEditorController
from ui.help_center.article_model import ArticleTableModel
from ui.help_center.articles_controller import ArticlesController


class Made:
    """Controllers signed in, and what their shell heard."""

    def __init__(self):
        self.apis: list[ApiClient] = []
        self.controllers: list = []
        self.approvals_of: dict[object, ApprovalsClient] = {}  # each controller's, to withdraw what it submitted
        self.topics: list[str] = []


@pytest.fixture
def signed_in(aio, backend, errors):
    made = Made()

    def ctx_for(username: str) -> PageContext:
        api = backend.api_client()
        session = SessionClient(api)
        aio(session.login(username, f"{username}-demo"))
        made.apis.append(api)
        return PageContext(api, aio(session.me()), errors.append, ui_language=lambda: "en", error_text=message_for,
                           data_changed=made.topics.append)

    yield ctx_for, made
    for controller in made.controllers:
        aio(controller.ops.wait_idle())
        controller.deleteLater()
    for api in made.apis:
        aio(api.aclose())


@pytest.fixture
def articles(aio, signed_in) -> Callable[..., ArticlesController]:
    """A controller with its list model attached and the unfiltered list read, categories too."""
    ctx_for, made = signed_in

    def make(username: str = "editor") -> ArticlesController:
        ctx = ctx_for(username)
        controller = ArticlesController(ctx)
        model = ArticleTableModel(ctx.api, None, ArticleOut, (), "ArticlesPage", parent=controller,
                                  page_size=REORDER_MAX, fetch=controller.fetch_page)
        controller.attach(model)
        made.controllers.append(controller)
        made.approvals_of[controller] = ApprovalsClient(ctx.api)
        aio(search(controller, ArticleQuery()))
        aio(until(lambda: controller.settled, message="categories"))
        return controller

    make.made = made  # type: ignore[attr-defined]
    return make


async def search(controller: ArticlesController, query: ArticleQuery) -> None:
    """What the page does on Search: the filter applied, the list read again, whole when it may be reordered."""
    loaded = next_emission(controller.listLoaded)
    controller.apply(query)
    controller.refresh()
    await loaded
    await until(lambda: not controller.model.loading and not controller.model.has_more(), message="whole list")


async def finished(controller: ArticlesController, task):
    """The action's result once the list it read again has come (one run of the loop: the reading
    starts inside it)."""
    result = await task
    await until(lambda: not controller.model.loading, message="list read again")
    return result


def test_categories_permissions_and_why_a_list_cannot_be_reordered(articles, aio, errors):
    editor = articles()
    assert editor.categories and editor.allowed_actions() == ["new", "edit", "copy", "delete", "hide", "show"]
    assert editor.reorder_blocker().startswith("To reorder, filter to one category without sub-categories and one "
                                               "language")
    assert not editor.model.reorderable and not editor.may_move()
    assert editor.actions.outcome.failed and editor.actions.outcome_text() == editor.reorder_blocker()
    assert editor.actions.new_article_defaults() == (None, None)

    category = editor.categories[0].id
    aio(search(editor, ArticleQuery(category_id=category, language="en")))
    assert editor.reorder_scope() == (category, "en") and editor.actions.new_article_defaults() == (category, "en")
    assert editor.reorder_blocker() is None and editor.model.reorderable and editor.may_move()
    assert editor.order_to_confirm() is None  # nothing arranged
    editor.model.move_row(0, 1)
    rows = editor.model.rows()
    assert editor.model.arranged and editor.order_to_confirm()[:2] == [f"1. {rows[0].title}", f"2. {rows[1].title}"]
    assert not editor.actions.enabled("new", None) and not editor.actions.enabled("edit", rows[0])
    assert editor.actions.new_article_defaults() is None and not editor.actions.editable(rows[0])
    editor.model.reset_order()
    assert editor.actions.enabled("edit", rows[1]) and editor.actions.enabled("copy", rows[1])
    assert not editor.actions.enabled("edit", None)

    reader = articles("publisher")
    assert reader.allowed_actions() == [] and not reader.can_reorder
    assert reader.reorder_blocker() == "You may not change the order of articles."
    assert not errors


def test_hide_then_a_second_change_is_refused_and_the_row_says_what_it_awaits(articles, aio, errors):
    controller = articles()
    en = [r for r in controller.model.rows() if r.language == "en"]
    rows = [r for r in en if r.visible and r.pending_work_order_id is None
            and sum(o.category_id == r.category_id for o in en) > 1]  # a list of two or more: reorderable
    article = rows[len(rows) // 2]
    aio(search(controller, ArticleQuery(category_id=article.category_id, language="en")))
    assert controller.actions.enabled("hide", article) and not controller.actions.enabled("show", article)
    assert controller.actions.submit_target("show", article) is None  # shown already
    aio(finished(controller, controller.actions.submit_target("hide", article)))
    order_id = int(controller.actions.outcome_text().split("#")[1].split(":")[0])
    assert controller.actions.outcome_text() == f"Submitted as work order #{order_id}: Hide article, 1 level(s) of approval."
    assert articles.made.topics == ["work_orders"]
    try:
        row = next(r for r in controller.model.rows() if r.id == article.id)
        assert (row.pending_work_order_id, row.pending_flow) == (order_id, "help_center.article.hide")
        assert not controller.actions.enabled("edit", row) and controller.actions.enabled("copy", row)
        assert controller.actions.pending_notice(row) == (f"“{row.title}” awaits approval: Hide article #{order_id}. It can "
                                                  "change again once that is decided.")
        assert controller.reorder_blocker() == f"Reorder once work order #{order_id} on “{row.title}” is decided."
        assert not controller.model.reorderable
        assert not controller.actions.editable(row)
        assert controller.actions.outcome_text() == f"“{row.title}” awaits approval in work order #{order_id}."

        aio(finished(controller, controller.actions.submit_target("hide", article)))  # the row read before: the backend refuses
        assert controller.actions.outcome.failed
        assert controller.actions.outcome_text() == "This item is already awaiting approval in another work order."
    finally:
        aio(articles.made.approvals_of[controller].withdraw(order_id))
    assert not errors


def test_a_copy_is_made_current_once_listed_and_a_new_order_is_submitted(articles, aio, errors):
    controller = articles()
    category = controller.categories[-1].id
    aio(search(controller, ArticleQuery(category_id=category, language="en")))
    source = controller.model.rows()[0]
    aio(finished(controller, controller.actions.copy(source, category, "en")))
    copy_id = int(controller.actions.outcome_text().split("#")[1].split(":")[0])
    assert controller.select_when_loaded == copy_id and copy_id in controller.model.ids()
    assert controller.actions.outcome_text().startswith(f"Copied as hidden article #{copy_id}: “{source.title}")

    listed = controller.model.rows()
    controller.model.move_row(len(listed) - 1, -1)
    order = aio(finished(controller, controller.actions.submit_order()))
    try:
        assert order.flow == UPDATE_FLOW and order.payload["article_ids"] == (
            [a.id for a in listed[:-2]] + [listed[-1].id, listed[-2].id])
        assert not controller.model.arranged and controller.model.ids() == [a.id for a in listed]
        assert controller.actions.submit_order() is None  # the live order again: nothing to submit
    finally:
        aio(articles.made.approvals_of[controller].withdraw(order.id))
    assert not errors


# --- the editor ----------------------------------------------------------------------------------


@pytest.fixture
def editor(signed_in) -> Callable[[], ArticleEditorController]:
    ctx_for, made = signed_in

    def make() -> ArticleEditorController:
        ctx = ctx_for("editor")
        controller = ArticleEditorController(ctx, HelpCenterClient(ctx.api))
        made.controllers.append(controller)
        made.approvals_of[controller] = ApprovalsClient(ctx.api)
        return controller

    make.made = made  # type: ignore[attr-defined]
    return make


def values(category_id, language="en", title="A title", body="# Body") -> dict:
    return {"category_id": category_id, "language": language, "title": title, "body": body}


def test_the_editor_notes_each_field_and_builds_the_payload(editor):
    controller = editor()
    controller.start_new()
    controller.begin_fill()
    controller.filled(values(None, None, "", ""))
    notes = controller.check(values(None, None, "", ""))
    assert {k: n.text for k, n in notes.items() if n.tone == "error"} == {
        "category_id": "Choose a category.", "language": "Choose a language.", "title": "Enter a title."}
    assert controller.payload(values(None)) is None and not controller.can_submit(values(None))
    assert controller.check(values(1, title="x" * 201))["title"].text == "At most 200 characters; this is 201."
    assert controller.check(values(1, body="![x](data:image/png;base64,AAAA)"))["body"].tone == "error"
    controller.paste_refused("No images here")
    assert controller.check(values(1))["body"].text == "No images here"
    controller.body_edited()
    assert controller.check(values(1))["body"].text == "6 / 100,000 characters of Markdown"
    assert controller.check(values(1))["title"].text == "7 / 200"
    payload = controller.payload(values(1, title="  Trimmed "))
    assert (payload.article_id, payload.version, payload.title) == (None, None, "Trimmed")
    assert controller.can_submit(values(1)) and not controller.is_dirty(values(None, None, "", ""))


def test_the_editor_loads_submits_once_under_one_key_and_says_a_refusal_beside_its_field(editor, aio, errors):
    controller = editor()
    client = controller.client
    approvals = editor.made.approvals_of[controller]
    listed = aio(client.articles(ArticleQuery(language="en", visible=False, limit=500))).items
    article = next(a for a in listed if a.pending_work_order_id is None)
    loaded = next_emission(controller.loaded)
    controller.start_edit(article.id)
    assert controller.loading
    (detail,) = aio(loaded)
    assert controller.article == detail and detail.id == article.id
    start = values(detail.category_id, detail.language.value, detail.title, detail.body)
    controller.filled(start)
    assert not controller.can_submit(start)  # nothing changed yet
    changed = {**start, "title": detail.title + " (editor test)"}
    assert controller.is_dirty(changed) and controller.can_submit(changed)

    sent = next_emission(controller.submitted)
    first = aio(controller.submit(changed))
    (order,) = aio(sent)
    assert order == first and order.flow == UPDATE_FLOW and order.payload["title"] == changed["title"]
    assert controller.submit(changed) is None  # submitted: nothing changed since
    try:
        other = editor()
        said = next_emission(other.said)
        other.start_edit(article.id)  # awaiting the order just made: not editable
        (text,) = aio(said)
        assert text == (f"This article awaits approval in work order #{order.id} (Edit article); edit it once "
                        "that is decided.") and other.article is None

        refused = editor()
        refused.start_new()
        refused.filled(values(None, None, "", ""))
        failed = next_emission(refused.said)
        aio(refused.submit(values(2_000_000_000, title="Nowhere")))
        aio(failed)
        assert refused.check(values(2_000_000_000))["category_id"].tone == "error"
        assert refused.server_errors and not refused.can_submit(values(2_000_000_000))
        refused.edited()
        assert not refused.server_errors
    finally:
        aio(approvals.withdraw(order.id))
    assert not errors
