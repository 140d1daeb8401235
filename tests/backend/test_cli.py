"""``python -m backend`` as a deployment runs it: several workers on PostgreSQL, one on SQLite."""

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from backend.kit.signing_keys import load_or_create_key
from services.offline import grant
from tests.conftest import ROOT, start_backend, stop_backend

pytestmark = pytest.mark.process  # the command line and its worker processes


def test_several_workers_are_refused_on_sqlite(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "backend", "--port", "0", "--workers", "2",
         "--database-url", f"sqlite:///{tmp_path / 'x.db'}"],
        cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "several workers need PostgreSQL" in result.stderr
    assert not (tmp_path / "x.db").exists()  # refused before touching anything


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
