"""What the shell prepares while the sign-in dialog is already on screen (desktop/app.py shows it
first, and the dialog says how far this is):

- the server: the embedded backend starting beside the dialog, whose steps are passed on (a first
  start migrates and seeds the demo data for seconds), or the ``--server`` URL as given;
- the client's modules, imported off the window's thread once the dialog is painted: httpx,
  pydantic and SQLAlchemy, then the main window with every page, take 1–2 s to import. Imported
  before the dialog, they delayed it as long; on the window's thread they would freeze it;
- the workstation's database (offline grants and drafts), opened off the window's thread too.

``stage`` says where it is and ``changed`` tells each change; ``api`` and ``workstation`` exist
once READY. A failed start says why (``failure``) and can be tried again (``retry``).
"""

from __future__ import annotations

import asyncio
import enum
import gc
import importlib
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.embedded_backend import BackendStartError, EmbeddedBackend
from ui.common.op_runner import OpRunner

if TYPE_CHECKING:
    from services.api_client import ApiClient
    from services.offline.store import LocalStore

log = logging.getLogger(__name__)

# What signing in needs, then what the window needs: loaded in this order, in a worker thread.
CLIENT_MODULES = ("services.api_client", "services.clients.session", "desktop.offline_sign_in",
                  "desktop.password_dialog", "desktop.offline_session")
WINDOW_MODULES = ("desktop.main_window",)

PREPARE = "prepare"
WINDOW = "window modules"


class Stage(enum.Enum):
    STARTING = "starting"
    READY = "ready"
    FAILED = "failed"


class WorkstationUnavailable(RuntimeError):
    """The workstation's database could not be opened (a newer OpsDesk's, or unreadable)."""


@dataclass(frozen=True)
class Failure:
    """Why the start failed, for the dialog to say in the user's language."""

    server: bool  # the local server did not start (else the workstation's database did not open)
    output: str  # what it said last, as it said it
    exit_code: int | None = None  # the server stopped with this code before it was ready
    timeout: float | None = None  # the server did not answer within so many seconds


def _import(names: tuple[str, ...]) -> None:
    for name in names:
        importlib.import_module(name)


class Preparation(QObject):
    changed = Signal()  # stage, step or failure moved

    def __init__(self, *, server_url: str | None = None, backend: EmbeddedBackend | None = None,
                 open_workstation: Callable[[], LocalStore] | None = None,
                 client_options: dict[str, object] | None = None, parent: QObject | None = None):
        """``server_url``: a shared backend; else ``backend`` is started. ``open_workstation``:
        opens the workstation's database (none: no offline work here). ``client_options``: the
        ApiClient's keyword arguments (a CA file for a remote server)."""
        super().__init__(parent)
        if (server_url is None) == (backend is None):
            raise ValueError("either a server URL or an embedded backend")
        self.server_url = server_url
        self.backend = backend
        self.embedded = backend is not None  # only the embedded server lists demo users
        self.stage = Stage.STARTING
        self.step: str | None = None  # the embedded server's latest step (services/contract/launch.py)
        self.failure: Failure | None = None
        self.api: ApiClient | None = None
        self.workstation: LocalStore | None = None
        self._open_workstation = open_workstation
        self._client_options = client_options or {}
        self._loading = False
        self._client_loaded = asyncio.Event()
        self._window_loaded = asyncio.Event()
        self.ops = OpRunner(self)  # a failure is this object's state, shown by the dialog
        if backend is not None:
            backend.progressed.connect(self._progressed)

    @classmethod
    def connected(cls, api: ApiClient, *, embedded: bool, workstation: LocalStore | None = None,
                  parent: QObject | None = None) -> Preparation:
        """Ready at once, on a client made elsewhere (tests, screenshots): ``embedded`` lists the
        demo users as the embedded server's dialog does."""
        ready = cls(server_url=api.base_url, parent=parent)
        ready.embedded = embedded
        ready.api, ready.workstation = api, workstation
        ready.stage = Stage.READY
        return ready

    @property
    def address(self) -> str | None:
        """The server's URL once known (the embedded server's, once it listens)."""
        return self.api.base_url if self.api is not None else self.server_url

    # --- running -------------------------------------------------------------------------------

    def start_server(self) -> None:
        """Launches the embedded backend now (a process of its own, starting beside the dialog);
        READY once it answers and ``load_client`` has loaded the client."""
        if self.stage is Stage.STARTING and not self.ops.running(PREPARE):
            if self.backend is not None:
                self.backend.launch()
            self.ops.run(self._prepare(), key=PREPARE, expected=(BackendStartError, WorkstationUnavailable),
                         on_failure=self._failed)

    def load_client(self) -> None:
        """Imports the client's and the window's modules in a worker thread: called once the
        sign-in dialog is painted, so that nothing competes with its first paint."""
        if not self._loading:
            self._loading = True
            self.ops.run(self._load_modules(), key=WINDOW)
        self.start_server()

    async def window_ready(self) -> None:
        """Awaits the main window's modules (imported by now unless the user signed in very fast)."""
        self.load_client()
        await self._window_loaded.wait()

    def retry(self) -> None:
        if self.stage is Stage.FAILED:
            self._set(Stage.STARTING, step=None, failure=None)
            self.start_server()

    async def close(self) -> None:
        """Stops what was started: requests, the client, the workstation's database, the server."""
        self.ops.cancel_all()
        await self.ops.wait_idle()
        if self.api is not None:
            await self.api.aclose()
        if self.workstation is not None:
            self.workstation.close()
        if self.backend is not None:
            self.backend.stop()

    # --- inside --------------------------------------------------------------------------------

    async def _load_modules(self) -> None:
        loading = any(name not in sys.modules for name in CLIENT_MODULES + WINDOW_MODULES)
        # Off where the window's thread collects (desktop/gui_thread_gc.py): it stays off.
        automatic = gc.isenabled()
        if loading:
            # A collection among thousands of new objects holds the GIL for 0.1–0.3 s: the dialog
            # would stop answering for as long (bench/sign_in_to_first_page.py measures its pauses).
            gc.disable()
        try:
            await asyncio.to_thread(_import, CLIENT_MODULES)
            self._client_loaded.set()
            await asyncio.to_thread(_import, WINDOW_MODULES)
        finally:
            # A module that does not import (a broken installation) is reported (sys.excepthook) and
            # raises again where it is used: nothing waits for it for ever.
            self._client_loaded.set()
            self._window_loaded.set()
            if loading:
                gc.freeze()  # what was loaded stays for good: later collections need not go through it
                if automatic:
                    gc.enable()

    async def _prepare(self) -> None:
        url = self.server_url if self.backend is None else await self.backend.start()
        assert url is not None
        if self.api is None or self.api.base_url != url.rstrip("/"):
            await self._client_loaded.wait()
            from services.api_client import ApiClient  # imported by now, off the window's thread

            if self.api is not None:
                await self.api.aclose()  # the server came back on another port
            # Off the window's thread too: the client reads the system's certificates (10–30 ms).
            self.api = await asyncio.to_thread(ApiClient, url, **self._client_options)
        if self.workstation is None and self._open_workstation is not None:
            try:
                self.workstation = await asyncio.to_thread(self._open_workstation)
            except (OSError, ValueError, RuntimeError) as exc:  # RuntimeError: a newer OpsDesk's file
                raise WorkstationUnavailable(f"The workstation's database could not be opened: {exc}") from exc
        self._set(Stage.READY, step=None, failure=None)

    def _progressed(self, step: str) -> None:
        if self.stage is Stage.STARTING:
            self._set(Stage.STARTING, step=step, failure=None)

    def _failed(self, exc: BaseException) -> bool:
        log.error("%s", exc)
        if isinstance(exc, BackendStartError):
            failure = Failure(True, exc.output or str(exc), exc.exit_code, exc.timeout)
        else:
            failure = Failure(False, str(exc.__cause__ or exc))
        self._set(Stage.FAILED, step=None, failure=failure)
        return True

    def _set(self, stage: Stage, *, step: str | None, failure: Failure | None) -> None:
        self.stage, self.step, self.failure = stage, step, failure
        self.changed.emit()
