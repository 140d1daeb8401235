"""/metrics of a deployment with several workers (PostgreSQL): whichever worker a scrape reaches,
it answers for all of them (prometheus-client's multiprocess mode)."""

import time

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import start_backend, stop_backend

DEADLINE = 60


def _samples(url: str) -> list:
    response = httpx.get(f"{url}/metrics", timeout=30)  # a new connection: any worker may take it
    assert response.status_code == 200, response.text
    return [s for family in text_string_to_metric_families(response.text) for s in family.samples]


def _live_requests(samples) -> float:
    return sum(s.value for s in samples if s.name == "opsdesk_http_requests_total"
               and s.labels == {"route": "/health/live", "method": "GET", "status": "200"})


@pytest.mark.process
def test_a_scrape_of_any_worker_counts_the_requests_of_all(postgresql_template, tmp_path, monkeypatch):
    folder = tmp_path / "metrics"
    folder.mkdir()
    (folder / "counter_999999.db").write_bytes(b"a previous run's file")  # emptied at start, never read
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(folder))
    with postgresql_template.copy() as url:
        backend = start_backend(url, tmp_path / "backend.log", "--workers", "2")
        try:
            # Requests on new connections until both workers have counted some: each worker keeps
            # its counters in a file of its own, named by its process id.
            sent, deadline = 0, time.monotonic() + DEADLINE
            while len(list(folder.glob("counter_*.db"))) < 2:
                assert time.monotonic() < deadline, f"one worker took all {sent} requests"
                assert httpx.get(f"{backend.url}/health/live", timeout=30).status_code == 200
                sent += 1
            assert not (folder / "counter_999999.db").exists()
            # A request is counted as its answer ends: the first scrape may just precede the last count.
            while _live_requests(_samples(backend.url)) != sent:
                assert time.monotonic() < deadline, "the scrapes never add up to the requests sent"
            for _ in range(6):  # whichever worker answers, the same sum
                samples = _samples(backend.url)
                assert _live_requests(samples) == sent
                pool = {s.labels["pid"] for s in samples if s.name == "opsdesk_db_pool_connections_max"}
                assert len(pool) == 2  # one pool per worker
        finally:
            stop_backend(backend)
