"""Many requests at once against a fresh backend process of this module's own, on SQLite and on
PostgreSQL.

- None waits for a connection it cannot get: each request authenticates and then reads or writes;
  it once held its authentication's connection while it waited for a second one, so with more
  requests in flight than the pool held every one waited 30 s and answered 500.
- Reads never fail for another's write: a read whose token had been idle for a while once wrote
  the token's last use inside its read transaction, and on SQLite answered 503 "database is
  locked" whenever another write had committed meanwhile.
"""

import asyncio
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from backend.auth.models import AuthToken, User
from backend.auth.service import token_hash
from backend.kit.clock import utcnow
from tests.backend.work_order_steps import FLOW, window
from tests.conftest import LiveBackend
from tests.fixtures.app_backend import demo_backend_process

pytestmark = pytest.mark.process  # a hundred requests at once against a real server process

IN_FLIGHT = 100
NO_ORDER = 999_999  # no such work order: a write or decision that authenticates, locks, answers 404


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def fresh_backend(request, tmp_path_factory) -> Iterator[LiveBackend]:
    template = request.getfixturevalue(f"{request.param}_template")
    with demo_backend_process(template, tmp_path_factory.mktemp("load") / "backend.log") as backend:
        yield backend


async def _all_at_once(backend: LiveBackend, user: str, method: str, path: str, **kwargs) -> Counter:
    """Sends IN_FLIGHT copies of the request together; counts the answers by status."""
    headers = {"Authorization": f"Bearer {backend.token(user)}"}
    limits = httpx.Limits(max_connections=IN_FLIGHT, max_keepalive_connections=IN_FLIGHT)
    async with httpx.AsyncClient(base_url=backend.url, headers=headers, limits=limits, timeout=120) as client:
        responses = await asyncio.gather(*(client.request(method, path, **kwargs) for _ in range(IN_FLIGHT)))
    return Counter(response.status_code for response in responses)


REQUESTS = {
    "read": ("checker", "GET", "/work-orders/counts", {}, 200),
    "write": ("maker", "POST", f"/work-orders/{NO_ORDER}/withdraw", {}, 404),
    "decision": ("checker", "POST", f"/work-orders/{NO_ORDER}/decisions",
                 {"json": {"decision": "approve", "level": 1}}, 404),
}


@pytest.mark.parametrize("kind", REQUESTS)
def test_a_hundred_requests_at_once_all_answer_without_a_server_error(fresh_backend, kind):
    user, method, path, kwargs, expected = REQUESTS[kind]
    statuses = asyncio.run(_all_at_once(fresh_backend, user, method, path, **kwargs))
    assert statuses == Counter({expected: IN_FLIGHT}), f"{kind}: {dict(statuses)}"


IDLE_TOKENS = 8
READS_PER_TOKEN = 12  # about IN_FLIGHT reads, sent together while their tokens are idle


def _idle_since(backend: LiveBackend, username: str, minutes: int):
    """Sets the last use of every token of ``username`` ``minutes`` ago; returns that moment."""
    moment = utcnow() - timedelta(minutes=minutes)
    engine = backend.engine()
    with Session(engine) as session:
        user_id = session.scalar(select(User.id).where(User.username == username))
        session.execute(update(AuthToken).where(AuthToken.user_id == user_id).values(last_used_at=moment))
        session.commit()
    engine.dispose()
    return moment


def _last_uses(backend: LiveBackend, tokens: list[str]) -> list:
    engine = backend.engine()
    with Session(engine) as session:
        hashes = [token_hash(session, token) for token in tokens]
        uses = session.scalars(select(AuthToken.last_used_at).where(AuthToken.token_hash.in_(hashes))).all()
    engine.dispose()
    return uses


async def _submit_and_withdraw(client: httpx.AsyncClient, market: str, done: asyncio.Event) -> Counter:
    """Real writes, one after another until ``done``: a work order submitted, then withdrawn."""
    statuses: Counter = Counter()
    while not done.is_set():
        submitted = await client.post("/work-orders", json={"flow": FLOW, "payload": window(market)},
                                      headers={"Idempotency-Key": str(uuid.uuid4())})
        statuses[submitted.status_code] += 1
        if submitted.status_code == 201:
            withdrawn = await client.post(f"/work-orders/{submitted.json()['id']}/withdraw")
            statuses[withdrawn.status_code] += 1
    return statuses


def backend_client(backend: LiveBackend, user: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=backend.url, timeout=120,
                             headers={"Authorization": f"Bearer {backend.token(user)}"})


async def _idle_reads_among_writes(backend: LiveBackend, tokens: list[str]) -> tuple[Counter, Counter]:
    limits = httpx.Limits(max_connections=IN_FLIGHT, max_keepalive_connections=IN_FLIGHT)
    async with (httpx.AsyncClient(base_url=backend.url, limits=limits, timeout=120) as client,
                backend_client(backend, "maker") as writer):
        done = asyncio.Event()
        writes = [asyncio.create_task(_submit_and_withdraw(writer, market, done)) for market in ("HK", "US")]
        reads = await asyncio.gather(*(
            client.get("/work-orders/counts", headers={"Authorization": f"Bearer {token}"})
            for token in tokens for _ in range(READS_PER_TOKEN)))
        done.set()
        write_statuses = sum((await asyncio.gather(*writes)), Counter())
    return Counter(response.status_code for response in reads), write_statuses


def test_reads_with_idle_tokens_never_fail_while_others_write(fresh_backend):
    tokens = [fresh_backend.fresh_token("checker2") for _ in range(IDLE_TOKENS)]
    idle_since = _idle_since(fresh_backend, "checker2", minutes=5)
    reads, writes = asyncio.run(_idle_reads_among_writes(fresh_backend, tokens))
    assert reads == Counter({200: IDLE_TOKENS * READS_PER_TOKEN}), dict(reads)
    assert writes[201] > 0 and set(writes) == {200, 201}, dict(writes)
    # The idle clock still moves: a move that met a writer's lock is left to the token's next
    # request (backend/auth/deps.py), so after one more request each, with the writers gone, each
    # token's last use is now, not five minutes ago.
    with httpx.Client(base_url=fresh_backend.url, timeout=60) as client:
        for token in tokens:
            assert client.get("/work-orders/counts", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    uses = _last_uses(fresh_backend, tokens)
    assert len(uses) == IDLE_TOKENS and all(use > idle_since + timedelta(minutes=4) for use in uses)
