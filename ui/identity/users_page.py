"""Identity › Users (用戶管理): every user with their name, roles, state, last sign-in and any
change of roles awaiting approval, filtered as typed; New User (a one-time password shown once),
Change Roles (a work order another administrator decides, with a note), Disable / Enable (with a
confirmation; disabling ends the user's sessions at once) and Reset Password.

This is the view: what it loads, keeps and decides is the UsersController (users_controller.py).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.contract.schemas import WorkOrderOut
from ui.common.columns import Column, datetime_column
from ui.common.confirmation import confirmation
from ui.common.empty_note import EmptyNote
from ui.common.op_runner import wait_all_idle
from ui.common.page_context import PageContext
from ui.common.shortcuts import local_shortcut
from ui.identity import labels
from ui.identity.rows_model import RowsModel, rows_table
from ui.identity.user_dialogs import NewUserDialog, OneTimePasswordDialog, UserRolesDialog
from ui.identity.users_controller import ACTIVE, ALL, DISABLED, UsersController

translate = QCoreApplication.translate  # the name lupdate recognises

BUTTONS = ("new", "roles", "toggle", "reset")
TEXTS = {
    "new": QT_TRANSLATE_NOOP("UsersPage", "New User…"),
    "roles": QT_TRANSLATE_NOOP("UsersPage", "Change Roles…"),
    "toggle": QT_TRANSLATE_NOOP("UsersPage", "Disable…"),
    "reset": QT_TRANSLATE_NOOP("UsersPage", "Reset Password…"),
}
TIPS = {
    "new": QT_TRANSLATE_NOOP("UsersPage", "Create a user with a one-time password (Ctrl+N)"),
    "roles": QT_TRANSLATE_NOOP("UsersPage", "Ask another administrator to change this user's roles (F2)"),
    "toggle": QT_TRANSLATE_NOOP("UsersPage", "Disable the user, ending their sessions now, or enable them (Del)"),
    "reset": QT_TRANSLATE_NOOP("UsersPage", "Give the user a new one-time password, ending their sessions (Ctrl+R)"),
}
STATUSES = ((ALL, QT_TRANSLATE_NOOP("UsersPage", "All users")), (ACTIVE, QT_TRANSLATE_NOOP("UsersPage", "Active")),
            (DISABLED, QT_TRANSLATE_NOOP("UsersPage", "Disabled")))


class UsersPage(QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("usersPage")
        self._ctx = ctx
        self.controller = controller = UsersController(ctx, parent=self)
        self.dialog: QDialog | None = None  # the dialog or confirmation on screen, if any

        self.filter = QLineEdit(self)
        self.filter.setObjectName("userFilter")
        self.filter.setClearButtonEnabled(True)
        self.status = QComboBox(self)
        self.status.setObjectName("userStatus")
        for key, _text in STATUSES:
            self.status.addItem("", key)
        self.buttons = {name: QPushButton(self) for name in BUTTONS}
        for name, button in self.buttons.items():
            button.setObjectName(f"{name}UserButton")
        self.buttons["new"].setObjectName("primaryButton")
        self.outcome = QLabel(self)
        self.outcome.setObjectName("approvalOutcome")  # the style sheet's outcome line (red when failed)
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.hide()  # until there is something to say
        self.count = QLabel(self)
        self.count.setObjectName("hint")
        self.model = RowsModel(self._columns(), "UsersPage", self)
        self.table = rows_table(self.model, "usersTable", self)
        self.empty_note = EmptyNote(self.table, self.empty_text, controller.stateChanged)

        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        layout.addLayout(bar)
        bar.addWidget(self.filter, 2)
        bar.addWidget(self.status)
        for button in self.buttons.values():
            bar.addWidget(button)
        layout.addWidget(self.outcome)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)

        actions = {"new": self.open_new_user, "roles": self.open_roles, "toggle": self.confirm_toggle,
                   "reset": self.confirm_reset}
        for name, act in actions.items():
            self.buttons[name].clicked.connect(act)
        local_shortcut(QKeySequence.StandardKey.New, self, actions["new"])
        local_shortcut("F2", self.table, actions["roles"])
        local_shortcut(QKeySequence.StandardKey.Delete, self.table, actions["toggle"])
        local_shortcut("Ctrl+R", self, actions["reset"])
        local_shortcut(QKeySequence.StandardKey.Find, self, self.filter.setFocus)
        local_shortcut(QKeySequence.StandardKey.Refresh, self, controller.load)
        self.table.activated.connect(lambda _index: self.open_roles())
        self.filter.textChanged.connect(self._filter_changed)
        self.status.currentIndexChanged.connect(self._filter_changed)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        controller.loaded.connect(self.show_users)
        controller.stateChanged.connect(self.update_actions)
        controller.passwordIssued.connect(lambda issued: self._show(OneTimePasswordDialog(issued, self)))
        self.retranslate_ui()
        controller.load()

    def _columns(self) -> list[Column]:
        state_color = labels.STATE_COLORS.get
        return [
            Column("username", QT_TRANSLATE_NOOP("UsersPage", "Username"), width_chars=14, identifier=True),
            Column("display_name", QT_TRANSLATE_NOOP("UsersPage", "Name"), width_chars=22),
            Column("roles", QT_TRANSLATE_NOOP("UsersPage", "Roles"),
                   format=lambda codes: ", ".join(self.controller.role_name(c) for c in codes), width_chars=28),
            Column("state", QT_TRANSLATE_NOOP("UsersPage", "Status"), value=labels.state, format=labels.state_text,
                   width_chars=18, color=state_color),
            datetime_column("last_sign_in_at", QT_TRANSLATE_NOOP("UsersPage", "Last Sign-in")),
            datetime_column("created_at", QT_TRANSLATE_NOOP("UsersPage", "Created")),
            Column("pending_work_order_id", QT_TRANSLATE_NOOP("UsersPage", "Awaiting Approval"),
                   format=lambda order: translate("UsersPage", "Work order #{id}").format(id=order) if order else "",
                   width_chars=14, color=lambda order: "#8a5a00" if order else None, identifier=True),
        ]

    # --- the list -------------------------------------------------------------------------------

    def _filter_changed(self, *_args: object) -> None:
        self.controller.set_filter(self.filter.text(), self.status.currentData())

    def show_users(self) -> None:
        current = self.controller.current_name
        self.model.set_rows(self.controller.shown)
        self.count.setText(translate("UsersPage", "{shown} of {total} users").format(
            shown=len(self.controller.shown), total=len(self.controller.users)))
        self.select_user(current)
        self.update_actions()

    def empty_text(self) -> str:
        """Why no user is listed: the filter (every account is listed without one)."""
        if not self.controller.settled or not self.controller.users:
            return ""
        named = [f"“{self.controller.words.strip()}”"] if self.controller.words.strip() else []
        if self.controller.status != ALL:
            named.append(self.status.currentText())
        return translate("UsersPage", "No user matches the filter ({filter}).").format(filter=", ".join(named))

    def select_user(self, username: str | None) -> bool:
        for row, user in enumerate(self.controller.shown):
            if user.username == username:
                self.table.selectRow(row)
                self.table.setCurrentIndex(self.model.index(row, 0))
                return True
        return False

    def _current_changed(self, current, _previous) -> None:
        shown = self.controller.shown
        self.controller.select(shown[current.row()].username if 0 <= current.row() < len(shown) else None)

    def update_actions(self, *_args: object) -> None:
        controller = self.controller
        for name, button in self.buttons.items():
            blocker = controller.blocker(name)
            button.setEnabled(blocker is None)
            button.setToolTip(blocker or translate("UsersPage", TIPS[name]))
        user = controller.current
        self.buttons["toggle"].setText(translate("UsersPage", "Enable…") if user is not None and not user.active
                                       else translate("UsersPage", TEXTS["toggle"]))
        if controller.outcome is not None:
            text, failed = controller.outcome
            self.outcome.setText(text)
            self.outcome.show()
            self.outcome.setProperty("failed", failed)  # the style sheet colours failures red
            self.outcome.style().unpolish(self.outcome)
            self.outcome.style().polish(self.outcome)

    # --- actions ----------------------------------------------------------------------------------

    def open_new_user(self) -> None:
        if self.controller.blocker("new") is None and self.dialog is None:
            dialog = NewUserDialog({u.username for u in self.controller.users}, self)
            dialog.chosen.connect(self.controller.create)
            self._show(dialog)

    def open_roles(self, resubmit: WorkOrderOut | None = None) -> None:
        """Change Roles… of the current user; ``resubmit``: a refused order of a user's roles, whose
        user is made current and whose roles the dialog opens with (or the outcome says why not)."""
        if resubmit is not None:
            username = str(resubmit.payload.get("username"))
            self.controller.select(username)
            self.select_user(username)
            if (blocker := self.controller.blocker("roles")) is not None:
                self.controller.say(blocker, failed=True)
                return
        user = self.controller.current
        if user is not None and self.controller.blocker("roles") is None and self.dialog is None:
            dialog = UserRolesDialog(user, self.controller.roles, self._ctx.language(), self, resubmit)
            dialog.chosen.connect(lambda roles, note: self.controller.change_roles(roles, note,
                                                                                   dialog.resubmission()))
            self._show(dialog)

    def confirm_toggle(self) -> None:
        user = self.controller.current
        if user is None or self.controller.blocker("toggle") is not None or self.dialog is not None:
            return
        who = f"{user.display_name} ({user.username})"
        if user.active:
            self._show(confirmation(self, translate("UsersPage", "Disable User"),
                                    translate("UsersPage", "Disable {user}?").format(user=who),
                                    translate("UsersPage", "Disable"),
                                    translate("UsersPage", "They are signed out everywhere at once and cannot sign "
                                                           "in until enabled again. This is recorded."),
                                    on_accept=self.controller.toggle_active))
        else:
            self._show(confirmation(self, translate("UsersPage", "Enable User"),
                                    translate("UsersPage", "Enable {user}?").format(user=who),
                                    translate("UsersPage", "Enable"),
                                    translate("UsersPage", "They can sign in again with their password and "
                                                           "roles. This is recorded."),
                                    on_accept=self.controller.toggle_active))

    def confirm_reset(self) -> None:
        user = self.controller.current
        if user is None or self.controller.blocker("reset") is not None or self.dialog is not None:
            return
        self._show(confirmation(self, translate("UsersPage", "Reset Password"),
                                translate("UsersPage", "Give {user} a new one-time password?").format(
                                    user=f"{user.display_name} ({user.username})"),
                                translate("UsersPage", "Reset Password"),
                                translate("UsersPage", "Their password stops working and their sessions end now; "
                                                       "they choose a new one when they sign in with the one-time "
                                                       "password. This is recorded."),
                                on_accept=self.controller.reset_password))

    def _show(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda *_: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    # --- language and tests ---------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.filter.setPlaceholderText(translate("UsersPage", "Filter by username, name or role (Ctrl+F)"))
        for index, (_key, text) in enumerate(STATUSES):
            self.status.setItemText(index, translate("UsersPage", text))
        for name, button in self.buttons.items():
            button.setText(translate("UsersPage", TEXTS[name]))
        self.model.retranslate()
        if self.controller.settled:
            self.show_users()
        self.update_actions()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def is_ready(self) -> bool:
        return self.controller.settled and self.model.rowCount() > 0

    async def wait_idle(self) -> None:
        await wait_all_idle(self.controller.ops)
