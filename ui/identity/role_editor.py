"""A new role, or a change of one: its code (new only), its names in both languages, and its
permissions ticked in a tree grouped by menu area, each with its words and code, narrowed as typed;
with a note for the administrator who decides. Judged as typed; opened with ``open()``, answered
through ``chosen``. Opened to correct a refused order (``resubmit``), the fields hold what it
proposed, under a banner; the role as it is now stays what the change is counted from.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from services.clients.resubmission import Resubmission
from services.contract.identity import NOTE_MAX, PermissionAreaOut, RoleOut, RoleUpdatePayload
from services.contract.schemas import WorkOrderOut
from services.rules.identity import ROLE_NAME_MAX, check_role_code, check_role_names
from ui.common.rule_messages import rule_text
from ui.identity.permission_labels import area_label, permission_label
from ui.identity.resubmit_banner import note_only_in_editor
from ui.identity.user_dialogs import dialog_buttons, note_label

translate = QCoreApplication.translate  # the name lupdate recognises

CODE_ROLE = Qt.ItemDataRole.UserRole


class RoleEditorDialog(QDialog):
    chosen = Signal(str, str, str, list, str)  # code, English name, Chinese name, permissions, note

    def __init__(self, role: RoleOut | None, areas: list[PermissionAreaOut], taken: set[str],
                 parent: QWidget | None = None, resubmit: WorkOrderOut | None = None):
        super().__init__(parent)
        self.setObjectName("roleEditorDialog")
        self.role, self.taken = role, taken
        self.setWindowTitle(translate("RoleEditor", "Edit Role {code}").format(code=role.code) if role
                            else translate("RoleEditor", "New Role"))
        shown = RoleUpdatePayload.model_validate(resubmit.payload) if resubmit else role  # what the fields hold
        self.code = QLineEdit(role.code if role else (shown.code if shown else ""), self)
        self.code.setObjectName("roleCode")
        self.code.setEnabled(role is None)  # a role's code never changes
        self.code.setPlaceholderText(translate("RoleEditor", "e.g. margin_viewer"))
        self.name_zh = QLineEdit(shown.name_zh if shown else "", self)
        self.name_zh.setObjectName("roleNameZh")
        self.name_en = QLineEdit(shown.name_en if shown else "", self)
        self.name_en.setObjectName("roleNameEn")
        for edit in (self.code, self.name_zh, self.name_en):
            edit.setMaxLength(ROLE_NAME_MAX + 20)  # longer than the rule, so the rule says why
        self.notes = {field: note_label(self) for field in ("code", "name_zh", "name_en")}
        self.search = QLineEdit(self)
        self.search.setObjectName("permissionSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(translate("RoleEditor", "Find a permission by its words or code"))
        self.tree = self._permission_tree(areas, set(shown.permissions) if shown else set())
        self.summary = note_label(self, "hint")
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("roleNote")
        self.note.setPlaceholderText(translate("RoleEditor", "Why: for the administrator who decides (optional)"))
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.banner = note_only_in_editor(resubmit, self.note, self) if resubmit else None

        intro = note_label(self, "hint")
        intro.setText(translate("RoleEditor", "Another administrator decides this change; the role changes once "
                                              "approved. Nobody adds permissions to a role they hold."))
        buttons, self.accept_button = dialog_buttons(self, translate("RoleEditor", "Submit for Approval"), "submitRole")
        layout = QVBoxLayout(self)
        if self.banner is not None:
            layout.addWidget(self.banner)
        layout.addWidget(intro)
        form = QFormLayout()
        layout.addLayout(form)
        form.addRow(translate("RoleEditor", "Code"), self.code)
        form.addRow("", self.notes["code"])
        form.addRow(translate("RoleEditor", "Chinese name"), self.name_zh)
        form.addRow("", self.notes["name_zh"])
        form.addRow(translate("RoleEditor", "English name"), self.name_en)
        form.addRow("", self.notes["name_en"])
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(640, 720 + (self.banner.sizeHint().height() if self.banner is not None else 0))
        # A field's note shows once something was typed in it, or at once when it came filled in.
        self._typed: set[str] = set(self.notes) if resubmit else set()
        for field, edit in (("code", self.code), ("name_zh", self.name_zh), ("name_en", self.name_en)):
            edit.textChanged.connect(self.refresh)
            edit.textEdited.connect(lambda _text, field=field: (self._typed.add(field), self.refresh()))
        self.tree.itemChanged.connect(self.refresh)
        self.note.textChanged.connect(self.refresh)
        self.search.textChanged.connect(self.narrow)
        (self.name_zh if role else self.code).setFocus()
        self.refresh()

    def resubmission(self) -> Resubmission | None:
        """The refused order the change corrects, if it does."""
        return self.banner.resubmission() if self.banner is not None else None

    def _permission_tree(self, areas: list[PermissionAreaOut], held: set[str]) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setObjectName("permissionTree")
        tree.setColumnCount(2)
        tree.setHeaderLabels([translate("RoleEditor", "Permission"), translate("RoleEditor", "Code")])
        tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        tree.setUniformRowHeights(True)
        for area in areas:
            top = QTreeWidgetItem(tree, [area_label(area.area), ""])
            # Shows how much of the area is ticked; never ticks it all at once (some may be filtered out).
            top.setFlags((top.flags() | Qt.ItemFlag.ItemIsAutoTristate) & ~Qt.ItemFlag.ItemIsUserCheckable)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for code in area.permissions:
                item = QTreeWidgetItem(top, [permission_label(code), code])
                item.setData(0, CODE_ROLE, code)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Checked if code in held else Qt.CheckState.Unchecked)
            top.setExpanded(any(code in held for code in area.permissions))
        return tree

    def _items(self) -> list[QTreeWidgetItem]:
        return [self.tree.topLevelItem(i).child(j) for i in range(self.tree.topLevelItemCount())
                for j in range(self.tree.topLevelItem(i).childCount())]

    def permissions(self) -> list[str]:
        return sorted(item.data(0, CODE_ROLE) for item in self._items()
                      if item.checkState(0) == Qt.CheckState.Checked)

    def set_permission(self, code: str, held: bool) -> None:
        for item in self._items():
            if item.data(0, CODE_ROLE) == code:
                item.setCheckState(0, Qt.CheckState.Checked if held else Qt.CheckState.Unchecked)

    def narrow(self, words: str) -> None:
        """Only the permissions whose words or code hold every word typed (their areas open)."""
        wanted = words.casefold().split()
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            shown = 0
            for j in range(top.childCount()):
                item = top.child(j)
                text = f"{item.text(0)} {item.text(1)}".casefold()
                item.setHidden(not all(w in text for w in wanted))
                shown += not item.isHidden()
            top.setHidden(shown == 0)
            if wanted:
                top.setExpanded(True)

    def refresh(self, *_args: object) -> None:
        found = check_role_names(self.name_en.text(), self.name_zh.text())
        if self.role is None:
            found = check_role_code(self.code.text().strip(), self.taken) + found
        problems = {v.field: rule_text(v) for v in found}
        for field, label in self.notes.items():
            label.setText(problems.get(field, "") if field in self._typed or self.role is not None else "")
            label.setVisible(bool(label.text()))  # an empty note takes no room
        wanted, held = set(self.permissions()), set(self.role.permissions if self.role else ())
        self.summary.setText(translate("RoleEditor", "{count} permission(s): adds {added}, removes {removed}.").format(
            count=len(wanted), added=len(wanted - held), removed=len(held - wanted)))
        unchanged = self.role is not None and wanted == held and (
            self.name_en.text().strip(), self.name_zh.text().strip()) == (self.role.name_en, self.role.name_zh)
        too_long = len(self.note.toPlainText()) > NOTE_MAX
        self.accept_button.setEnabled(not problems and not unchanged and not too_long)

    def accept(self) -> None:
        if not self.accept_button.isEnabled():
            return
        self.chosen.emit(self.code.text().strip(), self.name_en.text().strip(), self.name_zh.text().strip(),
                         self.permissions(), self.note.toPlainText().strip())
        super().accept()
