"""Creating, renaming or moving a category: its two names (Chinese and English), each judged as
the user types with the reason under it, and where it sits (the top level or a parent that the
rules allow). Opened with ``open()``, never ``exec()``: it answers through ``chosen``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from services.contract.help_center import HelpCategoryOut
from services.rules.help_center import CATEGORY_NAME_MAX, CATEGORY_NAME_ZH_MAX
from ui.common.dialog_keys import confirm_keys
from ui.help_center import labels
from ui.help_center.categories_controller import CategoriesController

translate = QCoreApplication.translate  # the name lupdate recognises

CREATE, RENAME, MOVE = "create", "rename", "move"


def _note(parent: QWidget) -> QLabel:
    note = QLabel(parent)
    note.setObjectName("fieldNote")
    note.setProperty("tone", "error")
    note.setWordWrap(True)
    note.setTextFormat(Qt.TextFormat.PlainText)
    return note


class CategoryDialog(QDialog):
    chosen = Signal(str, str, object)  # name, Chinese name, parent id (None: the top level)

    def __init__(self, controller: CategoriesController, mode: str, category: HelpCategoryOut | None,
                 parent_id: int | None, language: str, parent: QWidget | None = None):
        """``category``: the one renamed or moved (None for a new one); ``parent_id``: where a new one
        goes, or where a moved one is now."""
        super().__init__(parent)
        self.setObjectName("categoryDialog")
        self.controller, self.mode, self.category = controller, mode, category
        self.name_zh = QLineEdit(category.name_zh if category else "", self)
        self.name_zh.setObjectName("categoryNameZh")
        self.name_zh.setMaxLength(CATEGORY_NAME_ZH_MAX + 20)  # longer than the rule, so the rule says why
        self.name = QLineEdit(category.name if category else "", self)
        self.name.setObjectName("categoryName")
        self.name.setMaxLength(CATEGORY_NAME_MAX + 20)
        self.parent_choice = QComboBox(self)
        self.parent_choice.setObjectName("categoryParent")
        moving = category.id if category else None
        if mode == CREATE or controller.tree.can_be_top_level(moving):
            self.parent_choice.addItem(translate("CategoryDialog", "(top level)"), None)
        for choice in controller.tree.parent_choices(moving):
            self.parent_choice.addItem(labels.category_path(choice.id, language), choice.id)
        self.parent_choice.setCurrentIndex(max(0, self.parent_choice.findData(parent_id)))
        self.notes = {"name_zh": _note(self), "name": _note(self)}

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.accept_button = buttons.addButton(self._accept_text(), QDialogButtonBox.ButtonRole.AcceptRole)
        self.accept_button.setObjectName("categoryAccept")
        self.accept_button.setDefault(True)
        confirm_keys(self, self.accept_button)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        if mode in (CREATE, RENAME):
            form.addRow(translate("CategoryDialog", "Chinese name"), self.name_zh)
            form.addRow("", self.notes["name_zh"])
            form.addRow(translate("CategoryDialog", "English name"), self.name)
            form.addRow("", self.notes["name"])
        if mode in (CREATE, MOVE):
            form.addRow(translate("CategoryDialog", "Parent category"), self.parent_choice)
        layout.addWidget(buttons)
        self.setWindowTitle(self._title())
        self.setMinimumWidth(460)
        for signal in (self.name.textChanged, self.name_zh.textChanged, self.parent_choice.currentIndexChanged):
            signal.connect(self.refresh)
        self.refresh()

    def _title(self) -> str:
        return {CREATE: translate("CategoryDialog", "Create Category"),
                RENAME: translate("CategoryDialog", "Rename Category"),
                MOVE: translate("CategoryDialog", "Move Category")}[self.mode]

    def _accept_text(self) -> str:
        return {CREATE: translate("CategoryDialog", "Create"), RENAME: translate("CategoryDialog", "Rename"),
                MOVE: translate("CategoryDialog", "Move")}[self.mode]

    def parent_id(self) -> int | None:
        return self.parent_choice.currentData()

    def refresh(self, *_args: object) -> None:
        """The notes under the names, and whether the change may be made."""
        notes: dict[str, str] = {}
        if self.mode in (CREATE, RENAME):
            where = self.category.parent_id if self.mode == RENAME and self.category else self.parent_id()
            notes = self.controller.tree.name_notes(self.name.text(), self.name_zh.text(), where,
                                               self.category.id if self.category else None)
        for field, label in self.notes.items():
            label.setText(notes.get(field, ""))
        unchanged = self.category is not None and (
            (self.mode == RENAME and (self.name.text().strip(), self.name_zh.text().strip())
             == (self.category.name, self.category.name_zh))
            or (self.mode == MOVE and self.parent_id() == self.category.parent_id))
        self.accept_button.setEnabled(not notes and not unchanged)

    def accept(self) -> None:
        if not self.accept_button.isEnabled():
            return
        self.chosen.emit(self.name.text(), self.name_zh.text(), self.parent_id())
        super().accept()
