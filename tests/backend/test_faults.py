"""Fault injection against the real backend process: nothing a fault interrupts is left half done.

- The backend is SIGKILLed while it applies a margin upload of two levels (the last approval), at
  moments of the request the test sees happen (never at a time): waiting inside its transaction,
  writing, at the commit with every row written, just after the commit; on SQLite and on
  PostgreSQL. Each restart finds the upload applied whole or not at all, and deciding again then
  applies it exactly once. It is also killed during a submit, writing and just after its commit:
  the same Idempotency-Key retried after the restart makes exactly one order.
- PostgreSQL is cut off (a TCP proxy between the backend and the database resets every
  connection and refuses new ones) while requests arrive: they answer 503 database_unavailable at
  once, /health says so, the desktop's client says so in words, and the same process answers
  again when the database comes back; a write made after the recovery persists.

Each scenario prints what it injected and what was lost (always nothing).
"""

import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from backend.audit.models import AuditEvent
from backend.audit.verify import verify
from backend.db.engine import PG_CONNECT_TIMEOUT, make_engine
from backend.risk.models import DayTradeWindowRow, LongMarginRow, Security
from backend.work_orders.models import WorkOrder, WorkOrderDecision, WorkOrderLock, WorkOrderTarget
from desktop import i18n
from desktop.connection_monitor import ConnectionMonitor, ConnectionState
from desktop.error_messages import message_for
from services.api_client import ApiClient, ApiError
from services.clients.approvals import ApprovalsClient
from services.clients.session import SessionClient
from services.contract.errors import ErrorCode
from services.contract.queries import WorkOrderQuery
from services.rules.stock_margin import TWO_LEVEL_THRESHOLD
from tests.backend.margin_steps import UPLOAD, row
from tests.backend.work_order_steps import FLOW as WINDOW_FLOW
from tests.backend.work_order_steps import window
from tests.conftest import LiveBackend, named_session_url, start_backend, stop_backend
from tests.fixtures.instances import until as poll_until
from tests.fixtures.tcp_proxy import TcpProxy
from tests.qt_fixtures import until

pytestmark = pytest.mark.process  # backends killed with SIGKILL, PostgreSQL cut off through a proxy

DEMO = ("--demo", "--demo-accounts", "200")
# The kills land at moments the test sees happen, never at a time: a request is killed
# - "locked": inside its transaction, waiting for the order's row, which the test holds (PostgreSQL);
# - "writing": inside its transaction (SQLite: it holds the database's write lock, taken by its
#   first statement; PostgreSQL: it has written, and is writing the margin rows);
# - "committing": every row written, its commit waiting for the audit chain's head, which the test
#   holds (PostgreSQL: the head is locked last, right before the commit);
# - "applied": just after its commit, as another connection reads it; the answer may not be out.
KILL_MOMENTS = {"sqlite": ("writing", "applied"), "postgresql": ("locked", "writing", "committing", "applied")}
SUBMIT_KILL_MOMENTS = ("writing", "committed")  # committed: the key's order is there, unanswered maybe
# Just enough rows to need the second level (the last approval applies); each moment is seen, not timed.
UPLOAD_ROWS = TWO_LEVEL_THRESHOLD + 1
# The background passes once at the start, then an hour apart: on SQLite no pass's brief write
# transaction is there to be taken for the request's.
QUIET_PASSES = ("OPSDESK_DISPATCH_SECONDS", "OPSDESK_SETTINGS_CLOCK_SECONDS", "OPSDESK_AUDIT_CHECKPOINT_SECONDS")
APP_NAME = "opsdesk-crashable"  # the backend's PostgreSQL sessions, told apart from the test's
PROMPT = 5.0  # seconds: a 503 for an unreachable database comes at once, never after minutes


class Watcher:
    """Sees from outside what the backend's request is doing, on connections of the test's own
    opened beforehand: ``writing(table)``, ``waiting()`` for a lock, ``status(order_id)``; and
    ``holding(sql)``: a row of the test's locked for the block (PostgreSQL)."""

    def __init__(self, url: str):
        self.dialect = make_url(url).get_backend_name()
        if self.dialect == "sqlite":
            # No wait for the lock: refused at once while another connection holds it.
            self._sqlite = sqlite3.connect(make_url(url).database, timeout=0, isolation_level=None)
        else:
            self._engine = make_engine(url)
            self._conn = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")

    def _one(self, sql: str, **params):
        if self.dialect == "sqlite":
            return self._sqlite.execute(sql, params).fetchone()
        return self._conn.execute(text(sql), params).first()

    def writing(self, table: str) -> bool:
        if self.dialect == "sqlite":
            try:
                self._sqlite.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError:  # database is locked: a write transaction is open
                return True
            self._sqlite.execute("ROLLBACK")
            return False
        return self._one(
            "SELECT 1 FROM pg_stat_activity WHERE application_name = :name AND backend_xid IS NOT NULL "
            "AND query LIKE :table", name=APP_NAME, table=f"%{table}%") is not None

    def waiting(self) -> bool:
        return self._one("SELECT 1 FROM pg_stat_activity WHERE application_name = :name "
                         "AND wait_event_type = 'Lock'", name=APP_NAME) is not None

    def status(self, order_id: int) -> str | None:
        found = self._one("SELECT status FROM work_orders WHERE id = :id", id=order_id)
        return found[0] if found else None

    def order_with_key(self, key: str) -> bool:
        return self._one("SELECT id FROM work_orders WHERE idempotency_key = :key", key=key) is not None

    @contextmanager
    def holding(self, sql: str) -> Iterator[None]:
        with self._engine.connect() as conn, conn.begin() as transaction:
            conn.execute(text(sql))
            yield
            transaction.rollback()

    def close(self) -> None:
        if self.dialect == "sqlite":
            self._sqlite.close()
        else:
            self._conn.close()
            self._engine.dispose()


@dataclass
class Crashable:
    """A backend process on one database that the test kills and starts again."""

    database_url: str
    folder: Path
    backend: LiveBackend | None = None
    starts: int = 0
    outcomes: list[str] = field(default_factory=list)

    @property
    def dialect(self) -> str:
        return make_url(self.database_url).get_backend_name()

    def start(self) -> LiveBackend:
        tokens = self.backend.tokens if self.backend else {}  # sessions live in the database
        self.starts += 1
        url = self.database_url if self.dialect == "sqlite" else named_session_url(self.database_url, APP_NAME)
        with pytest.MonkeyPatch.context() as patch:  # the child reads its environment as it starts
            for name in QUIET_PASSES:
                patch.setenv(name, "3600")
            self.backend = start_backend(url, self.folder / f"backend-{self.starts}.log", *DEMO)
        self.backend.tokens.update(tokens)
        return self.backend

    def kill_when(self, seen: Callable[[Watcher], bool], user: str, method: str, path: str,
                  hold: str | None = None, **kwargs) -> httpx.Response | None:
        """Sends the request, SIGKILLs the backend once ``seen`` (polled) or the answer came, with
        ``hold`` (a locking statement) held by the test meanwhile, and starts a new one; returns the
        response if it came before the kill."""
        backend = self.backend
        headers = {"Authorization": f"Bearer {backend.token(user)}", **kwargs.pop("headers", {})}
        with backend.client(user) as client:  # its token just used: no idle token's brief write to see
            assert client.get("/me").status_code == 200
        answer: list[httpx.Response] = []

        def send():
            try:
                answer.append(httpx.request(method, f"{backend.url}{path}", headers=headers, timeout=60, **kwargs))
            except httpx.TransportError:
                pass  # the process died under the request

        watcher = Watcher(self.database_url)
        try:
            with watcher.holding(hold) if hold else nullcontext():
                thread = threading.Thread(target=send)
                thread.start()
                poll_until(lambda: answer or seen(watcher), "the moment to kill", timeout=120)
                backend.process.kill()
                backend.process.wait()
        finally:
            watcher.close()
        thread.join(60)
        backend.process.stdin.close()
        backend.process.stdout.close()
        self.start()
        return answer[0] if answer else None

    def stop(self) -> None:
        if self.backend is not None:
            stop_backend(self.backend)


def at_moment(moment: str, order_id: int) -> dict:
    """``kill_when``'s ``seen`` and ``hold`` for the last approval of ``order_id`` at ``moment``."""
    return {
        "locked": {"seen": Watcher.waiting, "hold": f"SELECT 1 FROM work_orders WHERE id = {order_id} FOR UPDATE"},
        "writing": {"seen": lambda watcher: watcher.writing("risk_stock_margins")},
        "committing": {"seen": Watcher.waiting, "hold": "SELECT 1 FROM audit_chain_head FOR UPDATE"},
        "applied": {"seen": lambda watcher: watcher.status(order_id) == "applied"},
    }[moment]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def crashable(request, tmp_path_factory):
    template = request.getfixturevalue(f"{request.param}_template")
    with template.copy() as url:  # seeded already: each restart starts in about a second
        subject = Crashable(url, tmp_path_factory.mktemp(f"crash-{request.param}"))
        subject.start()
        subject.backend.tokens.update(template.tokens)
        yield subject
        subject.stop()


# --- reading the database behind the backend's back ----------------------------------------------


def market_symbols(url: str, market: str) -> list[str]:
    engine = make_engine(url)
    with Session(engine) as session:
        found = list(session.scalars(select(Security.symbol).where(Security.market == market)
                                     .order_by(Security.symbol)))
    engine.dispose()
    return found


def margins(url: str, market: str) -> dict[str, tuple[Decimal, int]]:
    """symbol → (IM, version) of the live long margin rows of ``market``."""
    engine = make_engine(url)
    with engine.connect() as conn:
        found = {symbol: (im, version) for symbol, im, version in conn.execute(
            select(LongMarginRow.symbol, LongMarginRow.im, LongMarginRow.version)
            .where(LongMarginRow.market == market))}
    engine.dispose()
    return found


@dataclass(frozen=True)
class OrderState:
    status: str
    approvals: int
    levels_decided: tuple[int, ...]
    locks: int
    targets: int
    applies: int  # work_order.apply audit events: how often it was applied


def order_state(url: str, order_id: int) -> OrderState:
    engine = make_engine(url)
    with Session(engine) as session:
        order = session.get(WorkOrder, order_id)
        state = OrderState(
            order.status, order.approvals,
            tuple(session.scalars(select(WorkOrderDecision.level).where(WorkOrderDecision.work_order_id == order_id)
                                  .order_by(WorkOrderDecision.level))),
            session.scalar(select(func.count()).select_from(WorkOrderLock).where(WorkOrderLock.work_order_id == order_id)),
            session.scalar(select(func.count()).select_from(WorkOrderTarget)
                           .where(WorkOrderTarget.work_order_id == order_id)),
            session.scalar(select(func.count()).select_from(AuditEvent).where(
                AuditEvent.action == "work_order.apply", AuditEvent.entity_id == str(order_id))))
    engine.dispose()
    return state


def orders_with_key(url: str, key: str) -> list[int]:
    engine = make_engine(url)
    with Session(engine) as session:
        found = list(session.scalars(select(WorkOrder.id).where(WorkOrder.idempotency_key == key)))
    engine.dispose()
    return found


def audit_chain_intact(url: str) -> bool:
    engine = make_engine(url)
    with Session(engine) as session:
        report = verify(session)
    engine.dispose()
    return report.intact


def upload(symbols: list[str], im: str) -> dict:
    """An upsert of every symbol to one ladder (US floors: IM ≥ 0.5, MM ≥ 0.25)."""
    return {"flow": UPLOAD, "payload": {"mode": "upsert", "rows": [
        row(s, im=im, mcm="0.7", mm="0.6", fm="0.5") for s in symbols]}}


def submitted(backend: LiveBackend, body: dict, key: str | None = None) -> dict:
    with backend.client("maker") as client:
        response = client.post("/work-orders", json=body, headers={"Idempotency-Key": key or str(uuid.uuid4())})
    assert response.status_code == 201, response.text
    return response.json()


def decided(backend: LiveBackend, user: str, order_id: int, level: int = 1) -> httpx.Response:
    with backend.client(user) as client:
        return client.post(f"/work-orders/{order_id}/decisions",
                           json={"decision": "approve", "level": level, "comment": None})


# --- the backend killed ---------------------------------------------------------------------------


def submitted_despite_kills(crashable: Crashable, body: dict) -> dict:
    """``body`` submitted with one Idempotency-Key, the backend killed while the submit writes and
    again just after its commit (the same request sent again after the restart): the key retried
    then makes exactly one order, and again answers that order."""
    url, key = crashable.database_url, str(uuid.uuid4())
    seen = {"writing": lambda watcher: watcher.writing("work_order"),
            "committed": lambda watcher: watcher.order_with_key(key)}
    answers = []
    for moment in SUBMIT_KILL_MOMENTS:
        answers.append(crashable.kill_when(seen[moment], "maker", "POST", "/work-orders", json=body,
                                           headers={"Idempotency-Key": key}))
        assert len(orders_with_key(url, key)) <= 1
    existing = orders_with_key(url, key)  # made by the killed request that committed before dying
    assert existing, "the last kill came before the commit"
    with crashable.backend.client("maker") as client:
        retried = client.post("/work-orders", json=body, headers={"Idempotency-Key": key})
        assert (retried.status_code, [retried.json()["id"]]) == (200, existing), retried.text
        again = client.post("/work-orders", json=body, headers={"Idempotency-Key": key})
    assert (again.status_code, again.json()["id"]) == (200, retried.json()["id"])
    assert orders_with_key(url, key) == existing
    rows = len(body["payload"]["rows"])
    state = order_state(url, retried.json()["id"])
    assert (state.status, state.targets, state.locks) == ("pending", rows, rows)
    print(f"\n[faults] {crashable.dialect}: submit of {rows:,} rows killed {len(SUBMIT_KILL_MOMENTS)} times "
          f"({', '.join(SUBMIT_KILL_MOMENTS)}; {sum(a is None for a in answers)} before its answer), then retried "
          f"with the same key ({retried.status_code}): 1 order; lost or doubled: nothing")
    return retried.json()


def test_a_backend_killed_during_a_submit_or_the_last_approval_makes_one_order_applied_whole_or_not_at_all(
        crashable):
    url = crashable.database_url
    market = market_symbols(url, "US")
    assert len(market) > UPLOAD_ROWS
    symbols = market[::len(market) // UPLOAD_ROWS][:UPLOAD_ROWS]  # across the market: new rows and changed
    uploaded = set(symbols)

    def expect_applied(order_id: int, im: str, before: dict) -> None:
        after = margins(url, "US")
        assert order_state(url, order_id) == OrderState("applied", 2, (1, 2), 0, len(symbols), 1)
        assert {s for s in symbols if after.get(s) != (Decimal(im), before[s][1] + 1 if s in before else 1)} == set()
        assert {s: v for s, v in after.items() if s not in uploaded} == {
            s: v for s, v in before.items() if s not in uploaded}  # the rest as they were

    # The control first: an order whose submit is killed twice, then approved undisturbed.
    im_values = iter(("0.81", "0.82", "0.83", "0.84", "0.85", "0.86", "0.87", "0.88", "0.89"))
    im, before = next(im_values), margins(url, "US")
    control = submitted_despite_kills(crashable, upload(symbols, im))
    assert decided(crashable.backend, "checker", control["id"]).status_code == 200
    response = decided(crashable.backend, "checker2", control["id"], level=2)
    assert response.json()["status"] == "applied"
    expect_applied(control["id"], im, before)

    order = None
    for moment in KILL_MOMENTS[crashable.dialect]:
        if order is None:  # a fresh order, approved at its first level, changing every row
            im, before = next(im_values), margins(url, "US")
            order = submitted(crashable.backend, upload(symbols, im))
            assert decided(crashable.backend, "checker", order["id"]).status_code == 200
        answer = crashable.kill_when(**at_moment(moment, order["id"]), user="checker2", method="POST",
                                     path=f"/work-orders/{order['id']}/decisions",
                                     json={"decision": "approve", "level": 2, "comment": None})
        state = order_state(url, order["id"])
        print(f"  killed {moment}: answered {answer is not None}, {state.status}")
        if moment == "applied":
            assert state.status == "applied"
        if state.status == "applied":
            expect_applied(order["id"], im, before)
            crashable.outcomes.append("whole")
            # The answer may have been lost: deciding again is refused, never a second apply.
            again = decided(crashable.backend, "checker2", order["id"], level=2)
            assert (again.status_code, again.json()["code"]) == (409, ErrorCode.NOT_PENDING)
            assert order_state(url, order["id"]).applies == 1
            order = None
        else:  # deciding again after the restart applies it, once (the next moment's request)
            assert answer is None, answer.text
            assert state == OrderState("pending", 1, (1,), len(symbols), len(symbols), 0)
            assert margins(url, "US") == before
            crashable.outcomes.append("nothing")

    if order is not None:  # the last kills left it pending: deciding again applies it, once
        response = decided(crashable.backend, "checker2", order["id"], level=2)
        assert response.status_code == 200 and response.json()["status"] == "applied", response.text
        expect_applied(order["id"], im, before)
    assert audit_chain_intact(url)
    assert "nothing" in crashable.outcomes, "no kill landed before the commit"
    print(f"\n[faults] {crashable.dialect}: apply of {len(symbols):,} rows killed {len(crashable.outcomes)} times "
          f"({', '.join(KILL_MOMENTS[crashable.dialect])}): {crashable.outcomes.count('whole')} applied whole, "
          f"{crashable.outcomes.count('nothing')} not at all, 0 partial; lost: nothing")


# --- the database cut off -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def behind_proxy(postgresql_template, tmp_path_factory):
    """(backend, proxy, direct URL): a backend whose PostgreSQL connections all go through a proxy."""
    with postgresql_template.copy() as url:
        direct = make_url(url)
        if not direct.host or direct.host.startswith("/"):
            pytest.skip("the test database is reached through a Unix socket, not TCP")
        with TcpProxy(direct.port or 5432, direct.host) as proxy:
            proxied = direct.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
            backend = start_backend(proxied, tmp_path_factory.mktemp("behind-proxy") / "backend.log", *DEMO)
            yield backend, proxy, url
            stop_backend(backend)


def expect_database_unavailable(response: httpx.Response, elapsed: float) -> None:
    assert elapsed < PROMPT, f"{response.request.url.path} took {elapsed:.1f}s"
    assert response.status_code == 503, response.text
    if response.request.url.path == "/health":
        assert response.json()["status"] == "degraded"
        return
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == ErrorCode.DATABASE_UNAVAILABLE
    assert response.headers["retry-after"] == "5"


def day_trade_start(url: str, market: str) -> str:
    engine = make_engine(url)
    with Session(engine) as session:
        start = session.get(DayTradeWindowRow, market).start
    engine.dispose()
    return start.strftime("%H:%M")


def test_the_database_cut_off_for_a_while_answers_503_at_once_and_recovers_without_a_restart(
        behind_proxy, aio, shell_app):
    backend, proxy, direct_url = behind_proxy
    pid = backend.process.pid
    key = str(uuid.uuid4())
    body = {"flow": WINDOW_FLOW, "payload": window("HK", start="09:45")}
    requests = (("GET", "/health", {}),
                ("GET", "/work-orders", {"params": {"view": "mine"}}),
                ("POST", "/work-orders", {"json": body, "headers": {"Idempotency-Key": key}}),
                ("POST", "/auth/login", {"json": {"username": "checker", "password": "checker-demo"}}))
    api = ApiClient(backend.url)
    aio(SessionClient(api).login("maker", "maker-demo"))
    approvals = ApprovalsClient(api)
    monitor = ConnectionMonitor(api)
    with backend.client("maker") as client:
        assert client.get("/work-orders", params={"view": "mine"}).status_code == 200
        assert day_trade_start(direct_url, "HK") != "09:45"

        reset = proxy.cut()
        assert reset >= 1  # the pool's idle connections: the backend finds them dead on next use
        refused = 0
        for _ in range(3):  # away for a while: every try answers at once, and clearly
            for method, path, kwargs in requests:
                started = time.monotonic()
                response = client.request(method, path, **kwargs)
                expect_database_unavailable(response, time.monotonic() - started)
                refused += 1
            time.sleep(0.3)

        # The desktop says it in words, in either language, and its status bar says "degraded".
        with pytest.raises(ApiError) as info:
            aio(approvals.work_orders(WorkOrderQuery(view="mine")))
        assert (info.value.status, info.value.code) == (503, ErrorCode.DATABASE_UNAVAILABLE)
        assert message_for(info.value) == "The server's database is unavailable. Please try again later."
        i18n.set_language("zh_Hant")
        try:
            assert message_for(info.value) == "伺服器資料庫暫時無法使用，請稍後再試。"
        finally:
            i18n.set_language("en")
        monitor.check_now()
        aio(until(lambda: monitor.state == ConnectionState.DEGRADED, message="degraded"))
        assert orders_with_key(direct_url, key) == []  # nothing half-written while it was away

        proxy.resume()
        started = time.monotonic()
        health = client.get("/health")
        assert (health.status_code, health.json()["status"]) == (200, "ok")
        assert time.monotonic() - started < PROMPT
        assert backend.process.poll() is None and backend.process.pid == pid  # the same process
        monitor.check_now()
        aio(until(lambda: monitor.state == ConnectionState.CONNECTED, message="connected again"))
        assert aio(approvals.work_orders(WorkOrderQuery(view="mine"))).items == []

        # The submit refused while it was away goes through now, once; its approval is applied.
        submitted_now = client.post("/work-orders", json=body, headers={"Idempotency-Key": key})
        assert submitted_now.status_code == 201, submitted_now.text
    assert orders_with_key(direct_url, key) == [submitted_now.json()["id"]]
    applied = decided(backend, "checker", submitted_now.json()["id"])
    assert applied.status_code == 200 and applied.json()["status"] == "applied", applied.text
    assert day_trade_start(direct_url, "HK") == "09:45"  # in the database itself, not a cache
    monitor.stop()
    aio(api.aclose())
    print(f"\n[faults] postgresql cut off: {reset} open connections reset, {refused} requests refused "
          f"at once (503 database_unavailable), recovered in the same process; lost: nothing")


def test_the_database_cut_off_in_the_middle_of_a_submit_leaves_one_order_for_the_retried_key(behind_proxy):
    backend, proxy, direct_url = behind_proxy
    symbols = market_symbols(direct_url, "HK")
    body = {"flow": UPLOAD, "payload": {"mode": "upsert", "rows": [row(s) for s in symbols]}}
    key = str(uuid.uuid4())
    answer: list[httpx.Response] = []
    with backend.client("maker") as client:
        thread = threading.Thread(target=lambda: answer.append(
            client.post("/work-orders", json=body, headers={"Idempotency-Key": key})))
        thread.start()
        time.sleep(0.3)
        reset = proxy.cut()
        thread.join(PROMPT * 2)
        assert not thread.is_alive(), "the submit hung when its database went away"
        proxy.resume()
        first = answer[0]
        assert first.status_code in (201, 503), first.text
        existing = orders_with_key(direct_url, key)
        assert existing == ([first.json()["id"]] if first.status_code == 201 else existing)
        retried = client.post("/work-orders", json=body, headers={"Idempotency-Key": key})
    assert retried.status_code == (200 if existing else 201), retried.text
    assert orders_with_key(direct_url, key) == [retried.json()["id"]]
    state = order_state(direct_url, retried.json()["id"])
    assert (state.status, state.targets, state.locks) == ("pending", len(symbols), len(symbols))
    assert audit_chain_intact(direct_url)
    print(f"\n[faults] postgresql cut off during a {len(symbols):,}-row submit ({reset} connections reset, "
          f"first answer {first.status_code}); the retried key made 1 order; lost or doubled: nothing")


def test_a_database_that_stops_answering_is_reported_before_the_desktop_gives_up(behind_proxy, aio, shell_app):
    """A black hole, not a refusal: the database's connections are reset, and new ones are
    accepted but never answered. Without a connect timeout the backend waited for ever; now it
    answers 503 within PG_CONNECT_TIMEOUT, before the desktop's own timeout (15 s)."""
    backend, proxy, _direct_url = behind_proxy
    api = ApiClient(backend.url)
    aio(SessionClient(api).login("maker", "maker-demo"))
    approvals = ApprovalsClient(api)
    health: list[tuple[httpx.Response, float]] = []

    def probe():
        started = time.monotonic()
        health.append((httpx.get(f"{backend.url}/health", timeout=60), time.monotonic() - started))

    reset = proxy.cut()
    proxy.resume()
    proxy.stall()
    try:
        thread = threading.Thread(target=probe)
        thread.start()
        started = time.monotonic()
        with pytest.raises(ApiError) as info:
            aio(approvals.work_orders(WorkOrderQuery(view="mine")))
        elapsed = time.monotonic() - started
        thread.join(60)
    finally:
        proxy.resume()
    bound = PG_CONNECT_TIMEOUT + PROMPT
    assert (info.value.code, message_for(info.value)) == (
        ErrorCode.DATABASE_UNAVAILABLE, "The server's database is unavailable. Please try again later.")
    assert elapsed < bound, f"the desktop waited {elapsed:.1f}s"
    [(response, waited)] = health
    assert (response.status_code, response.json()["status"]) == (503, "degraded")
    assert waited < bound
    assert httpx.get(f"{backend.url}/health").json()["status"] == "ok"  # back at once, same process
    aio(approvals.work_orders(WorkOrderQuery(view="mine")))  # and the desktop's next request goes through
    aio(api.aclose())
    print(f"\n[faults] postgresql black hole: {reset} connections reset, 1 stall; /health answered 503 in "
          f"{waited:.1f}s and the desktop heard 'database unavailable' in {elapsed:.1f}s; lost: nothing")
