"""Local delivery of the embedded default: ``python -m backend --local-delivery DIR`` runs a real SMTP
server keeping mail in DIR/mail and an SMS gateway stand-in logging to DIR/sms; a resend over HTTP
arrives there (SQLite and PostgreSQL). The servers are also tested on their own."""

import contextlib
import mailbox
import random
import smtplib
import socket
import threading
import time
import uuid
from datetime import UTC, datetime
from email.message import EmailMessage

import httpx
import pytest
from sqlalchemy import insert

from backend.local_delivery.mail_server import start_mail_server
from backend.local_delivery.servers import MAIL_FOLDER, SMS_FOLDER, start_local_delivery
from backend.local_delivery.sms_gateway import read_sms_log, start_sms_gateway
from backend.messages.models import DeliveryAttempt, MessageRecord
from tests.conftest import LiveBackend
from tests.fixtures.app_backend import demo_backend_process

pytestmark = pytest.mark.process  # real SMTP and SMS servers on real ports, and backends delivering to them

PATH = "/messages/records"
DEADLINE = 30.0


# --- the SMS gateway stand-in and the mail server on their own ----------------------------------

@pytest.fixture
def gateway(tmp_path):
    server = start_sms_gateway(tmp_path / "sms")
    yield server
    server.stop()


def test_the_gateway_accepts_logs_and_numbers_on_after_a_restart(gateway, tmp_path):
    answer = httpx.post(gateway.url, json={"to": "+85291234567", "text": "保證金追繳 margin call"})
    assert (answer.status_code, answer.json()) == (200, {"message_id": "local-1"})
    [logged] = read_sms_log(tmp_path / "sms")
    assert logged["message_id"] == "local-1" and logged["to"] == "+85291234567"
    assert logged["text"] == "保證金追繳 margin call"
    assert datetime.fromisoformat(logged["received_at"]).tzinfo is not None
    gateway.stop()
    again = start_sms_gateway(tmp_path / "sms")  # the same folder: ids go on, the log is kept
    try:
        assert httpx.post(again.url, json={"to": "+85291234568", "text": "b"}).json() == {"message_id": "local-2"}
    finally:
        again.stop()
    assert [m["message_id"] for m in read_sms_log(tmp_path / "sms")] == ["local-1", "local-2"]


@pytest.mark.parametrize(("request_body", "code", "error"), [
    (b'{"to": "+85261230000", "text": "x"}', 400, "invalid number"),
    (b'{"to": "+852612', 400, "malformed JSON"),
    (b'\xff\xfe', 400, "malformed JSON"),
    (b'["+85291234567", "x"]', 400, "'to' and 'text' are required strings"),
    (b'{"to": "+85291234567"}', 400, "'to' and 'text' are required strings"),
    (b'{"to": "", "text": "x"}', 400, "'to' and 'text' are required strings"),
])
def test_the_gateway_refuses_numbers_ending_0000_and_malformed_requests(gateway, request_body, code, error):
    answer = httpx.post(gateway.url, content=request_body, headers={"Content-Type": "application/json"})
    assert (answer.status_code, answer.json()) == (code, {"error": error})
    assert read_sms_log(gateway.folder) == []


def test_the_gateway_answers_only_on_its_send_path(gateway):
    answer = httpx.post(gateway.url.replace("/send", "/other"), json={"to": "+85291234567", "text": "x"})
    assert answer.status_code == 404


def test_the_mail_server_keeps_what_it_accepts_in_a_maildir_and_stops(tmp_path):
    server = start_mail_server(tmp_path / "delivery" / "mail")
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "no-reply@opsdesk.local", "chan@example.com", "Hello"
    message.set_content("Statement ready.")
    try:
        with smtplib.SMTP("127.0.0.1", server.port, timeout=10) as client:
            client.send_message(message)
    finally:
        server.stop()
    [kept] = mailbox.Maildir(tmp_path / "delivery" / "mail", create=False)
    assert (kept["To"], kept["Subject"], kept["X-RcptTo"]) == ("chan@example.com", "Hello", "chan@example.com")
    assert kept.get_payload(decode=True).decode().strip() == "Statement ready."
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", server.port), timeout=2).close()


# --- end to end: a backend process with --local-delivery, resends over HTTP --------------------

@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def delivering(request, tmp_path_factory):
    """A demo backend delivering to its own local servers; yields (backend, delivery folder)."""
    folder = tmp_path_factory.mktemp("local-delivery")
    template = request.getfixturevalue(f"{request.param}_template")
    with contextlib.ExitStack() as stack:
        with pytest.MonkeyPatch.context() as env:
            env.setenv("OPSDESK_DISPATCH_SECONDS", "0.2")  # the child reads it when it starts
            backend = stack.enter_context(demo_backend_process(
                template, folder / "backend.log", "--local-delivery", str(folder / "delivery")))
        yield backend, folder / "delivery"


def _add_record(backend: LiveBackend, channel: str, template: str, recipient: str) -> tuple[int, str, str]:
    """A record delivered long ago, as a customer-service operator would look it up: (id, subject,
    body), each unique to this test."""
    token = uuid.uuid4().hex[:8]
    subject, body = f"Trade confirmation {token}", f"Your order {token} was filled at 388.20 HKD."
    now = datetime.now(UTC)
    engine = backend.engine()
    with engine.begin() as conn:
        record_id = conn.execute(insert(MessageRecord).values(
            account_no="80000001", channel=channel, template=template, recipient=recipient, subject=subject,
            body=body, status="delivered", provider_message_id=f"pm-{token}", attempts=1, resendable=True,
            created_at=now, updated_at=now).returning(MessageRecord.id)).scalar_one()
        conn.execute(insert(DeliveryAttempt).values(record_id=record_id, kind="original", status="delivered",
                                                    tries=0, provider_message_id=f"pm-{token}", created_at=now,
                                                    finished_at=now))
    engine.dispose()
    return record_id, subject, body


def _resend_and_wait(backend: LiveBackend, record_id: int, recipient: str) -> dict:
    """Resends as the customer-service demo user; returns the record as the list shows it once
    the dispatcher has finished with it."""
    with backend.client("service") as client:
        answer = client.post(f"{PATH}/{record_id}/resend", json={"reason": "Customer asked again"},
                             headers={"Idempotency-Key": str(uuid.uuid4())})
        assert answer.status_code == 202, answer.text
        deadline = time.monotonic() + DEADLINE
        while True:
            page = client.get(PATH, params={"recipient": recipient})
            assert page.status_code == 200, page.text
            [row] = [r for r in page.json()["items"] if r["id"] == record_id]
            if row["status"] not in ("queued", "sending"):
                return row
            assert time.monotonic() < deadline, f"record {record_id} still {row['status']}: " \
                                                f"{backend.log_path.read_text(errors='replace')[-2000:]}"
            time.sleep(0.1)


def _phone(ending: str = "") -> str:
    digits = f"{random.randrange(10**6, 10**7)}"
    number = f"+8526{digits[:7 - len(ending)]}{ending}"
    return number if ending or not number.endswith("0000") else _phone()


def test_a_resent_email_arrives_in_the_local_mailbox(delivering):
    backend, delivery = delivering
    recipient = f"client.{uuid.uuid4().hex[:8]}@example.com"
    record_id, subject, body = _add_record(backend, "email", "trade_confirmation", recipient)
    row = _resend_and_wait(backend, record_id, recipient)
    assert (row["status"], row["error"], row["attempts"]) == ("sent", None, 2)
    mail = [m for m in mailbox.Maildir(delivery / MAIL_FOLDER, create=False)
            if m["Subject"] == subject and m["To"] == recipient]
    assert len(mail) == 1
    assert mail[0]["X-RcptTo"] == recipient  # the recorded address, not the masked one
    assert mail[0]["Message-ID"] == row["provider_message_id"]
    assert mail[0].get_payload(decode=True).decode().strip() == body


def test_a_resent_sms_reaches_the_gateway_stand_in(delivering):
    backend, delivery = delivering
    number = _phone()
    record_id, _subject, body = _add_record(backend, "sms", "margin_call", number)
    row = _resend_and_wait(backend, record_id, number)
    assert (row["status"], row["error"]) == ("sent", None)
    logged = [m for m in read_sms_log(delivery / SMS_FOLDER) if m["to"] == number]
    assert [(m["text"], m["message_id"]) for m in logged] == [(body, row["provider_message_id"])]


def test_an_sms_to_a_number_the_gateway_refuses_fails_with_its_reason(delivering):
    backend, delivery = delivering
    number = _phone("0000")
    record_id, _subject, _body = _add_record(backend, "sms", "margin_call", number)
    row = _resend_and_wait(backend, record_id, number)
    assert (row["status"], row["error"]) == ("failed", "SMS gateway refused: invalid number")
    assert not [m for m in read_sms_log(delivery / SMS_FOLDER) if m["to"] == number]


def _listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except OSError:
        return False
    return True


def test_the_local_servers_start_and_stop_together(tmp_path):
    delivery = start_local_delivery(tmp_path)
    sms_port = httpx.URL(delivery.sms_url).port
    assert delivery.smtp_host == "127.0.0.1"
    assert _listening(delivery.smtp_port) and _listening(sms_port)
    delivery.stop()
    assert not _listening(delivery.smtp_port) and not _listening(sms_port)


def test_a_mail_server_is_not_left_running_when_the_sms_stand_in_cannot_start(tmp_path):
    (tmp_path / SMS_FOLDER).write_text("a file where the SMS folder goes", encoding="utf-8")
    threads = threading.active_count()
    with pytest.raises(OSError):
        start_local_delivery(tmp_path)
    assert (tmp_path / MAIL_FOLDER).is_dir()  # the mail server had started
    assert threading.active_count() == threads  # and was stopped, its thread ended
