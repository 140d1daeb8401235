"""Help Center › Articles: every article with its category, language, visibility, order and any
change awaiting approval; New and Edit in the Markdown drawer, Copy, Delete, Hide, Show, and the
order of one category's list by drag and drop (or Ctrl+↑/↓).

Copy is immediate (the copy is hidden); everything else is a work order, so the list shows the
live articles until an order is approved, and an article with a change pending says which and
cannot be changed again until it is decided. Buttons show what the user's permissions allow; the
backend checks again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from functools import partial
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from services.api_client import ApiError
from services.clients.help_center import REORDER_MAX, UPDATE_FLOW, HelpCenterClient, TargetAction
from services.contract.help_center import (
    ArticleDetail,
    ArticleLanguage,
    ArticleOut,
    ArticleQuery,
    HelpCategoryOut,
)
from services.contract.permissions import Perm
from services.contract.schemas import WorkOrderOut
from ui.common import formatting
from ui.common.change_texts import flow_name
from ui.common.columns import RIGHT, Column, datetime_column
from ui.common.confirmation import confirmation
from ui.common.filter_bar import ChoiceField, TextField
from ui.common.op_runner import wait_all_idle
from ui.common.page_context import PageContext
from ui.common.query_page import QueryPage, QuerySpec
from ui.common.shortcuts import local_shortcut
from ui.help_center import labels
from ui.help_center.article_drawer import ArticleDrawer
from ui.help_center.article_model import ArticleTableModel
from ui.help_center.copy_dialog import CopyDialog

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # the name lupdate recognises

CONTEXT = "ArticlesPage"
WORK_ORDERS_TOPIC = "work_orders"
CATEGORIES, ACTION = "categories", "action"  # the runner's keys; ACTION: a copy or a submission
FLOWS = {"update": UPDATE_FLOW, **{action.value: action.flow for action in TargetAction}}

FIELDS = (
    # Its choices are the backend's categories, set once they are read (ArticlesPage._load_categories).
    ChoiceField("category_id", QT_TRANSLATE_NOOP("ArticlesPage", "Category"), ()),
    ChoiceField("language", QT_TRANSLATE_NOOP("ArticlesPage", "Language"), tuple(
        (language.value, lambda language=language: labels.language_text(language)) for language in ArticleLanguage)),
    ChoiceField("visible", QT_TRANSLATE_NOOP("ArticlesPage", "Visibility"), (
        (True, QT_TRANSLATE_NOOP("ArticlesPage", "Visible")),
        (False, QT_TRANSLATE_NOOP("ArticlesPage", "Hidden")),
    )),
    TextField("title", QT_TRANSLATE_NOOP("ArticlesPage", "Title"), max_length=100, width_chars=18),
)


def _columns(ctx: PageContext) -> tuple[Column, ...]:
    return (
        Column("title", QT_TRANSLATE_NOOP("ArticlesPage", "Title"), width_chars=38),
        Column("category_id", QT_TRANSLATE_NOOP("ArticlesPage", "Category"),
               format=lambda category_id: labels.category_name(category_id, ctx.language()), width_chars=12),
        Column("language", QT_TRANSLATE_NOOP("ArticlesPage", "Language"), format=labels.language_text,
               width_chars=10),
        Column("visible", QT_TRANSLATE_NOOP("ArticlesPage", "Visibility"), format=labels.visible_text,
               color=labels.visible_color, width_chars=6),
        Column("sort_order", QT_TRANSLATE_NOOP("ArticlesPage", "Sort Order"), format=formatting.integer,
               align=RIGHT, width_chars=4),
        Column("pending", QT_TRANSLATE_NOOP("ArticlesPage", "Pending Change"), value=lambda row: row,
               format=lambda row: labels.pending_text(row.pending_flow, row.pending_work_order_id, ctx.language()),
               color=lambda row: "#8d5a00" if row.pending_work_order_id else None, width_chars=16),
        datetime_column("updated_at", QT_TRANSLATE_NOOP("ArticlesPage", "Updated At")),
        Column("updated_by", QT_TRANSLATE_NOOP("ArticlesPage", "Updated By"), width_chars=9),
        Column("id", QT_TRANSLATE_NOOP("ArticlesPage", "No."), format=lambda v: f"#{v}", align=RIGHT, width_chars=5),
    )


def _spec(ctx: PageContext, client: HelpCenterClient) -> QuerySpec:
    def fetch_page(params: dict[str, Any]):
        return client.articles(ArticleQuery.model_validate(params))

    return QuerySpec(tr_context=CONTEXT, list_path=None, row_model=ArticleOut, filter_model=ArticleQuery,
                     fields=FIELDS, columns=_columns(ctx), page_size=REORDER_MAX, model_class=ArticleTableModel,
                     fetch_page=fetch_page)


class ArticlesPage(QueryPage):
    _ready = False  # QueryPage retranslates while constructing, before this class's widgets exist
    model: ArticleTableModel

    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        self.client = HelpCenterClient(ctx.api)
        super().__init__(ctx, _spec(ctx, self.client), parent)
        self.setObjectName("articlesPage")
        self.flows = {action: flow for action, flow in FLOWS.items() if ctx.can(flow)}
        self.can_copy = ctx.can(Perm.HELP_ARTICLE_COPY)
        self.categories: list[HelpCategoryOut] = []
        self.dialog: QDialog | None = None  # the confirmation or copy dialog on screen, if any
        self._categories_asked = False
        self._select_when_loaded: int | None = None  # an article to make current once the list shows it
        self._outcome: tuple[str, dict[str, object], bool] | None = None  # source text, arguments, failed

        table = self.table
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.horizontalHeader().setStretchLastSection(True)
        # Drag and drop arranges rows; the model allows it only while the list can be reordered.
        table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        table.setDragEnabled(True)
        table.setAcceptDrops(True)
        table.setDropIndicatorShown(True)
        table.setDragDropOverwriteMode(False)
        table.setDefaultDropAction(Qt.DropAction.MoveAction)

        self.drawer = ArticleDrawer(self, ctx, client=self.client)
        self.drawer.submitted.connect(self._submitted)

        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for action in ("new", "edit", "copy", "delete", "hide", "show"):
            allowed = self.can_copy if action == "copy" else \
                (FLOWS["update"] if action in ("new", "edit") else FLOWS[action]) in self.flows.values()
            if allowed:
                button = QPushButton(self)
                button.setObjectName(f"{action}Button")
                self.buttons[action] = button
                bar.addWidget(button)
        self.outcome = QLabel(self)
        self.outcome.setObjectName("approvalOutcome")  # the style sheet's outcome line (red when failed)
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.setWordWrap(True)
        bar.addWidget(self.outcome, 1)

        self.pending_notice = QLabel(self)
        self.pending_notice.setObjectName("pendingNotice")
        self.pending_notice.setTextFormat(Qt.TextFormat.PlainText)
        self.reorder_hint = QLabel(self)
        self.reorder_hint.setObjectName("hint")
        self.reorder_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.submit_order_button = QPushButton(self)
        self.submit_order_button.setObjectName("submitOrderButton")
        self.submit_order_button.clicked.connect(self.confirm_order)
        self.reset_order_button = QPushButton(self)
        self.reset_order_button.setObjectName("resetOrderButton")
        self.reset_order_button.clicked.connect(self.model.reset_order)
        second = QHBoxLayout()
        second.addWidget(self.pending_notice, 1)
        second.addWidget(self.reorder_hint)
        second.addWidget(self.submit_order_button)
        second.addWidget(self.reset_order_button)
        layout = self.layout()
        layout.insertLayout(1, bar)
        layout.insertLayout(2, second)

        if "new" in self.buttons:
            self.buttons["new"].setObjectName("primaryButton")
            self.buttons["new"].clicked.connect(self.new_article)
            local_shortcut(QKeySequence.StandardKey.New, self, self.new_article)
        if "edit" in self.buttons:
            self.buttons["edit"].clicked.connect(self.edit_current)
            table.activated.connect(self._activated)  # Enter or double-click on a row
        if "copy" in self.buttons:
            self.buttons["copy"].clicked.connect(self.copy_current)
            local_shortcut("Ctrl+D", table, self.copy_current)
        if "delete" in self.buttons:
            self.buttons["delete"].clicked.connect(self.delete_current)
            local_shortcut(QKeySequence.StandardKey.Delete, table, self.delete_current)
        if "hide" in self.buttons:
            self.buttons["hide"].clicked.connect(lambda: self.submit_target("hide"))
        if "show" in self.buttons:
            self.buttons["show"].clicked.connect(lambda: self.submit_target("show"))
        if "update" in self.flows:
            local_shortcut("Ctrl+Up", table, lambda: self.move_current(-1))
            local_shortcut("Ctrl+Down", table, lambda: self.move_current(1))
            local_shortcut("Ctrl+S", self, self.confirm_order)
        table.selectionModel().currentRowChanged.connect(self.update_actions)
        self.model.modelReset.connect(self.update_actions)
        self.model.layoutChanged.connect(self.update_actions)
        self.model.rowsMoved.connect(self.update_actions)
        self.model.arrangedChanged.connect(self.update_actions)
        self.model.dropped.connect(self.confirm_order)
        self.model.loadingChanged.connect(self._loading_changed)
        self.ops.runningChanged.connect(self.update_actions)
        self._ready = True
        self.retranslate_ui()

    # --- categories -----------------------------------------------------------------------------

    def _loading_changed(self, loading: bool) -> None:
        if loading:
            return
        # Read once the first page has come: then this page's requests run on the app's loop.
        if not self._categories_asked:  # the list still works without them, naming categories by number
            self._categories_asked = True
            self.ops.run(labels.read_categories(self._ctx.api), key=CATEGORIES, on_success=self._show_categories)
        if self.reorder_scope() is not None and self.model.has_more() and not self.model.failed:
            self.model.fetchMore()  # a list to reorder is wanted whole
        self._select_pending()
        self.update_actions()

    def _show_categories(self, loaded: list[HelpCategoryOut]) -> None:
        self.categories = loaded
        self.filter_bar.set_choices("category_id", [(c.id, partial(self._category_name, c.id)) for c in loaded])
        self.drawer.set_categories(loaded)
        self.table.viewport().update()  # the Category column now shows names

    def _category_name(self, category_id: int) -> str:
        return labels.category_name(category_id, self._ctx.language())

    def is_ready(self) -> bool:
        return super().is_ready() and self._categories_asked and not self.ops.running(CATEGORIES)

    # --- rows -----------------------------------------------------------------------------------

    def current_row(self) -> ArticleOut | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() and index.row() < self.model.rowCount() else None

    def select_article(self, article_id: int) -> bool:
        ids = self.model.ids()
        if article_id not in ids:
            return False
        self.table.selectRow(ids.index(article_id))
        self.table.scrollTo(self.model.index(ids.index(article_id), 0))
        return True

    def _select_pending(self) -> None:
        if self._select_when_loaded is not None and self.select_article(self._select_when_loaded):
            self._select_when_loaded = None

    # --- enabling -------------------------------------------------------------------------------

    def update_actions(self, *_args: object) -> None:
        if not self._ready:
            return
        row = self.current_row()
        arranged = self.model.arranged
        free = row is not None and row.pending_work_order_id is None and not arranged and not self.acting
        for action, button in self.buttons.items():
            if action == "new":
                button.setEnabled(not arranged)
            elif action == "copy":
                button.setEnabled(row is not None and not arranged and not self.acting)
            elif action == "hide":
                button.setEnabled(free and row.visible)
            elif action == "show":
                button.setEnabled(free and not row.visible)
            else:
                button.setEnabled(free)
        if row is not None and row.pending_work_order_id is not None:
            self.pending_notice.setText(translate("ArticlesPage", "“{title}” awaits approval: {change}. It can "
                                                                  "change again once that is decided.").format(
                title=row.title, change=labels.pending_text(row.pending_flow, row.pending_work_order_id,
                                                            self._ctx.language())))
        else:
            self.pending_notice.clear()
        self._update_reorder()

    @property
    def acting(self) -> bool:
        return self.ops.running(ACTION)

    def reorder_scope(self) -> tuple[int, str] | None:
        """(category, language) when the list on screen is one whole list that can be reordered."""
        applied = self._applied_filter
        if applied.category_id is None or applied.language is None or applied.visible is not None or applied.title:
            return None
        return applied.category_id, applied.language.value

    def reorder_blocker(self) -> str | None:
        """Why the list cannot be reordered now, or None when it can."""
        if "update" not in self.flows:
            return translate("ArticlesPage", "You may not change the order of articles.")
        if self.reorder_scope() is None:
            return translate("ArticlesPage", "To reorder, filter to one category and one language (with no "
                                             "visibility or title filter).")
        if self.model.loading or self.model.has_more():
            return translate("ArticlesPage", "Loading the whole list…")
        if self.model.rowCount() < 2:
            return translate("ArticlesPage", "Fewer than two articles: nothing to reorder.")
        pending = next((r for r in self.model.rows() if r.pending_work_order_id is not None), None)
        if pending is not None:
            return translate("ArticlesPage", "Reorder once work order #{id} on “{title}” is decided.").format(
                id=pending.pending_work_order_id, title=pending.title)
        if self.acting:
            return translate("ArticlesPage", "Submitting…")
        return None

    def _update_reorder(self) -> None:
        blocker = self.reorder_blocker()
        self.model.set_reorderable(blocker is None)
        arranged = self.model.arranged
        if "update" not in self.flows:
            self.reorder_hint.hide()
        elif arranged:
            self.reorder_hint.setText(translate("ArticlesPage", "New order not submitted yet."))
        else:
            self.reorder_hint.setText(blocker or translate("ArticlesPage", "Drag rows, or press Ctrl+↑ / Ctrl+↓, "
                                                                           "to change the order."))
        self.submit_order_button.setVisible(arranged)
        self.reset_order_button.setVisible(arranged)
        self.submit_order_button.setEnabled(arranged and not self.acting)

    # --- actions --------------------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        self.table.setCurrentIndex(index)
        self.edit_current()

    def new_article(self) -> None:
        if "update" not in self.flows or self.model.arranged:
            return
        applied = self._applied_filter
        self.drawer.open_new(applied.category_id, applied.language.value if applied.language else None)

    def edit_current(self) -> None:
        row = self.current_row()
        if row is None or "update" not in self.flows or self.model.arranged:
            return
        if row.pending_work_order_id is not None:
            self.show_outcome(translate("ArticlesPage", "“{title}” awaits approval in work order #{id}.").format(
                title=row.title, id=row.pending_work_order_id), failed=True)
            return
        self.drawer.open_edit(row.id)

    def copy_current(self) -> None:
        row = self.current_row()
        if row is None or not self.can_copy or self.acting or self.model.arranged:
            return
        dialog = CopyDialog(row, self.categories, self._ctx.language(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(lambda category_id, language: self.copy(row, category_id, language))
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()

    def copy(self, row: ArticleOut, category_id: int, language: str) -> asyncio.Task | None:
        if self.acting:
            return None
        return self.ops.run(self.client.copy(row.id, category_id, language), key=ACTION, on_success=self._copied,
                            on_failure=self._not_done)

    def _copied(self, copy: ArticleDetail) -> None:
        self._set_outcome(QT_TRANSLATE_NOOP("ArticlesPage", "Copied as hidden article #{id}: “{title}”."),
                          {"id": copy.id, "title": copy.title})
        self._select_when_loaded = copy.id
        self.refresh()

    def delete_current(self) -> None:
        row = self.current_row()
        if row is None or row.pending_work_order_id is not None or "delete" not in self.flows or self.model.arranged:
            return
        self.dialog = confirmation(
            self, translate("ArticlesPage", "Delete Article"),
            translate("ArticlesPage", "Submit the deletion of “{title}” for approval?").format(title=row.title),
            translate("ArticlesPage", "Submit Deletion"),
            translate("ArticlesPage", "It stays online until the work order is approved."),
            on_accept=lambda: self.submit_target("delete", row))
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()

    def _dialog_closed(self, *_args: object) -> None:
        self.dialog = None

    def submit_target(self, action: str, row: ArticleOut | None = None) -> asyncio.Task | None:
        """Delete, hide or show ``row`` (the current one by default) through a work order."""
        row = row or self.current_row()
        if row is None or action not in self.flows or row.pending_work_order_id is not None or self.acting:
            return None
        if (action == "hide" and not row.visible) or (action == "show" and row.visible):
            return None
        return self._submit(self.client.submit_target(TargetAction(action), row))

    def _submit(self, op: Coroutine[Any, Any, WorkOrderOut]) -> asyncio.Task:
        return self.ops.run(op, key=ACTION, on_success=self._submitted, on_failure=self._not_done)

    def _not_done(self, exc: BaseException) -> bool:
        """A refused copy or submission is said on the page; the shell hears of sessions."""
        if not isinstance(exc, ApiError):
            return False
        self.show_outcome(self.problem_text(exc), failed=True)
        if exc.status == 409:
            self.refresh()  # someone else's order (or change) got there first: show it
        return not exc.is_auth

    def problem_text(self, exc: ApiError) -> str:
        """The translated sentence of the error's code, then the backend's reasons (an action here
        has no field to show them beside)."""
        reasons = [str(e.get("reason")) for e in exc.errors if e.get("reason")]
        text = self._ctx.describe(exc)
        return f"{text} {' '.join(reasons)}" if reasons else text

    def _submitted(self, order: WorkOrderOut) -> None:
        self._set_outcome(QT_TRANSLATE_NOOP("ArticlesPage", "Submitted as work order #{id}: {flow}, {levels} "
                                                            "level(s) of approval."),
                          {"id": order.id, "flow": order.flow, "levels": order.levels})
        self._ctx.notify(WORK_ORDERS_TOPIC)
        self.refresh()

    # --- reordering -----------------------------------------------------------------------------

    def move_current(self, step: int) -> None:
        """Ctrl+↑ / Ctrl+↓: moves the current article one place (on screen, until submitted)."""
        row = self.table.currentIndex().row()
        blocker = self.reorder_blocker()
        if blocker is not None:
            self.show_outcome(blocker, failed=True)
            return
        if row < 0:
            return
        column = max(self.table.currentIndex().column(), 0)
        moved_to = self.model.move_row(row, step)
        self.table.setCurrentIndex(self.model.index(moved_to, column))
        self.table.selectRow(moved_to)

    def confirm_order(self) -> None:
        """After a drop, or Submit Order (Ctrl+S): submit the order on screen, keep arranging, or undo."""
        if not self.model.arranged or self.reorder_scope() is None or self.acting:
            return
        if self.dialog is not None:
            return
        titles = [f"{i}. {row.title}" for i, row in enumerate(self.model.rows(), start=1)]
        box = QMessageBox(QMessageBox.Icon.Question, translate("ArticlesPage", "New Order"),
                          translate("ArticlesPage", "Submit this order of {count} articles for approval?").format(
                              count=len(titles)), QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("confirmation")
        box.setInformativeText("\n".join(titles[:15]) + ("\n…" if len(titles) > 15 else ""))
        submit = box.addButton(translate("ArticlesPage", "Submit Order"), QMessageBox.ButtonRole.AcceptRole)
        submit.setObjectName("confirmAccept")
        keep = box.addButton(translate("ArticlesPage", "Keep Arranging"), QMessageBox.ButtonRole.RejectRole)
        keep.setObjectName("keepArranging")
        undo = box.addButton(translate("ArticlesPage", "Undo"), QMessageBox.ButtonRole.DestructiveRole)
        undo.setObjectName("undoArranging")
        box.setDefaultButton(submit)
        box.setEscapeButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button) -> None:
            if button is submit:
                self.submit_order()
            elif button is undo:
                self.model.reset_order()

        box.buttonClicked.connect(answered)
        box.finished.connect(self._dialog_closed)
        self.dialog = box
        box.open()

    def submit_order(self) -> asyncio.Task | None:
        scope = self.reorder_scope()
        if scope is None or not self.model.arranged or "update" not in self.flows or self.acting:
            return None
        return self._submit(self.client.submit_reorder(scope[0], scope[1], self.model.rows()))

    # --- outcome and language -------------------------------------------------------------------

    def _set_outcome(self, source: str, args: dict[str, object], failed: bool = False) -> None:
        self._outcome = (source, args, failed)
        self._render_outcome()

    def _render_outcome(self) -> None:
        if self._outcome is None:
            return
        source, args, failed = self._outcome
        shown = dict(args)
        if "flow" in shown:
            shown["flow"] = flow_name(str(shown["flow"]), self._ctx.language())
        self._show(translate("ArticlesPage", source).format(**shown), failed)

    def show_outcome(self, text: str, *, failed: bool = False) -> None:
        self._outcome = None
        self._show(text, failed)

    def _show(self, text: str, failed: bool) -> None:
        self.outcome.setText(text)
        self.outcome.setProperty("failed", failed)  # the style sheet colours failures red
        self.outcome.style().unpolish(self.outcome)
        self.outcome.style().polish(self.outcome)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if not self._ready:
            return
        texts = {
            "new": (translate("ArticlesPage", "New…"), translate("ArticlesPage", "Write a new article; it is created "
                                                                                 "hidden once approved (Ctrl+N)")),
            "edit": (translate("ArticlesPage", "Edit…"), translate("ArticlesPage", "Edit the current article in the "
                                                                                   "side drawer (Enter)")),
            "copy": (translate("ArticlesPage", "Copy…"), translate("ArticlesPage", "Copy the current article as a new "
                                                                                   "hidden one, at once (Ctrl+D)")),
            "delete": (translate("ArticlesPage", "Delete…"), translate("ArticlesPage", "Submit the deletion of the "
                                                                                       "current article (Del)")),
            "hide": (translate("ArticlesPage", "Hide"), translate("ArticlesPage", "Submit hiding the current "
                                                                                  "article from customers")),
            "show": (translate("ArticlesPage", "Show"), translate("ArticlesPage", "Submit showing the current "
                                                                                  "article to customers")),
        }
        for action, (text, tip) in texts.items():
            if action in self.buttons:
                self.buttons[action].setText(text)
                self.buttons[action].setToolTip(tip)
        self.submit_order_button.setText(translate("ArticlesPage", "Submit Order…"))
        self.submit_order_button.setToolTip(translate("ArticlesPage", "Submit the order on screen for approval "
                                                                      "(Ctrl+S)"))
        self.reset_order_button.setText(translate("ArticlesPage", "Reset Order"))
        self.reset_order_button.setToolTip(translate("ArticlesPage", "Back to the live order"))
        self.drawer.retranslate_drawer()
        if self.categories:
            self.drawer.set_categories(self.categories)
        self._render_outcome()
        self.update_actions()

    # --- for tests ------------------------------------------------------------------------------

    async def wait_idle(self) -> None:
        """Awaits the list, the categories, an action in flight and the drawer's requests."""
        await wait_all_idle(self.model.ops, self.ops, self.drawer.ops, self.drawer.preview.ops)
