"""Layout items that PySide holds a Python wrapper for, which must be none.

A layout filled before it is added to its parent (``outer.addLayout(row)`` after
``row.addWidget(...)``) makes PySide 6.11 wrap every item Qt made for ``row`` (``QWidgetItem``,
``QSpacerItem``) and keep the wrappers for as long as ``outer`` lives; ``layout.itemAt(i)`` does
the same. Qt deletes such an item when its widget leaves the layout (deleted, reparented, moved)
without telling PySide, so the wrapper stays registered at the freed address. The next object
made in Python at that address (a list item, a layout) is then never registered, and when Qt
deletes it PySide reads a wrapper it has already freed: the process dies with SIGSEGV in
``BindingManager::releaseWrapper``, rarely, whenever the allocator happens to reuse the address.

So a layout is added to its parent while it is still empty, and nothing asks a layout for its
items. ``held_layout_items`` finds where that rule was broken; the tests and the screenshot
commands fail on any.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


def held_layout_items() -> list[str]:
    """Each layout item made by Qt that Python holds a wrapper for, named by where it sits."""
    return [_where(item) for item in shiboken6.getAllValidWrappers()
            if isinstance(item, QLayoutItem) and not isinstance(item, (QLayout, QWidget))
            and not shiboken6.createdByPython(item)]


def refuse_held_layout_items() -> None:
    """Raises AssertionError naming each held item (the UI tests and the screenshot walk call it)."""
    held = held_layout_items()
    if held:
        raise AssertionError("Python holds layout items (add a layout to its parent while it is empty): "
                             + "; ".join(held))


def _where(item: QLayoutItem) -> str:
    # Reading the item is sound while its widget is still in the layout, as it is when the checks
    # run on what was just built; an item whose widget has left is the defect itself.
    widget = item.widget()
    if widget is None:
        return f"a {type(item).__name__} (a stretch or spacing)"
    chain = []
    while widget is not None:
        name = widget.objectName()
        chain.append(f"{type(widget).__name__}({name})" if name else type(widget).__name__)
        widget = widget.parentWidget()
    return f"the {type(item).__name__} of " + " in ".join(chain)
