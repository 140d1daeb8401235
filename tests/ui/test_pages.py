"""Every leaf of the menu table has its page, and every page its leaf: a mistyped key fails here
instead of hiding a page from the sidebar."""

import pytest
from PySide6.QtWidgets import QWidget

from services.contract.flows import HELP_CENTER_FLOWS, RISK_CREDIT_FLOWS, USER_AND_ROLE_FLOWS
from services.contract.menu import MENU
from services.rules import trading_calendar
from ui.common import change_views
from ui.common.page_registry import PageRegistry
from ui.help_center.article_change_view import ArticleChangeView
from ui.identity import labels
from ui.identity.change_view import IdentityChangeView
from ui.pages import AHEAD, PAGES


def test_every_menu_leaf_has_a_page_and_every_page_a_leaf():
    assert sorted(PAGES) == sorted(leaf.page for leaf in MENU)


def test_the_intraday_page_has_its_exchange_calendars_built_ahead():
    assert AHEAD == {"risk.credit.intraday_margin": trading_calendar.load}


def test_a_page_under_a_key_no_leaf_has_is_refused():
    registry = PageRegistry()
    with pytest.raises(KeyError, match="help_center.article'"):
        registry.add("help_center.article", lambda _ctx: QWidget())
    registry.add("help_center.articles", lambda _ctx: QWidget())
    with pytest.raises(KeyError, match="twice"):
        registry.add("help_center.articles", lambda _ctx: QWidget())


def test_the_help_center_registers_the_view_of_its_changes():
    for flow in HELP_CENTER_FLOWS:
        view = change_views.view_for(flow)
        assert view is not None and view.factory is ArticleChangeView and view.prepare is not None
    assert all(change_views.view_for(flow) is None for flow in RISK_CREDIT_FLOWS)  # the before/after table
    with pytest.raises(ValueError, match="already has a change view"):
        change_views.register(HELP_CENTER_FLOWS, lambda _language, _parent: ArticleChangeView(_language))


def test_identity_registers_the_view_of_its_changes():
    for flow in USER_AND_ROLE_FLOWS:
        view = change_views.view_for(flow)
        assert view is not None and view.factory is IdentityChangeView and view.prepare is labels.ensure_roles
