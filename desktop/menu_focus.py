"""The keyboard follows the menu: the page shown has it (its shortcuts act at once, after sign-in
too), except while the user goes through the menu with the arrow keys: the menu keeps it then,
and Enter or a click on an item moves it to that item's page. Ctrl+0 goes back to the menu."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidgetItem

from desktop.page_stack import PageStack
from desktop.sidebar import PAGE_KEY_ROLE, Sidebar
from ui.common.page_focus import focus_page


class MenuFocus:
    def __init__(self, sidebar: Sidebar, stack: PageStack):
        self._sidebar, self._stack = sidebar, stack
        sidebar.itemActivated.connect(self._entered)  # Enter, or a double click
        sidebar.itemClicked.connect(self._entered)

    def shown(self, key: str) -> None:
        """``key``'s page was shown: it takes the keyboard unless the menu is being gone through."""
        if not self._sidebar.hasFocus():
            self.focus(key)

    def focus(self, key: str) -> None:
        """The keyboard into ``key``'s page, if it is the one shown."""
        page = self._stack.page(key)
        if page is not None and self._stack.currentWidget() is page:
            focus_page(page)

    def _entered(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        key = item.data(0, PAGE_KEY_ROLE)
        if key:
            self.focus(key)
