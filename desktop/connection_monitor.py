"""Polls the backend's /health so the status bar can say whether the server answers."""

from __future__ import annotations

import enum
import logging

from PySide6.QtCore import QObject, QTimer, Signal

from services.api_client import ApiClient, ApiError
from services.clients.session import SessionClient
from services.contract.schemas import Health
from ui.common.op_runner import OpRunner

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
        self.session = SessionClient(api)
        self.state = ConnectionState.UNKNOWN
        self.ops = OpRunner(self)  # a probe's failure is the state it reports, never a message
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check_now)

    def start(self) -> None:
        self._timer.start()
        self.check_now()

    def stop(self) -> None:
        self._timer.stop()
        self.ops.cancel_all()

    def check_now(self) -> None:
        # One probe at a time: a slow server must not pile them up.
        self.ops.run(self.session.health(), key="probe", if_running="keep", on_success=self._answered,
                     on_failure=self._unanswered)

    def _answered(self, health: Health) -> None:
        self._set(ConnectionState.CONNECTED if health.status == "ok" else ConnectionState.DEGRADED)

    def _unanswered(self, exc: BaseException) -> bool:
        if isinstance(exc, ApiError) and exc.is_network:
            self._set(ConnectionState.DISCONNECTED)
        else:
            # 503 with status "degraded", or another answer: the server is up but unwell.
            log.warning("health check answered %s", getattr(exc, "code", exc))
            self._set(ConnectionState.DEGRADED)
        return True

    def _set(self, state: ConnectionState) -> None:
        if state != self.state:
            log.info("connection: %s", state.value)
            self.state = state
            self.state_changed.emit(state)
