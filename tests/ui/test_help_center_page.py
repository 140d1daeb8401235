"""Help Center › Articles against the real backend over HTTP: filters, Copy, the Markdown drawer
(edit, new, paste), delete/hide/show orders, reordering by drop and by keys, the pending marker,
and the approval detail of an article change (text diff and preview).

Orders made here are withdrawn (or approved) before a test ends, so each test finds its articles
free; every test picks articles no other test of this module changes.
"""

from dataclasses import replace

import pytest
from PySide6.QtCore import QItemSelectionModel, QMimeData, QModelIndex, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from desktop.error_messages import message_for
from services.api_client import ApiClient
from services.clients.approvals import ApprovalsClient
from services.clients.help_center import HelpCenterClient
from services.clients.session import SessionClient
from services.contract.help_center import (
    COPY_SUFFIX,
    ArticleEditPayload,
    ArticleOut,
    ArticleQuery,
)
from services.contract.schemas import Decision, WorkOrderStatus
from tests.qt_fixtures import until
from tests.ui.approval_steps import choose, close_approvals, open_approvals
from tests.ui.page_steps import open_page
from ui.common.page_context import PageContext
from ui.help_center import labels
from ui.help_center.article_change_view import ArticleChangeView
from ui.help_center.article_model import ArticleTableModel
from ui.help_center.articles_page import ArticlesPage
from ui.help_center.text_diff import LineKind, side_by_side

PAGE = "help_center.articles"
UPDATE, DELETE, HIDE, SHOW = ("help_center.article.update", "help_center.article.delete",
                              "help_center.article.hide", "help_center.article.show")


def with_shell_texts(ctx: PageContext) -> ArticlesPage:
    return ArticlesPage(replace(ctx, error_text=message_for))


@pytest.fixture
def open_articles(qtbot, aio, backend, errors):
    """Opens the page signed in (categories read, first page shown); nothing in flight after."""
    opened = []

    def run(username: str = "editor", language: str = "en") -> tuple[ArticlesPage, ApiClient]:
        page, api = open_page(qtbot, aio, backend, errors, PAGE, username=username, language=language,
                              factory=with_shell_texts)
        opened.append((page, api))
        page.resize(1400, 800)
        aio(until(lambda: page.is_ready() and not page.model.loading, message="first page and categories"))
        return page, api

    yield run
    for page, api in opened:
        if page.dialog is not None:
            page.dialog.close()
        aio(page.wait_idle())
        aio(api.aclose())


@pytest.fixture
def publisher(aio, backend):
    """The publisher's approvals, signed in."""
    api = backend.api_client()
    aio(SessionClient(api).login("publisher", "publisher-demo"))
    yield ApprovalsClient(api)
    aio(api.aclose())


async def search(page: ArticlesPage, **values) -> None:
    page.filter_bar.reset()
    page.filter_bar.set_values(**values)
    page.filter_bar.search()
    await until(lambda: not page.model.loading and not page.model.has_more(), message="filtered list")


async def articles(api: ApiClient, **filters) -> list[ArticleOut]:
    page = await HelpCenterClient(api).articles(ArticleQuery(**filters, limit=1000))
    return page.items


def free(rows: list[ArticleOut], **wanted) -> list[ArticleOut]:
    return [r for r in rows if r.pending_work_order_id is None and all(getattr(r, k) == v for k, v in wanted.items())]


def choose_article(page: ArticlesPage, article_id: int) -> None:
    ids = page.model.ids()
    assert article_id in ids, f"article #{article_id} is not listed"
    page.table.selectionModel().setCurrentIndex(
        page.model.index(ids.index(article_id), 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)


def order_id_of(page: ArticlesPage) -> int:
    return int(page.bar.outcome.text().split("#")[1].split(":")[0])


async def submitted(page: ArticlesPage) -> int:
    await until(lambda: "work order #" in page.bar.outcome.text() and not page.controller.actions.acting, message="submitted")
    await until(lambda: not page.model.loading, message="list read again")
    return order_id_of(page)


async def press(page: ArticlesPage, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed in the list, the window active."""
    page.activateWindow()
    await until(page.isActiveWindow, message="active window")
    page.table.setFocus()
    QTest.keyClick(page.table, key, modifier)


def press_accept(page: ArticlesPage) -> None:
    assert page.dialog is not None and page.dialog.isVisible(), "no confirmation on screen"
    page.dialog.findChild(QPushButton, "confirmAccept").click()


# --- the list ------------------------------------------------------------------------------------


def test_filters_by_category_language_visibility_and_title_words(open_articles, aio, qtmodeltester):
    page, api = open_articles()
    assert page.model.rowCount() > 0 and page.controller.categories
    qtmodeltester.check(page.model)
    category = page.controller.categories[0].id
    aio(search(page, category_id=category, language="en"))
    expected = aio(articles(api, category_id=category, language="en"))
    assert page.model.ids() == [a.id for a in expected] and expected
    assert {page.model.data(page.model.index(0, 1)), page.model.data(page.model.index(0, 2))} == {
        page.controller.categories[0].name, "English"}

    aio(search(page, visible=False))
    assert page.model.rowCount() > 0 and all(not r.visible for r in page.model.rows())
    assert page.model.data(page.model.index(0, 3)) == "Hidden"

    word = expected[0].title.split()[-1]
    aio(search(page, title=word, language="en"))
    assert expected[0].id in page.model.ids()
    assert all(word.casefold() in r.title.casefold() for r in page.model.rows())


def test_a_reader_without_change_rights_sees_no_actions(open_articles):
    page, _api = open_articles("publisher")
    assert page.bar.buttons == {} and not page.bar.reorder_hint.isVisible()


# --- copy ----------------------------------------------------------------------------------------


def test_copy_makes_a_hidden_copy_in_the_chosen_category_and_language(open_articles, aio):
    page, api = open_articles()
    source = free(aio(articles(api, language="zh-Hant", visible=True)))[-1]
    target = page.controller.categories[-1]
    aio(search(page, category_id=source.category_id, language="zh-Hant"))
    choose_article(page, source.id)
    page.bar.buttons["copy"].click()
    dialog = page.dialog
    assert dialog.category.currentData() == source.category_id and dialog.language.currentData() == "zh-Hant"
    dialog.category.setCurrentIndex(dialog.category.findData(target.id))
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.copy_button.click()
    aio(until(lambda: "Copied as hidden article #" in page.bar.outcome.text() and not page.controller.actions.acting, message="copied"))
    copy_id = int(page.bar.outcome.text().split("#")[1].split(":")[0])
    copy = aio(HelpCenterClient(api).article(copy_id))
    assert (copy.category_id, copy.language, copy.visible, copy.copied_from) == (target.id, "en", False, source.id)
    assert copy.title == source.title + COPY_SUFFIX["en"]

    aio(search(page, category_id=target.id, language="en"))
    assert copy_id in page.model.ids()
    choose_article(page, copy_id)
    assert page.model.data(page.model.index(page.model.ids().index(copy_id), 3)) == "Hidden"
    assert page.bar.buttons["show"].isEnabled() and not page.bar.buttons["hide"].isEnabled()


# --- the drawer ----------------------------------------------------------------------------------


def test_edit_in_the_drawer_then_approval_shows_the_new_title(open_articles, aio, publisher):
    page, api = open_articles()
    article = free(aio(articles(api, language="en", visible=True)))[0]
    aio(search(page, category_id=article.category_id, language="en"))
    choose_article(page, article.id)
    page.bar.buttons["edit"].click()
    drawer = page.drawer
    aio(until(lambda: drawer.editor.article is not None and drawer.editor.article.id == article.id, message="article read"))
    assert drawer.isVisible() and drawer.form.title_edit.text() == article.title
    assert not drawer.primary.isEnabled()  # nothing changed yet

    drawer.form.title_edit.setText("")
    assert drawer.form.notes["title"].text() == "Enter a title." and not drawer.primary.isEnabled()
    drawer.form.title_edit.setText("x" * 201)
    assert drawer.form.notes["title"].text() == "At most 200 characters; this is 201."
    new_title = f"{article.title} (revised)"
    drawer.form.title_edit.setText(new_title)
    drawer.form.source.moveCursor(drawer.form.source.textCursor().MoveOperation.End)
    drawer.form.source.insertPlainText("\n\n| Day | Hours |\n|---|---|\n| Mon | 9–5 |\n")
    aio(until(lambda: "Mon" in drawer.form.preview.browser.toPlainText(), message="live preview"))
    assert drawer.primary.isEnabled()
    drawer.primary.click()
    order_id = aio(submitted(page))
    assert not drawer.isVisible()
    order = aio(ApprovalsClient(api).work_order(order_id))
    assert (order.flow, order.payload["article_id"], order.payload["title"]) == (UPDATE, article.id, new_title)
    assert "| Mon | 9–5 |" in order.payload["body"]

    row = next(r for r in page.model.rows() if r.id == article.id)
    assert (row.pending_work_order_id, row.pending_flow) == (order_id, UPDATE)
    choose_article(page, article.id)
    pending = [c.key for c in page.model.columns].index("pending")
    assert page.model.data(page.model.index(page.model.ids().index(article.id), pending)) == f"Edit article #{order_id}"
    assert not page.bar.buttons["edit"].isEnabled() and not page.bar.buttons["delete"].isEnabled()
    assert not page.bar.buttons["hide"].isEnabled() and page.bar.buttons["copy"].isEnabled()
    assert f"Edit article #{order_id}" in page.bar.pending_notice.text()
    assert "work order #" in page.bar.reorder_hint.text()  # its list cannot be reordered meanwhile

    applied = aio(publisher.decide(order_id, Decision.APPROVE, level=1))
    assert applied.status == WorkOrderStatus.APPLIED
    page.refresh()
    aio(until(lambda: not page.model.loading, message="list read again"))
    row = next(r for r in page.model.rows() if r.id == article.id)
    assert (row.title, row.pending_work_order_id) == (new_title, None)


def test_new_article_is_an_update_order_without_an_article(open_articles, aio):
    page, api = open_articles()
    category = page.controller.categories[0].id
    aio(search(page, category_id=category, language="en"))
    page.bar.buttons["new"].click()
    drawer = page.drawer
    assert drawer.isVisible() and drawer.form.category.currentData() == category and drawer.form.language.currentData() == "en"
    assert drawer.form.notes["title"].text() == "Enter a title."
    drawer.form.title_edit.setText("Paying in by FPS")
    drawer.form.source.setPlainText("# Paying in by FPS\n\n1. Open your bank app\n2. Choose FPS")
    drawer.primary.click()
    approvals = ApprovalsClient(api)
    order = aio(approvals.work_order(aio(submitted(page))))
    assert order.flow == UPDATE and order.payload["article_id"] is None and order.payload["version"] is None
    assert (order.payload["category_id"], order.payload["language"]) == (category, "en")
    aio(approvals.withdraw(order.id))


def test_a_new_article_with_a_link_and_scenes_goes_live_with_one_approval(open_articles, aio, publisher, qtbot):
    """The manual's 外鏈 and 發佈場景 in the drawer, judged as typed; "Show once approved" makes one
    order put the article online; the list then finds it by scene and by link."""
    page, api = open_articles()
    page.bar.buttons["new"].click()
    drawer, fields = page.drawer, page.drawer.form.publishing
    assert all(box.isChecked() for box in fields.scenes.values()) and fields.visible.isVisible()
    drawer.form.category.setCurrentIndex(drawer.form.category.findData(page.controller.categories[0].id))
    drawer.form.language.setCurrentIndex(drawer.form.language.findData("en"))
    drawer.form.title_edit.setText("Trading hours on typhoon days")
    fields.link.setText("ftp://www.hkex.com.hk/typhoon")
    assert drawer.form.notes["external_link"].text() == ("External link: only http:// and https:// addresses can "
                                                         "be opened.")
    assert not drawer.primary.isEnabled()
    fields.link.setText("https://www.hkex.com.hk/typhoon")
    assert drawer.form.notes["external_link"].text() == "Customers open this page instead of the body."
    for box in fields.scenes.values():
        box.setChecked(False)
    assert drawer.form.notes["publish_scenes"].text() == "Publish scenes: choose at least one."
    assert not drawer.primary.isEnabled()
    fields.scenes["app"].setChecked(True)
    fields.scenes["wtt"].setChecked(True)
    fields.visible.setChecked(True)
    assert drawer.primary.isEnabled()
    drawer.primary.click()
    order = aio(ApprovalsClient(api).work_order(aio(submitted(page))))
    assert (order.payload["external_link"], order.payload["publish_scenes"], order.payload["visible"]) == (
        "https://www.hkex.com.hk/typhoon", ["app", "wtt"], True)
    view = ArticleChangeView(lambda: "en")  # what the approver reads: where, which link, shown at once
    qtbot.addWidget(view)
    view.show_order(order)
    facts = view.facts.text()
    assert "APP, WTT" in facts and "https://www.hkex.com.hk/typhoon" in facts and "Visible" in facts
    assert view.preview_caption.text() == "Preview of the new article (shown once approved)"
    aio(publisher.approve(order.id, level=1))

    aio(search(page, scene="wtt", has_link=True, language="en"))
    row = next(r for r in page.model.rows() if r.title == "Trading hours on typhoon days")
    assert (row.visible, row.external_link, [s.value for s in row.publish_scenes]) == (
        True, "https://www.hkex.com.hk/typhoon", ["app", "wtt"])
    column = [c.key for c in page.model.columns].index("publish_scenes")
    assert page.model.index(page.model.ids().index(row.id), column).data() == "APP, WTT"
    aio(search(page, scene="website", language="en"))
    assert row.id not in page.model.ids()


def test_filtering_by_a_category_lists_its_sub_categories_articles(open_articles, aio):
    page, _api = open_articles()
    trading = next(c for c in page.controller.categories if c.code == "trading")
    fees = next(c for c in page.controller.categories if c.code == "trading_fees")
    aio(search(page, category_id=trading.id, language="en"))
    assert {r.category_id for r in page.model.rows()} >= {fees.id}
    column = [c.key for c in page.model.columns].index("category_id")
    row = page.model.ids().index(next(r.id for r in page.model.rows() if r.category_id == fees.id))
    assert page.model.index(row, column).data() == "Trading › Fees"
    assert page.controller.reorder_scope() is None  # several lists on screen: not one to reorder
    combo = page.filter_bar.editor("category_id")
    combo_texts = [combo.itemText(i) for i in range(combo.count())]
    assert "\u3000\u3000US market" in combo_texts  # the third level, indented twice


def test_closing_the_drawer_with_edits_asks_first_and_pasting_an_image_is_refused(open_articles, aio):
    page, _api = open_articles()
    page.bar.buttons["new"].click()
    drawer = page.drawer
    drawer.form.source.setPlainText("Half written")
    image = QImage(20, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#ff0000"))
    pasted = QMimeData()
    pasted.setImageData(image)
    drawer.form.source.insertFromMimeData(pasted)
    assert drawer.form.source.toPlainText() == "Half written"
    assert drawer.form.notes["body"].text() == "Images are referenced by URL: ![alt](https://…)"
    assert drawer.form.notes["body"].property("tone") == "warning"
    drawer.form.source.setPlainText("![x](data:image/png;base64,iVBORw0KGgo=)")  # typed or dropped in anyway
    assert drawer.form.notes["body"].property("tone") == "error" and not drawer.primary.isEnabled()

    assert drawer.request_close() is False and drawer.discard_bar.isVisible()
    drawer.discard_button.click()
    assert not drawer.isVisible()


# --- delete, hide, show --------------------------------------------------------------------------


def test_delete_hide_and_show_submit_their_flows(open_articles, aio, qtbot):
    page, api = open_articles()
    rows = aio(articles(api, language="zh-Hans"))
    shown = free(rows, visible=True)[:2]
    hidden, to_show = free(rows, visible=False)[:2]
    approvals = ApprovalsClient(api)
    # Delete is offered only for a hidden article (the manual: hide it first); Del says why.
    aio(search(page, category_id=shown[0].category_id, language="zh-Hans"))
    choose_article(page, shown[0].id)
    assert not page.bar.buttons["delete"].isEnabled() and page.bar.buttons["hide"].isEnabled()
    page.delete_current()
    assert page.dialog is None and "hide it before deleting it" in page.bar.outcome.text()
    made = []
    for action, article in (("delete", hidden), ("hide", shown[1]), ("show", to_show)):
        aio(search(page, category_id=article.category_id, language="zh-Hans"))
        choose_article(page, article.id)
        page.bar.buttons[action].click()
        if action == "delete":
            press_accept(page)
        order = aio(approvals.work_order(aio(submitted(page))))
        assert (order.flow, order.payload) == ({"delete": DELETE, "hide": HIDE, "show": SHOW}[action],
                                               {"article_id": article.id, "version": article.version})
        made.append(order.id)
        view = ArticleChangeView(lambda: "en")
        qtbot.addWidget(view)
        view.show_order(order)
        if action == "delete":
            assert "(deleted)" in view.diff.toPlainText()
        else:
            assert ("Visible → Hidden" if action == "hide" else "Hidden → Visible") in view.facts.text()
    names = {r.id: r.pending_flow for r in aio(articles(api, language="zh-Hans"))}
    assert (names[hidden.id], names[shown[1].id], names[to_show.id]) == (DELETE, HIDE, SHOW)

    # A second change of an article awaiting one is refused by the backend with a clear reason.
    aio(search(page, category_id=shown[1].category_id, language="zh-Hans"))
    page.controller.actions.submit_target("hide", shown[1])
    aio(until(lambda: not page.controller.actions.acting and page.bar.outcome.property("failed"), message="refused"))
    assert page.bar.outcome.text() == "This item is already awaiting approval in another work order."
    for order_id in made:
        aio(approvals.withdraw(order_id))


# --- reordering ----------------------------------------------------------------------------------


def test_dropping_a_row_asks_then_submits_the_new_order(open_articles, aio, qtbot):
    page, api = open_articles()
    rows = aio(articles(api, language="en"))
    lists: dict[int, list[ArticleOut]] = {}
    for r in rows:
        lists.setdefault(r.category_id, []).append(r)
    category, listed = next((c, a) for c, a in lists.items()
                            if len(a) >= 3 and all(x.pending_work_order_id is None for x in a))
    aio(search(page, category_id=category, language="en"))
    assert page.model.reorderable and page.model.ids() == [a.id for a in listed]
    model: ArticleTableModel = page.model
    last = model.index(model.rowCount() - 1, 0)
    assert model.flags(last) & Qt.ItemFlag.ItemIsDragEnabled
    data = model.mimeData([last])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    proposal = [listed[-1].id] + [a.id for a in listed[:-1]]
    assert model.ids() == proposal and model.arranged
    assert page.dialog is not None and page.dialog.isVisible()
    assert page.bar.submit_order_button.isVisible() and not page.bar.buttons["edit"].isEnabled()

    press_accept(page)
    approvals = ApprovalsClient(api)
    order = aio(approvals.work_order(aio(submitted(page))))
    assert order.flow == UPDATE
    assert order.payload == {"category_id": category, "language": "en", "article_ids": proposal,
                             "versions": [next(a.version for a in listed if a.id == i) for i in proposal]}
    # The list shows the live order until the order is approved, every article marked.
    assert page.model.ids() == [a.id for a in listed] and not page.model.arranged
    assert all(r.pending_work_order_id == order.id for r in page.model.rows())
    assert not page.model.reorderable

    view = ArticleChangeView(lambda: "en")  # what the approver reads of it: the positions, old and new
    qtbot.addWidget(view)
    view.show_order(order)
    assert view.kind() == "reorder" and not view.preview_box.isVisibleTo(view)
    text = view.diff.toPlainText()
    assert "New Position" in text and f"{len(listed)} → 1" in text and "1 → 2" in text
    assert text.index(listed[-1].title) < text.index(listed[0].title)
    aio(approvals.withdraw(order.id))


def test_reordering_by_keys_and_why_it_is_not_offered(open_articles, aio):
    page, api = open_articles()
    page.table.setCurrentIndex(page.model.index(0, 0))
    page.move_current(1)
    assert page.bar.outcome.text().startswith("To reorder, filter to one category without sub-categories and one "
                                              "language")
    assert not page.model.reorderable and not page.model.arranged

    rows = aio(articles(api, language="zh-Hant"))
    lists: dict[int, list[ArticleOut]] = {}
    for r in rows:
        lists.setdefault(r.category_id, []).append(r)
    category, listed = next((c, a) for c, a in reversed(lists.items())
                            if len(a) >= 3 and all(x.pending_work_order_id is None for x in a))
    aio(search(page, category_id=category, language="zh-Hant"))
    page.table.setCurrentIndex(page.model.index(0, 0))
    aio(press(page, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier))
    aio(press(page, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier))
    expected = [listed[1].id, listed[2].id, listed[0].id] + [a.id for a in listed[3:]]
    assert page.model.ids() == expected and page.table.currentIndex().row() == 2
    assert page.model.data(page.model.index(2, 0), Qt.ItemDataRole.ToolTipRole) == "Moved from position 1 to 3"
    page.bar.reset_order_button.click()
    assert page.model.ids() == [a.id for a in listed] and not page.bar.submit_order_button.isVisible()

    page.move_current(1)
    assert page.bar.submit_order_button.isVisible()
    aio(press(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier))  # Submit Order…
    press_accept(page)
    approvals = ApprovalsClient(api)
    order = aio(approvals.work_order(aio(submitted(page))))
    assert order.payload["article_ids"] == [listed[1].id, listed[0].id] + [a.id for a in listed[2:]]
    aio(approvals.withdraw(order.id))


# --- the approval detail -------------------------------------------------------------------------


def test_the_approval_detail_of_an_article_edit_shows_a_text_diff_and_a_preview(qtbot, aio, backend, errors):
    editor = backend.api_client()
    aio(SessionClient(editor).login("editor", "editor-demo"))
    article = [a for a in free(aio(articles(editor, language="en", visible=False))) if a.copied_from is None][-1]
    help_center = HelpCenterClient(editor)
    detail = aio(help_center.article(article.id))
    body = detail.body.replace("\n", "\n\n<script>alert(1)</script>\n", 1) + "\n- a new point\n"
    payload = ArticleEditPayload(article_id=article.id, version=article.version, category_id=article.category_id,
                                 language="en", title=detail.title + " <b>v2</b>", body=body)
    order = aio(help_center.submit_edit(payload, f"test-diff-{article.id}-{article.version}"))
    categories = {c.id: c.name for c in aio(labels.read_categories(editor))}
    labels.forget_categories()  # as in a session that opens the Inbox before the Articles page
    try:
        page, api = open_approvals(qtbot, aio, backend, errors, "approvals.inbox", "publisher")
        shown = choose(aio, page, order.id)
        assert categories[article.category_id] in view_facts(page)  # named, not numbered
        assert shown.flow == UPDATE
        view = page.detail.change_view
        assert isinstance(view, ArticleChangeView) and view.isVisible() and not page.detail.diff_view.isVisible()
        diff_html = view.diff.toHtml()
        assert "&lt;b&gt;v2&lt;/b&gt;" in diff_html and "&lt;script&gt;" in diff_html  # escaped, marked
        text = view.diff.toPlainText()
        assert detail.title in text and "a new point" in text and "Live now" in text and "After approval" in text
        assert view.preview.source == body  # kept exactly as typed
        assert "<script>alert(1)</script>" in view.preview.browser.toPlainText()  # shown as text
        assert "a new point" in view.preview.browser.toPlainText()
        close_approvals(aio, page, api)
    finally:
        aio(ApprovalsClient(editor).withdraw(order.id))
        aio(editor.aclose())


# --- the text diff -------------------------------------------------------------------------------


def test_side_by_side_pairs_changed_lines_and_marks_the_changed_words():
    rows = side_by_side("# Hours\n\nOpen 9 to 5\nClosed Sunday\n", "# Hours\n\nOpen 9 to 6\nClosed Sunday\nNew line")
    kinds = [r.kind for r in rows]
    assert kinds == [LineKind.EQUAL, LineKind.EQUAL, LineKind.CHANGED, LineKind.EQUAL, LineKind.INSERTED]
    changed = rows[2]
    assert changed.left == (("Open 9 to ", False), ("5", True)) and changed.right == (("Open 9 to ", False), ("6", True))
    long_before = "\n".join(f"line {i}" for i in range(40))
    folded = side_by_side(long_before, long_before.replace("line 20", "line twenty"))
    assert [r.kind for r in folded].count(LineKind.SKIPPED) == 2 and len(folded) == 9
    chinese = side_by_side("開戶需時十分鐘", "開戶需時五分鐘")[0]
    assert chinese.left == (("開戶需時", False), ("十", True), ("分鐘", False))


def view_facts(page) -> str:
    view = page.detail.change_view
    assert isinstance(view, ArticleChangeView)  # registered by the Help Center for its flows
    return view.facts.text()
