"""The main window's status bar: the server, the connection (coloured by its state), who is signed
in, and the messages the shell shows for a while (an error, work orders that arrived). The inbox
count and the outbox go in front of them when the user has those."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QLabel, QStatusBar, QWidget

from desktop.connection_monitor import ConnectionState
from desktop.role_labels import my_roles_label
from services.contract.schemas import MeOut

translate = QCoreApplication.translate  # the name lupdate recognises; the texts are the window's

STATUS_MESSAGE_MS = 15_000


class ShellStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.server_status = QLabel()
        self.server_status.setObjectName("serverStatus")
        self.connection_status = QLabel()
        self.connection_status.setObjectName("connectionStatus")
        self.user_status = QLabel()
        self.user_status.setObjectName("userStatus")
        for label in (self.server_status, self.connection_status, self.user_status):
            self.addPermanentWidget(label)

    def add_counts(self, *counts: QWidget | None) -> None:
        """The work-order counts, in front of the rest in this order."""
        for index, count in enumerate(c for c in counts if c is not None):
            self.insertPermanentWidget(index, count)

    def say(self, message: str) -> None:
        self.showMessage(message, STATUS_MESSAGE_MS)

    def announce_arrivals(self, count: int) -> None:
        # Said here inside the window; alert() flashes the taskbar entry if the window is behind.
        self.say(translate("MainWindow", "1 new work order awaits your approval.") if count == 1
                 else translate("MainWindow", "%1 new work orders await your approval.").replace("%1", f"{count:,}"))
        QApplication.alert(self.window())

    def show_connection(self, state: ConnectionState) -> None:
        texts = {
            ConnectionState.UNKNOWN: translate("MainWindow", "Connecting…"),
            ConnectionState.CONNECTED: translate("MainWindow", "● Connected"),
            ConnectionState.DEGRADED: translate("MainWindow", "● Server degraded"),
            ConnectionState.DISCONNECTED: translate("MainWindow", "● Disconnected"),
        }
        label = self.connection_status
        label.setText(texts[state])
        label.setToolTip(translate("MainWindow", "The server is checked every 10 seconds."))
        # The style sheet colours the label by this property (see resources/style.qss).
        label.setProperty("state", state.value)
        label.style().unpolish(label)
        label.style().polish(label)

    def show_session(self, server_url: str, me: MeOut) -> None:
        self.server_status.setText(translate("MainWindow", "Server: %1").replace("%1", server_url))
        self.user_status.setText(translate("MainWindow", "Signed in: %1 (%2)")
                                 .replace("%1", me.display_name)
                                 .replace("%2", my_roles_label(me)))
