"""``python -m backend`` as a deployment runs it: several workers on PostgreSQL, one on SQLite."""

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

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
