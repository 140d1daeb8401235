"""The embedded default: the backend as a child process on 127.0.0.1 with a SQLite file.

QProcess rather than asyncio subprocesses, which qasync's loop does not support. The backend
announces its address with one stdout line once it listens, and before that each preparation step
with work to do (``--announce-progress``: a first start migrates and seeds demo data for seconds),
which ``progressed`` passes on to the sign-in dialog; ``--exit-with-parent`` makes it
exit when its stdin closes, so it never outlives a crashed desktop. It also runs a local SMTP
server and SMS gateway stand-in (``--local-delivery``), so a resend arrives in a local mailbox,
and keeps a daily online backup of its database and the workstation's (``DATA_DIR/backups``;
``python -m backend --database-url sqlite:///DATA_DIR/opsdesk.db backups`` lists them).
"""

from __future__ import annotations

import asyncio
import collections
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal

from desktop.paths import PROJECT_ROOT, WORKSTATION_STORE_NAME
from services.contract.launch import (
    LOCAL_MAIL_FOLDER,
    LOCAL_SMS_FOLDER,
    LOCAL_SMS_LOG,
    progress_step,
    ready_url,
)

log = logging.getLogger(__name__)

STDERR_TAIL_LINES = 40
BACKUP_EVERY_HOURS = 24


class BackendStartError(RuntimeError):
    """The backend did not announce itself: it crashed, could not start, or took too long. Its
    message (for the log) holds what it said last; the dialog says why in the user's language
    from ``exit_code`` or ``timeout`` and shows ``output`` as the server wrote it."""

    def __init__(self, message: str, *, output: str = "", exit_code: int | None = None,
                 timeout: float | None = None):
        super().__init__(f"{message}\n--- server output (last lines) ---\n{output}" if output else message)
        self.output = output
        self.exit_code = exit_code
        self.timeout = timeout


def delivery_dir(data_dir: Path) -> Path:
    """Where the embedded backend's local SMTP server and SMS gateway stand-in keep what it sends."""
    return Path(data_dir) / "delivery"


def local_mailbox_dir(data_dir: Path) -> Path:
    """The local mailbox (a Maildir) that resent Email arrives in: the backend's DIR/mail."""
    return delivery_dir(data_dir) / LOCAL_MAIL_FOLDER


def local_sms_log(data_dir: Path) -> Path:
    """One JSON line per SMS the local gateway stand-in accepted: the backend's DIR/sms/sms.jsonl."""
    return delivery_dir(data_dir) / LOCAL_SMS_FOLDER / LOCAL_SMS_LOG


BUNDLED_BACKEND = "opsdesk-backend"  # the bundle's backend executable (packaging/opsdesk.spec)


def backend_program() -> tuple[str, list[str]]:
    """The program that runs the backend and its first arguments: ``python -m backend`` from the
    source tree; in the desktop bundle (frozen, no Python to run ``-m`` with) the backend
    executable beside the desktop's own."""
    if getattr(sys, "frozen", False):
        name = BUNDLED_BACKEND + (".exe" if sys.platform == "win32" else "")
        return str(Path(sys.executable).with_name(name)), []
    return sys.executable, ["-m", "backend"]


def backend_arguments(data_dir: Path, extra_args: Sequence[str] = ()) -> list[str]:
    database = (data_dir / "opsdesk.db").as_posix()
    return [*backend_program()[1], "--host", "127.0.0.1", "--port", "0",
            "--database-url", f"sqlite:///{database}", "--demo", "--announce",
            "--announce-progress", "--exit-with-parent", "--local-delivery", str(delivery_dir(data_dir)),
            "--backup-every-hours", str(BACKUP_EVERY_HOURS), "--backup-also", str(data_dir / WORKSTATION_STORE_NAME),
            *extra_args]


class EmbeddedBackend(QObject):
    progressed = Signal(str)  # a preparation step (services/contract/launch.py PrepareStep) began

    def __init__(self, data_dir: Path, *, extra_args: Sequence[str] = (),
                 startup_timeout: float = 90.0, program: str | None = None,
                 arguments: Sequence[str] | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.startup_timeout = startup_timeout
        self._program = program or backend_program()[0]
        self._arguments = list(arguments) if arguments is not None else backend_arguments(
            self.data_dir, extra_args)
        self._process: QProcess | None = None
        self._stdout_buffer = b""
        self._stderr_tail: collections.deque[str] = collections.deque(maxlen=STDERR_TAIL_LINES)
        self._ready: asyncio.Future[str] | None = None
        self._stopping = False
        self.url: str | None = None

    @property
    def is_running(self) -> bool:
        return self._process is not None and self._process.state() != QProcess.ProcessState.NotRunning

    def stderr_tail(self) -> str:
        return "\n".join(self._stderr_tail)

    def launch(self) -> None:
        """Starts the process and returns at once (``start`` awaits its announcement): the desktop
        launches it before it builds the sign-in dialog, so that both start side by side."""
        if self.is_running:
            return
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._ready = asyncio.get_event_loop().create_future()
        self._stopping = False
        self._stdout_buffer = b""
        self._stderr_tail.clear()  # a failure shows what this attempt said
        process = QProcess(self)
        env = QProcessEnvironment.systemEnvironment()
        env.insert("PYTHONUNBUFFERED", "1")  # the ready line must not sit in a pipe buffer
        process.setProcessEnvironment(env)
        process.setWorkingDirectory(str(PROJECT_ROOT))  # so `-m backend` imports this checkout
        process.readyReadStandardOutput.connect(self._read_stdout)
        process.readyReadStandardError.connect(self._read_stderr)
        process.errorOccurred.connect(self._on_error)
        process.finished.connect(self._on_finished)
        self._process = process
        log.info("starting embedded backend: %s %s", self._program, " ".join(self._arguments))
        process.start(self._program, self._arguments)

    async def start(self) -> str:
        """Starts the process unless ``launch`` did, and returns its base URL once it announces
        that it is listening."""
        if self.url and self.is_running:
            return self.url
        if self._process is None:  # never launched, or stopped since
            self.launch()
        assert self._ready is not None
        try:
            self.url = await asyncio.wait_for(asyncio.shield(self._ready), self.startup_timeout)
        except TimeoutError:
            output = self.stderr_tail()
            self.stop()
            raise BackendStartError(f"The local server did not start within {self.startup_timeout:.0f} s.",
                                    output=output, timeout=self.startup_timeout) from None
        except BaseException:
            self.stop()
            raise
        log.info("embedded backend ready at %s", self.url)
        return self.url

    def stop(self, grace_ms: int = 5000) -> None:
        """Asks politely (stdin closed), then terminates, then kills; returns when it is gone."""
        if self._ready is not None and not self._ready.done():
            self._ready.cancel()  # nobody awaits a start that is being abandoned
        process = self._process
        if process is None:
            return
        self._stopping = True
        if process.state() != QProcess.ProcessState.NotRunning:
            process.closeWriteChannel()
            if not process.waitForFinished(grace_ms):
                process.terminate()
                if not process.waitForFinished(grace_ms):
                    process.kill()
                    process.waitForFinished(grace_ms)
        self._process = None
        self.url = None
        process.deleteLater()

    # --- process signals ---------------------------------------------------------------------

    def _read_stdout(self) -> None:
        if self._process is None:
            return
        self._stdout_buffer += bytes(self._process.readAllStandardOutput().data())
        *lines, self._stdout_buffer = self._stdout_buffer.split(b"\n")
        for raw in lines:
            line = raw.decode("utf-8", "replace").strip()
            if (url := ready_url(line)) is not None:
                self._resolve(url)
            elif (step := progress_step(line)) is not None:
                log.info("local server: %s", step)
                self.progressed.emit(step)
            elif line:
                log.debug("backend: %s", line)

    def _read_stderr(self) -> None:
        if self._process is None:
            return
        text = bytes(self._process.readAllStandardError().data()).decode("utf-8", "replace")
        for line in text.splitlines():
            if line.strip():
                self._stderr_tail.append(line)
                log.debug("backend: %s", line)

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._fail(f"The local server could not be started ({self._program}).", None)

    def _on_finished(self, exit_code: int, _status: QProcess.ExitStatus) -> None:
        self._read_stderr()
        if self._ready is not None and not self._ready.done():
            self._fail(f"The local server exited with code {exit_code} before it was ready.", exit_code)
        elif self.url and not self._stopping:
            log.warning("embedded backend exited with code %s", exit_code)

    def _resolve(self, url: str) -> None:
        if self._ready is not None and not self._ready.done():
            self._ready.set_result(url)

    def _fail(self, message: str, exit_code: int | None) -> None:
        if self._ready is not None and not self._ready.done():
            self._ready.set_exception(BackendStartError(message, output=self.stderr_tail(), exit_code=exit_code))
