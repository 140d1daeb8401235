"""The Help Center's pages under their menu keys (services/contract/menu.py), and the view that
shows its flows' changes in the approvals detail."""

from services.contract.flows import HELP_CENTER_FLOWS
from ui.common import change_views
from ui.common.page_registry import PageRegistry
from ui.help_center import labels
from ui.help_center.article_change_view import ArticleChangeView
from ui.help_center.articles_page import ArticlesPage
from ui.help_center.categories_page import CategoriesPage


def register(pages: PageRegistry) -> None:
    pages.add("help_center.articles", ArticlesPage)
    pages.add("help_center.categories", CategoriesPage)
    # The approvals detail names an article's category even before the Articles page was opened.
    change_views.register(HELP_CENTER_FLOWS, ArticleChangeView, prepare=labels.ensure_categories)
