"""Ctrl+Enter confirms a dialog: it presses the dialog's main button (Submit, Reject, Save,
Create...) wherever the focus is in the dialog, a multi-line note included, where plain Enter
writes a new line. Every dialog of the app gets it here, so the key is the same everywhere.

The button is clicked as by the mouse: a disabled button (a reason still missing) does nothing,
and the dialog's own handling of the click runs.
"""

from __future__ import annotations

from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QAbstractButton, QWidget

from ui.common.shortcuts import local_shortcut

CONFIRM_KEYS = ("Ctrl+Return", "Ctrl+Enter")  # the main Enter and the keypad's
CONFIRM_SHORTCUT = "confirmShortcut"  # the shortcuts' object name (tests find them by it)


def confirm_keys(dialog: QWidget, button: QAbstractButton) -> list[QShortcut]:
    """Ctrl+Enter anywhere in ``dialog`` clicks ``button``."""
    shortcuts = []
    for keys in CONFIRM_KEYS:
        shortcut = local_shortcut(keys, dialog, button.click)
        shortcut.setObjectName(CONFIRM_SHORTCUT)
        shortcuts.append(shortcut)
    return shortcuts
