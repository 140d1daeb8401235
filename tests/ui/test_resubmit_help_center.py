"""Resubmitting a refused Help Center order from My Requests in the real main window: an article
edit reopens in the Articles page's drawer prefilled with what the order proposed (not the live
article), on the article's version now, under the banner; a new article likewise; a reorder has
nothing to correct (a note only); an article deleted since says so where it would be corrected."""

import pytest

from services.api_client import ApiClient
from services.clients.approvals import ApprovalsClient
from services.clients.help_center import HelpCenterClient
from services.contract.help_center import ArticleDetail, ArticleEditPayload, ArticleOut, ArticleQuery
from services.contract.schemas import Decision, WorkOrderOut, WorkOrderStatus
from tests.qt_fixtures import until
from tests.ui.approval_steps import choose, close_window, open_window
from ui.approvals.my_requests_page import MyRequestsPage
from ui.approvals.resubmit_dialog import ResubmitDialog
from ui.help_center.articles_page import ArticlesPage

MY_REQUESTS = "approvals.my_requests"
ARTICLES = "help_center.articles"
REASON = "Name the fee in the title"


@pytest.fixture
def people(aio, backend):
    """The editor's (the maker's) and the publisher's (the approver's) clients, signed in."""
    made = {}
    for username in ("editor", "publisher"):
        api = backend.api_client()
        api.set_token(backend.token(username))
        made[username] = api
    yield made
    for api in made.values():
        aio(api.aclose())


@pytest.fixture
def editor_window(qtbot, aio, backend, settings):
    window, api = open_window(qtbot, aio, backend, settings, "editor")
    yield window
    articles = window.page(ARTICLES)
    if articles is not None:
        aio(articles.wait_idle())
    close_window(aio, window, api)


def free_article(aio, api: ApiClient, **wanted) -> ArticleDetail:
    listed = aio(HelpCenterClient(api).articles(ArticleQuery(language="en", limit=500, **wanted))).items
    row = next(r for r in listed if r.pending_work_order_id is None)
    return aio(HelpCenterClient(api).article(row.id))


def edit_of(article: ArticleDetail, **changes) -> ArticleEditPayload:
    fields = {"title": article.title, "body": article.body, "external_link": article.external_link,
              "publish_scenes": [s.value for s in article.publish_scenes], **changes}
    return ArticleEditPayload(article_id=article.id, version=article.version, category_id=article.category_id,
                              language=article.language, **fields)


def rejected(aio, people, order: WorkOrderOut) -> WorkOrderOut:
    decided = aio(ApprovalsClient(people["publisher"]).decide(order.id, Decision.REJECT, REASON, level=1))
    assert decided.status == WorkOrderStatus.REJECTED
    return decided


def approved(aio, people, order: WorkOrderOut) -> None:
    assert aio(ApprovalsClient(people["publisher"]).approve(order.id, level=1)).status == WorkOrderStatus.APPLIED


def resubmit_from_my_requests(aio, window, order_id: int) -> MyRequestsPage:
    window.open_page(MY_REQUESTS)
    page = window.page(MY_REQUESTS)
    aio(page.model.fetch_all())
    choose(aio, page, order_id)
    assert page.resubmit_button.isEnabled()
    page.resubmit_button.click()
    return page


def test_an_edit_reopens_in_the_drawer_with_its_proposal_on_todays_version_and_is_resubmitted(
        aio, editor_window, people, errors):
    window = editor_window
    article = free_article(aio, people["editor"], visible=False)
    proposed = edit_of(article, title=f"{article.title} (fees)", body=article.body + "\n\nFees are listed below.")
    old = rejected(aio, people, aio(HelpCenterClient(people["editor"]).submit_edit(proposed)))
    # Someone's other change is applied meanwhile: the correction must start from the version now.
    approved(aio, people, aio(HelpCenterClient(people["editor"]).submit_edit(edit_of(article, external_link=None,
                                                                                      body=article.body + "\n"))))
    live = aio(HelpCenterClient(people["editor"]).article(article.id))
    assert live.version > article.version

    resubmit_from_my_requests(aio, window, old.id)
    assert window.current_page_key() == ARTICLES  # opened where the change was made
    page = window.page(ARTICLES)
    assert isinstance(page, ArticlesPage)
    drawer = page.drawer
    aio(until(lambda: drawer.editor.article is not None and not drawer.editor.loading, message="article read"))
    form = drawer.form
    assert drawer.isVisible() and drawer.title.text() == f"Edit Article #{article.id}"
    assert form.title_edit.text() == proposed.title and form.source.toPlainText() == proposed.body  # not the live
    aio(until(lambda: form.category.currentData() == article.category_id, message="the category, once listed"))
    banner = drawer.resubmit.banner
    assert banner is not None and banner.isVisible()
    assert banner.title.text() == f"Correcting work order #{old.id} (Edit article)"
    assert banner.reason.text() == f"Rejected by Jason Yip 葉俊傑: {REASON}"
    assert drawer.primary.isEnabled()  # the proposal is a change of the live article as it is
    assert not drawer.editor.is_dirty(form.values())  # opening it is not an edit: Cancel asks nothing

    corrected = f"{article.title} (trading fees 2025)"
    form.title_edit.setText(corrected)
    banner.note_edit.setPlainText("Named the fee in the title")
    drawer.primary.click()
    aio(until(lambda: not drawer.isVisible(), message="resubmitted"))
    aio(page.wait_idle())
    new_id = int(page.bar.outcome.text().split("#")[2].split(":")[0])
    assert page.bar.outcome.text().startswith(f"Work order #{old.id} resubmitted as #{new_id}: Edit article,")
    new = aio(ApprovalsClient(people["editor"]).work_order(new_id))
    assert new.resubmitted_from_id == old.id and new.status == WorkOrderStatus.PENDING
    assert new.maker_note == "Named the fee in the title"
    assert (new.payload["title"], new.payload["body"]) == (corrected, proposed.body)
    assert new.payload["version"] == live.version  # on the version now, not the refused order's

    # The drawer opened for anything else has no banner and submits as usual.
    page.new_article()
    assert drawer.resubmit.banner is None and drawer.title.text() == "New Article"
    drawer.force_close()
    aio(ApprovalsClient(people["editor"]).withdraw(new_id))
    assert errors == []


def test_a_new_article_reopens_prefilled_and_cancelling_changes_nothing(aio, editor_window, people, errors):
    window = editor_window
    categories = aio(HelpCenterClient(people["editor"]).categories())
    category = categories[-1].id
    proposed = ArticleEditPayload(category_id=category, language="en", title="Paying in by FPS",
                                  body="# Paying in by FPS\n\n1. Open your bank app", visible=True,
                                  external_link="https://www.fps.hk/", publish_scenes=["app"])
    old = rejected(aio, people, aio(HelpCenterClient(people["editor"]).submit_edit(proposed)))

    my_requests = resubmit_from_my_requests(aio, window, old.id)
    page = window.page(ARTICLES)
    drawer, form = page.drawer, page.drawer.form
    assert drawer.isVisible() and drawer.title.text() == "New Article"
    assert (form.title_edit.text(), form.source.toPlainText()) == (proposed.title, proposed.body)
    assert form.language.currentData() == "en" and form.publishing.visible.isChecked()
    assert form.publishing.link.text() == "https://www.fps.hk/"
    assert [s for s, box in form.publishing.scenes.items() if box.isChecked()] == ["app"]
    # The page was just opened: its categories come after the drawer, and the proposal's is chosen then.
    aio(until(lambda: form.category.currentData() == category, message="the category, once listed"))
    assert not drawer.editor.is_dirty(form.values()) and drawer.primary.isEnabled()

    drawer.request_close()  # Cancel: nothing to lose, nothing sent
    assert not drawer.isVisible()
    aio(page.wait_idle())
    assert aio(ApprovalsClient(people["editor"]).work_order(old.id)).status == WorkOrderStatus.REJECTED
    assert my_requests.dialog is None and errors == []


def test_a_reorder_has_nothing_to_correct_and_is_resubmitted_with_a_note(aio, editor_window, people, errors):
    window = editor_window
    listed: list[ArticleOut] = aio(HelpCenterClient(people["editor"]).articles(
        ArticleQuery(language="en", limit=500))).items
    first = listed[0]
    whole = aio(HelpCenterClient(people["editor"]).articles(ArticleQuery(
        category_id=first.category_id, language="en", limit=500))).items
    siblings = [r for r in whole if r.category_id == first.category_id]
    assert len(siblings) >= 2
    old = rejected(aio, people, aio(HelpCenterClient(people["editor"]).submit_reorder(
        first.category_id, "en", list(reversed(siblings)))))

    page = resubmit_from_my_requests(aio, window, old.id)
    assert isinstance(page.dialog, ResubmitDialog)  # the reorder's editor answered False
    assert not window.page(ARTICLES).drawer.isVisible()
    page.dialog.reject()
    assert errors == []


def test_an_article_deleted_since_says_so_in_the_drawer(aio, editor_window, people, errors):
    window = editor_window
    article = free_article(aio, people["editor"], visible=False)  # a hidden article may be deleted
    old = rejected(aio, people, aio(HelpCenterClient(people["editor"]).submit_edit(
        edit_of(article, title=f"{article.title} (old)"))))
    row = next(r for r in aio(HelpCenterClient(people["editor"]).articles(ArticleQuery(language="en", limit=500))).items
               if r.id == article.id)
    approved(aio, people, aio(HelpCenterClient(people["editor"]).submit_delete(row)))

    resubmit_from_my_requests(aio, window, old.id)
    drawer = window.page(ARTICLES).drawer
    aio(until(lambda: not drawer.editor.loading, message="the article asked for"))
    assert drawer.isVisible() and drawer.resubmit.banner is not None
    assert drawer.message.text() == "The requested item was not found. It may have been removed."
    assert not drawer.primary.isEnabled() and not drawer.form.title_edit.isEnabled()
    drawer.request_close()
    assert errors == []
