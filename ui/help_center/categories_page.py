"""Help Center › Article Categories (文章分類): the tree of categories customers browse, each with
its names in both languages, how many articles are filed in it and whether it is hidden; Create
Category (at the top level or under the current one, up to three levels), Rename, Move (to another
parent), Move Up / Move Down among its siblings, Hide / Show, and Delete of an empty category.

The manual puts no approval on categories: each change is made at once under its own permission
(``help_center.category.manage``) and audited by the backend. This is the view: what it loads,
keeps and decides is the CategoriesController (categories_controller.py).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.common.confirmation import confirmation
from ui.common.empty_note import EmptyNote
from ui.common.op_runner import wait_all_idle
from ui.common.page_context import PageContext
from ui.common.shortcuts import local_shortcut
from ui.help_center import labels
from ui.help_center.categories_controller import CategoriesController
from ui.help_center.category_dialog import CREATE, MOVE, RENAME, CategoryDialog

translate = QCoreApplication.translate  # the name lupdate recognises

BUTTONS = ("new", "new_child", "rename", "move", "up", "down", "hide", "delete")
HIDDEN_COLOR = "#627d98"

TEXTS = {
    "new": QT_TRANSLATE_NOOP("CategoriesPage", "Create Category…"),
    "new_child": QT_TRANSLATE_NOOP("CategoriesPage", "Create Sub-category…"),
    "rename": QT_TRANSLATE_NOOP("CategoriesPage", "Rename…"),
    "move": QT_TRANSLATE_NOOP("CategoriesPage", "Move…"),
    "up": QT_TRANSLATE_NOOP("CategoriesPage", "Move Up"),
    "down": QT_TRANSLATE_NOOP("CategoriesPage", "Move Down"),
    "hide": QT_TRANSLATE_NOOP("CategoriesPage", "Hide"),
    "delete": QT_TRANSLATE_NOOP("CategoriesPage", "Delete…"),
}
TIPS = {
    "new": QT_TRANSLATE_NOOP("CategoriesPage", "Create a top-level category (Ctrl+N)"),
    "new_child": QT_TRANSLATE_NOOP("CategoriesPage", "Create a category under the current one"),
    "rename": QT_TRANSLATE_NOOP("CategoriesPage", "Rename the current category in both languages (F2)"),
    "move": QT_TRANSLATE_NOOP("CategoriesPage", "Move the current category, with what is under it, to another "
                                                "parent"),
    "up": QT_TRANSLATE_NOOP("CategoriesPage", "Move the current category up among its siblings (Ctrl+↑)"),
    "down": QT_TRANSLATE_NOOP("CategoriesPage", "Move the current category down among its siblings (Ctrl+↓)"),
    "hide": QT_TRANSLATE_NOOP("CategoriesPage", "Hide the current category from customers, or show it again"),
    "delete": QT_TRANSLATE_NOOP("CategoriesPage", "Delete the current category; only an empty one can go (Del)"),
}


class CategoriesPage(QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("categoriesPage")
        self._ctx = ctx
        self.controller = controller = CategoriesController(ctx, parent=self)
        self.dialog: QDialog | None = None  # the dialog or confirmation on screen, if any

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("categoryTree")
        self.tree.setColumnCount(5)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.buttons = {name: QPushButton(self) for name in BUTTONS}
        for name, button in self.buttons.items():
            button.setObjectName(f"{name}CategoryButton")
        self.buttons["new"].setObjectName("primaryButton")
        self.outcome = QLabel(self)
        self.outcome.setObjectName("approvalOutcome")  # the style sheet's outcome line (red when failed)
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")

        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        layout.addLayout(bar)
        for button in self.buttons.values():
            bar.addWidget(button)
        bar.addWidget(self.outcome, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.tree, 1)

        actions = {"new": lambda: self.open_dialog(CREATE, top=True), "new_child": lambda: self.open_dialog(CREATE),
                   "rename": lambda: self.open_dialog(RENAME), "move": lambda: self.open_dialog(MOVE),
                   "up": lambda: controller.shift(-1), "down": lambda: controller.shift(1),
                   "hide": controller.toggle_hidden, "delete": self.confirm_delete}
        for name, act in actions.items():
            self.buttons[name].clicked.connect(act)
        local_shortcut(QKeySequence.StandardKey.New, self, actions["new"])
        local_shortcut("F2", self.tree, actions["rename"])
        local_shortcut("Ctrl+Up", self.tree, actions["up"])
        local_shortcut("Ctrl+Down", self.tree, actions["down"])
        local_shortcut(QKeySequence.StandardKey.Delete, self.tree, actions["delete"])
        self.tree.currentItemChanged.connect(self._current_changed)
        controller.loaded.connect(self.show_tree)
        self.empty_note = EmptyNote(self.tree, self.empty_text, controller.stateChanged)
        controller.stateChanged.connect(self.update_actions)
        self.retranslate_ui()
        controller.load()

    # --- the tree -------------------------------------------------------------------------------

    def empty_text(self) -> str:
        """Why the tree is empty, once it was read."""
        if not self.controller.settled:
            return ""
        return translate("CategoriesPage", "No category yet: articles are filed under categories made here "
                                           "(Create Category…, Ctrl+N).")

    def show_tree(self) -> None:
        """The categories as a tree, every level open, the current one kept."""
        language = self._ctx.language()
        blocked = self.tree.blockSignals(True)
        self.tree.clear()
        items: dict[int, QTreeWidgetItem] = {}
        for category in self.controller.categories:
            holder = items.get(category.parent_id) if category.parent_id is not None else None
            item = QTreeWidgetItem(holder if holder is not None else self.tree)
            item.setData(0, Qt.ItemDataRole.UserRole, category.id)
            other = category.name if language == "zh_Hant" else category.name_zh
            texts = (labels.category_name(category.id, language), other, f"{category.article_count:,}",
                     labels.visible_text(not category.hidden), f"#{category.id}")
            for column, text in enumerate(texts):
                item.setText(column, text)
                if category.hidden:
                    item.setForeground(column, QBrush(QColor(HIDDEN_COLOR)))
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            items[category.id] = item
        self.tree.expandAll()
        current = items.get(self.controller.current_id) if self.controller.current_id is not None else None
        if current is not None:
            self.tree.setCurrentItem(current)
        self.tree.blockSignals(blocked)
        self.update_actions()

    def _current_changed(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        self.controller.select(item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None)

    def select_category(self, category_id: int) -> bool:
        for item in self._items():
            if item.data(0, Qt.ItemDataRole.UserRole) == category_id:
                self.tree.setCurrentItem(item)
                return True
        return False

    def _items(self) -> list[QTreeWidgetItem]:
        out, todo = [], [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while todo:
            item = todo.pop(0)
            out.append(item)
            todo.extend(item.child(i) for i in range(item.childCount()))
        return out

    def update_actions(self, *_args: object) -> None:
        controller = self.controller
        for name, button in self.buttons.items():
            blocker = controller.blocker(name)
            button.setEnabled(blocker is None)
            button.setToolTip(blocker or translate("CategoriesPage", TIPS[name]))
        current = controller.current
        self.buttons["hide"].setText(translate("CategoriesPage", "Show") if current is not None and current.hidden
                                     else translate("CategoriesPage", "Hide"))
        if controller.outcome is not None:
            text, failed = controller.outcome
            self.outcome.setText(text)
            self.outcome.setProperty("failed", failed)  # the style sheet colours failures red
            self.outcome.style().unpolish(self.outcome)
            self.outcome.style().polish(self.outcome)

    # --- changes --------------------------------------------------------------------------------

    def open_dialog(self, mode: str, *, top: bool = False) -> None:
        blocker = self.controller.blocker({CREATE: "new" if top else "new_child"}.get(mode, mode))
        if blocker is not None or self.dialog is not None:
            return
        current = self.controller.current
        category = None if mode == CREATE else current
        parent_id = None if top else (current.id if mode == CREATE and current else
                                      (current.parent_id if current else None))
        dialog = CategoryDialog(self.controller, mode, category, parent_id, self._ctx.language(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        controller = self.controller
        if mode == CREATE:
            dialog.chosen.connect(controller.create)
        elif mode == RENAME:
            dialog.chosen.connect(lambda name, name_zh, _parent: controller.rename(name, name_zh))
        else:
            dialog.chosen.connect(lambda _name, _name_zh, parent: controller.move(parent))
        self._show(dialog)

    def confirm_delete(self) -> None:
        current = self.controller.current
        if current is None or self.controller.blocker("delete") is not None or self.dialog is not None:
            return
        name = labels.category_name(current.id, self._ctx.language())
        self._show(confirmation(self, translate("CategoriesPage", "Delete Category"),
                                translate("CategoriesPage", "Delete the category “{name}”?").format(name=name),
                                translate("CategoriesPage", "Delete"),
                                translate("CategoriesPage", "It has no articles and no sub-categories. This "
                                                            "takes effect at once and is recorded."),
                                on_accept=self.controller.delete))

    def _show(self, dialog: QDialog) -> None:
        dialog.finished.connect(lambda *_: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    # --- language and tests ---------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.tree.setHeaderLabels([translate("CategoriesPage", "Category"), translate("CategoriesPage", "Other Name"),
                                   translate("CategoriesPage", "Articles"), translate("CategoriesPage", "Status"),
                                   translate("CategoriesPage", "No.")])
        for name, button in self.buttons.items():
            button.setText(translate("CategoriesPage", TEXTS[name]))
        self.hint.setText(translate("CategoriesPage", "Changes to categories take effect at once, without "
                                                      "approval, and are recorded. A hidden category hides its "
                                                      "articles from customers."))
        if self.controller.categories:
            self.show_tree()
        self.empty_note.update_note()
        self.update_actions()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def is_ready(self) -> bool:
        """The tree was read (an empty one too: a new installation's)."""
        return self.controller.settled

    async def wait_idle(self) -> None:
        await wait_all_idle(self.controller.ops)

