"""Keyboard shortcuts that act only while focus is inside their widget, and Esc that leaves an open
popup (a calendar, a completer's or a combo box's list) to close that popup only.

PySide6 6.11 ignores the context given to ``QShortcut(keys, parent, slot, context)`` and makes
every such shortcut window-wide (Enter in a page's table then ran its filter bar's search), so the
context is set on the object and the slot connected afterwards.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget


def local_shortcut(keys: QKeySequence | QKeySequence.StandardKey | Qt.Key | str, parent: QWidget,
                   slot: Callable[[], object]) -> QShortcut:
    """``slot`` on ``keys`` while the focus is in ``parent`` or one of its children."""
    shortcut = QShortcut(QKeySequence(keys), parent, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(slot)
    return shortcut


def escape_shortcut(parent: QWidget, slot: Callable[[], object]) -> QShortcut:
    """``slot`` on Esc while the focus is in ``parent``; while a popup is open (the calendar of a
    date field, a completer's list) Esc closes that popup and nothing else.

    Qt matches a widget's shortcut from a popup's focus too (a popup is a child of its field), so
    without this Esc in a date filter's calendar reset the whole filter bar.
    """
    def pressed() -> None:
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        else:
            slot()
    return local_shortcut(Qt.Key.Key_Escape, parent, pressed)
