"""Backends for the tests, in two tiers.

The API tier (tests/fixtures/app_backend.py, fixture ``api``) runs the app in the test's process
on a database of the test's own: most backend tests use it. The process tier starts real
``python -m backend`` processes over loopback HTTP (``live_backend``, ``start_backend``) for what
needs one: kills, TLS, real delivery, the command line, the desktop against a backend; its tests
are marked ``process``. Both run on SQLite, and on PostgreSQL too when
``OPSDESK_TEST_DATABASE_URL`` points at a server (each session in databases of its own).
"""

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from sqlalchemy import make_url

from backend import launch
from backend.db.engine import make_engine
from backend.db.scratch_database import admin_engine, create_scratch_database
from services.api_client import ApiClient
from services.password_hashing import COST_ENV, MINIMAL

# A process the suite starts (a backend, a screenshot command, a forked child) that dies of a fatal
# signal prints where each of its threads was, as pytest's own workers do.
os.environ.setdefault("PYTHONFAULTHANDLER", "1")
# Argon2 at its cheapest for this process and every process it starts (backends, the screenshot
# command): the suite hashes and verifies some three hundred passwords, 0.2 s each at the real
# cost. The real cost is asserted in tests/services/test_password_hashing.py.
os.environ[COST_ENV] = MINIMAL
# The offline grant's signing key of every backend the run starts, in a folder of the run's own (a
# backend on PostgreSQL would otherwise make it in the working folder: backend/auth/grant_key.py).
_GRANT_KEY_FOLDER: Path | None = None  # made by this process (the run's controller), removed by it
if "OPSDESK_OFFLINE_GRANT_KEY_FILE" not in os.environ:  # the workers inherit their controller's
    _GRANT_KEY_FOLDER = Path(tempfile.mkdtemp(prefix="opsdesk-test-grant-key-"))
    os.environ["OPSDESK_OFFLINE_GRANT_KEY_FILE"] = str(_GRANT_KEY_FOLDER / "offline-grant.key")


def _without_waiting_for_the_disk(url: str) -> str:
    """The URL with ``synchronous_commit=off`` for each of its sessions: a commit returns before its
    WAL reaches the disk (5-8 ms a commit on this machine, 1 ms without). Every guarantee the tests
    check holds: commits stay atomic, ordered and visible at once; only a crash of the PostgreSQL
    server itself could lose the last ones, which no test does (they kill backends, not the server)."""
    parsed = make_url(url)
    options = parsed.query.get("options", "")
    if parsed.get_backend_name() != "postgresql" or "synchronous_commit" in str(options):
        return url
    return parsed.update_query_dict({"options": f"{options} -c synchronous_commit=off".strip()}).render_as_string(
        hide_password=False)


def named_session_url(url: str, name: str) -> str:
    """A PostgreSQL URL whose sessions show as ``name`` in ``pg_stat_activity`` (application_name)."""
    return make_url(url).update_query_dict({"application_name": name}).render_as_string(hide_password=False)


# Read by every fixture that makes a PostgreSQL database, and passed on to the backends they start.
if os.environ.get("OPSDESK_TEST_DATABASE_URL"):
    os.environ["OPSDESK_TEST_DATABASE_URL"] = _without_waiting_for_the_disk(os.environ["OPSDESK_TEST_DATABASE_URL"])


def pytest_unconfigure(config) -> None:
    if _GRANT_KEY_FOLDER is not None:
        shutil.rmtree(_GRANT_KEY_FOLDER, ignore_errors=True)

pytest_plugins = ["tests.qt_fixtures", "tests.fixtures.hostile_workbooks", "tests.fixtures.app_backend",
                  "tests.tiers", "tests.scheduling"]

ROOT = launch.ROOT
PG_ENV = "OPSDESK_TEST_DATABASE_URL"
# Enough rows for several pages of every filter, small enough to seed in a second.
TEST_DEMO_ACCOUNTS = 900
# Message records fill four fifths of a demo database; a copy per test is made of it on both
# databases, so it holds just enough to pass the lists' exact-count cap (10,000), not the demo's 20,000.
TEST_DEMO_MESSAGES = 10_500


@pytest.fixture(scope="session", autouse=True)
def _audit_files_in_tmp(tmp_path_factory) -> Iterator[None]:
    """The audit signing key and checkpoints of every backend the suite starts go to a temporary
    folder, never the working directory (PostgreSQL's default) or a developer's own files."""
    folder = tmp_path_factory.mktemp("audit-anchor")
    names = {"OPSDESK_AUDIT_KEY_FILE": "audit-key.pem",
             "OPSDESK_AUDIT_CHECKPOINT_FILE": "audit-checkpoints.jsonl"}
    saved = {name: os.environ.get(name) for name in names}
    os.environ.update({name: str(folder / file) for name, file in names.items()})
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


# What ``python -m backend`` writes into the environment for its worker processes.
_CLI_ENVIRONMENT = ("OPSDESK_DATABASE_URL", "OPSDESK_DEMO", "OPSDESK_ALLOW_DEMO_PASSWORDS", "OPSDESK_LOG_LEVEL",
                    "OPSDESK_BACKUP_EVERY_HOURS", "OPSDESK_BACKUP_ALSO")


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def backend_cli(monkeypatch, capsys) -> Callable[..., CliResult]:
    """``python -m backend ARGS`` run in this process (measured, and quicker than a process):
    its exit code and what it printed. The settings it puts into the environment are undone
    after the test."""
    from backend.__main__ import main

    for name in _CLI_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)

    def run(*argv: str) -> CliResult:
        capsys.readouterr()
        code = main(list(argv))
        printed = capsys.readouterr()
        return CliResult(code, printed.out, printed.err)

    return run


class SignsIn:
    """Tokens over ``login`` and the desktop's client: what the process tier's LiveBackend and the
    API tier's AppBackend share."""

    url: str
    tokens: dict[str, str]

    def login(self, username: str, password: str | None = None) -> httpx.Response:
        raise NotImplementedError

    def transport(self) -> httpx.AsyncBaseTransport:
        """How the desktop's client reaches this backend."""
        raise NotImplementedError

    def api_client(self, transport: httpx.AsyncBaseTransport | None = None) -> ApiClient:
        """The desktop's client of this backend (``transport``: one that wraps ``transport()``)."""
        return ApiClient(self.url, transport=transport or self.transport())

    def fresh_token(self, username: str, password: str | None = None) -> str:
        """A new session's bearer token: for tests that end or age a session."""
        response = self.login(username, password)
        response.raise_for_status()
        return response.json()["access_token"]

    def token(self, username: str) -> str:
        """A bearer token for a demo user, cached for the backend's life."""
        if username not in self.tokens:
            self.tokens[username] = self.fresh_token(username)
        return self.tokens[username]


@dataclass
class LiveBackend(SignsIn):
    url: str
    database_url: str
    process: subprocess.Popen
    log_path: Path
    tokens: dict[str, str] = field(default_factory=dict)

    def engine(self):
        return make_engine(self.database_url)

    def login(self, username: str, password: str | None = None) -> httpx.Response:
        """POST /auth/login as it answered; the password defaults to a demo user's ``<username>-demo``."""
        return httpx.post(f"{self.url}/auth/login", timeout=60,
                          json={"username": username, "password": password or f"{username}-demo"})

    def client(self, username: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.token(username)}"} if username else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)

    def transport(self) -> httpx.AsyncBaseTransport:
        return httpx.AsyncHTTPTransport()  # loopback HTTP


def start_backend(database_url: str, log_path: Path, *extra: str, timeout: float = 120) -> LiveBackend:
    """Starts the real backend process and waits for its ready line."""
    with log_path.open("wb") as log:  # the child holds its own descriptor
        process, url = launch.start(database_url, *extra, stderr=log, timeout=timeout)
    if url is None:
        raise RuntimeError(f"backend did not start: {log_path.read_text(errors='replace')[-3000:]}")
    return LiveBackend(url, database_url, process, log_path)


def stop_backend(backend: LiveBackend) -> None:
    launch.stop(backend.process)


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A new, empty PostgreSQL database on the server of OPSDESK_TEST_DATABASE_URL. It is left in
    place when the test ends and dropped with the worker's other databases when the worker is done
    (tests/fixtures/app_backend.py): each DROP DATABASE waits for a checkpoint, which the test's
    teardown would wait for."""
    from tests.fixtures.app_backend import worker_database_prefix  # it imports this module

    admin_url = os.environ.get(PG_ENV)
    if not admin_url:
        pytest.skip(f"{PG_ENV} is not set")
    admin = admin_engine(admin_url)
    try:
        _name, url = create_scratch_database(admin, admin_url, f"{worker_database_prefix()}scratch")
    finally:
        admin.dispose()
    yield url


@contextmanager
def own_backend(database: str, tmp_path_factory, name: str, *extra: str) -> Iterator[LiveBackend]:
    """A backend process on a new database of its own (``database``: "sqlite" or "postgresql"), for
    tests whose writes or load would disturb the shared one."""
    with ExitStack() as stack:
        if database == "sqlite":
            url = f"sqlite:///{tmp_path_factory.mktemp(f'{name}-sqlite') / 'opsdesk.db'}"
        else:
            url = stack.enter_context(fresh_postgres_database())
        backend = start_backend(url, tmp_path_factory.mktemp(f"{name}-log") / "backend.log", *extra)
        stack.callback(stop_backend, backend)
        yield backend


@pytest.fixture(scope="session")
def live_backend(sqlite_template, tmp_path_factory) -> Iterator[LiveBackend]:
    """The embedded default as a process: SQLite file, demo users and demo customers."""
    from tests.fixtures.app_backend import demo_backend_process  # that module imports this one

    with demo_backend_process(sqlite_template, tmp_path_factory.mktemp("live-backend") / "backend.log") as backend:
        yield backend


# The process tier: a test on a backend process (or that starts one) is marked ``process``, so
# ``-m "not process"`` runs the in-process tiers alone.
_PROCESS_FIXTURES = frozenset({"live_backend"})


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if _PROCESS_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.process)
