"""Operating the backend, through the real app in process: request ids in answers, bodies and log
lines; /metrics by route template with the database's counts, and who may read it; the health
probes (SQLite, PostgreSQL)."""

import json
import logging
import uuid

import anyio
import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr
from sqlalchemy import text
from starlette.testclient import TestClient

from backend.app import create_app
from backend.db.migrate import code_heads
from backend.kit import request_id
from backend.ops.json_logs import JsonLines
from backend.settings import Settings
from tests.backend.work_order_steps import fresh_order
from tests.fixtures.app_backend import app_for

METRICS = "/metrics"


async def _get(app, path: str, *, client=("127.0.0.1", 5000), **kwargs) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=client),
                                 base_url="http://backend") as http:
        return await http.get(path, **kwargs)


def get(api, path: str, **kwargs) -> httpx.Response:
    """A request over httpx's ASGI transport from a loopback address (or ``client=``)."""
    return api.portal.call(lambda: _get(api.app, path, **kwargs))


def samples(response: httpx.Response) -> dict[tuple[str, tuple], float]:
    """(sample name, sorted labels) → value of one scrape."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(response.text) for s in family.samples}


def scrape(api, **kwargs) -> dict[tuple[str, tuple], float]:
    return samples(get(api, METRICS, **kwargs))


def scrape_app(app) -> dict[tuple[str, tuple], float]:
    return samples(anyio.run(lambda: _get(app, METRICS)))


def requests_counted(samples, route: str, status: str, method: str = "GET") -> float:
    return samples.get(("opsdesk_http_requests_total",
                        tuple(sorted({"route": route, "method": method, "status": status}.items()))), 0.0)


# --- request ids ----------------------------------------------------------------------------------


def test_every_answer_carries_a_request_id_and_a_sensible_given_one_is_kept(api):
    with api.client("checker") as client:
        made = client.get("/me")
        kept = client.get("/me", headers={"X-Request-ID": "lb-7f3a:42.x_y"})
        for hostile in ("a" * 129, "bad id", '"} {"level": "ERROR', "é".encode()):
            replaced = client.get("/me", headers={"X-Request-ID": hostile})
            assert replaced.headers["x-request-id"] != hostile
            assert len(replaced.headers["x-request-id"]) == 32
    assert len(made.headers["x-request-id"]) == 32 and made.headers["x-request-id"].isalnum()
    assert kept.headers["x-request-id"] == "lb-7f3a:42.x_y"


def test_a_problem_carries_the_request_id_of_its_answer(api):
    with api.client("checker") as client:
        missing = client.get("/work-orders/2000000000")
        signed_out = api.client().get("/me", headers={"X-Request-ID": "support-me"})
    assert missing.headers["content-type"].startswith("application/problem+json")
    assert missing.json()["request_id"] == missing.headers["x-request-id"]
    assert (signed_out.status_code, signed_out.json()["request_id"]) == (401, "support-me")


def test_every_log_line_of_a_request_names_it_an_unexpected_failure_too(api, caplog):
    """The app of the test's database with one route that fails: its 500 is answered by Starlette's
    outermost error middleware, and still carries the id, logs under it and is counted."""
    app = app_for(api.database_url)

    @app.get("/fails", include_in_schema=False)
    def fails():
        raise RuntimeError("a fault nobody expected")

    caplog.set_level(logging.INFO)
    before = scrape_app(app)
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            answer = client.get("/fails", headers={"X-Request-ID": "find-me-123"})
        after = scrape_app(app)
    finally:
        app.state.database.engine.dispose()
    assert answer.status_code == 500
    assert answer.headers["x-request-id"] == "find-me-123"
    assert (answer.json()["code"], answer.json()["request_id"]) == ("internal_error", "find-me-123")
    lines = [r for r in caplog.records if getattr(r, "request_id", None) == "find-me-123"]
    assert {r.name for r in lines} >= {"backend.kit.errors", "backend.access"}
    failure = next(r for r in lines if r.name == "backend.kit.errors")
    access = next(r for r in lines if r.name == "backend.access")
    assert (access.route, access.status, access.path) == ("/fails", 500, "/fails")
    assert requests_counted(after, "/fails", "500") - requests_counted(before, "/fails", "500") == 1
    # As JSON lines: one object each, with the request id, the access line's fields, the traceback.
    logged = json.loads(JsonLines().format(failure))
    assert (logged["request_id"], logged["level"]) == ("find-me-123", "ERROR")
    assert "a fault nobody expected" in logged["exception"]
    assert json.loads(JsonLines().format(access))["route"] == "/fails"
    assert request_id.current() is None  # nothing leaks into what runs next


# --- metrics --------------------------------------------------------------------------------------


def test_requests_are_counted_by_route_template_and_status(api):
    before = scrape(api)
    with api.client("checker") as client:
        for order_id in (2_000_000_001, 2_000_000_002, 2_000_000_003):
            assert client.get(f"/work-orders/{order_id}").status_code == 404
        assert client.get("/no/such/path/42").status_code == 404
    after = scrape(api)
    template = "/work-orders/{order_id}"
    assert requests_counted(after, template, "404") - requests_counted(before, template, "404") == 3
    assert requests_counted(after, "unmatched", "404") - requests_counted(before, "unmatched", "404") == 1
    assert not any("2000000001" in str(labels) for _name, labels in after)  # no id makes a series
    latency = ("opsdesk_http_request_duration_seconds_count", (("method", "GET"), ("route", template)))
    assert after[latency] - before.get(latency, 0) == 3
    assert after[("opsdesk_db_pool_connections_max", ())] > 0
    assert ("opsdesk_db_pool_connections_in_use", ()) in after


def test_work_orders_and_the_message_queue_are_counted_from_the_database(api):
    def pending(samples) -> float:
        return samples[("opsdesk_work_orders", (("status", "pending"),))]

    def queued(samples, channel: str) -> float:
        return samples.get(("opsdesk_message_attempts_waiting", (("channel", channel), ("status", "queued"))), 0.0)

    engine = api.engine()
    with engine.connect() as conn:
        email = conn.execute(text("SELECT id FROM msg_records WHERE channel = 'email' AND resendable "
                                  "AND status = 'delivered' ORDER BY id LIMIT 1")).scalar_one()
        orders = dict(conn.execute(text("SELECT status, count(*) FROM work_orders GROUP BY status")).all())
    engine.dispose()
    before = scrape(api)
    assert pending(before) == orders.get("pending", 0)
    assert before[("opsdesk_work_orders", (("status", "stale"),))] == orders.get("stale", 0)  # 0 shows too
    assert before[("opsdesk_database_up", ())] == 1

    fresh_order(api, "HK")
    with api.client("service") as client:
        assert client.post(f"/messages/records/{email}/resend", json={"reason": "Lost"},
                           headers={"Idempotency-Key": str(uuid.uuid4())}).status_code == 202
    after = scrape(api)
    assert pending(after) == pending(before) + 1
    assert queued(after, "email") == queued(before, "email") + 1  # no dispatcher runs in this app
    assert after[("opsdesk_message_oldest_waiting_seconds", (("channel", "email"),))] >= 0


def test_metrics_are_served_to_the_configured_networks_or_a_token_only(api):
    refused = get(api, METRICS, client=("203.0.113.9", 4000))
    assert refused.status_code == 403
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["code"] == "permission_denied"
    assert "opsdesk" not in refused.text
    assert api.client().get(METRICS).status_code == 403  # not an address at all
    assert get(api, METRICS, client=("::ffff:127.0.0.1", 4000)).status_code == 200  # dual-stack loopback

    api.app.state.settings.metrics_token = SecretStr("scrape-token-1")
    api.app.state.settings.metrics_networks = ["10.0.0.0/8"]
    assert get(api, METRICS, client=("10.1.2.3", 4000)).status_code == 200
    assert get(api, METRICS, client=("127.0.0.1", 4000)).status_code == 403  # loopback no longer listed
    far = ("198.51.100.7", 4000)
    assert get(api, METRICS, client=far, headers={"Authorization": "Bearer scrape-token-1"}).status_code == 200
    assert get(api, METRICS, client=far, headers={"Authorization": "Bearer scrape-token-2"}).status_code == 403


def test_metrics_stay_out_of_the_api_document(api):
    assert METRICS not in api.app.openapi()["paths"]


# --- health ---------------------------------------------------------------------------------------


def test_live_and_ready(api):
    assert get(api, "/health/live").json()["status"] == "live"
    ready = get(api, "/health/ready")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready", "database": api.dialect,
                            "schema_revision": ", ".join(sorted(code_heads()))}
    assert get(api, "/health").json()["status"] == "ok"  # the desktop's probe as it was


def test_not_ready_while_the_schema_is_not_this_versions(api):
    engine = api.engine()
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    engine.dispose()
    answer = get(api, "/health/ready")
    assert answer.status_code == 503
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["code"] == "schema_not_current" and "0001" in answer.json()["detail"]
    assert answer.headers["retry-after"]
    assert get(api, "/health/live").status_code == 200  # alive all the same: no restart would help


def test_not_ready_while_the_database_does_not_answer(tmp_path):
    # A SQLite file in a folder that does not exist: every connection fails.
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'gone' / 'opsdesk.db'}",
                              offline_grant_key_file=str(tmp_path / "grant.key")))
    try:
        ready = anyio.run(lambda: _get(app, "/health/ready"))
        live = anyio.run(lambda: _get(app, "/health/live"))
    finally:
        app.state.database.engine.dispose()
    assert ready.status_code == 503
    assert ready.json()["code"] == "database_unavailable"
    assert ready.json()["request_id"] == ready.headers["x-request-id"]
    assert live.status_code == 200


@pytest.mark.parametrize("path", ["/health/live", "/health/ready"])
def test_probes_need_no_sign_in(api, path):
    assert api.client().get(path).status_code == 200
