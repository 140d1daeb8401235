"""The sign-in dialog's list of the embedded server's demo users: username, name and roles, the
roles named in the UI language. It asks the server for them once the server answers; a click
offers a user's username and password, a double click or Enter signs in as them."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from desktop.role_labels import roles_label
from ui.common.op_runner import OpRunner

if TYPE_CHECKING:  # the client's modules load after the dialog is shown (desktop/preparation.py)
    from services.clients.session import SessionClient
    from services.contract.schemas import DemoUser

log = logging.getLogger(__name__)

translate = QCoreApplication.translate  # the name lupdate recognises; the texts are the dialog's


class DemoUsersList(QTreeWidget):
    chosen = Signal(str, str)  # username, password: clicked
    confirmed = Signal(str, str)  # double-clicked or Enter: sign in as them
    finished = Signal(bool)  # the list arrived (True) or is not available (False)

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
        self.requested = False
        self.loaded = False  # the list arrived or failed: nothing is in flight
        self.ops = OpRunner(self)  # a failure is not fatal: signing in by hand still works
        self.itemClicked.connect(lambda item: self._offer(item, self.chosen))
        self.itemActivated.connect(lambda item: self._offer(item, self.confirmed))

    def load(self, session: SessionClient) -> None:
        """Asks the server for its demo users, once."""
        if not self.requested:
            self.requested = True
            self.ops.run(session.demo_users(), key="demo users", on_success=self.show_users,
                         on_failure=self._unavailable)

    def show_users(self, users: list[DemoUser]) -> None:
        self._users = users
        self.clear()
        for user in users:
            item = QTreeWidgetItem([user.username, user.display_name, roles_label(user.roles)])
            item.setData(0, Qt.ItemDataRole.UserRole, user.username)
            self.addTopLevelItem(item)
        self.loaded = True
        self.finished.emit(True)

    def user(self, item: QTreeWidgetItem) -> DemoUser | None:
        username = item.data(0, Qt.ItemDataRole.UserRole)
        return next((u for u in self._users if u.username == username), None)

    def retranslate_ui(self) -> None:
        self.setHeaderLabels([translate("LoginDialog", "Username"), translate("LoginDialog", "Name"),
                              translate("LoginDialog", "Roles")])
        for index, user in enumerate(self._users):
            self.topLevelItem(index).setText(2, roles_label(user.roles))

    def _unavailable(self, exc: BaseException) -> bool:
        log.warning("demo users unavailable: %s", exc)
        self.loaded = True
        self.finished.emit(False)
        return True

    def _offer(self, item: QTreeWidgetItem, signal) -> None:
        user = self.user(item)
        if user is not None:
            signal.emit(user.username, user.password)
