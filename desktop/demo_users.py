"""The sign-in dialog's list of the embedded server's demo users: username, name and roles, the
roles named in the UI language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from desktop.role_labels import roles_label
from services.contract.schemas import DemoUser

translate = QCoreApplication.translate  # the name lupdate recognises; the texts are the dialog's


class DemoUsersList(QTreeWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("demoUsers")
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setColumnCount(3)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.header().setStretchLastSection(True)
        self._users: list[DemoUser] = []

    def show_users(self, users: list[DemoUser]) -> None:
        self._users = users
        self.clear()
        for user in users:
            item = QTreeWidgetItem([user.username, user.display_name, roles_label(user.roles)])
            item.setData(0, Qt.ItemDataRole.UserRole, user.username)
            self.addTopLevelItem(item)

    def user(self, item: QTreeWidgetItem) -> DemoUser | None:
        username = item.data(0, Qt.ItemDataRole.UserRole)
        return next((u for u in self._users if u.username == username), None)

    def retranslate_ui(self) -> None:
        self.setHeaderLabels([translate("LoginDialog", "Username"), translate("LoginDialog", "Name"),
                              translate("LoginDialog", "Roles")])
        for index, user in enumerate(self._users):
            self.topLevelItem(index).setText(2, roles_label(user.roles))
