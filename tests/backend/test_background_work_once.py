"""Background work runs once across instances: two backend processes on one PostgreSQL both run
the message dispatcher and the setting records clock, passes a few hundredths of a second apart;
every queued message reaches a gateway exactly once, and every due setting record is applied
exactly once. Each instance delivers to an SMS gateway stand-in of its own, so the test sees both
at work, not one doing all of it. (Work-order expiry is no background pass: an order past its
expiry is recorded expired by the first transition that finds it, under the order's row lock.)
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from backend.audit.models import AuditEvent
from backend.local_delivery.servers import SMS_FOLDER, start_local_delivery
from backend.local_delivery.sms_gateway import read_sms_log
from backend.messages.dispatcher import BATCH
from backend.messages.models import DeliveryAttempt, MessageRecord
from backend.risk.models import MarginSetting
from tests.backend.margin_steps import UPDATE, row, submit, symbols
from tests.backend.work_order_steps import decide
from tests.fixtures.instances import Cluster, cluster, until

pytestmark = pytest.mark.process

# More than one of the dispatcher's batches: no claim takes them all, so both dispatchers claim
# some (the other's pass comes a few hundredths of a second later, long before a batch is sent).
MESSAGES = BATCH + 10
SETTINGS = 6


@pytest.fixture(scope="module")
def two_at_work(postgresql_cluster_template, tmp_path_factory) -> Iterator[tuple[Cluster, dict]]:
    folder = tmp_path_factory.mktemp("background")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OPSDESK_DISPATCH_SECONDS", "0.05")
        patch.setenv("OPSDESK_SETTINGS_CLOCK_SECONDS", "0.05")
        deliveries = {name: start_local_delivery(folder / f"delivery-{name}") for name in ("a", "b")}
        try:
            env = {name: {"OPSDESK_SMTP_HOST": d.smtp_host, "OPSDESK_SMTP_PORT": str(d.smtp_port),
                          "OPSDESK_SMS_GATEWAY_URL": d.sms_url} for name, d in deliveries.items()}
            with cluster(postgresql_cluster_template, folder, balanced=False, env=env) as running:
                yield running, {name: folder / f"delivery-{name}" for name in deliveries}
        finally:
            for delivery in deliveries.values():
                delivery.stop()


def _queue_sms(running: Cluster, count: int) -> list[str]:
    """``count`` SMS records with a queued resend each, in one transaction: the numbers."""
    numbers = [f"+8526{n:07d}" for n in range(1000001, 1000001 + count)]
    now = datetime.now(UTC)
    engine = running.engine()
    with engine.begin() as conn:
        for number in numbers:
            record_id = conn.execute(insert(MessageRecord).values(
                account_no="80000001", channel="sms", template="margin_call", recipient=number,
                subject="Margin call", body=f"Margin call {uuid.uuid4().hex[:8]}", status="queued",
                attempts=1, resendable=True, created_at=now, updated_at=now).returning(MessageRecord.id)).scalar_one()
            conn.execute(insert(DeliveryAttempt).values(record_id=record_id, kind="resend", status="queued",
                                                        tries=0, created_at=now))
    engine.dispose()
    return numbers


def _unfinished(running: Cluster) -> int:
    engine = running.engine()
    with engine.connect() as conn:
        left = conn.scalar(select(func.count()).select_from(DeliveryAttempt)
                           .where(DeliveryAttempt.status.in_(("queued", "sending"))))
    engine.dispose()
    return left


def test_each_queued_message_is_sent_once_by_one_of_two_dispatchers(two_at_work):
    running, folders = two_at_work
    numbers = _queue_sms(running, MESSAGES)
    until(lambda: _unfinished(running) == 0, "every queued message sent", timeout=120)
    sent = {name: [m["to"] for m in read_sms_log(folder / SMS_FOLDER)] for name, folder in folders.items()}
    assert Counter(sent["a"] + sent["b"]) == Counter(numbers)  # each exactly once
    assert sent["a"] and sent["b"], {name: len(to) for name, to in sent.items()}  # both dispatchers at work
    engine = running.engine()
    with engine.connect() as conn:
        statuses = Counter(conn.scalars(select(DeliveryAttempt.status)))
    engine.dispose()
    assert statuses == {"sent": MESSAGES}


def test_each_due_setting_record_is_applied_once_by_one_of_two_clocks(two_at_work):
    running, _folders = two_at_work
    backend = running.instances["a"]
    chosen = symbols(backend, "HK", SETTINGS, with_row=True)
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    for symbol in chosen:
        order = submit(backend, UPDATE, row(symbol, im="0.61", mcm="0.5", mm="0.45", fm="0.4",
                                            effective_from=tomorrow))
        assert order.status_code == 201, order.text
        assert decide(backend, "checker", order.json()["id"]).json()["status"] == "applied"
    engine = running.engine()
    try:
        with Session(engine) as session:
            pending = list(session.scalars(select(MarginSetting.id).where(
                MarginSetting.symbol.in_(chosen), MarginSetting.status == "pending")))
            assert len(pending) == SETTINGS
            # Their time comes now for both clocks at once (the processes read the system's clock).
            session.execute(update(MarginSetting).where(MarginSetting.id.in_(pending))
                            .values(effective_at=datetime.now(UTC) - timedelta(seconds=1)))
            session.commit()

        def applied() -> bool:
            with engine.connect() as conn:
                return conn.scalar(select(func.count()).select_from(MarginSetting).where(
                    MarginSetting.id.in_(pending), MarginSetting.status == "pending")) == 0

        until(applied, "every due setting applied", timeout=60)
        with Session(engine) as session:
            states = Counter(session.scalars(select(MarginSetting.status).where(MarginSetting.id.in_(pending))))
            # Each application is audited once, as applied or as found already live.
            applications = Counter(session.scalars(select(AuditEvent.entity_id).where(
                AuditEvent.action.in_(("margin_setting.apply", "margin_setting.already_live")),
                AuditEvent.entity_id.in_([str(i) for i in pending]))))
        assert states == {"applied": SETTINGS}
        assert applications == Counter({str(i): 1 for i in pending}), applications
    finally:
        engine.dispose()
