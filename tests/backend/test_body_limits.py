"""A request body larger than its route accepts is refused 413 problem+json before it is read.

A declared Content-Length beyond the limit is answered at once (the tests send the head and no
body), before the route acts; a chunked body without one is refused once it has streamed past the
limit (the tests send an endless one and stop when the answer comes). The limits hold the largest
legitimate bodies: a work order carrying a whole margin upload; the other routes' few kilobytes.
"""

import select
import socket
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

import httpx
import pytest
from httpx._content import encode_json

from backend.kit.body_limit import DEFAULT_BODY_MAX
from backend.work_orders.routes import WORK_ORDER_BODY_MAX
from services.contract.fund_clearing import CONFIRMATION_MAX_BYTES
from services.contract.schemas import (
    BULK_RESEND_MAX,
    MAX_MESSAGE_ID,
    MAX_STORED_ID,
    BulkResendIn,
    DecisionIn,
    LongMarginIn,
    LongMarginUpload,
    WorkOrderSubmit,
)
from services.rules.stock_margin import MAX_BATCH_ROWS
from tests.backend.test_fund_clearing import Batch
from tests.backend.work_order_steps import fresh_order
from tests.conftest import LiveBackend
from tests.fixtures.app_backend import demo_backend_process

# What a server process does with bytes on the wire (a declared length, an endless chunked body):
# raw sockets against a real backend of the module's own, on each database.
pytestmark = pytest.mark.process


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(request, tmp_path_factory) -> Iterator[LiveBackend]:
    template = request.getfixturevalue(f"{request.param}_template")
    with demo_backend_process(template, tmp_path_factory.mktemp("body-limits") / "backend.log") as backend:
        yield backend

CHUNK = 64 * 1024
ENDLESS = 256 * 2**20  # a body the server must never wait for: it answers long before


def _head(server: LiveBackend, path: str, user: str, *lines: str) -> bytes:
    url = httpx.URL(server.url)
    return "\r\n".join([f"POST {path} HTTP/1.1", f"Host: {url.host}:{url.port}",
                        f"Authorization: Bearer {server.token(user)}", "Content-Type: application/json",
                        f"Idempotency-Key: {uuid.uuid4()}", *lines, "", ""]).encode()


def _exchange(server: LiveBackend, head: bytes, chunked: bool = False) -> tuple[int, dict, bytes, int]:
    """Sends ``head`` (and, if ``chunked``, body chunks until the answer is there to read); returns
    the status, headers and body of the answer and how many body bytes were sent."""
    url = httpx.URL(server.url)
    sent = 0
    with socket.create_connection((url.host, url.port), timeout=60) as sock:
        sock.sendall(head)
        while chunked and sent < ENDLESS and not select.select([sock], [], [], 0)[0]:
            sock.sendall(f"{CHUNK:x}\r\n".encode() + b" " * CHUNK + b"\r\n")
            sent += CHUNK
        received = b""
        while b"\r\n\r\n" not in received:
            received += sock.recv(65536)
        head_part, body = received.split(b"\r\n\r\n", 1)
        status_line, *header_lines = head_part.decode().split("\r\n")
        headers = {k.lower(): v.strip() for k, v in (line.split(":", 1) for line in header_lines)}
        while len(body) < int(headers["content-length"]):
            body += sock.recv(65536)
    return int(status_line.split()[1]), headers, body, sent


def _assert_too_large(status: int, headers: dict, body: bytes, limit_mb: str) -> None:
    assert (status, headers["content-type"]) == (413, "application/problem+json"), body
    problem = httpx.Response(413, content=body).json()
    assert problem["code"] == "request_too_large" and f"at most {limit_mb} MB" in problem["detail"]


def test_a_declared_body_beyond_the_limit_is_refused_at_once_without_being_sent(server):
    head = _head(server, "/messages/records/resend", "service", f"Content-Length: {20 * 2**20}")
    status, headers, body, _sent = _exchange(server, head)
    _assert_too_large(status, headers, body, "1")


def test_a_route_that_reads_no_body_does_not_act_on_a_request_refused_for_its_size(server):
    order = fresh_order(server, "HK", force_close="15:45")
    head = _head(server, f"/work-orders/{order['id']}/withdraw", "maker", f"Content-Length: {3 * 2**20}")
    _assert_too_large(*_exchange(server, head)[:3], "1")
    with server.client("maker") as maker:
        assert maker.get(f"/work-orders/{order['id']}").json()["status"] == "pending"
        assert maker.post(f"/work-orders/{order['id']}/withdraw").status_code == 200


def test_a_chunked_body_is_refused_once_it_streams_past_the_limit(server):
    head = _head(server, "/messages/records/resend", "service", "Transfer-Encoding: chunked")
    status, headers, body, sent = _exchange(server, head, chunked=True)
    _assert_too_large(status, headers, body, "1")
    assert DEFAULT_BODY_MAX < sent < ENDLESS  # answered while the body was still coming


def test_a_confirmation_file_too_large_is_refused_as_a_file_declared_or_chunked(server):
    """The upload route's limit is the file's (5 MB), and it says so as every refused file does."""
    path = f"{Batch(server).path}/confirmation?file_name=confirmation.csv"
    declared = _head(server, path, "funds", f"Content-Length: {CONFIRMATION_MAX_BYTES + 1}")
    chunked = _head(server, path, "funds", "Transfer-Encoding: chunked")
    for status, headers, body, sent in (_exchange(server, declared), _exchange(server, chunked, chunked=True)):
        assert (status, headers["content-type"]) == (413, "application/problem+json"), body
        problem = httpx.Response(413, content=body).json()
        assert problem["code"] == "fund_confirmation_invalid" and problem["errors"][0]["code"] == "too_large"
        assert sent < ENDLESS


def test_an_ordinary_client_sending_twenty_megabytes_of_json_hears_413(server):
    with server.client("service") as client:
        response = client.post("/messages/records/resend", headers={"Idempotency-Key": str(uuid.uuid4())},
                               json={"record_ids": [1], "reason": "x" * (20 * 2**20)})
    assert (response.status_code, response.json()["code"]) == (413, "request_too_large")


def test_a_work_order_past_the_default_limit_is_read_and_judged(server):
    with server.client("maker") as maker:
        response = maker.post("/work-orders", headers={"Idempotency-Key": str(uuid.uuid4())},
                              json={"flow": "risk.credit.no_such_flow", "payload": {"x": "y" * (3 * 2**20)}})
    assert (response.status_code, response.json()["code"]) == (404, "unknown_flow")


def test_the_largest_legitimate_bodies_fit_their_limits():
    """As the desktop sends them (httpx's JSON: UTF-8, compact)."""
    def size(body) -> int:
        return int(encode_json(body)[0]["Content-Length"])

    row = LongMarginIn(symbol="S" * 16, market="HKEX", im=Decimal("0.123456"), mcm=Decimal("0.123456"),
                       mm=Decimal("0.123456"), fm=Decimal("0.123456"), financeable=False,
                       effective_from=datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=UTC), remark="😀" * 200)
    upload = LongMarginUpload(rows=[row] * MAX_BATCH_ROWS)
    order = WorkOrderSubmit(flow="risk.credit.upload_stock_margin_ratio", payload=upload.model_dump(mode="json"),
                            expected_versions={f"stock_margin:{i:016d}": 2**31 - 1 for i in range(MAX_BATCH_ROWS)})
    assert size(order.model_dump(mode="json")) < WORK_ORDER_BODY_MAX
    resend = BulkResendIn(record_ids=[MAX_MESSAGE_ID] * BULK_RESEND_MAX, reason="😀" * 200)
    decision = DecisionIn(decision="reject", level=MAX_STORED_ID, comment="😀" * 2000)
    assert max(size(resend.model_dump(mode="json")), size(decision.model_dump(mode="json"))) < DEFAULT_BODY_MAX / 50
