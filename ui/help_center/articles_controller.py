"""What Help Center › Articles loads, keeps and decides, without a widget: the categories, the
applied filter, which actions the user's permissions allow, and whether (and why not) the list on
screen can be reordered; ``actions`` (article_actions.py) are what may be done to the current
article and the list now, the copy and work orders they submit, and the outcome line they leave.

Every request goes through the area's typed client (services/clients/help_center.py) on this
controller's one ``OpRunner``. The list's rows live in the page's ArticleTableModel, which this
reads pages for (``fetch_page``) and follows once attached. The page (articles_page.py) shows what
the signals say and hands the user's choices back.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from services.clients.help_center import UPDATE_FLOW, HelpCenterClient, TargetAction
from services.contract.help_center import ArticleOut, ArticleQuery, HelpCategoryOut
from services.contract.permissions import Perm
from services.contract.schemas import Page
from ui.common.op_runner import OpRunner
from ui.common.page_context import PageContext
from ui.help_center import labels
from ui.help_center.article_actions import CONTEXT, ArticleActions
from ui.help_center.article_model import ArticleTableModel

translate = QCoreApplication.translate  # the name lupdate recognises

CATEGORIES = "categories"  # the runner's key of reading them (its actions': article_actions.ACTION)
__all__ = ["CONTEXT", "ArticlesController"]
FLOWS = {"update": UPDATE_FLOW, **{action.value: action.flow for action in TargetAction}}
ACTIONS = ("new", "edit", "copy", "delete", "hide", "show")  # the page's buttons, in order


class ArticlesController(QObject):
    categoriesLoaded = Signal(list)  # the backend's HelpCategoryOut, once read
    listLoaded = Signal()  # a page of the list came (or failed)
    stateChanged = Signal()  # what may be done changed: the list, its order, an action in flight

    def __init__(self, ctx: PageContext, client: HelpCenterClient | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.client = client or HelpCenterClient(ctx.api)
        self.ops = OpRunner(self, ctx.report_error)
        self.flows = {action: flow for action, flow in FLOWS.items() if ctx.can(flow)}
        self.can_copy = ctx.can(Perm.HELP_ARTICLE_COPY)
        self.categories: list[HelpCategoryOut] = []
        self.query = ArticleQuery()  # the applied filter: the rows on screen
        self.select_when_loaded: int | None = None  # an article to make current once the list shows it
        self._categories_asked = False
        self._model: ArticleTableModel | None = None
        self.actions = ArticleActions(self, ctx)
        self.ops.runningChanged.connect(self._sync)

    # --- the list -----------------------------------------------------------------------------

    def fetch_page(self, params: dict[str, Any]) -> Awaitable[Page[ArticleOut]]:
        """One page of the list (the list model's ``fetch``): the filter's params, limit and cursor."""
        return self.client.articles(ArticleQuery.model_validate(params))

    def attach(self, model: ArticleTableModel) -> None:
        """Follows the list ``model`` (its pages fetched by ``fetch_page``)."""
        self._model = model
        model.loadingChanged.connect(self._loading_changed)
        for signal in (model.modelReset, model.layoutChanged, model.rowsMoved, model.arrangedChanged):
            signal.connect(self._sync)

    @property
    def model(self) -> ArticleTableModel:
        if self._model is None:
            raise RuntimeError("attach the list model first")
        return self._model

    def apply(self, query: ArticleQuery) -> None:
        """The filter of the rows asked for (the model reloads them)."""
        self.query = query

    def refresh(self) -> None:
        self.model.reload(self.query.as_params())

    @property
    def settled(self) -> bool:
        """The categories have come (or failed)."""
        return self._categories_asked and not self.ops.running(CATEGORIES)

    def _loading_changed(self, loading: bool) -> None:
        if not loading:
            # Read once the first page has come: then these requests run on the app's loop.
            if not self._categories_asked:  # the list still works without them, naming categories by number
                self._categories_asked = True
                self.ops.run(labels.read_categories(self._ctx.api), key=CATEGORIES, on_success=self._categories_read)
            if self.reorder_scope() is not None and self.model.has_more() and not self.model.failed:
                self.model.fetchMore()  # a list to reorder is wanted whole
            self.listLoaded.emit()
        self._sync()

    def _categories_read(self, loaded: list[HelpCategoryOut]) -> None:
        self.categories = loaded
        self.categoriesLoaded.emit(loaded)

    def _sync(self, *_args: object) -> None:
        if self._model is not None:
            self._model.set_reorderable(self.reorder_blocker() is None)
        self.stateChanged.emit()

    # --- what may be done ---------------------------------------------------------------------

    def allowed_actions(self) -> list[str]:
        """The page's buttons the user's permissions allow, in order."""
        return [action for action in ACTIONS
                if (self.can_copy if action == "copy" else
                    ("update" if action in ("new", "edit") else action) in self.flows)]

    # --- reordering ---------------------------------------------------------------------------

    @property
    def can_reorder(self) -> bool:
        return "update" in self.flows

    def reorder_scope(self) -> tuple[int, str] | None:
        """(category, language) when the list on screen is one whole list that can be reordered: a
        category without sub-categories (whose articles the filter would show too), one language,
        no other filter."""
        applied = self.query
        if (applied.category_id is None or applied.language is None or applied.visible is not None or applied.title
                or applied.scene is not None or applied.has_link is not None):
            return None
        if any(c.parent_id == applied.category_id for c in self.categories):
            return None
        return applied.category_id, applied.language.value

    def reorder_blocker(self) -> str | None:
        """Why the list cannot be reordered now, or None when it can."""
        if not self.can_reorder:
            return translate("ArticlesPage", "You may not change the order of articles.")
        if self.reorder_scope() is None:
            return translate("ArticlesPage", "To reorder, filter to one category without sub-categories and one "
                                             "language (with no other filter).")
        if self.model.loading or self.model.has_more():
            return translate("ArticlesPage", "Loading the whole list…")
        if self.model.rowCount() < 2:
            return translate("ArticlesPage", "Fewer than two articles: nothing to reorder.")
        pending = next((r for r in self.model.rows() if r.pending_work_order_id is not None), None)
        if pending is not None:
            return translate("ArticlesPage", "Reorder once work order #{id} on “{title}” is decided.").format(
                id=pending.pending_work_order_id, title=pending.title)
        if self.actions.acting:
            return translate("ArticlesPage", "Submitting…")
        return None

    def may_move(self) -> bool:
        """A row may be moved now; otherwise the outcome says why."""
        blocker = self.reorder_blocker()
        if blocker is not None:
            self.actions.show_outcome(blocker, failed=True)
        return blocker is None

    def order_to_confirm(self) -> list[str] | None:
        """The titles of the order on screen, numbered, when it may be submitted."""
        if not self.model.arranged or self.reorder_scope() is None or self.actions.acting:
            return None
        return [f"{i}. {row.title}" for i, row in enumerate(self.model.rows(), start=1)]
