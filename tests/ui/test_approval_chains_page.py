"""Identity › Approval Flow Settings (審批流程配置) against the in-process backend: the flows by
business area with the default chain first, the editor opened with Enter and judged as edited
(people typed, roles ticked, 或簽/會簽, levels added and moved), a change saved with Ctrl+Enter as
a work order, the pending marker and a second change refused as pending, the deciding
administrator reading the change before and after in the inbox, and the new version after the
approval, with its history."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import text

from desktop import i18n
from services.clients.approvals import ApprovalsClient
from tests.backend.chain_steps import new_user
from tests.qt_fixtures import until
from tests.ui.approval_steps import choose, close_approvals, open_approvals
from tests.ui.page_steps import open_page
from ui.approval_chains.chain_change_view import ChainChangeView
from ui.approval_chains.chain_dialog import ChainDialog, _part_of
from ui.approval_chains.chains_page import CHAIN, NAME, PENDING, SOURCE, VERSION, ChainsPage
from ui.approval_chains.versions_dialog import VersionsDialog

PAGE = "identity.approval_chains"
WINDOW = "risk.credit.set_day_trade_time_config"
ADMIN2 = "Sandy Chow 周珊珊"


@pytest.fixture
def open_chains(qtbot, aio, backend, errors):
    opened = []

    def run(username: str = "admin", language: str = "en") -> ChainsPage:
        page, api = open_page(qtbot, aio, backend, errors, PAGE, username=username, language=language)
        opened.append((page, api))
        return page

    yield run
    for page, api in opened:
        if page.dialog is not None:
            page.dialog.close()
        aio(page.wait_idle())
        aio(api.aclose())


def row_texts(page: ChainsPage, flow: str) -> list[str]:
    assert page.select_flow(flow), f"no row for {flow!r}"
    item = page.tree.currentItem()
    return [item.text(c) for c in (NAME, CHAIN, VERSION, SOURCE, PENDING)]


def open_editor(aio, page: ChainsPage, flow: str) -> ChainDialog:
    page.select_flow(flow)
    page.activateWindow()
    aio(until(page.isActiveWindow, message="the page active"))
    page.tree.setFocus()
    QTest.keyClick(page.tree, Qt.Key.Key_Return)
    assert isinstance(page.dialog, ChainDialog) and page.dialog.isVisible(), "Enter opened no editor"
    return page.dialog


def test_the_flows_show_by_area_in_the_menus_words_with_the_default_chain_first(open_chains):
    page = open_chains()
    top = [page.tree.topLevelItem(i).text(0) for i in range(page.tree.topLevelItemCount())]
    assert top == ["Default approval flow", "Risk", "Help Center", "Identity"]
    assert row_texts(page, "") == ["Default approval flow", "L1: Administrator (any one)", "—",
                                   "Super administrator", ""]
    assert row_texts(page, "risk.credit.upload_stock_margin_ratio") == [
        "Upload long stock margin", "L1: Risk checker, Administrator (any one); >1,000 rows: 2 level(s)", "v1",
        "Own chain", ""]
    risk = page.tree.topLevelItem(1)
    assert risk.childCount() == 13 and risk.child(0).text(0) == "Upload long stock margin"


def test_the_page_speaks_chinese(open_chains):
    i18n.set_language("zh_Hant")  # the catalogue's words, as the app installs it
    page = open_chains(language="zh_Hant")
    top = [page.tree.topLevelItem(i).text(0) for i in range(page.tree.topLevelItemCount())]
    assert top == ["默認審批流", "風控管理", "幫助中心", "身份管理"]
    assert row_texts(page, "risk.credit.upload_stock_margin_ratio")[1] == \
        "1 級：風控覆核、系統管理員（或簽）；>1,000 行：2 級"


def test_the_editor_judges_each_part_and_saves_a_change_for_a_second_administrator(
        aio, qtbot, open_chains, backend, errors):
    page = open_chains()
    dialog = open_editor(aio, page, WINDOW)
    assert dialog.outline.tree.topLevelItemCount() == 2  # level 1 and CC
    dialog.outline.buttons["add_level"].click()
    assert dialog.outline.current.field == "levels.2"
    assert not dialog.save_button.isEnabled()
    assert dialog.pane.errors.text() == "Approval level: name at least one person or role."
    assert dialog.outline.tree.currentItem().text(0).startswith("⚠ Level 2")

    editor = dialog.pane.approvers
    QTest.keyClicks(editor.person, "nobody at all")
    QTest.keyClick(editor.person, Qt.Key.Key_Return)
    assert editor.person_note.text() == "No single active user matches “nobody at all”."
    editor.person.clear()
    QTest.keyClicks(editor.person, "check")  # checker and checker2: which one?
    QTest.keyClick(editor.person, Qt.Key.Key_Return)
    assert editor.person_note.text() == "No single active user matches “check”." and editor.people.count() == 0
    editor.person.clear()
    QTest.keyClicks(editor.person, "sandy")  # part of a display name, as typed
    QTest.keyClick(editor.person, Qt.Key.Key_Return)
    assert editor.people.item(0).text() == f"{ADMIN2} (admin2)"
    dialog.pane.mode_buttons["all"].click()
    assert dialog.save_button.isEnabled() and dialog.pane.errors.text() == ""
    assert dialog.outline.tree.currentItem().text(0) == f"Level 2: {ADMIN2} (all)"

    dialog.outline.buttons["up"].click()  # the second administrator first
    assert dialog.outline.tree.topLevelItem(0).text(0) == f"Level 1: {ADMIN2} (all)"
    dialog.note.setPlainText("Both checkers' heads sign first.")
    QTest.keyClick(dialog.outline.tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    aio(until(lambda: page.dialog is None, message="the editor closed on submission"))
    aio(page.wait_idle())
    order_id = page.controller.chain(WINDOW).pending_order_id
    assert order_id is not None
    assert page.outcome.text() == f"Submitted for approval as #{order_id}: a second administrator decides it."
    assert row_texts(page, WINDOW)[4] == f"#{order_id} awaiting approval"

    # A second change of the same chain while one is pending: refused, said, the editor kept open.
    dialog = open_editor(aio, page, WINDOW)
    dialog.pane.mode_buttons["all"].click()
    dialog.save()
    aio(until(lambda: not page.controller.submitting, message="the refusal"))
    aio(page.wait_idle())
    assert page.dialog is dialog and "already awaits approval" in page.outcome.text()
    assert page.outcome.property("failed") is True
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert page.dialog is None
    assert not errors


def test_the_approver_reads_the_change_before_and_after_and_the_page_shows_the_new_version(
        aio, qtbot, open_chains, backend, errors):
    page = open_chains()
    dialog = open_editor(aio, page, WINDOW)
    checker_role = next(i for i in range(dialog.pane.approvers.roles.count())
                        if dialog.pane.approvers.roles.item(i).data(Qt.ItemDataRole.UserRole) == "risk_checker")
    role_item = dialog.pane.approvers.roles.item(checker_role)
    assert role_item.text() == "Risk checker · 風控覆核"
    role_item.setCheckState(Qt.CheckState.Unchecked)  # level 1: the administrators alone
    dialog.outline.choose(dialog.outline.tree.topLevelItem(1).data(0, Qt.ItemDataRole.UserRole))  # CC
    QTest.keyClicks(dialog.pane.approvers.person, "checker2")
    QTest.keyClick(dialog.pane.approvers.person, Qt.Key.Key_Return)
    dialog.note.setPlainText("Checkers only read window changes.")
    dialog.save()
    aio(until(lambda: page.dialog is None, message="submitted"))
    aio(page.wait_idle())
    order_id = page.controller.chain(WINDOW).pending_order_id

    inbox, api = open_approvals(qtbot, aio, backend, errors, "approvals.inbox", "admin2")
    shown = choose(aio, inbox, order_id)
    view = inbox.detail.change_view
    assert isinstance(view, ChainChangeView) and view.isVisible() and shown.id == order_id
    assert view.rows() == [
        ("Level 1", "Risk checker, Administrator (any one)", "Administrator (any one)", True),
        ("CC", "—", "Grace Lam 林詠詩", True)]
    assert "Checkers only read window changes." in view.facts.text()
    assert "Set day-trade window" in view.facts.text()
    aio(ApprovalsClient(api).approve(order_id, level=1))
    close_approvals(aio, inbox, api)

    page.activateWindow()
    aio(until(page.isActiveWindow, message="the page active"))
    QTest.keyClick(page.tree, Qt.Key.Key_F5)
    aio(until(lambda: page.controller.chain(WINDOW).version == 2, message="the new version"))
    aio(page.wait_idle())
    assert row_texts(page, WINDOW)[1:] == ["L1: Administrator (any one); CC: Grace Lam 林詠詩", "v2", "Own chain", ""]
    page.history_button.click()
    history = page.dialog
    assert isinstance(history, VersionsDialog)
    aio(until(lambda: history.list.topLevelItemCount() == 2, message="the versions"))
    newest, first = history.versions()
    assert newest[0] == "v2" and newest[2] == f"Admin 系統管理員 by order #{order_id}, approved by {ADMIN2}"
    assert first[2] == "The system, at its start"
    assert not errors


def test_the_servers_refusal_shows_on_the_part_it_names_and_nothing_changes(aio, open_chains, backend, errors):
    leaver = new_user(backend, "risk_checker")
    page = open_chains()
    dialog = open_editor(aio, page, WINDOW)
    QTest.keyClicks(dialog.pane.approvers.person, leaver)
    QTest.keyClick(dialog.pane.approvers.person, Qt.Key.Key_Return)
    assert dialog.save_button.isEnabled()
    engine = backend.engine()  # the account goes after the editor read the people
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM users WHERE username = :name"), {"name": leaver})
    engine.dispose()
    dialog.save()
    aio(until(lambda: not page.controller.submitting, message="the refusal"))
    aio(page.wait_idle())
    assert page.dialog is dialog
    level_1 = dialog.outline.tree.topLevelItem(0)
    assert level_1.text(0).startswith("⚠ Level 1") and level_1.toolTip(0) == f"There is no user {leaver}."
    assert dialog.pane.errors.text() == f"There is no user {leaver}."
    assert page.controller.chain(WINDOW).version == 1 and page.controller.chain(WINDOW).pending_order_id is None
    assert not errors


@pytest.mark.parametrize(("field", "part"), [
    ("levels.2.users", "levels.2"), ("cc.roles", "cc"), ("stricter.1.levels.2", "stricter.1.levels.2"),
    ("chain.levels.0.approvers.roles", "levels.1"), ("chain.stricter.0.condition.value", "stricter.1"),
    ("note", ""), ("flow", "")])
def test_a_refused_field_names_its_part(field, part):
    assert _part_of(field) == part
