"""The main window: sidebar from the menu table, pages opened lazily (page_stack.py), connection
and work-order counts in the status bar (status_bar.py), kept current with the notices above the
pages by the event stream (live_updates.py)."""

from __future__ import annotations

import asyncio
import enum
import logging
from collections.abc import Callable, Mapping
from functools import partial

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

from desktop import i18n
from desktop.app_settings import AppSettings
from desktop.connection_monitor import ConnectionMonitor
from desktop.error_box import ErrorBox
from desktop.error_messages import ends_session, message_for
from desktop.layout_memory import LayoutMemory
from desktop.live_updates import LiveUpdates
from desktop.menu_focus import MenuFocus
from desktop.notice_area import NoticeArea
from desktop.offline_session import OfflineSession
from desktop.outbox_status import OutboxStatus
from desktop.page_stack import PageStack
from desktop.password_dialog import PasswordDialog
from desktop.settings_dialog import SettingsDialog
from desktop.sidebar import Sidebar
from desktop.status_bar import ShellStatusBar
from services.api_client import ApiClient, ApiError
from services.clients.session import SessionClient
from services.contract.menu import landing_page, visible_leaves
from services.contract.permissions import Perm
from services.contract.schemas import MeOut
from ui.approvals.inbox_count import InboxCount
from ui.approvals.list_page import WORK_ORDERS_TOPIC, WorkOrdersPage
from ui.approvals.returned_count import ReturnedCount
from ui.common.op_runner import OpRunner
from ui.common.page_context import PageContext
from ui.common.query_page import QueryPage
from ui.pages import AHEAD, PAGES, Ahead, PageFactory

log = logging.getLogger(__name__)

INBOX_PAGE = "approvals.inbox"
MY_REQUESTS_PAGE = "approvals.my_requests"
AHEAD_AFTER_MS = 2000  # after the window is built: the first page has loaded by then, as a rule


class Outcome(enum.Enum):
    QUIT = "quit"
    SIGNED_OUT = "signed_out"
    SESSION_ENDED = "session_ended"  # the server refused our token: sign in again


def _action(parent: QWidget, slot: Callable[[], object], shortcut: str | None = None,
            role: QAction.MenuRole | None = None) -> QAction:
    action = QAction(parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if role is not None:
        action.setMenuRole(role)
    action.triggered.connect(slot)
    return action


class MainWindow(QMainWindow):
    def __init__(self, api: ApiClient, me: MeOut, settings: AppSettings, *,
                 pages: Mapping[str, PageFactory] | None = None, ahead: Mapping[str, Ahead] | None = None,
                 offline: OfflineSession | None = None,
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
        self._settings_dialog: SettingsDialog | None = None
        self._password_dialog: PasswordDialog | None = None
        self._error_box: ErrorBox | None = None

        self.sidebar = Sidebar()
        self.sidebar.set_leaves(visible_leaves(set(me.permissions), set(self.pages)))
        self.sidebar.page_chosen.connect(self.open_page)
        self.stack = PageStack(self.pages, partial(PageContext, api, me, self.report_error,
                                                   ui_language=i18n.current_language, error_text=message_for,
                                                   data_changed=self._data_changed, offline=offline,
                                                   open_page=self.open_and_get_page),
                               self.report_error, made=LayoutMemory(settings, me.username).attach,
                               ahead=AHEAD if ahead is None else ahead)
        self.menu_focus = MenuFocus(self.sidebar, self.stack)  # the page shown has the keyboard
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.notices = NoticeArea()
        self.notices.opened.connect(self.open_my_requests)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.notices.above(self.stack))
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([240, 1040])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self._build_actions()
        self.status = ShellStatusBar(self)
        self.setStatusBar(self.status)
        self.monitor = ConnectionMonitor(api, parent=self)
        self.monitor.state_changed.connect(self.status.show_connection)
        self.live: LiveUpdates | None = None
        self.inbox_count: InboxCount | None = None
        self.returned_count: ReturnedCount | None = None
        if Perm.APPROVAL_INBOX in me.permissions:
            self.live = LiveUpdates(api, me, self.notices, self.report_error, parent=self)
            self.inbox_count, self.returned_count = self.live.inbox_count, self.live.returned_count
            self.inbox_count.clicked.connect(self.open_inbox)
            self.inbox_count.arrived.connect(self.status.announce_arrivals)
            if self.returned_count is not None:
                self.returned_count.clicked.connect(lambda: self.open_my_requests(None))
            self.status.add_counts(self.inbox_count, self.returned_count)
        self.outbox_status: OutboxStatus | None = None
        if offline is not None:
            self.outbox_status = OutboxStatus(self)
            self.outbox_status.offline_until = offline_until
            offline.status_changed.connect(self.outbox_status.show_status)
            self.outbox_status.show_status(offline.status)
            self.status.insertPermanentWidget(0, self.outbox_status)

        self.resize(1280, 800)
        if (geometry := settings.window_geometry(me.username)) is not None:
            self.restoreGeometry(geometry)
        if (state := settings.window_state(me.username)) is not None:
            self.restoreState(state)
        if (splitter := settings.splitter_state(me.username)) is not None:
            self.splitter.restoreState(splitter)

        self.retranslate_ui()
        landing = landing_page(set(me.permissions), set(self.pages))
        if landing is not None:
            self.sidebar.select_page(landing)  # the first page this user can act on, through page_chosen
        self.monitor.start()
        # What the user's other pages would wait for on first opening, done ahead (page_stack.py).
        QTimer.singleShot(AHEAD_AFTER_MS, self.stack, lambda: self.stack.prepare_ahead(self.sidebar.page_keys()))
        if self.live is not None:
            self.live.start()
        if offline is not None:
            offline.start()

    # --- building ------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.settings_action = _action(self, self.show_settings, "Ctrl+,", QAction.MenuRole.PreferencesRole)
        self.password_action = _action(self, self.change_password)
        self.sign_out_action = _action(self, self.sign_out, "Ctrl+Shift+L")
        self.quit_action = _action(self, self.close, "Ctrl+Q", QAction.MenuRole.QuitRole)
        self.focus_menu_action = _action(self, self.sidebar.setFocus, "Ctrl+0")
        self.file_menu = self.menuBar().addMenu("")
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.password_action)
        self.file_menu.addAction(self.sign_out_action)
        self.file_menu.addAction(self.quit_action)
        self.view_menu = self.menuBar().addMenu("")
        self.view_menu.addAction(self.focus_menu_action)
        self.view_menu.addAction(self.notices.focus_action)

    # --- pages ---------------------------------------------------------------------------------

    def open_page(self, key: str) -> None:
        """Shows ``key``'s page with the keyboard in it, unless the user is going through the menu
        with the arrow keys (the menu keeps the keyboard then; Enter moves it to the page)."""
        if self.stack.show_page(key) and self.sidebar.current_page() != key:
            self.sidebar.select_page(key)
        if key == MY_REQUESTS_PAGE and self.returned_count is not None:
            self.returned_count.mark_seen()  # looking at my requests is what "returned" counts from
        self.menu_focus.shown(key)

    def open_and_get_page(self, key: str) -> QWidget | None:
        """The page of ``key`` opened, with the keyboard in it, for an action that goes on there;
        None if it is not mine."""
        if key not in self.sidebar.page_keys():
            return None
        self.open_page(key)
        self.menu_focus.focus(key)
        return self.page(key)

    def current_page_key(self) -> str | None:
        return self.stack.current_key()

    def page(self, key: str) -> QWidget | None:
        return self.stack.page(key)

    # --- work orders awaiting me ---------------------------------------------------------------

    def open_inbox(self) -> None:
        """The status bar's count was clicked: the Inbox, with what awaits now."""
        already_open = self.page(INBOX_PAGE) is not None
        page = self.open_and_get_page(INBOX_PAGE)
        if already_open and isinstance(page, QueryPage):
            page.refresh()

    def open_my_requests(self, order_id: int | None) -> None:
        """"Returned to me" or a notice's Open: My Requests, fresh, with the order shown if one is named."""
        already_open = self.page(MY_REQUESTS_PAGE) is not None
        page = self.open_and_get_page(MY_REQUESTS_PAGE)
        if isinstance(page, WorkOrdersPage):
            if already_open:
                page.refresh()
            if order_id is not None:
                page.open_order(order_id)

    def _data_changed(self, topic: str) -> None:
        if topic == WORK_ORDERS_TOPIC and self.inbox_count is not None:
            self.inbox_count.refresh_now()  # the decision made here: counted again

    # --- errors --------------------------------------------------------------------------------

    def report_error(self, exc: BaseException) -> None:
        """Shown without blocking: the status bar always, a message box unless it is the network."""
        message = message_for(exc)
        if isinstance(exc, ApiError):
            log.warning("request failed: %s (status %s, request id %s)", exc, exc.status, exc.request_id)
        else:
            log.error("unexpected error", exc_info=exc)
        self.status.say(message)
        if ends_session(exc):
            self.end_reason = exc
            self._finish(Outcome.SESSION_ENDED)
            return
        if isinstance(exc, ApiError) and exc.is_network:
            self.monitor.check_now()  # the status bar then says "disconnected"
            return
        if self._error_box is None:
            self._error_box = ErrorBox(self)
        self._error_box.show_error(message, exc)

    # --- actions -------------------------------------------------------------------------------

    def show_settings(self) -> None:
        if self._settings_dialog is None:
            self._settings_dialog = SettingsDialog(self.settings, self)
        self._settings_dialog.load()
        self._settings_dialog.open()

    def change_password(self) -> None:
        if self._password_dialog is None:
            self._password_dialog = PasswordDialog(self.api, self, username=self.me.username,
                                                   workstation=self.offline.store if self.offline else None)
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
        self.settings.set_window_geometry(self.saveGeometry(), self.me.username)
        self.settings.set_window_state(self.saveState(), self.me.username)
        self.settings.set_splitter_state(self.splitter.saveState(), self.me.username)
        self.settings.sync()
        self.monitor.stop()
        if self.live is not None:
            self.live.stop()
        if self.offline is not None:
            self.offline.stop()
        self.ops.cancel_all()
        if self._error_box is not None:
            self._error_box.close()
        super().closeEvent(event)
        if not self._closed.done():
            self._closed.set_result(self.outcome)

    # --- status and translation ----------------------------------------------------------------

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
        self.stack.retranslate_ui()
        self.status.show_session(self.api.base_url, self.me)
        self.status.show_connection(self.monitor.state)
        if self.outbox_status is not None:
            self.outbox_status.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
