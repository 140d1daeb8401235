"""Keyboard shortcuts that act only while focus is inside their widget.

PySide6 6.11 ignores the context given to ``QShortcut(keys, parent, slot, context)`` and makes
every such shortcut window-wide (Enter in a page's table then ran its filter bar's search), so the
context is set on the object and the slot connected afterwards.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


def local_shortcut(keys: QKeySequence | QKeySequence.StandardKey | Qt.Key | str, parent: QWidget,
                   slot: Callable[[], object]) -> QShortcut:
    """``slot`` on ``keys`` while the focus is in ``parent`` or one of its children."""
    shortcut = QShortcut(QKeySequence(keys), parent, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(slot)
    return shortcut
