"""Many requests at once against a fresh backend process: none waits for a connection it cannot get.

Each request authenticates and then reads or writes; it once held its authentication's connection
while it waited for a second one, so with more requests in flight than the pool held every one
waited 30 s and answered 500. A backend of this module's own, on SQLite and on PostgreSQL.
"""

import asyncio
from collections import Counter
from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import LiveBackend, own_backend

IN_FLIGHT = 100
NO_ORDER = 999_999  # no such work order: a write or decision that authenticates, locks, answers 404


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def fresh_backend(request, tmp_path_factory) -> Iterator[LiveBackend]:
    with own_backend(request.param, tmp_path_factory, "load", "--demo", "--demo-accounts", "200") as backend:
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
                 {"json": {"decision": "approve"}}, 404),
}


@pytest.mark.parametrize("kind", REQUESTS)
def test_a_hundred_requests_at_once_all_answer_without_a_server_error(fresh_backend, kind):
    user, method, path, kwargs, expected = REQUESTS[kind]
    statuses = asyncio.run(_all_at_once(fresh_backend, user, method, path, **kwargs))
    assert statuses == Counter({expected: IN_FLIGHT}), f"{kind}: {dict(statuses)}"
