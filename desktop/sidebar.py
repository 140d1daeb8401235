"""The sidebar: a tree of the menu leaves the user may open, grouped by their menu path."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from services.contract.menu import MenuLeaf

PAGE_KEY_ROLE = Qt.ItemDataRole.UserRole
SOURCE_LABEL_ROLE = Qt.ItemDataRole.UserRole + 1  # the English source, re-translated on language change


def menu_label(source: str) -> str:
    return QCoreApplication.translate("menu", source)


class Sidebar(QTreeWidget):
    page_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setIndentation(14)
        # Every group stays open: a short menu reads faster than one that hides its leaves.
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.currentItemChanged.connect(self._current_changed)

    def set_leaves(self, leaves: Iterable[MenuLeaf]) -> None:
        """Builds groups from each leaf's path; groups appear in the order their first leaf does."""
        self.clear()
        groups: dict[tuple[str, ...], QTreeWidgetItem] = {}
        for leaf in leaves:
            parent: QTreeWidgetItem | None = None
            for depth in range(1, len(leaf.path)):
                key = leaf.path[:depth]
                if key not in groups:
                    group = self._item(leaf.path[depth - 1])
                    group.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading, not a page
                    font = group.font(0)
                    font.setBold(True)
                    group.setFont(0, font)
                    self._attach(group, parent)
                    groups[key] = group
                parent = groups[key]
            item = self._item(leaf.path[-1])
            item.setData(0, PAGE_KEY_ROLE, leaf.page)
            self._attach(item, parent)
        self.expandAll()

    def page_keys(self) -> list[str]:
        return [item.data(0, PAGE_KEY_ROLE) for item in self._leaf_items()]

    def leaf_paths(self) -> list[tuple[str, ...]]:
        """The shown (translated) path of every leaf, root first; what a person reads."""
        paths = []
        for item in self._leaf_items():
            path = []
            node: QTreeWidgetItem | None = item
            while node is not None:
                path.append(node.text(0))
                node = node.parent()
            paths.append(tuple(reversed(path)))
        return paths

    def select_page(self, key: str) -> None:
        for item in self._leaf_items():
            if item.data(0, PAGE_KEY_ROLE) == key:
                self.setCurrentItem(item)
                return

    def current_page(self) -> str | None:
        item = self.currentItem()
        return item.data(0, PAGE_KEY_ROLE) if item is not None else None

    def retranslate_ui(self) -> None:
        for item in self._all_items():
            item.setText(0, menu_label(item.data(0, SOURCE_LABEL_ROLE)))

    # --- internals ---------------------------------------------------------------------------

    def _item(self, source: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([menu_label(source)])
        item.setData(0, SOURCE_LABEL_ROLE, source)
        return item

    def _attach(self, item: QTreeWidgetItem, parent: QTreeWidgetItem | None) -> None:
        if parent is None:
            self.addTopLevelItem(item)
        else:
            parent.addChild(item)

    def _all_items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        stack = [self.topLevelItem(i) for i in reversed(range(self.topLevelItemCount()))]
        while stack:
            item = stack.pop()
            out.append(item)
            stack.extend(item.child(i) for i in reversed(range(item.childCount())))
        return out

    def _leaf_items(self) -> list[QTreeWidgetItem]:
        return [item for item in self._all_items() if item.data(0, PAGE_KEY_ROLE)]

    def _current_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        key = current.data(0, PAGE_KEY_ROLE) if current is not None else None
        if key:
            self.page_chosen.emit(key)
