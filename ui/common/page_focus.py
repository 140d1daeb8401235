"""Where the keyboard goes when a page is shown: into the page, so that its shortcuts (which act
while the focus is inside it, ui/common/shortcuts.py) work without a click first.

The page's main widget takes it: its list (the first table or tree in its tab order), else the
first field that takes the Tab key. A list's row the keyboard is on is shown selected (the first
row when it has none yet), so that what the page's buttons act on is what is highlighted.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
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
    target = main_widget(page) or page
    target.setFocus(Qt.FocusReason.OtherFocusReason)
    if isinstance(target, QAbstractItemView):
        show_current_row(target)


def show_current_row(view: QAbstractItemView) -> None:
    """Selects the row the keyboard is on, the first when there is none, unless rows are selected
    already: Qt makes the first row current when a list gets the keyboard, unselected, and the
    page's buttons would act on a row nothing shows."""
    model, selection = view.model(), view.selectionModel()
    if model is None or selection is None or selection.hasSelection() or model.rowCount() == 0:
        return
    current = view.currentIndex()
    if not current.isValid():
        current = model.index(0, 0)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
    if view.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows:
        flags |= QItemSelectionModel.SelectionFlag.Rows
    selection.setCurrentIndex(current, flags)
