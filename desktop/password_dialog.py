"""Change password: the current one, the new one twice. The backend ends every session of the
user on success (this one included), so the dialog ends by asking to sign in again.

After a sign-in with a one-time password an administrator gave (``one_time_password``), the same
dialog asks for the user's own password before anything else: the current one is the one-time
password, already known and not shown, and on success the dialog answers the new one through
``chosen`` (the sign-in then goes on with it).

The request runs as a task on the qasync loop: the dialog stays responsive and says it is busy.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.error_messages import message_for
from services.api_client import ApiClient, ApiError
from services.clients.session import SessionClient
from services.contract.errors import ErrorCode
from services.contract.schemas import PasswordChange
from services.offline import proof
from services.offline.store import LocalStore
from ui.common.dialog_keys import confirm_keys
from ui.common.op_runner import OpRunner

log = logging.getLogger(__name__)

# The backend's own rule (services/contract/schemas.py), checked here only to answer sooner.
MIN_LENGTH = next(m.min_length for m in PasswordChange.model_fields["new_password"].metadata
                  if hasattr(m, "min_length"))


class PasswordDialog(QDialog):
    chosen = Signal(str)  # the new password, after a one-time password was replaced

    def __init__(self, api: ApiClient, parent: QWidget | None = None, *, workstation: LocalStore | None = None,
                 username: str = "", one_time_password: str | None = None):
        super().__init__(parent)
        self.setObjectName("passwordDialog")
        self.first_password = one_time_password is not None
        self.session = SessionClient(api)
        # The user's outbox on this workstation, whose waiting items must stay provably theirs.
        self.workstation, self.username = workstation, username
        self.changed = False
        self._busy = False
        self.ops = OpRunner(self)  # the dialog says every failure itself
        # A function, so a language switch re-renders the shown message in the new language.
        self._message: Callable[[], str] | None = None

        self.current_label, self.current_edit = QLabel(), self._password_field("currentPassword")
        self.new_label, self.new_edit = QLabel(), self._password_field("newPassword")
        self.repeat_label, self.repeat_edit = QLabel(), self._password_field("repeatPassword")
        for label, edit in ((self.current_label, self.current_edit), (self.new_label, self.new_edit),
                            (self.repeat_label, self.repeat_edit)):
            label.setBuddy(edit)
        self.hint_label = QLabel()
        self.hint_label.setObjectName("passwordHint")
        self.hint_label.setWordWrap(True)
        self.message_label = QLabel()
        self.message_label.setObjectName("errorLabel")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.hide()

        self.buttons = QDialogButtonBox()
        self.change_button = QPushButton()
        self.change_button.setObjectName("changePassword")
        self.change_button.setDefault(True)  # Enter in any field submits
        self.change_button.clicked.connect(self.submit)
        confirm_keys(self, self.change_button)
        self.cancel_button = QPushButton()
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.buttons.addButton(self.change_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)

        layout = QVBoxLayout(self)
        if one_time_password is not None:  # why the dialog asks comes first
            layout.addWidget(self.hint_label)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.form.addRow(self.current_label, self.current_edit)
        self.form.addRow(self.new_label, self.new_edit)
        self.form.addRow(self.repeat_label, self.repeat_edit)
        if one_time_password is None:
            self.form.addRow("", self.hint_label)
        layout.addWidget(self.message_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(500, 300)
        if one_time_password is not None:
            self.current_edit.setText(one_time_password)
            self.form.setRowVisible(self.current_edit, False)
        (self.new_edit if self.first_password else self.current_edit).setFocus()
        self.retranslate_ui()

    def _password_field(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setMaxLength(256)
        return edit

    # --- translation ---------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Choose Your Password") if self.first_password else self.tr("Change Password"))
        self.current_label.setText(self.tr("&Current password:"))
        self.new_label.setText(self.tr("&New password:"))
        self.repeat_label.setText(self.tr("&Repeat new password:"))
        if self.first_password:
            self.hint_label.setText(self.tr("You signed in with a one-time password from your administrator. "
                                            "Choose your own, at least %n characters, to continue.", "", MIN_LENGTH))
        else:
            self.hint_label.setText(self.tr("At least %n characters. Every session of yours ends; "
                                            "sign in again with the new password.", "", MIN_LENGTH))
        self.cancel_button.setText(self.tr("Cancel"))
        self._update_button()
        self._show_message()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _update_button(self) -> None:
        if self.changed:
            self.change_button.setText(self.tr("Sign In Again"))
        else:
            self.change_button.setText(self.tr("Changing…") if self._busy else self.tr("Change Password"))

    def _show_message(self) -> None:
        self.message_label.setText(self._message() if self._message else "")
        self.message_label.setVisible(self._message is not None)

    def _say(self, message: Callable[[], str] | None, *, error: bool = True) -> None:
        self._message = message
        self.message_label.setProperty("ok", not error)  # the style sheet colours a success green
        self.message_label.style().polish(self.message_label)
        self._show_message()

    # --- changing ------------------------------------------------------------------------------

    @property
    def is_busy(self) -> bool:
        return self._busy

    def _problem(self) -> tuple[Callable[[], str], QLineEdit] | None:
        current, new, repeat = self.current_edit.text(), self.new_edit.text(), self.repeat_edit.text()
        if not current:
            return (lambda: self.tr("Enter your current password.")), self.current_edit
        if len(new) < MIN_LENGTH:
            return (lambda: self.tr("The new password needs at least %n characters.", "", MIN_LENGTH)), self.new_edit
        if new == current:
            return (lambda: self.tr("The new password must differ from the current one.")), self.new_edit
        if repeat != new:
            return (lambda: self.tr("The two new passwords differ.")), self.repeat_edit
        return None

    def submit(self) -> None:
        if self.changed:
            self.accept()
            return
        if self._busy:
            return
        if (problem := self._problem()) is not None:
            message, field = problem
            self._say(message)
            field.setFocus()
            field.selectAll()
            return
        self._set_busy(True)
        self.ops.run(self._change(self.current_edit.text(), self.new_edit.text()), key="change",
                     on_success=self._done, on_failure=self._refused)

    async def _change(self, current: str, new: str) -> None:
        await self.session.change_password(current, new)
        if self.workstation is not None:
            # Items waiting in the outbox keep their proof under the new password (services/offline/proof.py).
            await asyncio.to_thread(proof.rekey, self.workstation, self.username, new)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for edit in (self.current_edit, self.new_edit, self.repeat_edit):
            edit.setEnabled(not busy and not self.changed)
        self.change_button.setEnabled(not busy)
        self._update_button()

    def _refused(self, exc: BaseException) -> bool:
        log.warning("password change refused: %s", getattr(exc, "code", exc))
        self._set_busy(False)
        if isinstance(exc, ApiError) and exc.code == ErrorCode.INVALID_CREDENTIALS:
            self._say(lambda: self.tr("The current password is wrong."))
            self.current_edit.setFocus()
            self.current_edit.selectAll()
        else:
            self._say(lambda error=exc: message_for(error))
            self.new_edit.setFocus()
        return True

    def _done(self, _result: object) -> None:
        if self.first_password:  # the sign-in goes on with the new password
            self.changed = True
            self.chosen.emit(self.new_edit.text())
            self.accept()
            return
        self.changed = True
        for edit in (self.current_edit, self.new_edit, self.repeat_edit):
            edit.clear()
        self.cancel_button.hide()
        self._say(lambda: self.tr("Your password was changed and every session of yours has ended."),
                  error=False)
        self._set_busy(False)
        self.change_button.setFocus()

    def reject(self) -> None:
        if self.changed:  # the session is over either way: closing means signing in again
            self.accept()
            return
        self.ops.cancel_all()
        super().reject()
