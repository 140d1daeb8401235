"""The parts of a chain being edited, as a tree: its levels in order, the people copied (CC), and
each stricter chain with its condition and its own levels; each part summed up in words, a part
that breaks a rule marked ⚠ with the reasons as its tooltip. Buttons add a level (to the chain
or stricter chain of the current part), add a stricter chain, remove, and move up or down."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QGridLayout, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from services.contract.identity import ChainLevel
from ui.approval_chains import chain_text
from ui.approval_chains.chain_draft import CC, ChainDraft, LevelDraft, Part
from ui.approval_chains.directory import ChainDirectory
from ui.common.shortcuts import local_shortcut

translate = QCoreApplication.translate  # the name lupdate recognises

ERROR_BRUSH = QBrush(QColor("#b42318"))
PART = Qt.ItemDataRole.UserRole


class ChainOutline(QWidget):
    partChosen = Signal(object)  # the Part now current
    edited = Signal()  # parts added, removed or moved

    def __init__(self, draft: ChainDraft, directory: ChainDirectory, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.draft, self._directory, self._language = draft, directory, language
        self._errors: Mapping[str, list[str]] = {}
        self.current = Part(None, 0)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("chainOutline")
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.currentItemChanged.connect(self._item_changed)
        self.buttons: dict[str, QPushButton] = {}
        actions: dict[str, Callable[[], object]] = {
            "add_level": self.add_level, "add_stricter": self.add_stricter, "remove": self.remove,
            "up": lambda: self.move(-1), "down": lambda: self.move(1)}
        for key, slot in actions.items():
            button = QPushButton(self)
            button.setObjectName(f"chain_{key}")
            button.clicked.connect(slot)
            self.buttons[key] = button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        self._button_rows(layout)
        local_shortcut(Qt.Key.Key_Delete, self.tree, self.remove)
        local_shortcut("Ctrl+Up", self.tree, lambda: self.move(-1))
        local_shortcut("Ctrl+Down", self.tree, lambda: self.move(1))
        self.retranslate_ui()

    def _button_rows(self, layout: QVBoxLayout) -> None:
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        b = self.buttons
        grid.addWidget(b["add_level"], 0, 0)
        grid.addWidget(b["add_stricter"], 0, 1, 1, 2)
        grid.addWidget(b["remove"], 1, 0)
        grid.addWidget(b["up"], 1, 1)
        grid.addWidget(b["down"], 1, 2)

    # --- the tree -----------------------------------------------------------------------------

    def _level_words(self, level: LevelDraft) -> str:
        return chain_text.level_text(ChainLevel.model_construct(approvers=level.approvers(), mode=level.mode),
                                     self._directory, self._language)

    def _decorate(self, item: QTreeWidgetItem, part: Part) -> QTreeWidgetItem:
        errors = self._errors.get(part.field, [])
        item.setData(0, PART, part)
        item.setText(0, ("⚠ " if errors else "") + self._part_words(part))
        item.setForeground(0, ERROR_BRUSH if errors else QBrush())
        item.setToolTip(0, "\n".join(errors))
        return item

    def rebuild(self, errors: Mapping[str, list[str]] | None = None) -> None:
        """Shows the draft as it is now; ``errors``: the reasons by part (its field name)."""
        if errors is not None:
            self._errors = errors
        self.tree.blockSignals(True)
        self.tree.clear()
        for n in range(len(self.draft.levels)):
            self._decorate(QTreeWidgetItem(self.tree), Part(None, n))
        self._decorate(QTreeWidgetItem(self.tree), CC)
        for s, stricter in enumerate(self.draft.stricter):
            head = self._decorate(QTreeWidgetItem(self.tree), Part(s))
            for n in range(len(stricter.levels)):
                self._decorate(QTreeWidgetItem(head), Part(s, n))
            head.setExpanded(True)
        self.tree.blockSignals(False)
        self.choose(self.current)

    def refresh_texts(self, errors: Mapping[str, list[str]]) -> None:
        """The parts' words again after an edit of the current part, keeping the tree as it is."""
        self._errors = errors
        for item in self._items():
            self._decorate(item, item.data(0, PART))

    def choose(self, part: Part) -> None:
        found = self._find(part) or self.tree.topLevelItem(0)
        self.tree.setCurrentItem(found)
        self._item_changed(found)

    def _find(self, part: Part) -> QTreeWidgetItem | None:
        for item in self._items():
            if item.data(0, PART) == part:
                return item
        return None

    def _items(self) -> list[QTreeWidgetItem]:
        out = []
        for n in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(n)
            out += [top, *(top.child(c) for c in range(top.childCount()))]
        return out

    def _item_changed(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None = None) -> None:
        if item is None:
            return
        self.current = item.data(0, PART)
        self._enable()
        self.partChosen.emit(self.current)

    def _enable(self) -> None:
        part, draft = self.current, self.draft
        self.buttons["remove"].setEnabled(draft.can_remove(part))
        self.buttons["up"].setEnabled(draft.can_move(part, -1))
        self.buttons["down"].setEnabled(draft.can_move(part, 1))

    def _part_words(self, part: Part) -> str:
        if part.cc:
            cc = chain_text.approvers_text(self.draft.cc.approvers(), self._directory, self._language)
            return translate("ApprovalChains", "CC: {approvers}").format(approvers=cc)
        if part.level is None and part.stricter is not None:
            stricter = self.draft.stricter[part.stricter]
            return translate("ApprovalChains", "Stricter chain {n}: {condition}").format(
                n=part.stricter + 1, condition=chain_text.condition_words(stricter.kind, stricter.value or "?"))
        return translate("ApprovalChains", "Level {n}: {approvers}").format(
            n=(part.level or 0) + 1, approvers=self._level_words(self.draft.level(part)))

    # --- the buttons --------------------------------------------------------------------------

    def _changed_to(self, part: Part | None) -> None:
        if part is None:
            return
        self.current = part
        self.edited.emit()

    def add_level(self) -> None:
        self._changed_to(self.draft.add_level(self.current.stricter if not self.current.cc else None))

    def add_stricter(self) -> None:
        self._changed_to(self.draft.add_stricter())

    def remove(self) -> None:
        self._changed_to(self.draft.remove(self.current))

    def move(self, step: int) -> None:
        self._changed_to(self.draft.move(self.current, step))

    def retranslate_ui(self) -> None:
        texts = {"add_level": translate("ApprovalChains", "Add Level"),
                 "add_stricter": translate("ApprovalChains", "Add Stricter Chain"),
                 "remove": translate("ApprovalChains", "Remove"),
                 "up": translate("ApprovalChains", "Move Up"), "down": translate("ApprovalChains", "Move Down")}
        for key, text in texts.items():
            self.buttons[key].setText(text)
        self.buttons["remove"].setToolTip("Del")
        self.buttons["up"].setToolTip("Ctrl+↑")
        self.buttons["down"].setToolTip("Ctrl+↓")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
