"""Help Center › Articles: every article with its category (under its parents), language,
visibility, publish scenes, external link, order and any change awaiting approval; New and Edit in
the Markdown drawer, Copy, Delete (of a hidden article), Hide, Show, and the order of one
category's list by drag and drop (or Ctrl+↑/↓). Filtering by a category shows its
sub-categories' articles too.

Copy is immediate (the copy is hidden); everything else is a work order, so the list shows the
live articles until an order is approved, and an article with a change pending says which and
cannot be changed again until it is decided. Buttons show what the user's permissions allow; the
backend checks again.

This is the view: what it loads, keeps and decides is the ArticlesController
(articles_controller.py) and its ArticleActions (article_actions.py), whose signals it shows; the
buttons, the outcome line and the reorder hint are the ArticleActionsBar (article_actions_bar.py).
"""

from __future__ import annotations

from pydantic import BaseModel
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QDialog, QWidget

from services.clients.help_center import REORDER_MAX, HelpCenterClient
from services.contract.help_center import (
    ArticleLanguage,
    ArticleOut,
    ArticleQuery,
    HelpCategoryOut,
    PublishScene,
)
from ui.common import formatting
from ui.common.columns import RIGHT, Column, datetime_column
from ui.common.confirmation import confirmation
from ui.common.filter_bar import ChoiceField, TextField
from ui.common.op_runner import wait_all_idle
from ui.common.page_context import PageContext
from ui.common.query_page import QueryPage, QuerySpec
from ui.common.shortcuts import local_shortcut
from ui.help_center import labels
from ui.help_center.article_actions_bar import ArticleActionsBar
from ui.help_center.article_drawer import ArticleDrawer
from ui.help_center.article_model import ArticleTableModel
from ui.help_center.articles_controller import CONTEXT, ArticlesController
from ui.help_center.copy_dialog import CopyDialog
from ui.help_center.order_dialog import order_confirmation

translate = QCoreApplication.translate  # the name lupdate recognises

FIELDS = (
    # Its choices are the backend's categories, set once they are read (ArticlesController.categories).
    ChoiceField("category_id", QT_TRANSLATE_NOOP("ArticlesPage", "Category"), ()),
    ChoiceField("language", QT_TRANSLATE_NOOP("ArticlesPage", "Language"), tuple(
        (language.value, lambda language=language: labels.language_text(language)) for language in ArticleLanguage)),
    ChoiceField("visible", QT_TRANSLATE_NOOP("ArticlesPage", "Visibility"), (
        (True, QT_TRANSLATE_NOOP("ArticlesPage", "Visible")),
        (False, QT_TRANSLATE_NOOP("ArticlesPage", "Hidden")),
    )),
    ChoiceField("scene", QT_TRANSLATE_NOOP("ArticlesPage", "Publish Scene"), tuple(
        (scene.value, lambda scene=scene: labels.scene_text(scene)) for scene in PublishScene)),
    ChoiceField("has_link", QT_TRANSLATE_NOOP("ArticlesPage", "External Link"), (
        (True, QT_TRANSLATE_NOOP("ArticlesPage", "With link")),
        (False, QT_TRANSLATE_NOOP("ArticlesPage", "Without link")),
    )),
    TextField("title", QT_TRANSLATE_NOOP("ArticlesPage", "Title"), max_length=100, width_chars=18),
)


def _columns(ctx: PageContext) -> tuple[Column, ...]:
    return (
        Column("title", QT_TRANSLATE_NOOP("ArticlesPage", "Title"), width_chars=32),
        Column("category_id", QT_TRANSLATE_NOOP("ArticlesPage", "Category"),
               format=lambda category_id: labels.category_path(category_id, ctx.language()), width_chars=22),
        Column("language", QT_TRANSLATE_NOOP("ArticlesPage", "Language"), format=labels.language_text,
               width_chars=10),
        Column("visible", QT_TRANSLATE_NOOP("ArticlesPage", "Visibility"), format=labels.visible_text,
               color=labels.visible_color, width_chars=6),
        Column("publish_scenes", QT_TRANSLATE_NOOP("ArticlesPage", "Publish Scenes"), format=labels.scenes_text,
               width_chars=16),
        Column("external_link", QT_TRANSLATE_NOOP("ArticlesPage", "External Link"), format=labels.link_text,
               width_chars=16),
        Column("sort_order", QT_TRANSLATE_NOOP("ArticlesPage", "Sort Order"), format=formatting.integer,
               align=RIGHT, width_chars=4),
        Column("pending", QT_TRANSLATE_NOOP("ArticlesPage", "Pending Change"), value=lambda row: row,
               format=lambda row: labels.pending_text(row.pending_flow, row.pending_work_order_id),
               color=lambda row: "#8d5a00" if row.pending_work_order_id else None, width_chars=16),
        datetime_column("updated_at", QT_TRANSLATE_NOOP("ArticlesPage", "Updated At")),
        Column("updated_by", QT_TRANSLATE_NOOP("ArticlesPage", "Updated By"), width_chars=9),
        Column("id", QT_TRANSLATE_NOOP("ArticlesPage", "No."), format=lambda v: f"#{v}", align=RIGHT, width_chars=5),
    )


def _spec(ctx: PageContext, controller: ArticlesController) -> QuerySpec:
    return QuerySpec(tr_context=CONTEXT, list_path=None, row_model=ArticleOut, filter_model=ArticleQuery,
                     fields=FIELDS, columns=_columns(ctx), page_size=REORDER_MAX, model_class=ArticleTableModel,
                     fetch_page=controller.fetch_page)


class ArticlesPage(QueryPage):
    EMPTY = (QT_TRANSLATE_NOOP("ArticlesPage", "No article yet."),
             QT_TRANSLATE_NOOP("ArticlesPage", "No article matches the filter ({filter})."))
    EMPTY_CONTEXT = CONTEXT
    _ready = False  # QueryPage retranslates while constructing, before this class's widgets exist
    model: ArticleTableModel

    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        # Before the list asks its first page: the controller reads the pages and keeps the filter.
        self.controller = ArticlesController(ctx, HelpCenterClient(ctx.api))
        super().__init__(ctx, _spec(ctx, self.controller), parent)
        self.setObjectName("articlesPage")
        controller = self.controller
        controller.setParent(self)
        controller.attach(self.model)
        self.dialog: QDialog | None = None  # the confirmation or copy dialog on screen, if any

        table = self.table
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Drag and drop arranges rows; the model allows it only while the list can be reordered.
        table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        table.setDragEnabled(True)
        table.setAcceptDrops(True)
        table.setDropIndicatorShown(True)
        table.setDragDropOverwriteMode(False)
        table.setDefaultDropAction(Qt.DropAction.MoveAction)

        self.drawer = ArticleDrawer(self, ctx, client=controller.client)
        self.drawer.submitted.connect(controller.actions.submitted)
        self.bar = ArticleActionsBar(controller, self)
        self.layout().insertWidget(1, self.bar)
        self.bar.submit_order_button.clicked.connect(self.confirm_order)
        self.bar.reset_order_button.clicked.connect(self.model.reset_order)
        self._connect_actions(self.bar.buttons)
        table.selectionModel().currentRowChanged.connect(self.update_actions)
        self.model.dropped.connect(self.confirm_order)
        controller.stateChanged.connect(self.update_actions)
        controller.listLoaded.connect(self._select_pending)
        controller.categoriesLoaded.connect(self._show_categories)
        self._ready = True
        self.retranslate_ui()

    def _connect_actions(self, buttons: dict) -> None:
        table = self.table
        if "new" in buttons:
            buttons["new"].clicked.connect(self.new_article)
            local_shortcut(QKeySequence.StandardKey.New, self, self.new_article)
        if "edit" in buttons:
            buttons["edit"].clicked.connect(self.edit_current)
            table.activated.connect(self._activated)  # Enter or double-click on a row
        if "copy" in buttons:
            buttons["copy"].clicked.connect(self.copy_current)
            local_shortcut("Ctrl+D", table, self.copy_current)
        if "delete" in buttons:
            buttons["delete"].clicked.connect(self.delete_current)
            local_shortcut(QKeySequence.StandardKey.Delete, table, self.delete_current)
        for action in ("hide", "show"):
            if action in buttons:
                buttons[action].clicked.connect(
                    lambda _checked=False, action=action: self.controller.actions.submit_target(action,
                                                                                                self.current_row()))
        if self.controller.can_reorder:
            local_shortcut("Ctrl+Up", table, lambda: self.move_current(-1))
            local_shortcut("Ctrl+Down", table, lambda: self.move_current(1))
            local_shortcut("Ctrl+S", self, self.confirm_order)

    # --- the list and its categories ------------------------------------------------------------

    def apply_filter(self, filter_: BaseModel) -> None:
        self.controller.apply(ArticleQuery.model_validate(filter_))
        super().apply_filter(filter_)

    def _show_categories(self, loaded: list[HelpCategoryOut]) -> None:
        """The category filter as a tree: each sub-category indented under its parent."""
        language = self._ctx.language
        self.filter_bar.set_choices("category_id", [
            (c.id, lambda c=c: "\u3000" * (labels.category_depth(c.id) - 1) + labels.category_name(c.id, language()))
            for c in labels.known_categories()])
        self.drawer.set_categories(loaded)
        self.table.viewport().update()  # the Category column now shows names

    def is_ready(self) -> bool:
        return super().is_ready() and self.controller.settled

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
        wanted = self.controller.select_when_loaded
        if wanted is not None and self.select_article(wanted):
            self.controller.select_when_loaded = None

    def update_actions(self, *_args: object) -> None:
        if self._ready:
            self.bar.show_state(self.current_row())

    # --- actions --------------------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        self.table.setCurrentIndex(index)
        self.edit_current()

    def new_article(self) -> None:
        defaults = self.controller.actions.new_article_defaults()
        if defaults is not None:
            self.drawer.open_new(*defaults)

    def edit_current(self) -> None:
        row = self.current_row()
        if self.controller.actions.editable(row):
            self.drawer.open_edit(row.id)

    def copy_current(self) -> None:
        row = self.current_row()
        if not self.controller.actions.copyable(row):
            return
        dialog = CopyDialog(row, self.controller.categories, self._ctx.language(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(lambda category_id, language: self.controller.actions.copy(row, category_id, language))
        self._open_dialog(dialog)

    def delete_current(self) -> None:
        row = self.current_row()
        if row is None or not self.controller.actions.deletable(row):
            return
        self._open_dialog(confirmation(
            self, translate("ArticlesPage", "Delete Article"),
            translate("ArticlesPage", "Submit the deletion of “{title}” for approval?").format(title=row.title),
            translate("ArticlesPage", "Submit Deletion"),
            translate("ArticlesPage", "It stays online until the work order is approved."),
            on_accept=lambda: self.controller.actions.submit_target("delete", row)))

    def _open_dialog(self, dialog: QDialog) -> None:
        dialog.finished.connect(lambda *_: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def move_current(self, step: int) -> None:
        """Ctrl+↑ / Ctrl+↓: moves the current article one place (on screen, until submitted)."""
        row = self.table.currentIndex().row()
        if not self.controller.may_move() or row < 0:
            return
        column = max(self.table.currentIndex().column(), 0)
        moved_to = self.model.move_row(row, step)
        self.table.setCurrentIndex(self.model.index(moved_to, column))
        self.table.selectRow(moved_to)

    def confirm_order(self) -> None:
        """After a drop, or Submit Order (Ctrl+S): submit the order on screen, keep arranging, or undo."""
        titles = self.controller.order_to_confirm()
        if titles is None or self.dialog is not None:
            return
        self._open_dialog(order_confirmation(self, titles, self.controller.actions.submit_order,
                                             self.model.reset_order))

    # --- language and tests ---------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if not self._ready:
            return
        self.bar.retranslate()
        self.drawer.retranslate_drawer()
        if self.controller.categories:
            self.drawer.set_categories(self.controller.categories)
        self.update_actions()

    async def wait_idle(self) -> None:
        """Awaits the list, the categories, an action in flight and the drawer's requests."""
        await wait_all_idle(self.model.ops, self.controller.ops, self.ops, self.drawer.ops,
                            self.drawer.form.preview.ops)
