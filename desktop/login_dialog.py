"""Sign-in: username and password against the backend, with the demo users of the embedded default.

The network calls run as tasks on the qasync loop, so the dialog repaints and Esc still works
while the server answers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n, offline_sign_in
from desktop.app_settings import AppSettings
from desktop.demo_users import DemoUsersList
from desktop.error_messages import message_for
from desktop.password_dialog import PasswordDialog
from services.api_client import ApiClient, ApiError
from services.clients.session import SessionClient
from services.contract.schemas import DemoUser, MeOut
from services.offline import grant
from services.offline.grant import OfflineSignIn
from services.offline.store import LocalStore
from ui.common.op_runner import OpRunner

log = logging.getLogger(__name__)

class LoginDialog(QDialog):
    def __init__(self, api: ApiClient, settings: AppSettings, *, embedded: bool,
                 reason: BaseException | None = None, workstation: LocalStore | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.api = api
        self.session = SessionClient(api)
        self.settings = settings
        self.embedded = embedded
        # Where offline grants live (services/offline/grant.py); None: no offline work here.
        self.workstation = workstation
        self.me: MeOut | None = None
        self.offline = False  # signed in from the workstation's grant, the backend unreachable
        self.ops = OpRunner(self)  # the dialog says every failure itself
        self.password_dialog: PasswordDialog | None = None  # asked after a one-time password
        self._busy = False
        self._demo_requested = False
        self.demo_users_loaded = not embedded  # true once the list arrived or failed
        # Kept as a function so a language switch re-renders the current error in the new language.
        self._error_text: Callable[[], str] | None = (lambda: message_for(reason)) if reason else None

        self.title_label = QLabel()
        self.title_label.setObjectName("loginTitle")
        self.server_label = QLabel()
        self.server_value = QLabel(api.base_url)
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

        self.demo_label = QLabel()
        self.demo_label.setObjectName("demoLabel")
        self.demo_list = DemoUsersList()
        self.demo_list.itemClicked.connect(self._fill_from_demo_item)
        self.demo_list.itemActivated.connect(self._sign_in_as_demo_item)
        self.demo_label.setVisible(embedded)
        self.demo_list.setVisible(embedded)

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
        self.cancel_button = QPushButton()
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.server_label, self.server_value)
        form.addRow(self.username_label, self.username_edit)
        form.addRow(self.password_label, self.password_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.language_combo)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.sign_in_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.demo_label)
        layout.addWidget(self.demo_list, 1)
        layout.addLayout(buttons)

        self.username_edit.setText(settings.last_username)
        (self.password_edit if settings.last_username else self.username_edit).setFocus()
        self.resize(560, 460 if embedded else 260)
        self.retranslate_ui()

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
        self._update_busy_texts()
        self._show_error()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _language_chosen(self) -> None:
        language = self.language_combo.currentData()
        if language and language != i18n.current_language():
            i18n.set_language(language)
            self.settings.language = language

    # --- demo users --------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        log.info("sign-in dialog shown")  # bench/cold_start.py times the start up to this line
        if self.embedded and not self._demo_requested:
            self._demo_requested = True
            self.ops.run(self.session.demo_users(), key="demo users", on_success=self._show_demo_users,
                         on_failure=self._no_demo_users)

    def _no_demo_users(self, exc: BaseException) -> bool:
        # Not fatal: signing in by hand still works.
        log.warning("demo users unavailable: %s", exc)
        self.demo_users_loaded = True
        self.demo_label.hide()
        self.demo_list.hide()
        return True

    def _show_demo_users(self, users: list[DemoUser]) -> None:
        self.demo_users_loaded = True
        self.demo_list.show_users(users)

    def _fill_from_demo_item(self, item: QTreeWidgetItem) -> None:
        user = self.demo_list.user(item)
        if user is not None and not self.is_busy:
            self.username_edit.setText(user.username)
            self.password_edit.setText(user.password)
            self.sign_in_button.setFocus()

    def _sign_in_as_demo_item(self, item: QTreeWidgetItem) -> None:
        self._fill_from_demo_item(item)
        self.submit()

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
        self.ops.run(self._sign_in(username, password), key="sign in")
        self._set_busy(True)

    async def _sign_in(self, username: str, password: str) -> None:
        try:
            token = await self.session.login(username, password)
            if token.password_change_required:  # an administrator's one-time password: choose one's own
                self._set_busy(False)
                self.ask_own_password(username, password)
                return
            me = await self.session.me()
        except ApiError as exc:
            log.info("sign-in failed for %s: %s", username, exc.code)
            self.api.set_token(None)
            if exc.is_network and self.workstation is not None:
                result = await offline_sign_in.sign_in(self.workstation, username, password)
                if result.me is not None:
                    log.info("working offline as %s", username)
                    self.me, self.offline = result.me, True
                    self._set_busy(False)
                    self.accept()
                    return
                log.info("offline sign-in refused for %s: %s", username, result.outcome)
                self.show_offline_refusal(result)
            else:
                self._set_error(lambda error=exc: message_for(error))
            self._set_busy(False)
            self.password_edit.selectAll()
            self.password_edit.setFocus()
            return
        if self.workstation is not None:
            await offline_sign_in.renew_grant(self.session, self.workstation, me, password)
        self.me = me
        self.settings.last_username = username
        log.info("signed in as %s", username)
        self._set_busy(False)
        self.accept()

    def ask_own_password(self, username: str, one_time_password: str) -> None:
        """Nothing but the password change accepts this session: the sign-in goes on with the new
        password once chosen; cancelled, the session ends and the dialog says why."""
        dialog = PasswordDialog(self.api, self, username=username, one_time_password=one_time_password)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(lambda new: (self.password_edit.setText(new), self.submit()))
        dialog.rejected.connect(lambda: (self.ops.run(self.session.logout(), key="sign out"), self._set_error(
            lambda: self.tr("Choose your own password to sign in: the one-time password works only for that."))))
        self.password_dialog = dialog
        dialog.open()

    def show_offline_refusal(self, result: OfflineSignIn) -> None:
        latest = grant.latest_seen(self.workstation) if self.workstation is not None else None
        self._set_error(lambda: offline_sign_in.refusal(result, latest))

    def reject(self) -> None:
        # Esc or Cancel while the server is answering abandons the attempt too.
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
        self._update_busy_texts()

    def _update_busy_texts(self) -> None:
        self.sign_in_button.setText(self.tr("Signing in…") if self.is_busy else self.tr("Sign in"))

    def _set_error(self, text: Callable[[], str] | None) -> None:
        self._error_text = text
        self._show_error()

    def _show_error(self) -> None:
        text = self._error_text() if self._error_text else ""
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    @property
    def error_text(self) -> str:
        return self.error_label.text() if self._error_text else ""
