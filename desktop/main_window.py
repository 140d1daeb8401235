"""The main window: sidebar from the menu table, pages opened lazily, connection and inbox count
in the status bar."""

from __future__ import annotations

import asyncio
import enum
import logging
from collections.abc import Mapping

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from desktop import i18n
from desktop.app_settings import AppSettings
from desktop.connection_monitor import ConnectionMonitor, ConnectionState
from desktop.error_messages import ends_session, message_for
from desktop.offline_session import OfflineSession
from desktop.outbox_status import OutboxStatus
from desktop.password_dialog import PasswordDialog
from desktop.role_labels import roles_label
from desktop.settings_dialog import SettingsDialog
from desktop.sidebar import Sidebar
from services.api_client import ApiClient, ApiError
from services.clients.approvals import ApprovalsClient
from services.clients.session import SessionClient
from services.contract.menu import visible_leaves
from services.contract.permissions import Perm
from services.contract.schemas import MeOut
from ui.approvals.inbox_count import InboxCount
from ui.approvals.list_page import WORK_ORDERS_TOPIC
from ui.common.op_runner import OpRunner
from ui.common.page_context import PageContext
from ui.common.query_page import QueryPage
from ui.pages import PAGES, PageFactory

log = logging.getLogger(__name__)

STATUS_MESSAGE_MS = 15_000
INBOX_PAGE = "approvals.inbox"


class Outcome(enum.Enum):
    QUIT = "quit"
    SIGNED_OUT = "signed_out"
    SESSION_ENDED = "session_ended"  # the server refused our token: sign in again


class MainWindow(QMainWindow):
    def __init__(self, api: ApiClient, me: MeOut, settings: AppSettings, *,
                 pages: Mapping[str, PageFactory] | None = None, offline: OfflineSession | None = None,
                 offline_until: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.api = api
        self.session = SessionClient(api)
        self.me = me
        self.offline = offline  # the user's drafting store and sync engine, when they may draft
        self.settings = settings
        self.pages = PAGES if pages is None else pages
        self.outcome = Outcome.QUIT
        self.end_reason: BaseException | None = None
        self._closed = asyncio.get_event_loop().create_future()
        self.ops = OpRunner(self, self.report_error)
        self._open_pages: dict[str, QWidget] = {}
        self._settings_dialog: SettingsDialog | None = None
        self._password_dialog: PasswordDialog | None = None
        self._error_box: QMessageBox | None = None

        self.sidebar = Sidebar()
        self.sidebar.set_leaves(visible_leaves(set(me.permissions), set(self.pages)))
        self.sidebar.page_chosen.connect(self.open_page)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pageStack")
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyPage")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack.addWidget(self.empty_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([240, 1040])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self._build_actions()
        self._build_status_bar()
        self.monitor = ConnectionMonitor(api, parent=self)
        self.monitor.state_changed.connect(self._show_connection)
        self.inbox_count: InboxCount | None = None
        if Perm.APPROVAL_INBOX in me.permissions:
            self.inbox_count = InboxCount(ApprovalsClient(api), parent=self)
            self.inbox_count.clicked.connect(self.open_inbox)
            self.inbox_count.arrived.connect(self._announce_arrivals)
            self.statusBar().insertPermanentWidget(0, self.inbox_count)
        self.outbox_status: OutboxStatus | None = None
        if offline is not None:
            self.outbox_status = OutboxStatus(self)
            self.outbox_status.offline_until = offline_until
            offline.status_changed.connect(self.outbox_status.show_status)
            self.outbox_status.show_status(offline.status)
            self.statusBar().insertPermanentWidget(0, self.outbox_status)

        self.resize(1280, 800)
        if (geometry := settings.window_geometry()) is not None:
            self.restoreGeometry(geometry)
        if (state := settings.window_state()) is not None:
            self.restoreState(state)
        if (splitter := settings.splitter_state()) is not None:
            self.splitter.restoreState(splitter)

        self.retranslate_ui()
        keys = self.sidebar.page_keys()
        if keys:
            self.sidebar.select_page(keys[0])  # opens the first page through page_chosen
        self.sidebar.setFocus()
        self.monitor.start()
        if self.inbox_count is not None:
            self.inbox_count.start()
        if offline is not None:
            offline.start()

    # --- building ------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.settings_action = QAction(self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.show_settings)
        self.password_action = QAction(self)
        self.password_action.triggered.connect(self.change_password)
        self.sign_out_action = QAction(self)
        self.sign_out_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.sign_out_action.triggered.connect(self.sign_out)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.focus_menu_action = QAction(self)
        self.focus_menu_action.setShortcut(QKeySequence("Ctrl+0"))
        self.focus_menu_action.triggered.connect(self.sidebar.setFocus)
        self.file_menu = self.menuBar().addMenu("")
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.password_action)
        self.file_menu.addAction(self.sign_out_action)
        self.file_menu.addAction(self.quit_action)
        self.view_menu = self.menuBar().addMenu("")
        self.view_menu.addAction(self.focus_menu_action)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.server_status = QLabel()
        self.server_status.setObjectName("serverStatus")
        self.connection_status = QLabel()
        self.connection_status.setObjectName("connectionStatus")
        self.user_status = QLabel()
        self.user_status.setObjectName("userStatus")
        for label in (self.server_status, self.connection_status, self.user_status):
            bar.addPermanentWidget(label)

    # --- pages ---------------------------------------------------------------------------------

    def open_page(self, key: str) -> None:
        page = self._open_pages.get(key)
        if page is None:
            try:
                page = self.pages[key](PageContext(self.api, self.me, self.report_error,
                                                  ui_language=i18n.current_language, error_text=message_for,
                                                  data_changed=self._data_changed, offline=self.offline))
            except Exception as exc:  # a broken page must not take the shell down
                log.exception("page %s could not be created", key)
                self.report_error(exc)
                return
            page.setObjectName(page.objectName() or key)
            self._open_pages[key] = page
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        if self.sidebar.current_page() != key:
            self.sidebar.select_page(key)

    def current_page_key(self) -> str | None:
        current = self.stack.currentWidget()
        return next((k for k, w in self._open_pages.items() if w is current), None)

    def page(self, key: str) -> QWidget | None:
        return self._open_pages.get(key)

    # --- work orders awaiting me ---------------------------------------------------------------

    def open_inbox(self) -> None:
        """The status bar's count was clicked: the Inbox, with what awaits now."""
        if INBOX_PAGE not in self.sidebar.page_keys():
            return
        already_open = self.page(INBOX_PAGE) is not None
        self.open_page(INBOX_PAGE)
        page = self.page(INBOX_PAGE)
        if already_open and isinstance(page, QueryPage):
            page.refresh()

    def _announce_arrivals(self, count: int) -> None:
        # The status bar says it inside the window; alert() flashes the taskbar entry if it is behind.
        text = (self.tr("1 new work order awaits your approval.") if count == 1
                else self.tr("%1 new work orders await your approval.").replace("%1", f"{count:,}"))
        self.statusBar().showMessage(text, STATUS_MESSAGE_MS)
        QApplication.alert(self)

    def _data_changed(self, topic: str) -> None:
        if topic == WORK_ORDERS_TOPIC and self.inbox_count is not None:
            self.inbox_count.poll_now()

    # --- errors --------------------------------------------------------------------------------

    def report_error(self, exc: BaseException) -> None:
        """Shown without blocking: the status bar always, a message box unless it is the network."""
        message = message_for(exc)
        if isinstance(exc, ApiError):
            log.warning("request failed: %s (status %s)", exc, exc.status)
        else:
            log.error("unexpected error", exc_info=exc)
        self.statusBar().showMessage(message, STATUS_MESSAGE_MS)
        if ends_session(exc):
            self.end_reason = exc
            self._finish(Outcome.SESSION_ENDED)
            return
        if isinstance(exc, ApiError) and exc.is_network:
            self.monitor.check_now()  # the status bar then says "disconnected"
            return
        self._show_error_box(message, exc)

    def _show_error_box(self, message: str, exc: BaseException) -> None:
        # One box at a time: a burst of failures updates it instead of stacking windows.
        if self._error_box is None:
            self._error_box = QMessageBox(QMessageBox.Icon.Warning, "", "", QMessageBox.StandardButton.Ok, self)
            self._error_box.setObjectName("errorBox")
            self._error_box.setWindowModality(Qt.WindowModality.NonModal)
        box = self._error_box
        box.setWindowTitle(self.tr("OpsDesk"))
        box.setText(message)
        detail = exc.detail if isinstance(exc, ApiError) and exc.detail else ""
        box.setInformativeText(detail)
        box.show()
        box.raise_()

    # --- actions -------------------------------------------------------------------------------

    def show_settings(self) -> None:
        if self._settings_dialog is None:
            self._settings_dialog = SettingsDialog(self.settings, self)
        self._settings_dialog.load()
        self._settings_dialog.open()

    def change_password(self) -> None:
        if self._password_dialog is None:
            self._password_dialog = PasswordDialog(self.api, self)
            # Changed: the backend ended every session of the user, so sign in again.
            self._password_dialog.accepted.connect(lambda: self._finish(Outcome.SIGNED_OUT))
            self._password_dialog.finished.connect(self._forget_password_dialog)
        self._password_dialog.open()

    def _forget_password_dialog(self) -> None:
        self._password_dialog.deleteLater()
        self._password_dialog = None

    def sign_out(self) -> None:
        self.sign_out_action.setEnabled(False)
        self.ops.run(self.session.logout(), key="sign out", on_success=self._signed_out, on_failure=self._signed_out)

    def _signed_out(self, _result: object) -> bool:
        # A failed request too: the token is dropped locally; the server forgets it when it expires.
        self._finish(Outcome.SIGNED_OUT)
        return True

    def _finish(self, outcome: Outcome) -> None:
        self.outcome = outcome
        self.close()

    async def wait_closed(self) -> Outcome:
        return await self._closed

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.set_window_geometry(self.saveGeometry())
        self.settings.set_window_state(self.saveState())
        self.settings.set_splitter_state(self.splitter.saveState())
        self.settings.sync()
        self.monitor.stop()
        if self.inbox_count is not None:
            self.inbox_count.stop()
        if self.offline is not None:
            self.offline.stop()
        self.ops.cancel_all()
        if self._error_box is not None:
            self._error_box.close()
        super().closeEvent(event)
        if not self._closed.done():
            self._closed.set_result(self.outcome)

    # --- status and translation ----------------------------------------------------------------

    def _show_connection(self, state: ConnectionState | None = None) -> None:
        state = state or self.monitor.state
        texts = {
            ConnectionState.UNKNOWN: self.tr("Connecting…"),
            ConnectionState.CONNECTED: self.tr("● Connected"),
            ConnectionState.DEGRADED: self.tr("● Server degraded"),
            ConnectionState.DISCONNECTED: self.tr("● Disconnected"),
        }
        self.connection_status.setText(texts[state])
        self.connection_status.setToolTip(self.tr("The server is checked every 10 seconds."))
        # The style sheet colours the label by this property (see resources/style.qss).
        self.connection_status.setProperty("state", state.value)
        self.connection_status.style().unpolish(self.connection_status)
        self.connection_status.style().polish(self.connection_status)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("OpsDesk back office — %1").replace("%1", self.me.display_name))
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.sign_out_action.setText(self.tr("Sign &out"))
        self.password_action.setText(self.tr("Change &Password…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.focus_menu_action.setText(self.tr("Go to &menu"))
        self.sidebar.retranslate_ui()
        self.empty_label.setText(self.tr("No pages are available for your account yet. "
                                         "Ask an administrator for access."))
        self.server_status.setText(self.tr("Server: %1").replace("%1", self.api.base_url))
        self.user_status.setText(self.tr("Signed in: %1 (%2)")
                                 .replace("%1", self.me.display_name)
                                 .replace("%2", roles_label(self.me.roles)))
        self._show_connection()
        if self.outbox_status is not None:
            self.outbox_status.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
