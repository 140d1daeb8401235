"""Sign-in: username and password against the backend, with the demo users of the embedded default.

The dialog is the first thing the desktop shows: the embedded server starts beside it and the
client loads behind it (desktop/preparation.py), and the dialog says how far that is. The demo
users fill in once the server answers; Sign in pressed before that waits for it, visibly, and
then goes on. The client's modules are imported where they are used, once loaded off the window's
thread: at the top of this module they would delay the dialog.

The network calls run as tasks on the qasync loop, so the dialog repaints and Esc still works
while the server answers.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.app_settings import AppSettings
from desktop.demo_users import DemoUsersList
from desktop.error_messages import message_for
from desktop.first_paint import FirstPaint
from desktop.preparation import Preparation, Stage
from desktop.preparation_line import PreparationLine
from ui.common.dialog_keys import confirm_keys
from ui.common.op_runner import OpRunner

if TYPE_CHECKING:
    from desktop.password_dialog import PasswordDialog
    from services.clients.session import SessionClient
    from services.contract.schemas import MeOut
    from services.offline.grant import OfflineSignIn


class LoginDialog(QDialog):
    def __init__(self, preparation: Preparation, settings: AppSettings, *,
                 reason: BaseException | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.preparation = preparation
        self.session: SessionClient | None = None  # once the client has loaded
        self.settings = settings
        self.embedded = preparation.embedded
        self.me: MeOut | None = None
        self.offline = False  # signed in from the workstation's grant, the backend unreachable
        self.renew: Callable[[], Awaitable[bool]] | None = None  # the drafting key's unlocking, for the shell
        self.ops = OpRunner(self)  # the dialog says every failure itself
        self.password_dialog: PasswordDialog | None = None  # asked after a one-time password
        self._busy = False
        self._waiting = False  # Sign in was pressed before the server was ready: it goes on then
        # Kept as a function so a language switch re-renders the current error in the new language.
        self._error_text: Callable[[], str] | None = (lambda: message_for(reason)) if reason else None

        self.title_label = QLabel()
        self.title_label.setObjectName("loginTitle")
        self.server_label = QLabel()
        self.server_value = QLabel()
        self.server_value.setObjectName("serverAddress")
        self.server_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.username_label = QLabel()
        self.username_edit = QLineEdit()
        self.username_edit.setObjectName("username")
        self.username_label.setBuddy(self.username_edit)
        self.password_label = QLabel()
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_label.setBuddy(self.password_edit)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.preparation_line = PreparationLine(preparation)

        self.demo_label = QLabel()
        self.demo_label.setObjectName("demoLabel")
        self.demo_list = DemoUsersList()
        self.demo_list.chosen.connect(self._fill_from_demo)
        self.demo_list.confirmed.connect(lambda username, password: (self._fill_from_demo(username, password),
                                                                     self.submit()))
        self.demo_list.finished.connect(lambda listed: (self.demo_label.setVisible(listed),
                                                        self.demo_list.setVisible(listed)))
        self.demo_label.setVisible(self.embedded)
        self.demo_list.setVisible(self.embedded)

        self.language_combo = QComboBox()
        self.language_combo.setObjectName("language")
        for code, name in i18n.LANGUAGE_NAMES:
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(
            max(0, self.language_combo.findData(i18n.current_language())))
        self.language_combo.currentIndexChanged.connect(self._language_chosen)

        self.sign_in_button = QPushButton()
        self.sign_in_button.setObjectName("signIn")
        self.sign_in_button.setDefault(True)  # Enter in either field submits
        self.sign_in_button.clicked.connect(self.submit)
        confirm_keys(self, self.sign_in_button)
        self.cancel_button = QPushButton()
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        form = QFormLayout()
        layout.addLayout(form)
        form.addRow(self.server_label, self.server_value)
        form.addRow(self.username_label, self.username_edit)
        form.addRow(self.password_label, self.password_edit)
        layout.addWidget(self.preparation_line)
        layout.addWidget(self.error_label)
        layout.addWidget(self.demo_label)
        layout.addWidget(self.demo_list, 1)
        buttons = QHBoxLayout()
        layout.addLayout(buttons)
        buttons.addWidget(self.language_combo)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.sign_in_button)

        self.username_edit.setText(settings.last_username)
        (self.password_edit if settings.last_username else self.username_edit).setFocus()
        self.resize(560, 460 if self.embedded else 260)
        self.first_paint = FirstPaint(self, "sign-in")
        preparation.changed.connect(self._preparation_changed)
        self._preparation_changed()

    # --- translation -------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Sign in to OpsDesk"))
        self.title_label.setText(self.tr("OpsDesk back office"))
        self.server_label.setText(self.tr("Server:"))
        self.username_label.setText(self.tr("&Username:"))
        self.password_label.setText(self.tr("&Password:"))
        self.demo_label.setText(self.tr("Demo users (local server only). Click one to fill in the fields:"))
        self.demo_list.retranslate_ui()
        self.cancel_button.setText(self.tr("Cancel"))
        self.server_value.setText(self.preparation.address or self.tr("this computer (local server)"))
        self.preparation_line.retranslate_ui()
        self._set_busy(self._busy)  # the button's text
        self._set_error(self._error_text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _language_chosen(self) -> None:
        language = self.language_combo.currentData()
        if language and language != i18n.current_language():
            i18n.set_language(language)
            self.settings.language = language

    # --- the start and the demo users ---------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._preparation_changed()  # the demo users are asked for once the dialog is up

    def _preparation_changed(self) -> None:
        stage = self.preparation.stage
        if stage is Stage.READY and self.session is None:
            from services.clients.session import SessionClient  # loaded by now (desktop/preparation.py)

            self.session = SessionClient(self.preparation.api)
        if stage is Stage.READY and self.embedded and self.isVisible():
            self.demo_list.load(self.session)
        if self._waiting and stage is not Stage.STARTING:
            self._waiting = False
            self._set_busy(False)
            if stage is Stage.READY:
                self.submit()  # what was asked before the server was ready
        self.retranslate_ui()

    @property
    def demo_users_loaded(self) -> bool:  # arrived or failed; always so without the embedded server
        return not self.embedded or self.demo_list.loaded

    def _fill_from_demo(self, username: str, password: str) -> None:
        if not self.is_busy:
            self.username_edit.setText(username)
            self.password_edit.setText(password)
            self.sign_in_button.setFocus()

    # --- signing in --------------------------------------------------------------------------

    @property
    def is_busy(self) -> bool:
        return self._busy

    def submit(self) -> None:
        if self.is_busy:
            return
        username = self.username_edit.text().strip()
        password = self.password_edit.text()
        if not username:
            self._set_error(lambda: self.tr("Please enter your username."))
            self.username_edit.setFocus()
            return
        if not password:
            self._set_error(lambda: self.tr("Please enter your password."))
            self.password_edit.setFocus()
            return
        self._set_error(None)
        if self.preparation.stage is not Stage.READY:
            self._waiting = True  # signs in once the server is ready (_preparation_changed)
            self._set_busy(True)
            self.preparation.retry()  # after a failed start, pressing Sign in tries it again
            return
        self.ops.run(self._sign_in(username, password), key="sign in")
        self._set_busy(True)

    async def _sign_in(self, username: str, password: str) -> None:
        from desktop import sign_in_attempt  # loaded by now (desktop/preparation.py)

        attempt = await sign_in_attempt.sign_in(self.preparation.api, self.preparation.workstation, username,
                                                password)
        self._set_busy(False)
        if attempt.own_password_needed:
            self.ask_own_password(username, password)
        elif attempt.me is None:
            self._set_error(attempt.error)
            self.password_edit.selectAll()
            self.password_edit.setFocus()
        else:
            self.me, self.offline, self.renew = attempt.me, attempt.offline, attempt.renew
            if not attempt.offline:
                self.settings.last_username = username
            self.accept()

    def ask_own_password(self, username: str, one_time_password: str) -> None:
        """Nothing but the password change accepts this session: the sign-in goes on with the new
        password once chosen; cancelled, the session ends and the dialog says why."""
        from desktop.password_dialog import PasswordDialog  # loaded by now (desktop/preparation.py)

        assert self.session is not None
        dialog = PasswordDialog(self.preparation.api, self, username=username, one_time_password=one_time_password)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(lambda new: (self.password_edit.setText(new), self.submit()))
        dialog.rejected.connect(lambda: (self.ops.run(self.session.logout(), key="sign out"), self._set_error(
            lambda: self.tr("Choose your own password to sign in: the one-time password works only for that."))))
        self.password_dialog = dialog
        dialog.open()

    def show_offline_refusal(self, result: OfflineSignIn) -> None:
        from desktop import offline_sign_in
        from services.offline import grant

        workstation = self.preparation.workstation
        latest = grant.latest_seen(workstation) if workstation is not None else None
        self._set_error(lambda: offline_sign_in.refusal(result, latest))

    def reject(self) -> None:
        # Esc or Cancel while the server is answering (or starting) abandons the attempt too.
        self._waiting = False
        self.ops.cancel_all()
        super().reject()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.username_edit, self.password_edit, self.demo_list, self.language_combo,
                       self.sign_in_button):
            widget.setEnabled(not busy)
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()
        self.sign_in_button.setText(self.tr("Waiting for the server…") if self._waiting
                                    else self.tr("Signing in…") if busy else self.tr("Sign in"))

    def _set_error(self, text: Callable[[], str] | None) -> None:
        self._error_text = text
        shown = text() if text else ""
        self.error_label.setText(shown)
        self.error_label.setVisible(bool(shown))

    @property
    def error_text(self) -> str:
        return self.error_label.text() if self._error_text else ""
