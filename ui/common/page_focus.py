"""Where the keyboard goes when a page is shown: into the page, so that its shortcuts (which act
while the focus is inside it, ui/common/shortcuts.py) work without a click first.

The page's main widget takes it: its list (the first table or tree in its tab order), else the
first field that takes the Tab key.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QWidget


def main_widget(page: QWidget) -> QWidget | None:
    """The widget of ``page`` the keyboard should be in when it is opened: the first list in Tab
    order, else the first widget Tab reaches; None when nothing in it takes focus."""
    first: QWidget | None = None
    widget = page.nextInFocusChain()
    while widget is not None and widget is not page:  # the chain is the window's, a ring
        if (page.isAncestorOf(widget) and widget.isVisibleTo(page) and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            if isinstance(widget, QAbstractItemView):
                return widget
            first = first or widget
        widget = widget.nextInFocusChain()
    return first


def focus_page(page: QWidget) -> None:
    """The keyboard into ``page`` (its main widget; the page itself when nothing in it takes focus)."""
    (main_widget(page) or page).setFocus(Qt.FocusReason.OtherFocusReason)
