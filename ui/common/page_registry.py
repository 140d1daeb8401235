"""Page key → page factory, filled by each UI area for its leaves of the menu table.

The keys are the ``page`` of services.contract.menu's leaves; a key that no leaf has is refused
when it is registered, so a mistyped key fails at start instead of hiding its page. A page may
also name work it can have done ahead (``ahead``: importing heavy modules, building a cache), which
the window runs in a worker thread soon after sign-in for a user who sees the page, so that its
first opening does not wait for it (desktop/page_stack.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from services.contract.menu import MENU
from ui.common.page_context import PageContext

PageFactory = Callable[[PageContext], QWidget]
Ahead = Callable[[], object]  # runs in a worker thread; safe to run more than once


class PageRegistry:
    def __init__(self) -> None:
        self.pages: dict[str, PageFactory] = {}
        self.ahead: dict[str, Ahead] = {}
        self._menu_pages = frozenset(leaf.page for leaf in MENU)

    def add(self, key: str, factory: PageFactory, *, ahead: Ahead | None = None) -> None:
        if key not in self._menu_pages:
            raise KeyError(f"no menu leaf has the page {key!r} (services/contract/menu.py)")
        if key in self.pages:
            raise KeyError(f"page {key!r} is registered twice")
        self.pages[key] = factory
        if ahead is not None:
            self.ahead[key] = ahead
