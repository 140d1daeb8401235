"""Polls the backend's /health so the status bar can say whether the server answers."""

from __future__ import annotations

import enum
import logging

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.async_tasks import TaskGroup
from services.api_client import ApiClient, ApiError

log = logging.getLogger(__name__)

POLL_INTERVAL_MS = 10_000


class ConnectionState(enum.Enum):
    UNKNOWN = "unknown"
    CONNECTED = "connected"
    DEGRADED = "degraded"  # the process answers but its database does not
    DISCONNECTED = "disconnected"


class ConnectionMonitor(QObject):
    state_changed = Signal(object)  # ConnectionState

    def __init__(self, api: ApiClient, interval_ms: int = POLL_INTERVAL_MS, parent: QObject | None = None):
        super().__init__(parent)
        self.api = api
        self.state = ConnectionState.UNKNOWN
        self._tasks = TaskGroup()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check_now)

    def start(self) -> None:
        self._timer.start()
        self.check_now()

    def stop(self) -> None:
        self._timer.stop()
        self._tasks.cancel_all()

    def check_now(self) -> None:
        if len(self._tasks) == 0:  # one probe at a time; a slow server must not pile them up
            self._tasks.spawn(self._probe())

    async def _probe(self) -> None:
        try:
            health = await self.api.health()
        except ApiError as exc:
            if exc.is_network:
                self._set(ConnectionState.DISCONNECTED)
            else:
                # 503 with status "degraded", or another answer: the server is up but unwell.
                log.warning("health check answered %s", exc.code)
                self._set(ConnectionState.DEGRADED)
            return
        self._set(ConnectionState.CONNECTED if health.status == "ok" else ConnectionState.DEGRADED)

    def _set(self, state: ConnectionState) -> None:
        if state != self.state:
            log.info("connection: %s", state.value)
            self.state = state
            self.state_changed.emit(state)
