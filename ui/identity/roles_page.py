"""Identity › Roles (角色管理): every role with its names, how many users hold it and any change
awaiting approval; the current role's permissions grouped by menu area, in words with their codes;
New Role and Edit (a work order another administrator decides). The administrator role holds
every permission and is never edited.

This is the view: what it loads, keeps and decides is the RolesController (roles_controller.py).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from services.contract.schemas import WorkOrderOut
from ui.common.columns import RIGHT, Column
from ui.common.op_runner import wait_all_idle
from ui.common.page_context import PageContext
from ui.common.shortcuts import local_shortcut
from ui.identity.permission_labels import area_label, permission_label
from ui.identity.role_editor import RoleEditorDialog
from ui.identity.roles_controller import RolesController
from ui.identity.rows_model import RowsModel, rows_table

translate = QCoreApplication.translate  # the name lupdate recognises

TIPS = {
    "new": QT_TRANSLATE_NOOP("RolesPage", "Ask another administrator to create a role (Ctrl+N)"),
    "edit": QT_TRANSLATE_NOOP("RolesPage", "Ask another administrator to change this role's names or "
                                           "permissions (F2)"),
}


class RolesPage(QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("rolesPage")
        self._ctx = ctx
        self.controller = controller = RolesController(ctx, parent=self)
        self.dialog: QDialog | None = None

        self.buttons = {"new": QPushButton(self), "edit": QPushButton(self)}
        self.buttons["new"].setObjectName("primaryButton")
        self.buttons["edit"].setObjectName("editRoleButton")
        self.outcome = QLabel(self)
        self.outcome.setObjectName("approvalOutcome")  # the style sheet's outcome line (red when failed)
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = RowsModel(self._columns(), "RolesPage", self)
        self.table = rows_table(self.model, "rolesTable", self)
        # The list whole, never scrolled sideways: the permissions take the rest of the width.
        self.table.setMinimumWidth(self.table.horizontalHeader().length() + self.table.verticalHeader().sizeHint().width()
                                   + self.table.frameWidth() * 2 + 2)
        self.title = QLabel(self)
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.permissions = QTreeWidget(self)
        self.permissions.setObjectName("rolePermissions")
        self.permissions.setColumnCount(2)
        self.permissions.setUniformRowHeights(True)
        # The words first and whole; a long code is shortened in its middle (its tooltip has it all).
        self.permissions.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.permissions.header().setStretchLastSection(True)
        self.permissions.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        detail = QWidget(self)
        box = QVBoxLayout(detail)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.title)
        box.addWidget(self.permissions, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        layout.addLayout(bar)
        for button in self.buttons.values():
            bar.addWidget(button)
        bar.addWidget(self.outcome, 1)
        layout.addWidget(self.splitter, 1)

        self.buttons["new"].clicked.connect(lambda: self.open_editor(new=True))
        self.buttons["edit"].clicked.connect(lambda: self.open_editor(new=False))
        local_shortcut(QKeySequence.StandardKey.New, self, lambda: self.open_editor(new=True))
        local_shortcut("F2", self.table, lambda: self.open_editor(new=False))
        local_shortcut(QKeySequence.StandardKey.Refresh, self, controller.load)
        self.table.activated.connect(lambda _index: self.open_editor(new=False))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        controller.loaded.connect(self.show_roles)
        controller.stateChanged.connect(self.update_detail)
        self.retranslate_ui()
        controller.load()

    def _columns(self) -> list[Column]:
        return [
            Column("name", QT_TRANSLATE_NOOP("RolesPage", "Role"), value=self.controller.name, width_chars=20),
            Column("code", QT_TRANSLATE_NOOP("RolesPage", "Code"), width_chars=18, identifier=True),
            Column("user_count", QT_TRANSLATE_NOOP("RolesPage", "Users"), align=RIGHT, width_chars=6),
            Column("permission_count", QT_TRANSLATE_NOOP("RolesPage", "Permissions"), value=lambda r: len(r.permissions),
                   align=RIGHT, width_chars=8),
            Column("state", QT_TRANSLATE_NOOP("RolesPage", "Status"), value=lambda r: r, format=self._state_text,
                   width_chars=16, color=lambda r: "#8a5a00" if r.pending_work_order_id else None,
                   tooltip=lambda r: translate("RolesPage", "Holds every permission; never edited") if r.built_in
                   else self._state_text(r)),
        ]

    @staticmethod
    def _state_text(role) -> str:
        if role.built_in:
            return translate("RolesPage", "Built in")
        if role.pending_work_order_id:
            return translate("RolesPage", "Awaiting approval (#{id})").format(id=role.pending_work_order_id)
        return ""

    # --- the list and the current role ----------------------------------------------------------

    def show_roles(self) -> None:
        self.model.set_rows(self.controller.roles)
        self.select_role(self.controller.current_code)
        self.update_detail()

    def select_role(self, code: str | None) -> bool:
        for row, role in enumerate(self.controller.roles):
            if role.code == code:
                self.table.selectRow(row)
                self.table.setCurrentIndex(self.model.index(row, 0))
                return True
        return False

    def _current_changed(self, current, _previous) -> None:
        roles = self.controller.roles
        self.controller.select(roles[current.row()].code if 0 <= current.row() < len(roles) else None)

    def update_detail(self, *_args: object) -> None:
        controller = self.controller
        for name, button in self.buttons.items():
            blocker = controller.blocker(name)
            button.setEnabled(blocker is None)
            button.setToolTip(blocker or translate("RolesPage", TIPS[name]))
        role = controller.current
        self.permissions.clear()
        if role is None:
            self.title.setText("")
        else:
            other = role.name_en if self._ctx.language() == "zh_Hant" else role.name_zh
            self.title.setText(translate("RolesPage", "{name} ({other}) · {code} · {count} permission(s)").format(
                name=controller.name(role), other=other, code=role.code, count=len(role.permissions)))
            for area, codes in controller.groups(role):
                top = QTreeWidgetItem(self.permissions, [f"{area_label(area)} ({len(codes)})", ""])
                font = top.font(0)
                font.setBold(True)
                top.setFont(0, font)
                for code in codes:
                    item = QTreeWidgetItem(top, [permission_label(code), code])
                    item.setToolTip(0, f"{permission_label(code)}\n{code}")
                    item.setToolTip(1, code)
            self.permissions.expandAll()
        if controller.outcome is not None:
            text, failed = controller.outcome
            self.outcome.setText(text)
            self.outcome.setProperty("failed", failed)  # the style sheet colours failures red
            self.outcome.style().unpolish(self.outcome)
            self.outcome.style().polish(self.outcome)

    # --- editing --------------------------------------------------------------------------------

    def open_editor(self, *, new: bool, resubmit: WorkOrderOut | None = None) -> None:
        """New Role… or Edit… of the current role; ``resubmit``: a refused order of a role, opened
        with what it proposed, as a change of that role if it exists now (made current) or else as
        a new one (or the outcome says why not)."""
        if resubmit is not None:
            code = str(resubmit.payload.get("code"))
            new = not any(r.code == code for r in self.controller.roles)
            if not new:
                self.controller.select(code)
                self.select_role(code)
            if (blocker := self.controller.blocker("new" if new else "edit")) is not None:
                self.controller.say(blocker, failed=True)
                return
        if self.controller.blocker("new" if new else "edit") is not None or self.dialog is not None:
            return
        role = None if new else self.controller.current
        dialog = RoleEditorDialog(role, self.controller.areas, {r.code for r in self.controller.roles}, self,
                                  resubmit)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(lambda *chosen: self.controller.submit(*chosen, resubmission=dialog.resubmission()))
        dialog.finished.connect(lambda *_: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    # --- language and tests ---------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.buttons["new"].setText(translate("RolesPage", "New Role…"))
        self.buttons["edit"].setText(translate("RolesPage", "Edit…"))
        self.permissions.setHeaderLabels([translate("RolesPage", "Permission"), translate("RolesPage", "Code")])
        self.model.retranslate()
        self.update_detail()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def is_ready(self) -> bool:
        return self.controller.settled and self.model.rowCount() > 0

    async def wait_idle(self) -> None:
        await wait_all_idle(self.controller.ops)
