"""Help Center › Article Categories against the in-process backend: the tree, creating a
sub-category with its names judged as typed, renaming, moving up, hiding, deleting an empty one,
and a refusal said in the user's language with nothing changed."""

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QPushButton

from desktop import i18n
from desktop.error_messages import message_for
from services.api_client import ApiError
from services.clients.help_center import HelpCenterClient
from tests.qt_fixtures import until
from tests.ui.page_steps import open_page
from ui.common.page_context import PageContext
from ui.help_center.categories_page import CategoriesPage
from ui.help_center.category_dialog import CategoryDialog

PAGE = "help_center.categories"


def with_shell_texts(ctx: PageContext) -> CategoriesPage:
    return CategoriesPage(replace(ctx, error_text=message_for, ui_language=i18n.current_language))


@pytest.fixture
def open_categories(qtbot, aio, backend, errors):
    opened = []

    def run(username: str = "editor") -> tuple[CategoriesPage, object]:
        page, api = open_page(qtbot, aio, backend, errors, PAGE, username=username, factory=with_shell_texts)
        opened.append((page, api))
        return page, api

    yield run
    for page, api in opened:
        if page.dialog is not None:
            page.dialog.close()
        aio(page.controller.ops.wait_idle())
        aio(api.aclose())


def named(page: CategoriesPage, name: str):
    return next(c for c in page.controller.categories if c.name == name)


async def acted(page: CategoriesPage) -> None:
    await until(lambda: not page.controller.acting, message="the change answered")
    await page.controller.ops.wait_idle()


def dialog_of(page: CategoriesPage) -> CategoryDialog:
    assert isinstance(page.dialog, CategoryDialog) and page.dialog.isVisible(), "no category dialog"
    return page.dialog


def test_the_tree_shows_levels_and_a_sub_category_is_created_with_its_names_checked(open_categories, aio, errors):
    page, _api = open_categories()
    trading = named(page, "Trading")
    page.select_category(named(page, "Trading rules").id)
    item = page.tree.currentItem()
    assert item.parent() is not None and item.parent().text(0) == "Trading"
    assert item.child(0).text(0) == "US market"  # the third level
    assert page.buttons["new_child"].isEnabled()
    page.select_category(named(page, "US market").id)
    assert not page.buttons["new_child"].isEnabled()  # under it would be a fourth level
    assert "three levels" in page.buttons["new_child"].toolTip()

    page.select_category(trading.id)
    assert page.buttons["delete"].toolTip().startswith("The category has sub-categories")
    page.buttons["new_child"].click()
    dialog = dialog_of(page)
    assert dialog.parent_id() == trading.id
    dialog.name_zh.setText("交易規則")  # a sibling's name
    dialog.name.setText("Options")
    assert "another category under the same parent" in dialog.notes["name_zh"].text()
    assert not dialog.accept_button.isEnabled()
    dialog.name_zh.setText("期權")
    assert dialog.notes["name_zh"].text() == "" and dialog.accept_button.isEnabled()
    dialog.accept_button.click()
    aio(acted(page))
    options = named(page, "Options")
    assert (options.parent_id, options.name_zh, options.sort_order) == (trading.id, "期權", 3)
    assert page.controller.outcome == ("Created “Options”.", False)
    assert page.tree.currentItem().text(0) == "Options"
    assert not errors


def test_rename_move_up_hide_and_delete_an_empty_category(open_categories, aio, errors):
    page, api = open_categories()
    page.select_category(named(page, "Trading").id)
    aio(page.controller.create("Warrants", "窩輪", named(page, "Trading").id))
    aio(acted(page))
    warrants = named(page, "Warrants")
    assert page.controller.current_id == warrants.id

    page.buttons["rename"].click()
    dialog = dialog_of(page)
    assert not dialog.accept_button.isEnabled()  # nothing changed yet
    dialog.name.setText("Warrants & CBBCs")
    dialog.name_zh.setText("窩輪及牛熊證")
    dialog.accept_button.click()
    aio(acted(page))
    assert (named(page, "Warrants & CBBCs").name_zh, named(page, "Warrants & CBBCs").version) == ("窩輪及牛熊證", 2)

    page.buttons["up"].click()
    aio(acted(page))
    siblings = [c.name for c in page.controller.tree.children(warrants.parent_id)]
    assert siblings == ["Trading rules", "Warrants & CBBCs", "Fees"]

    page.buttons["hide"].click()
    aio(acted(page))
    assert page.controller.current.hidden and page.buttons["hide"].text() == "Show"
    assert page.tree.currentItem().text(3) == "Hidden"

    page.buttons["delete"].click()
    page.dialog.findChild(QPushButton, "confirmAccept").click()
    aio(acted(page))
    assert all(c.name != "Warrants & CBBCs" for c in page.controller.categories)
    assert page.controller.outcome == ("Deleted “Warrants & CBBCs”.", False)
    assert not errors


def test_a_refusal_is_said_in_the_users_language_and_changes_nothing(open_categories, aio, errors, backend):
    page, api = open_categories()
    fees = named(page, "Fees")
    # Someone else renames "Fees" meanwhile: the page still holds the version it read.
    other = backend.api_client()
    other.set_token(backend.token("admin"))
    aio(HelpCenterClient(other).rename_category(fees, "Fees and charges", "收費"))
    aio(other.aclose())
    i18n.set_language("zh_Hant")
    try:
        page.select_category(fees.id)
        aio(page.controller.rename("Brokerage fees", "佣金"))
        aio(acted(page))
        text, failed = page.controller.outcome
        assert failed and text == message_for(ApiError(409, "target_changed", "x"))
        assert text.startswith("起草後有項目已被修改")  # the shell's sentence, in Chinese
        assert named(page, "Fees and charges").version == 2  # read again; nothing else changed
    finally:
        i18n.set_language("en")
    assert not errors
