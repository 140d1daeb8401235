"""The tree of Help Center categories as the Article Categories page holds it, without a widget:
who is under whom, which parents a category may move to, what is wrong with a name as it is
typed, and why the current category cannot be changed some way now, each in the user's language.
The rules are the shared ones (services/rules/help_center.py) the backend applies again."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from services.contract.help_center import HelpCategoryOut
from services.rules.help_center import check_category_names, check_parent
from services.rules.violations import Violation
from ui.common.rule_messages import rule_text

translate = QCoreApplication.translate  # the name lupdate recognises


def _reason(code: str) -> str:
    return rule_text(Violation("category_id", code, ""))


class CategoryTree:
    def __init__(self, categories: Sequence[HelpCategoryOut] = ()):
        self.categories = list(categories)  # in tree order

    def category(self, category_id: int | None) -> HelpCategoryOut | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def children(self, parent_id: int | None) -> list[HelpCategoryOut]:
        return [c for c in self.categories if c.parent_id == parent_id]

    def parents(self) -> dict[int, int | None]:
        return {c.id: c.parent_id for c in self.categories}

    def name_notes(self, name: str, name_zh: str, parent_id: int | None, leaving_out: int | None) -> dict[str, str]:
        """What is wrong with these names under ``parent_id``, by field."""
        siblings = [(c.name, c.name_zh) for c in self.children(parent_id) if c.id != leaving_out]
        return {v.field: rule_text(v) for v in check_category_names(name, name_zh, siblings)}

    def parent_choices(self, moving: int | None) -> list[HelpCategoryOut]:
        """The categories ``moving`` (None: a new one) may sit under, in tree order."""
        parents = self.parents()
        return [c for c in self.categories if not check_parent(parents, moving, c.id)]

    def can_be_top_level(self, moving: int | None) -> bool:
        return not check_parent(self.parents(), moving, None)

    def why_not(self, action: str, current: HelpCategoryOut | None) -> str | None:
        """Why ``action`` cannot be taken on ``current`` as the tree stands; None when it can."""
        if action == "new":
            return None
        if current is None:
            return translate("CategoriesPage", "Choose a category first.")
        if action == "new_child" and check_parent(self.parents(), None, current.id):
            return rule_text(Violation("parent_id", "category_too_deep", ""))
        siblings = self.children(current.parent_id)
        place = siblings.index(current)
        if action == "up" and place == 0:
            return translate("CategoriesPage", "Already first among its siblings.")
        if action == "down" and place == len(siblings) - 1:
            return translate("CategoriesPage", "Already last among its siblings.")
        if action == "delete" and self.children(current.id):
            return _reason("category_has_children")
        if action == "delete" and current.article_count:
            return _reason("category_has_articles")
        return None
