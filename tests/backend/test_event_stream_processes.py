"""Events across backend processes: two real ``python -m backend`` processes on one PostgreSQL
database, as ``--workers N`` or several hosts run. An order submitted through one reaches a stream
held by the other, through LISTEN/NOTIFY; so does its decision, back to its maker.
"""

from collections.abc import Iterator

import pytest

from services.contract.events import EventType
from tests.backend.event_steps import EventReader
from tests.backend.work_order_steps import decide, fresh_order
from tests.conftest import LiveBackend, start_backend, stop_backend
from tests.fixtures.app_backend import Template

pytestmark = pytest.mark.process


@pytest.fixture(scope="module")
def two_backends(postgresql_template: Template, tmp_path_factory) -> Iterator[tuple[LiveBackend, LiveBackend]]:
    """Both on a copy of the demo database: migrated and seeded already, each starts in a second."""
    logs = tmp_path_factory.mktemp("two-backends")
    with postgresql_template.copy() as url:
        first = start_backend(url, logs / "a.log", "--demo")
        try:
            second = start_backend(url, logs / "b.log", "--demo")
            try:
                for backend in (first, second):
                    backend.tokens.update(postgresql_template.tokens)
                yield first, second
            finally:
                stop_backend(second)
        finally:
            stop_backend(first)


def test_an_order_submitted_through_one_process_reaches_a_stream_held_by_another(two_backends):
    a, b = two_backends
    with EventReader(b.client("checker")) as checker, EventReader(b.client("maker")) as maker:
        for reader in (checker, maker):
            assert reader.response.status_code == 200
            reader.next_of(EventType.RESYNC)
        order = fresh_order(a, "HK", force_close="15:33")
        heard = checker.next_of(EventType.WORK_ORDER_SUBMITTED).json()
        assert (heard["order_id"], heard["status"]) == (order["id"], "pending")
        assert decide(a, "checker", order["id"], "reject", "Not on a half day").status_code == 200
        decided = maker.next_of(EventType.WORK_ORDER_DECIDED).json()
        assert (decided["order_id"], decided["status"], decided["comment"]) == (order["id"], "rejected",
                                                                                "Not on a half day")
