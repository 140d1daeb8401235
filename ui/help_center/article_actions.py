"""What may be done to the Articles page's current article and list now, without a widget: New,
Edit, Copy, Delete, Hide and Show, submitting a new order of the list, and the outcome line each
leaves (said again in a new language), a failure's included.

They run on their controller's one runner under one key: one copy or submission at a time; each
one made reads the list again through the controller.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal

from services.api_client import ApiError
from services.clients.help_center import TargetAction
from services.contract.help_center import ArticleDetail, ArticleOut
from services.contract.schemas import WorkOrderOut
from ui.common.change_texts import flow_name
from ui.common.page_context import PageContext
from ui.common.rule_messages import refusal_reasons
from ui.help_center import labels

if TYPE_CHECKING:
    from ui.help_center.articles_controller import ArticlesController

translate = QCoreApplication.translate  # the name lupdate recognises

CONTEXT = "ArticlesPage"  # the page's translation context: its texts are said on the page
WORK_ORDERS_TOPIC = "work_orders"
ACTION = "action"  # the runner's key of a copy or a submission


@dataclass(frozen=True)
class Outcome:
    """The outcome line: a source text and its arguments (translated when shown, so a language
    switch says it again), or a text said as it is."""

    text: str
    args: dict[str, object] = field(default_factory=dict)
    failed: bool = False
    translatable: bool = True


class ArticleActions(QObject):
    outcomeChanged = Signal()  # ``outcome``

    def __init__(self, controller: ArticlesController, ctx: PageContext):
        super().__init__(controller)
        self._controller = controller
        self._ctx = ctx
        self.outcome: Outcome | None = None

    @property
    def acting(self) -> bool:
        return self._controller.ops.running(ACTION)

    def enabled(self, action: str, row: ArticleOut | None) -> bool:
        """Whether ``action`` may be taken on ``row`` (the current one) now."""
        arranged = self._controller.model.arranged
        if action == "new":
            return not arranged
        if action == "copy":
            return row is not None and not arranged and not self.acting
        if row is None or row.pending_work_order_id is not None or arranged or self.acting:
            return False
        # The manual: Hide for a shown article, Show or Delete for a hidden one.
        return {"hide": row.visible, "show": not row.visible, "delete": not row.visible}.get(action, True)

    def pending_notice(self, row: ArticleOut | None) -> str:
        """What ``row`` awaits, said under the buttons; empty when it is free."""
        if row is None or row.pending_work_order_id is None:
            return ""
        return translate("ArticlesPage", "“{title}” awaits approval: {change}. It can change again once that "
                                         "is decided.").format(
            title=row.title, change=labels.pending_text(row.pending_flow, row.pending_work_order_id))

    def new_article_defaults(self) -> tuple[int | None, str | None] | None:
        """The category and language of a new article (the filter's), or None when none may be written."""
        if "update" not in self._controller.flows or self._controller.model.arranged:
            return None
        query = self._controller.query
        return query.category_id, query.language.value if query.language else None

    def editable(self, row: ArticleOut | None) -> bool:
        """``row`` may be opened in the drawer; one awaiting a change says so in the outcome."""
        if row is None or "update" not in self._controller.flows or self._controller.model.arranged:
            return False
        if row.pending_work_order_id is not None:
            self.show_outcome(translate("ArticlesPage", "“{title}” awaits approval in work order #{id}.").format(
                title=row.title, id=row.pending_work_order_id), failed=True)
            return False
        return True

    def copyable(self, row: ArticleOut | None) -> bool:
        return (row is not None and self._controller.can_copy and not self.acting
                and not self._controller.model.arranged)

    def deletable(self, row: ArticleOut | None) -> bool:
        """``row`` may be submitted for deletion; a shown one says to hide it first."""
        if row is None or row.pending_work_order_id is not None or "delete" not in self._controller.flows:
            return False
        if row.visible:
            self.show_outcome(translate("ArticlesPage", "“{title}” is shown to customers: hide it before deleting "
                                                        "it.").format(title=row.title), failed=True)
            return False
        return not self._controller.model.arranged

    # --- acting -------------------------------------------------------------------------------

    def copy(self, row: ArticleOut, category_id: int, language: str) -> asyncio.Task | None:
        """A hidden copy of ``row`` at once, in ``category_id`` and ``language``."""
        if self.acting:
            return None
        return self._controller.ops.run(self._controller.client.copy(row.id, category_id, language), key=ACTION,
                                        on_success=self._copied, on_failure=self._not_done)

    def submit_target(self, action: str, row: ArticleOut | None) -> asyncio.Task | None:
        """Delete, hide or show ``row`` through a work order."""
        if row is None or action not in self._controller.flows or row.pending_work_order_id is not None:
            return None
        if self.acting:
            return None
        if (action == "hide" and not row.visible) or (action in ("show", "delete") and row.visible):
            return None
        return self._submit(self._controller.client.submit_target(TargetAction(action), row))

    def submit_order(self) -> asyncio.Task | None:
        """The order on screen as a work order of its list."""
        controller = self._controller
        scope = controller.reorder_scope()
        if scope is None or not controller.model.arranged or "update" not in controller.flows or self.acting:
            return None
        return self._submit(controller.client.submit_reorder(scope[0], scope[1], controller.model.rows()))

    def _submit(self, op: Coroutine[Any, Any, WorkOrderOut]) -> asyncio.Task:
        return self._controller.ops.run(op, key=ACTION, on_success=self.submitted, on_failure=self._not_done)

    def _copied(self, copy: ArticleDetail) -> None:
        self._set_outcome(Outcome(QT_TRANSLATE_NOOP("ArticlesPage", "Copied as hidden article #{id}: “{title}”."),
                                  {"id": copy.id, "title": copy.title}))
        self._controller.select_when_loaded = copy.id
        self._controller.refresh()

    def submitted(self, order: WorkOrderOut) -> None:
        """A work order was made here or in the drawer (a refused one's correction, too): said, the
        shell told, the list read again."""
        if order.resubmitted_from_id is not None:
            text = QT_TRANSLATE_NOOP("ArticlesPage", "Work order #{old} resubmitted as #{id}: {flow}, {levels} "
                                                     "level(s) of approval.")
        else:
            text = QT_TRANSLATE_NOOP("ArticlesPage", "Submitted as work order #{id}: {flow}, {levels} level(s) of "
                                                     "approval.")
        self._set_outcome(Outcome(text, {"id": order.id, "old": order.resubmitted_from_id, "flow": order.flow,
                                         "levels": order.levels}))
        self._ctx.notify(WORK_ORDERS_TOPIC)
        self._controller.refresh()

    def _not_done(self, exc: BaseException) -> bool:
        """A refused copy or submission is said on the page; the shell hears of sessions."""
        if not isinstance(exc, ApiError):
            return False
        self.show_outcome(self.problem_text(exc), failed=True)
        if exc.status == 409:
            self._controller.refresh()  # someone else's order (or change) got there first: show it
        return not exc.is_auth

    def problem_text(self, exc: ApiError) -> str:
        """The translated sentence of the error's code, then each reason in the user's language (an
        action here has no field to show them beside)."""
        reasons = refusal_reasons(exc.errors)
        text = self._ctx.describe(exc)
        return f"{text} {' '.join(reasons)}" if reasons else text

    # --- the outcome line ---------------------------------------------------------------------

    def show_outcome(self, text: str, *, failed: bool = False) -> None:
        self._set_outcome(Outcome(text, failed=failed, translatable=False))

    def _set_outcome(self, outcome: Outcome) -> None:
        self.outcome = outcome
        self.outcomeChanged.emit()

    def outcome_text(self) -> str:
        """The outcome in the UI language now."""
        outcome = self.outcome
        if outcome is None:
            return ""
        if not outcome.translatable:
            return outcome.text
        shown = dict(outcome.args)
        if "flow" in shown:
            shown["flow"] = flow_name(str(shown["flow"]))
        return translate(CONTEXT, outcome.text).format(**shown)
