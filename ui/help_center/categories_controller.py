"""What Help Center › Article Categories (文章分類) loads, keeps and decides, without a widget: the
tree of categories, which one is current, what may be done to it now (and why not), the rules of
its names and place as the user types, and the changes themselves, each a direct request (the
manual puts no approval on categories) that reads the tree again and leaves an outcome line.

Every request goes through the area's typed client on this controller's one ``OpRunner``: one
change at a time. A refusal says each reason in the user's language, and a category someone else
changed first (409) reads the tree again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from services.api_client import ApiError
from services.clients.help_center import HelpCenterClient
from services.contract.help_center import HelpCategoryOut
from ui.common.op_runner import OpRunner
from ui.common.page_context import PageContext
from ui.common.rule_messages import refusal_reasons
from ui.help_center import labels
from ui.help_center.category_tree import CategoryTree

translate = QCoreApplication.translate  # the name lupdate recognises

LOAD, ACTION = "load", "action"  # the runner's keys


class CategoriesController(QObject):
    loaded = Signal()  # the tree was read (again)
    stateChanged = Signal()  # the current category, an action in flight or the outcome changed

    def __init__(self, ctx: PageContext, client: HelpCenterClient | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.client = client or HelpCenterClient(ctx.api)
        self.ops = OpRunner(self, ctx.report_error)
        self.ops.runningChanged.connect(lambda *_: self.stateChanged.emit())
        self.tree = CategoryTree()
        self.current_id: int | None = None
        self.outcome: tuple[str, bool] | None = None  # (text in the UI language when said, failed)
        self._asked = False

    # --- the tree -----------------------------------------------------------------------------

    def load(self) -> asyncio.Task:
        self._asked = True
        return self.ops.run(labels.read_categories(self._ctx.api), key=LOAD, on_success=self._read)

    def _read(self, categories: list[HelpCategoryOut]) -> None:
        by_id = {c.id: c for c in categories}
        self.tree = CategoryTree([by_id[c.id] for c in labels.known_categories() if c.id in by_id])
        if self.current_id not in by_id:
            self.current_id = None
        self.loaded.emit()
        self.stateChanged.emit()

    @property
    def settled(self) -> bool:
        return self._asked and not self.ops.running(LOAD)

    @property
    def acting(self) -> bool:
        return self.ops.running(ACTION)

    @property
    def categories(self) -> list[HelpCategoryOut]:
        return self.tree.categories

    @property
    def current(self) -> HelpCategoryOut | None:
        return self.tree.category(self.current_id)

    def select(self, category_id: int | None) -> None:
        self.current_id = category_id
        self.stateChanged.emit()

    def blocker(self, action: str) -> str | None:
        """Why ``action`` cannot be taken on the current category now; None when it can."""
        if self.acting or not self.settled:
            return translate("CategoriesPage", "Wait for the current request to finish.")
        return self.tree.why_not(action, self.current)

    # --- acting -------------------------------------------------------------------------------

    def create(self, name: str, name_zh: str, parent_id: int | None) -> asyncio.Task | None:
        return self._act(self.client.create_category(name, name_zh, parent_id),
                         translate("CategoriesPage", "Created “{name}”."))

    def rename(self, name: str, name_zh: str) -> asyncio.Task | None:
        current = self.current
        if current is None:
            return None
        return self._act(self.client.rename_category(current, name, name_zh),
                         translate("CategoriesPage", "Renamed to “{name}”."))

    def move(self, parent_id: int | None) -> asyncio.Task | None:
        current = self.current
        if current is None:
            return None
        return self._act(self.client.move_category(current, parent_id),
                         translate("CategoriesPage", "Moved “{name}”."))

    def toggle_hidden(self) -> asyncio.Task | None:
        current = self.current
        if current is None or self.blocker("hide"):
            return None
        done = (translate("CategoriesPage", "“{name}” is shown again.") if current.hidden
                else translate("CategoriesPage", "“{name}” is hidden from customers."))
        return self._act(self.client.set_category_hidden(current, not current.hidden), done)

    def shift(self, step: int) -> asyncio.Task | None:
        """Moves the current category one place up (-1) or down (1) among its siblings."""
        current = self.current
        if current is None or self.blocker("up" if step < 0 else "down"):
            return None
        siblings = self.tree.children(current.parent_id)
        place = siblings.index(current)
        siblings.insert(place + step, siblings.pop(place))
        return self._act(self.client.reorder_categories(current.parent_id, siblings),
                         translate("CategoriesPage", "Moved “{name}”."), named=current)

    def delete(self) -> asyncio.Task | None:
        current = self.current
        if current is None or self.blocker("delete"):
            return None
        return self._act(self.client.delete_category(current), translate("CategoriesPage", "Deleted “{name}”."),
                         named=current)

    def _act(self, op: Awaitable[Any], done: str, named: HelpCategoryOut | None = None) -> asyncio.Task | None:
        if self.acting:
            if asyncio.iscoroutine(op):
                op.close()
            return None
        return self.ops.run(op, key=ACTION, on_success=lambda result: self._done(result, done, named),
                            on_failure=self._refused)

    def _done(self, result: object, done: str, named: HelpCategoryOut | None) -> None:
        category = result if isinstance(result, HelpCategoryOut) else named
        if isinstance(result, HelpCategoryOut):
            self.current_id = result.id
        name = labels.category_name(category.id, self._ctx.language()) if category else ""
        if isinstance(result, HelpCategoryOut):  # its new name, before the tree is read again
            name = result.name_zh if self._ctx.language() == "zh_Hant" else result.name
        self._say(done.format(name=name), failed=False)
        self.load()

    def _refused(self, exc: BaseException) -> bool:
        """Said on the page, each reason in the user's language; the shell hears of sessions."""
        if not isinstance(exc, ApiError):
            return False
        reasons = refusal_reasons(exc.errors)
        self._say(" ".join([self._ctx.describe(exc), *reasons]), failed=True)
        if exc.status in (404, 409):
            self.load()  # someone else changed it first: show what is there now
        return not exc.is_auth

    def _say(self, text: str, *, failed: bool) -> None:
        self.outcome = (text, failed)
        self.stateChanged.emit()
