"""The signed-in user's offline drafting: the workstation's database and its sync engine.

Opened by the shell for users who may draft (risk.credit.draft); the engine runs on the app's
qasync loop for as long as the main window lives, and its status drives the status bar.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.paths import WORKSTATION_STORE_NAME
from services.api_client import ApiClient
from services.offline import grant
from services.offline.store import LocalStore, open_store
from services.offline.sync import Connection, SyncEngine, SyncStatus
from ui.common.op_runner import OpRunner

log = logging.getLogger(__name__)

STORE_NAME = WORKSTATION_STORE_NAME
SYNC_INTERVAL = 30.0
SYNC = "sync"  # the runner's key of the engine's run


def open_workstation(data_dir: Path, trusted_grant_key: Path | None = None) -> LocalStore:
    """The workstation's database in the user's data folder (drafts, outbox, offline grants). The
    clock is noted as seen: an offline sign-in with the clock set back behind it is refused.
    ``trusted_grant_key``: the backend's public key file shipped with the installation; only
    offline grants it signed count (services/offline/grant.py)."""
    store = open_store(Path(data_dir) / STORE_NAME)
    if trusted_grant_key is not None:
        store.trusted_grant_key = grant.read_trusted_key(trusted_grant_key)
    grant.see(store, time.time())
    return store


class OfflineSession(QObject):
    status_changed = Signal(object)  # SyncStatus

    def __init__(self, store: LocalStore, api: ApiClient, username: str, parent: QObject | None = None, *,
                 unlocking: Callable[[], Awaitable[object]] | None = None):
        """``unlocking``: after an online sign-in, unlocks the user's drafting key and renews the
        grant (desktop/offline_sign_in.renew_grant); the first round waits for it."""
        super().__init__(parent)
        self._unlocking = unlocking
        self.store = store
        self._api = api
        self.engine = SyncEngine(self.store, api, username, on_status=self.status_changed.emit)
        self.status: SyncStatus = self.engine.status
        self.status_changed.connect(self._remember)
        self._stop = asyncio.Event()
        self.ops = OpRunner(self)  # the engine says its own troubles through its status

    def _remember(self, status: SyncStatus) -> None:
        self.status = status
        # Each round notes the clock and the backend's latest Date (services/offline/grant.py).
        grant.see(self.store, max(time.time(), self._api.server_time or 0.0))

    def start(self) -> None:
        self.ops.run(self._run(), key=SYNC, if_running="keep")

    async def _run(self) -> None:
        if self._unlocking is not None:
            try:
                await self._unlocking()
            except Exception:  # the rounds go on; without the key they push nothing (sync.py)
                log.exception("the drafting key of %s could not be unlocked", self.engine.owner)
            finally:
                self._unlocking = None
        await self.engine.run(self._stop, SYNC_INTERVAL)

    @property
    def unlocking(self) -> bool:
        """The drafting key is still being unlocked after the sign-in: a submission waits for it."""
        return self._unlocking is not None

    def wake(self) -> None:
        self.engine.wake()

    def stop(self) -> None:
        """Stops syncing; what is queued stays queued for next time (the shell owns the store)."""
        self._stop.set()
        self.ops.cancel(SYNC)

    @property
    def online(self) -> bool:
        return self.status.connection in (Connection.ONLINE, Connection.SYNCING)
