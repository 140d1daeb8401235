"""Delivery through real servers: Email to an aiosmtpd process that keeps mail in a Maildir, SMS to
the local stand-in of a gateway's HTTP API (backend/local_delivery); transient and permanent
failures; two dispatchers on the same queue deliver each attempt exactly once (SQLite and
PostgreSQL)."""

import json
import mailbox
import socket
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import insert, select

from backend.db.engine import make_engine
from backend.db.migrate import upgrade
from backend.db.session import Database
from backend.local_delivery.sms_gateway import read_sms_log, start_sms_gateway
from backend.messages.dispatcher import dispatch_once
from backend.messages.models import DeliveryAttempt, MessageRecord
from backend.messages.providers import EmailProvider, SmsProvider

pytestmark = pytest.mark.process  # delivery to real SMTP and SMS servers


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def smtp(tmp_path_factory):
    """A real SMTP server process keeping what it receives in a Maildir."""
    folder = tmp_path_factory.mktemp("smtp") / "maildir"  # the server creates it as a Maildir
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}",
                                "-c", "aiosmtpd.handlers.Mailbox", str(folder)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "the SMTP server did not start"
            time.sleep(0.1)
    yield port, folder
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="module")
def gateway(tmp_path_factory):
    """The embedded default's SMS gateway stand-in: numbers ending 0000 do not exist."""
    server = start_sms_gateway(tmp_path_factory.mktemp("sms"))
    yield server
    server.stop()


@pytest.fixture
def database(migrated_database) -> str:
    """A database of the test's own, migrated and empty (SQLite and PostgreSQL)."""
    return migrated_database


def _queue(url: str, messages: list[tuple[str, str, str]]) -> list[int]:
    """Records with one queued attempt each: (channel, template, recipient). Subjects are
    "Subject <token>-<id>": the Maildir is shared by every test of this module."""
    token = uuid.uuid4().hex[:8]
    engine = make_engine(url)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        start = (conn.scalar(select(MessageRecord.id).order_by(MessageRecord.id.desc()).limit(1)) or 0) + 1
        ids = list(range(start, start + len(messages)))
        conn.execute(insert(MessageRecord), [
            {"id": i, "account_no": "80000001", "channel": c, "template": t, "recipient": r,
             "subject": f"Subject {token}-{i}", "body": f"Body {i}", "status": "queued", "attempts": 1, "resendable": True,
             "created_at": now, "updated_at": now} for i, (c, t, r) in zip(ids, messages, strict=True)])
        conn.execute(insert(DeliveryAttempt), [{"record_id": i, "kind": "original", "status": "queued", "tries": 0,
                                                "created_at": now} for i in ids])
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SELECT setval(pg_get_serial_sequence('msg_records', 'id'), "
                                 "(SELECT max(id) FROM msg_records))")
    engine.dispose()
    return ids


def _records(url: str, ids: list[int]) -> dict[int, MessageRecord]:
    engine = make_engine(url)
    with engine.connect() as conn:
        rows = {r.id: r for r in conn.execute(select(MessageRecord).where(MessageRecord.id.in_(ids)))}
    engine.dispose()
    return rows


def _mail_for(folder, marker: str) -> list:
    return [m for m in mailbox.Maildir(folder) if marker in m["Subject"]]


def test_email_and_sms_are_delivered_for_real_and_a_refused_number_fails_with_its_reason(aio, database, smtp,
                                                                                        gateway):
    port, folder = smtp
    ids = _queue(database, [("email", "trade_confirmation", "client.a@example.com"),
                            ("sms", "margin_call", "+85291234567"), ("sms", "margin_call", "+85290000000")])
    providers = {"email": EmailProvider("127.0.0.1", port), "sms": SmsProvider(gateway.url)}
    db = Database(make_engine(database))
    assert aio(dispatch_once(db, providers)) == 3
    records = _records(database, ids)
    email, sms, refused = (records[i] for i in ids)
    [mail] = _mail_for(folder, email.subject)
    assert mail["To"] == "client.a@example.com" and email.status == "sent"
    assert email.provider_message_id == mail["Message-ID"]
    assert sms.status == "sent"
    [logged] = [m for m in read_sms_log(gateway.folder) if m["message_id"] == sms.provider_message_id]
    assert (logged["to"], logged["text"]) == ("+85291234567", sms.body)
    assert not [m for m in read_sms_log(gateway.folder) if m["to"] == "+85290000000"]
    assert (refused.status, refused.error) == ("failed", "SMS gateway refused: invalid number")
    assert aio(dispatch_once(db, providers)) == 0  # nothing left; the refusal is not retried
    db.engine.dispose()


def test_an_unreachable_server_is_retried_later_not_failed(aio, database):
    ids = _queue(database, [("email", "monthly_statement", "client.b@example.com")])
    db = Database(make_engine(database))
    assert aio(dispatch_once(db, {"email": EmailProvider("127.0.0.1", _free_port(), timeout=2)})) == 1
    record = _records(database, ids)[ids[0]]
    assert record.status == "queued" and "unreachable" in record.error
    assert aio(dispatch_once(db, {})) == 0  # backed off: not due yet
    db.engine.dispose()


def test_a_channel_without_a_provider_stays_queued_for_a_process_that_has_one(aio, database, smtp):
    port, _folder = smtp
    ids = _queue(database, [("push", "deposit_received", "device:80000001"),
                            ("email", "trade_confirmation", "client.c@example.com")])
    db = Database(make_engine(database))
    assert aio(dispatch_once(db, {"email": EmailProvider("127.0.0.1", port)})) == 1
    records = _records(database, ids)
    assert (records[ids[0]].status, records[ids[0]].error) == ("queued", None)
    assert records[ids[1]].status == "sent"
    db.engine.dispose()


def test_two_dispatchers_deliver_each_attempt_exactly_once(aio, database, smtp):
    """One dispatcher on this loop, the other on a loop of its own in another thread: their claims
    really overlap in the database."""
    import asyncio

    port, folder = smtp
    ids = _queue(database, [("email", "trade_confirmation", f"client{i}@example.com") for i in range(40)])
    providers = {"email": EmailProvider("127.0.0.1", port)}
    workers = [Database(make_engine(database)) for _ in range(2)]

    async def drain(db):
        handled = 0
        while (n := await dispatch_once(db, providers, limit=5)):
            handled += n
        return handled

    other: list[int] = []
    thread = threading.Thread(target=lambda: other.append(asyncio.run(drain(workers[1]))))
    thread.start()
    mine = aio(drain(workers[0]), timeout=120)
    thread.join(120)
    assert mine + other[0] == 40
    records = _records(database, ids)
    subjects = {r.subject for r in records.values()}
    delivered = [m["Subject"] for m in mailbox.Maildir(folder) if m["Subject"] in subjects]
    assert sorted(delivered) == sorted(subjects)  # each once, none twice
    assert {r.status for r in records.values()} == {"sent"}
    for db in workers:
        db.engine.dispose()


def test_the_backend_process_dispatches_by_itself_when_it_has_somewhere_to_send(smtp, tmp_path, monkeypatch):
    from tests.conftest import start_backend, stop_backend

    port, folder = smtp
    monkeypatch.setenv("OPSDESK_SMTP_PORT", str(port))
    monkeypatch.setenv("OPSDESK_DISPATCH_SECONDS", "0.2")
    url = f"sqlite:///{tmp_path / 'server.db'}"
    server = start_backend(url, tmp_path / "backend.log")
    try:
        [record_id] = _queue(url, [("email", "trade_confirmation", "client.z@example.com")])
        deadline = time.monotonic() + 30
        while _records(url, [record_id])[record_id].status != "sent":
            assert time.monotonic() < deadline, "the backend did not deliver"
            time.sleep(0.1)
        assert len(_mail_for(folder, _records(url, [record_id])[record_id].subject)) == 1
    finally:
        stop_backend(server)


class _RefusingHandler:
    """An SMTP server's answers: a mailbox that does not exist (550 at RCPT), a server busy for
    one recipient (451 after DATA), a message refused outright for another (554 after DATA)."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's API
        if address.startswith("nobody@"):
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's API
        if envelope.rcpt_tos[0].startswith("busy@"):
            return "451 4.3.0 Try again later"
        return "554 5.7.1 Message refused"


class _GatewayAnswers(BaseHTTPRequestHandler):
    """An SMS gateway answering by the number's last digits: 503 or 429 (busy), 400 with a plain
    text reason (refused)."""

    def do_POST(self):  # noqa: N802 - the http.server API
        to = json.loads(self.rfile.read(int(self.headers["Content-Length"])))["to"]
        status = int(to[-3:])
        body = b"number barred by the carrier" if status == 400 else b"{}"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - the http.server API
        pass


@pytest.fixture(scope="module")
def refusing_servers():
    """(SMTP port, gateway URL) of servers that refuse as _RefusingHandler and _GatewayAnswers do."""
    smtp = Controller(_RefusingHandler(), hostname="127.0.0.1", port=_free_port(), server_hostname="localhost")
    smtp.start()
    gateway = ThreadingHTTPServer(("127.0.0.1", 0), _GatewayAnswers)
    threading.Thread(target=gateway.serve_forever, daemon=True).start()
    yield smtp.port, f"http://127.0.0.1:{gateway.server_address[1]}/sms"
    gateway.shutdown()
    gateway.server_close()
    smtp.stop()


def test_refusals_fail_with_the_providers_reason_and_busy_answers_are_retried(aio, database, refusing_servers):
    smtp_port, gateway_url = refusing_servers
    cases = [  # (channel, recipient): (status, error)
        (("email", "nobody@example.com"), ("failed", "550 5.1.1 No such mailbox")),
        (("email", "busy@example.com"), ("queued", "451 4.3.0 Try again later")),
        (("email", "client.d@example.com"), ("failed", "554 5.7.1 Message refused")),
        (("sms", "+85291230503"), ("queued", "SMS gateway 503")),
        (("sms", "+85291230429"), ("queued", "SMS gateway 429")),
        (("sms", "+85291230400"), ("failed", "SMS gateway refused: number barred by the carrier")),
    ]
    ids = _queue(database, [(channel, "margin_call", recipient) for (channel, recipient), _ in cases])
    db = Database(make_engine(database))
    providers = {"email": EmailProvider("127.0.0.1", smtp_port), "sms": SmsProvider(gateway_url)}
    assert aio(dispatch_once(db, providers)) == len(cases)
    records = _records(database, ids)
    assert [(records[i].status, records[i].error) for i in ids] == [outcome for _, outcome in cases]
    assert aio(dispatch_once(db, providers)) == 0  # the busy ones are backed off, the refused never retried
    db.engine.dispose()


def test_an_unreachable_sms_gateway_is_retried_later(aio, database):
    ids = _queue(database, [("sms", "margin_call", "+85291234568")])
    db = Database(make_engine(database))
    assert aio(dispatch_once(db, {"sms": SmsProvider(f"http://127.0.0.1:{_free_port()}/sms", timeout=2)})) == 1
    record = _records(database, ids)[ids[0]]
    assert record.status == "queued" and record.error.startswith("SMS gateway unreachable: ")
    db.engine.dispose()


def test_a_failing_dispatch_pass_is_logged_and_retried_until_the_database_is_back(aio, gateway, tmp_path, caplog):
    import asyncio
    import contextlib

    from backend.messages.dispatcher import run_forever

    url = f"sqlite:///{tmp_path / 'not-yet' / 'messages.db'}"  # its folder does not exist yet
    db = Database(make_engine(url))

    async def fail_then_deliver() -> int:
        task = asyncio.create_task(run_forever(db, {"sms": SmsProvider(gateway.url)}, interval=0.01))
        while caplog.text.count("a dispatch pass failed") < 2:
            await asyncio.sleep(0.01)
        (tmp_path / "not-yet").mkdir()
        upgrade(url)
        [record_id] = _queue(url, [("sms", "margin_call", "+85291234569")])
        while _records(url, [record_id])[record_id].status != "sent":
            await asyncio.sleep(0.01)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        return record_id

    record_id = aio(fail_then_deliver())
    sent = _records(url, [record_id])[record_id]
    assert [m["to"] for m in read_sms_log(gateway.folder) if m["message_id"] == sent.provider_message_id] == [
        "+85291234569"]
    db.engine.dispose()
