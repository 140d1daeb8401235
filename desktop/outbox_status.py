"""The status bar's word on offline drafting: connection to the backend as the sync engine sees
it, and how many submissions wait in the outbox. Always visible to a user who drafts."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from services.offline.sync import Connection, SyncStatus


class OutboxStatus(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("outboxStatus")
        self._status: SyncStatus | None = None
        self.offline_until: str | None = None  # set when the user works from an offline grant

    def show_status(self, status: SyncStatus) -> None:
        self._status = status
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        status = self._status
        if status is None:
            self.setText("")
            return
        states = {
            Connection.ONLINE: self.tr("Sync: up to date"),
            Connection.SYNCING: self.tr("Sync: syncing…"),
            Connection.OFFLINE: self.tr("Sync: offline"),
            Connection.ERROR: self.tr("Sync: needs attention"),
        }
        text = states[status.connection]
        if status.connection == Connection.ONLINE and status.waiting:
            # Connected, but not up to date while anything waits to be sent.
            text = self.tr("Sync: connected")
        if status.waiting:
            text += " · " + self.tr("%n submission(s) waiting", "", status.waiting)
        if self.offline_until:
            text += " · " + self.tr("working offline until {date}").format(date=self.offline_until)
        self.setText(text)
        tip = status.reason or ""
        if status.connection == Connection.ERROR and "not_authenticated" in tip:
            tip = self.tr("Sign in again (File › Sign out) so that waiting submissions can be sent.")
        self.setToolTip(tip)
        self.setProperty("state", status.connection.value)
        self.style().unpolish(self)
        self.style().polish(self)
