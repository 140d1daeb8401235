"""Two backend instances (separate processes and ports) on one PostgreSQL behind HAProxy, and the
desktop's client signed in through the balancer. One instance is killed (SIGKILL) in the middle
of a submission and of a decision; the user's action completes through the other instance (the
client sends it again, with its idempotency key or its level), no order is lost or made twice, and
the audit chain verifies afterwards. The desktop's event stream, its instance killed, resumes
through the other from its last event and misses nothing published while it was down.

"The middle" is made certain, not timed: the test holds the audit chain's head lock, which every
audited write takes before it commits, so the request waits inside the instance that took it;
PostgreSQL's ``pg_stat_activity`` shows which one (each instance names its connections), and that
one is killed while it waits.
"""

from __future__ import annotations

import asyncio
import csv
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import text

from desktop.error_messages import message_for
from services.api_client import ApiClient, ApiError
from services.clients.approvals import ApprovalsClient
from services.clients.session import SessionClient
from services.contract.events import EventType
from services.contract.schemas import Decision, WorkOrderStatus, WorkOrderSubmit
from services.events.consumer import Backoff, EventConsumer
from services.events.sse import ServerEvent
from tests.backend.work_order_steps import FLOW, free_target, window
from tests.conftest import ROOT
from tests.fixtures.instances import APP_NAME_PREFIX, Cluster, cluster, until

pytestmark = pytest.mark.process


@pytest.fixture(scope="module")
def running(postgresql_cluster_template, tmp_path_factory) -> Iterator[Cluster]:
    """One cluster for the module: each test starts with both instances up (``balanced``)."""
    anchor = tmp_path_factory.mktemp("balanced-audit")
    with pytest.MonkeyPatch.context() as patch:
        # The chain's checkpoints of this database alone (the run's are of many), for verify-audit.
        patch.setenv("OPSDESK_AUDIT_KEY_FILE", str(anchor / "audit-key.pem"))
        patch.setenv("OPSDESK_AUDIT_CHECKPOINT_FILE", str(anchor / "audit-checkpoints.jsonl"))
        with cluster(postgresql_cluster_template, tmp_path_factory.mktemp("balanced")) as cluster_running:
            yield cluster_running


@pytest.fixture
def balanced(running: Cluster) -> Cluster:
    """The module's cluster: the instances a test before killed started again on their ports, the
    orders it left pending on the markets' windows withdrawn."""
    running.revive()
    for market in ("HK", "US"):
        free_target(running.instances["a"], market)
    return running


@contextmanager
def audit_head_held(engine) -> Iterator[None]:
    """The audit chain's head row locked by the test until the block ends."""
    with engine.connect() as conn, conn.begin() as transaction:
        conn.execute(text("SELECT 1 FROM audit_chain_head FOR UPDATE"))
        yield
        transaction.rollback()


def instance_waiting_on_a_lock(engine) -> str | None:
    """The instance ("a" or "b") whose database session waits on a lock now, if one does."""
    with engine.connect() as conn:
        name = conn.scalar(text(
            "SELECT application_name FROM pg_stat_activity "
            "WHERE wait_event_type = 'Lock' AND application_name LIKE :named LIMIT 1"),
            {"named": f"{APP_NAME_PREFIX}%"})
    return name.removeprefix(APP_NAME_PREFIX) if name else None


def kill_in_the_middle(running: Cluster, engine, started: asyncio.Task) -> str:
    """With the audit head held, waits for the request to wait inside an instance, kills that
    instance (SIGKILL), and lets the lock go; returns the killed instance's name."""
    with audit_head_held(engine):
        victim = until(lambda: instance_waiting_on_a_lock(engine) or (started.done() and "answered"),
                       "the request waiting inside an instance")
        assert victim in running.instances, f"the request {victim} before it reached the lock: {started}"
        process = running.instances[victim].process
        process.kill()
        process.wait()
    return victim


def verify_audit(url: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "backend", "--database-url", url, "verify-audit"],
                          cwd=ROOT, env=dict(os.environ), capture_output=True, text=True, timeout=120)


def orders_with_key(engine, key: str) -> int:
    with engine.connect() as conn:
        return conn.scalar(text("SELECT count(*) FROM work_orders WHERE idempotency_key = :key"), {"key": key})


async def signed_in(running: Cluster, username: str) -> ApprovalsClient:
    assert running.balancer is not None
    api = ApiClient(running.balancer.url)
    await SessionClient(api).login(username, f"{username}-demo")
    return ApprovalsClient(api)


def test_a_submission_whose_instance_is_killed_completes_through_the_other_once(balanced, aio):
    engine = balanced.engine()
    with engine.connect() as conn:
        earlier = conn.scalar(text("SELECT coalesce(max(id), 0) FROM work_orders"))  # other tests' orders
    key = str(uuid.uuid4())
    body = WorkOrderSubmit(flow=FLOW, payload=window("HK", force_close="15:31"))

    async def scenario():
        maker = await signed_in(balanced, "maker")
        try:
            submitting = asyncio.ensure_future(maker.submit(body, key))
            victim = await asyncio.to_thread(kill_in_the_middle, balanced, engine, submitting)
            return victim, await submitting
        finally:
            await maker._api.aclose()

    victim, order = aio(scenario())
    try:
        assert balanced.instances[victim].process.returncode == -9
        survivor = next(name for name in balanced.instances if name != victim)
        assert balanced.balancer is not None
        balanced.balancer.wait_for({victim: "DOWN", survivor: "UP"})
        assert order.status == WorkOrderStatus.PENDING
        assert orders_with_key(engine, key) == 1  # not lost, not made twice
        with engine.connect() as conn:
            pending = conn.scalar(text("SELECT count(*) FROM work_orders WHERE flow = :flow AND status = 'pending' "
                                       "AND id > :earlier"), {"flow": FLOW, "earlier": earlier})
        assert pending == 1
    finally:
        engine.dispose()
    checked = verify_audit(balanced.database_url)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_decision_whose_instance_is_killed_completes_through_the_other_once(balanced, aio):
    engine = balanced.engine()
    body = WorkOrderSubmit(flow=FLOW, payload=window("US", force_close="15:32"))

    async def scenario():
        maker, checker = await signed_in(balanced, "maker"), await signed_in(balanced, "checker")
        try:
            order = await maker.submit(body, str(uuid.uuid4()))
            deciding = asyncio.ensure_future(checker.approve(order.id, level=order.approvals + 1))
            victim = await asyncio.to_thread(kill_in_the_middle, balanced, engine, deciding)
            return order, victim, await deciding
        finally:
            for client in (maker, checker):
                await client._api.aclose()

    order, victim, decided = aio(scenario())
    try:
        assert balanced.instances[victim].process.returncode == -9
        assert decided.id == order.id
        assert [(d.level, d.decision) for d in decided.decisions] == [(1, Decision.APPROVE)]
        with engine.connect() as conn:
            decisions = conn.scalar(text("SELECT count(*) FROM work_order_decisions WHERE work_order_id = :id"),
                                    {"id": order.id})
        assert decisions == 1
    finally:
        engine.dispose()
    checked = verify_audit(balanced.database_url)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_event_stream_resumes_through_the_other_instance_missing_nothing(balanced, aio):
    """The checker's stream is on one instance; it is killed; an order is submitted while the
    stream is down; the stream reconnects through the balancer with its last event's id and gets
    that order's event from the other instance, not a resync."""
    assert balanced.balancer is not None
    balancer = balanced.balancer
    heard: list[ServerEvent] = []
    lives: list[bool] = []

    async def scenario():
        maker, checker = await signed_in(balanced, "maker"), await signed_in(balanced, "checker")
        # It reconnects only when told: the order below is made while it is certainly down.
        consumer = EventConsumer(checker._api, heard.append, lives.append, backoff=Backoff(first=3600, most=3600))
        reading = asyncio.ensure_future(consumer.run())
        try:
            await _until_async(lambda: [e for e in heard if e.type == EventType.RESYNC], "the stream's first resync")
            holder = until(lambda: _serving_one(balancer), "one instance holding the stream")
            before = await maker.submit(WorkOrderSubmit(flow=FLOW, payload=window("HK", force_close="15:29")),
                                        str(uuid.uuid4()))
            await _until_async(lambda: _submitted(heard, before.id), "the first order's event")
            process = balanced.instances[holder].process
            process.kill()
            await asyncio.to_thread(process.wait)
            await _until_async(lambda: lives[-1] is False, "the stream down")
            await asyncio.to_thread(balancer.wait_for, {holder: "DOWN"})
            await maker.withdraw(before.id)
            missed = await maker.submit(WorkOrderSubmit(flow=FLOW, payload=window("HK", force_close="15:28")),
                                        str(uuid.uuid4()))
            consumer.retry_now()
            await _until_async(lambda: _submitted(heard, missed.id), "the order made while the stream was down")
            return holder, before, missed, consumer.connections
        finally:
            reading.cancel()
            await asyncio.gather(reading, return_exceptions=True)
            for client in (maker, checker):
                await client._api.aclose()

    holder, before, missed, connections = aio(scenario())
    assert balanced.instances[holder].process.returncode == -9
    assert connections == 2
    types = [e.type for e in heard]
    assert types.count(EventType.RESYNC) == 1  # the first only: the reconnect resumed, it did not resync
    after_kill = types[types.index(EventType.WORK_ORDER_SUBMITTED) + 1:]
    assert EventType.WORK_ORDER_LEFT_INBOX in after_kill  # the withdrawal, also while it was down
    ids = [e.id for e in heard if e.id]
    assert len(ids) == len(set(ids))  # nothing twice
    assert before.id != missed.id


def _serving_one(balancer) -> str | None:
    """The instance HAProxy has a connection open to now, if exactly one has (the stream's)."""
    rows = csv.DictReader(balancer.command("show stat").lstrip("# ").splitlines())
    busy = [row["svname"] for row in rows if row["svname"] not in ("FRONTEND", "BACKEND") and int(row["scur"] or 0)]
    return busy[0] if len(busy) == 1 else None


def _submitted(heard: list[ServerEvent], order_id: int) -> bool:
    return any(e.type == EventType.WORK_ORDER_SUBMITTED and e.json().get("order_id") == order_id for e in heard)


async def _until_async(condition, what: str, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while not (seen := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        await asyncio.sleep(0.02)
    return seen


def test_a_submission_with_no_instance_left_fails_with_a_clear_message_and_makes_nothing(balanced, aio):
    assert balanced.balancer is not None
    key = str(uuid.uuid4())
    body = WorkOrderSubmit(flow=FLOW, payload=window("HK", force_close="15:27"))

    async def scenario():
        maker = await signed_in(balanced, "maker")
        try:
            for backend in balanced.instances.values():
                backend.process.kill()
                await asyncio.to_thread(backend.process.wait)
            await asyncio.to_thread(balanced.balancer.wait_for, {name: "DOWN" for name in balanced.instances})
            with pytest.raises(ApiError) as refused:
                await maker.submit(body, key)
            return refused.value
        finally:
            await maker._api.aclose()

    refused = aio(scenario())
    # The balancer's own 503 page, read as what it means to the user: the server is out of reach.
    assert (refused.status, refused.code, refused.is_network) == (503, "network", True)
    assert message_for(refused) == "Cannot reach the server. Check the network connection and the server address."
    engine = balanced.engine()
    try:
        assert orders_with_key(engine, key) == 0
    finally:
        engine.dispose()
