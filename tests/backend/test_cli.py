"""``python -m backend`` as a deployment runs it: several workers on PostgreSQL, one on SQLite; and
its commands as an operator runs them, with their refusals (exit 2, the reason on stderr)."""

import os
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend import launch
from backend.auth import repository
from backend.kit.signing_keys import load_or_create_key
from backend.messages.models import DeliveryAttempt, MessageRecord
from services.offline import grant
from tests.conftest import ROOT, start_backend, stop_backend


@pytest.mark.process
def test_several_workers_are_refused_on_sqlite(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "backend", "--port", "0", "--workers", "2",
         "--database-url", f"sqlite:///{tmp_path / 'x.db'}"],
        cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "several workers need PostgreSQL" in result.stderr
    assert not (tmp_path / "x.db").exists()  # refused before touching anything


@pytest.mark.process
def test_several_workers_serve_one_postgresql_deployment(postgresql_template, tmp_path):
    # A deployment of two worker processes on a migrated and seeded copy of the demo database.
    with postgresql_template.copy() as url:
        backend = start_backend(url, tmp_path / "workers.log", "--workers", "2")
        try:
            with ThreadPoolExecutor(8) as pool:
                answers = list(pool.map(lambda _: httpx.get(f"{backend.url}/health", timeout=30), range(40)))
            assert {a.status_code for a in answers} == {200}
            assert answers[0].json()["database"] == "postgresql"
            # A token issued by one worker is honoured by every worker: the state is in the database.
            token = backend.fresh_token("admin")
            for _ in range(6):
                me = httpx.get(f"{backend.url}/me", headers={"Authorization": f"Bearer {token}"})
                assert me.json()["username"] == "admin"
        finally:
            stop_backend(backend)
    assert backend.process.returncode is not None


@pytest.mark.process
def test_the_offline_grant_key_is_exported_as_the_desktop_installs_it(tmp_path):
    """The public half only, in the form the desktop's --offline-grant-key reads, of the key the
    backend signs grants with."""
    key_file, published = tmp_path / "grant.key", tmp_path / "offline-grant-key.pem"
    result = subprocess.run(
        [sys.executable, "-m", "backend", "--database-url", f"sqlite:///{tmp_path / 'x.db'}",
         "export-offline-grant-key", str(published)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**os.environ, "OPSDESK_OFFLINE_GRANT_KEY_FILE": str(key_file)})
    assert result.returncode == 0, result.stderr
    assert b"PRIVATE" not in published.read_bytes()
    signing = load_or_create_key(key_file)  # the file the command made
    assert grant.read_trusted_key(published) == signing.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def test_create_user_makes_an_account_that_signs_in_with_exactly_its_roles(api, backend_cli, monkeypatch):
    monkeypatch.setenv("OPSDESK_NEW_PASSWORD", "a long pass phrase 1")
    result = backend_cli("--database-url", api.database_url, "create-user", "ops.lee",
                         "--display-name", "Lee Ops", "--roles", "ops_maker, risk_checker ,")
    assert (result.code, result.out.strip()) == (0, "created user ops.lee"), result.err
    login = api.login("ops.lee", "a long pass phrase 1")
    assert login.status_code == 200
    me = api.client(token=login.json()["access_token"]).get("/me").json()
    assert (me["display_name"], me["roles"]) == ("Lee Ops", ["ops_maker", "risk_checker"])


@pytest.mark.parametrize(("username", "roles", "reason"), [
    ("ops.new", "ops_maker,auditor,root", "unknown roles: auditor, root"),
    ("maker", "risk_checker", "the username maker is taken"),
    ("ops.new", " , ", "a user needs at least one role"),
])
def test_create_user_refuses_with_the_reason_and_changes_nothing(api, backend_cli, monkeypatch,
                                                                 username, roles, reason):
    monkeypatch.setenv("OPSDESK_NEW_PASSWORD", "a long pass phrase 1")
    engine = api.engine()
    with Session(engine) as session:
        before = (repository.usernames(session), repository.role_codes(session, 1))
    result = backend_cli("--database-url", api.database_url, "create-user", username,
                         "--display-name", "Someone", "--roles", roles)
    assert (result.code, result.err.strip(), result.out) == (2, f"error: {reason}", "")
    with Session(engine) as session:
        assert (repository.usernames(session), repository.role_codes(session, 1)) == before
    engine.dispose()
    assert api.login(username, "a long pass phrase 1").status_code == 401


def test_seed_messages_adds_records_each_with_its_delivery_attempt(api, backend_cli, monkeypatch):
    engine = api.engine()

    def counts():
        with Session(engine) as session:
            return (session.scalar(select(func.count()).select_from(MessageRecord)),
                    session.scalar(select(func.count()).select_from(DeliveryAttempt)))

    records, attempts = counts()
    monkeypatch.setenv("OPSDESK_DATABASE_URL", api.database_url)  # the default when no --database-url
    result = backend_cli("seed-messages", "--count", "120")
    assert result.code == 0 and result.out.startswith("added 120 message records in "), result.err
    assert counts() == (records + 120, attempts + 120)
    engine.dispose()


def test_a_certificate_without_its_key_is_refused_before_anything_starts(backend_cli, tmp_path):
    with pytest.raises(SystemExit) as refused:
        backend_cli("--database-url", f"sqlite:///{tmp_path / 'x.db'}", "--ssl-certfile", "cert.pem")
    assert refused.value.code == 2
    assert not (tmp_path / "x.db").exists()


@pytest.mark.process
def test_a_backend_that_outlives_its_grace_is_killed(tmp_path):
    backend = start_backend(f"sqlite:///{tmp_path / 'x.db'}", tmp_path / "backend.log")
    launch.stop(backend.process, grace=0)  # its graceful shutdown takes longer than no time at all
    assert backend.process.returncode == -signal.SIGKILL
    assert backend.process.stdout.closed
