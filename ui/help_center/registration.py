"""The Help Center's pages under their menu keys (services/contract/menu.py), the view that shows
its flows' changes in the approvals detail, and where a refused article edit is corrected."""

from services.clients.help_center import UPDATE_FLOW
from services.contract.flows import HELP_CENTER_FLOWS
from ui.common import change_views, resubmission
from ui.common.page_registry import PageRegistry
from ui.help_center import labels
from ui.help_center.article_change_view import ArticleChangeView
from ui.help_center.article_reopen import reopen
from ui.help_center.articles_page import ArticlesPage
from ui.help_center.categories_page import CategoriesPage

ARTICLES_PAGE = "help_center.articles"


def register(pages: PageRegistry) -> None:
    pages.add(ARTICLES_PAGE, ArticlesPage)
    pages.add("help_center.categories", CategoriesPage)
    # The approvals detail names an article's category even before the Articles page was opened.
    change_views.register(HELP_CENTER_FLOWS, ArticleChangeView, prepare=labels.ensure_categories)
    # Only an edit (or new article) has fields to correct; delete, hide and show are resubmitted
    # from My Requests with a note, and so is a reorder (article_reopen.py answers False).
    resubmission.register([UPDATE_FLOW], ARTICLES_PAGE, reopen)
