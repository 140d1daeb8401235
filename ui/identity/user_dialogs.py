"""The Users page's dialogs: a new user (username and name judged as typed), the one-time password
shown once with a copy button, and a change of a user's roles with a note for the deciding
administrator (or a refused one's correction, prefilled from its order under a banner). Each is
opened with ``open()``, never ``exec()``, and answers through ``chosen``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.clients.resubmission import Resubmission
from services.contract.identity import (
    DISPLAY_NAME_MAX,
    NOTE_MAX,
    IdentityUserOut,
    OneTimePasswordOut,
    RoleOut,
    UserUpdatePayload,
)
from services.contract.schemas import WorkOrderOut
from services.rules.identity import check_display_name, check_username
from ui.common.dialog_keys import confirm_keys
from ui.common.rule_messages import rule_text
from ui.identity import labels
from ui.identity.resubmit_banner import note_only_in_editor

translate = QCoreApplication.translate  # the name lupdate recognises


def note_label(parent: QWidget, tone: str = "error") -> QLabel:
    note = QLabel(parent)
    note.setObjectName("fieldNote")
    note.setProperty("tone", tone)
    note.setWordWrap(True)
    note.setTextFormat(Qt.TextFormat.PlainText)
    return note


def dialog_buttons(dialog: QDialog, accept_text: str, name: str) -> tuple[QDialogButtonBox, QPushButton]:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, dialog)
    accept = buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
    accept.setObjectName(name)
    accept.setDefault(True)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    confirm_keys(dialog, accept)
    return buttons, accept


class NewUserDialog(QDialog):
    chosen = Signal(str, str)  # username, display name

    def __init__(self, taken: set[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("newUserDialog")
        self.setWindowTitle(translate("UserDialogs", "New User"))
        self.taken = taken
        self.username = QLineEdit(self)
        self.username.setObjectName("newUsername")
        self.username.setMaxLength(80)  # longer than the rule, so the rule says why
        self.username.setPlaceholderText(translate("UserDialogs", "e.g. ops.chan"))
        self.display_name = QLineEdit(self)
        self.display_name.setObjectName("newDisplayName")
        self.display_name.setMaxLength(DISPLAY_NAME_MAX + 20)
        self.display_name.setPlaceholderText(translate("UserDialogs", "e.g. Chan Tai Man 陳大文"))
        self.notes = {"username": note_label(self), "display_name": note_label(self)}
        rule = note_label(self, "hint")
        rule.setText(translate("UserDialogs", "Lower-case letters, digits, “.”, “_” or “-”; 3 to 64 characters. "
                                              "It never changes."))
        hint = note_label(self, "hint")
        hint.setText(translate("UserDialogs", "The user gets a one-time password, shown once, and chooses their own "
                                              "at the first sign-in. Roles come afterwards, by a change of roles "
                                              "that another administrator approves."))
        buttons, self.accept_button = dialog_buttons(self, translate("UserDialogs", "Create User"), "createUser")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        form.addRow(translate("UserDialogs", "Username"), self.username)
        form.addRow("", rule)
        form.addRow("", self.notes["username"])
        form.addRow(translate("UserDialogs", "Name"), self.display_name)
        form.addRow("", self.notes["display_name"])
        layout.addWidget(hint)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(500, 300)
        for edit in (self.username, self.display_name):
            edit.textChanged.connect(self.refresh)
        self._typed: set[str] = set()  # a field's note shows once something was typed in it
        self.username.textEdited.connect(lambda _text: (self._typed.add("username"), self.refresh()))
        self.display_name.textEdited.connect(lambda _text: (self._typed.add("display_name"), self.refresh()))
        self.refresh()

    def violations(self) -> dict[str, str]:
        found = check_username(self.username.text().strip(), self.taken) + check_display_name(self.display_name.text())
        return {v.field: rule_text(v) for v in found}

    def refresh(self, *_args: object) -> None:
        problems = self.violations()
        for field, label in self.notes.items():
            label.setText(problems.get(field, "") if field in self._typed else "")
            label.setVisible(bool(label.text()))  # an empty note takes no room
        self.accept_button.setEnabled(not problems)

    def accept(self) -> None:
        if not self.accept_button.isEnabled():
            return
        self.chosen.emit(self.username.text().strip(), self.display_name.text().strip())
        super().accept()


class OneTimePasswordDialog(QDialog):
    """The one-time password of a new or reset user: shown once, to copy or read out."""

    def __init__(self, issued: OneTimePasswordOut, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("oneTimePasswordDialog")
        self.setWindowTitle(translate("UserDialogs", "One-Time Password"))
        user = issued.user
        intro = QLabel(translate("UserDialogs", "The one-time password of {name} ({user}):").format(
            name=user.display_name, user=user.username), self)
        intro.setWordWrap(True)
        self.password = QLabel(issued.one_time_password, self)
        self.password.setObjectName("oneTimePassword")
        self.password.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.password.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Large and monospaced, so that it reads out unambiguously over the telephone.
        family = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
        self.password.setStyleSheet(f"font-family: '{family}'; font-size: 20pt; font-weight: bold; padding: 12px; "
                                    "background: #f0f4f8; border: 1px solid #bcccdc; border-radius: 4px;")
        warning = note_label(self, "warning")
        warning.setText(translate("UserDialogs", "Shown this once: it is not stored and cannot be shown again. Give "
                                                 "it to the user in person or by telephone; they must choose their "
                                                 "own password when they first sign in."))
        self.copy_button = QPushButton(translate("UserDialogs", "Copy"), self)
        self.copy_button.setObjectName("copyPassword")
        self.copy_button.clicked.connect(self.copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        confirm_keys(self, buttons.button(QDialogButtonBox.StandardButton.Close))  # nothing to decide: it closes
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addStretch(1)
        layout.addWidget(self.password)
        layout.addStretch(1)
        layout.addWidget(warning)
        layout.addWidget(buttons)
        self.resize(500, 300)
        self.copy_button.setDefault(True)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.password.text())
        self.copy_button.setText(translate("UserDialogs", "Copied"))
        # The button's own context: a dialog closed meanwhile takes the timer with it.
        QTimer.singleShot(2000, self.copy_button, lambda: self.copy_button.setText(translate("UserDialogs", "Copy")))


class UserRolesDialog(QDialog):
    """The roles ticked are the user's now, or with ``resubmit`` (a refused order of this user's
    roles) the roles it proposed; the summary counts what changes from the user's roles now."""

    chosen = Signal(list, str)  # the whole new set of role codes, the note

    def __init__(self, user: IdentityUserOut, roles: list[RoleOut], language: str, parent: QWidget | None = None,
                 resubmit: WorkOrderOut | None = None):
        super().__init__(parent)
        self.setObjectName("userRolesDialog")
        self.setWindowTitle(translate("UserDialogs", "Change Roles of {user}").format(user=user.username))
        self.user = user
        ticked = set(UserUpdatePayload.model_validate(resubmit.payload).roles if resubmit else user.roles)
        self.list = QListWidget(self)
        self.list.setObjectName("roleChoices")
        for role in roles:
            item = QListWidgetItem(f"{labels.role_name(role.code, language, role)}  ({role.code})", self.list)
            item.setData(Qt.ItemDataRole.UserRole, role.code)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked if role.code in ticked else Qt.CheckState.Unchecked)
            item.setToolTip(translate("UserDialogs", "{count} permission(s), held by {users} user(s)").format(
                count=len(role.permissions), users=role.user_count))
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("rolesNote")
        self.note.setPlaceholderText(translate("UserDialogs", "Why: for the administrator who decides (optional)"))
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.banner = note_only_in_editor(resubmit, self.note, self) if resubmit else None
        self.summary = note_label(self, "hint")
        intro = QLabel(translate("UserDialogs", "{name} ({user}) holds the roles ticked. Another administrator "
                                                "decides the change; it applies once approved.").format(
            name=user.display_name, user=user.username), self)
        intro.setWordWrap(True)
        buttons, self.accept_button = dialog_buttons(self, translate("UserDialogs", "Submit for Approval"), "submitRoles")
        layout = QVBoxLayout(self)
        if self.banner is not None:
            layout.addWidget(self.banner)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(480, 460 + (self.banner.sizeHint().height() if self.banner is not None else 0))
        self.list.itemChanged.connect(self.refresh)
        self.note.textChanged.connect(self.refresh)
        self.refresh()

    def resubmission(self) -> Resubmission | None:
        """The refused order the change corrects, if it does."""
        return self.banner.resubmission() if self.banner is not None else None

    def chosen_roles(self) -> list[str]:
        return sorted(self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                      if self.list.item(i).checkState() == Qt.CheckState.Checked)

    def set_role(self, code: str, held: bool) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == code:
                self.list.item(i).setCheckState(Qt.CheckState.Checked if held else Qt.CheckState.Unchecked)

    def refresh(self, *_args: object) -> None:
        wanted, held = set(self.chosen_roles()), set(self.user.roles)
        added, removed = len(wanted - held), len(held - wanted)
        self.summary.setText(translate("UserDialogs", "Adds {added}, removes {removed}.").format(
            added=added, removed=removed) if added or removed else translate("UserDialogs", "Nothing changed yet."))
        too_long = len(self.note.toPlainText()) > NOTE_MAX
        self.accept_button.setEnabled(bool(added or removed) and not too_long)

    def accept(self) -> None:
        if not self.accept_button.isEnabled():
            return
        self.chosen.emit(self.chosen_roles(), self.note.toPlainText().strip())
        super().accept()
