"""The sync engine against real backend processes: the outbox drains exactly once through a lost
answer, a backend stopped and started mid-sync, and offline retries with backoff; refusals are
final; fates come back; a live row moved under a draft makes it a conflict."""

import asyncio
import time
import uuid
from urllib.parse import urlparse

import pytest
from sqlalchemy import select, text

from services.api_client import ApiClient, ApiError
from services.clients.approvals import ApprovalsClient
from services.clients.session import SessionClient
from services.contract.schemas import WorkOrderSubmit
from services.offline import drafts, proof
from services.offline.models import BatchState, DraftBatch, OutboxItem, OutboxState
from services.offline.store import open_store
from services.offline.sync import SyncEngine, backoff
from tests.conftest import start_backend, stop_backend
from tests.fixtures.app_backend import fewer_securities
from tests.qt_fixtures import until

DEMO = ("--demo",)  # on a copy of the seeded template


class _Server:
    """The module's backend process on a database of its own, with a reference of a few hundred
    securities (tests/fixtures/app_backend.py, ``fewer_securities``): every property here holds of
    a few rows as of thousands, and each reference refresh fetches them all. ``restart`` starts it
    again on the same database and port (the stop-and-start test stops it mid-sync)."""

    def __init__(self, database: str, folder):
        self.database, self.folder, self.starts = database, folder, 0
        self.live = self._start()

    def _start(self, *extra: str):
        self.starts += 1
        return start_backend(self.database, self.folder / f"backend-{self.starts}.log", *DEMO, *extra)

    def restart(self) -> None:
        self.live = self._start("--port", str(urlparse(self.live.url).port))

    def stop(self) -> None:
        stop_backend(self.live)


@pytest.fixture(scope="module")
def server(sqlite_template, tmp_path_factory):
    """A backend process of this module's own (the engine is tested over real HTTP)."""
    with sqlite_template.copy() as database:
        fewer_securities(database)
        server = _Server(database, tmp_path_factory.mktemp("sync-backend"))
        try:
            yield server
        finally:
            server.stop()


@pytest.fixture
def backend(server):
    return server.live


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "local.db")
    proof.unlock_with_password(s, "maker", "maker-demo")  # the maker signed in: their items carry proof
    yield s
    s.close()


def _signed_in(aio, url: str, user: str = "maker") -> ApiClient:
    api = ApiClient(url)
    aio(SessionClient(api).login(user, f"{user}-demo"))
    return api


def _free_symbols(server, count: int, offset: int = 0) -> list[str]:
    """HK symbols of the master without a long margin row: each upload creates fresh rows."""
    engine = server.engine()
    with engine.connect() as conn:
        found = conn.execute(text(
            "SELECT s.symbol FROM risk_securities s LEFT JOIN risk_stock_margins m ON m.symbol = s.symbol "
            "WHERE m.symbol IS NULL AND s.market = 'HK' ORDER BY s.symbol LIMIT :n OFFSET :o"),
            {"n": count, "o": offset}).scalars().all()
    engine.dispose()
    return list(found)


def _queue(store, symbols: list[str]) -> list[str]:
    """One single-row upload batch per symbol, each submitted into the outbox."""
    ids = []
    for symbol in symbols:
        batch = drafts.new_batch(store, "maker", "long", "upload")
        drafts.set_rows(store, batch, [{"symbol": symbol, "im": "0.5", "mcm": "0.45", "mm": "0.4", "fm": "0.35"}])
        drafts.submit(store, batch, "maker")
        ids.append(batch)
    return ids


def _orders_per_key(server, store) -> dict[str, int]:
    with store.session() as session:
        keys = list(session.scalars(select(OutboxItem.idempotency_key)))
    engine = server.engine()
    with engine.connect() as conn:
        counts = dict(conn.execute(text(
            "SELECT idempotency_key, count(*) FROM work_orders GROUP BY idempotency_key")).all())
    engine.dispose()
    return {key: counts.get(key, 0) for key in keys}


def _states(store) -> list[str]:
    with store.session() as session:
        return [b.state for b in session.scalars(select(DraftBatch).order_by(DraftBatch.created_at))]


def test_a_lost_answer_is_recovered_by_its_key_and_never_makes_a_second_order(aio, backend, store):
    [symbol] = _free_symbols(backend, 1)
    [batch] = _queue(store, [symbol])
    api = _signed_in(aio, backend.url)
    with store.session() as session:
        item = session.scalar(select(OutboxItem))
    # The backend accepted this submission, but the workstation died before recording the answer.
    first = aio(ApprovalsClient(api).submit(WorkOrderSubmit(flow=item.flow, payload=item.payload,
                                                            expected_versions=item.expected_versions),
                                            item.idempotency_key))
    engine = SyncEngine(store, api, "maker")
    assert aio(engine.push()) == 1
    with store.session() as session:
        recorded = session.get(DraftBatch, batch)
    assert (recorded.state, recorded.work_order_id) == (BatchState.SUBMITTED.value, first.id)
    assert set(_orders_per_key(backend, store).values()) == {1}
    assert aio(engine.push()) == 0  # nothing left
    aio(api.aclose())


def test_a_refusal_is_final_and_says_why_and_fates_come_back(aio, backend, store):
    symbols = _free_symbols(backend, 2, offset=10)
    refused, approved = _queue(store, [symbols[0], symbols[1]])
    with store.session() as session, session.begin():  # the backend will find this row broken
        item = session.scalar(select(OutboxItem).where(OutboxItem.batch_id == refused))
        item.payload = {"mode": "upsert", "rows": [{**item.payload["rows"][0], "fm": "0.9000"}]}
        proof.sign(store, item)  # as the maker drafted it
    api = _signed_in(aio, backend.url)
    engine = SyncEngine(store, api, "maker")
    assert aio(engine.push()) == 1
    with store.session() as session:
        batch = session.get(DraftBatch, refused)
        assert batch.state == BatchState.REFUSED.value and "rule_violation" in batch.reason
        order_id = session.get(DraftBatch, approved).work_order_id
    checker = _signed_in(aio, backend.url, "checker")
    aio(ApprovalsClient(checker).decide(order_id, "approve", level=1))
    assert aio(engine.pull()) == 1
    assert _states(store) == [BatchState.REFUSED.value, BatchState.APPROVED.value]
    for client in (api, checker):
        aio(client.aclose())


def test_offline_pushes_back_off_then_drain_once_the_backend_is_there(aio, backend, store):
    symbols = _free_symbols(backend, 3, offset=20)
    _queue(store, symbols)
    now = [1_000.0]
    dead = ApiClient("http://127.0.0.1:9")  # nothing listens on the discard port
    dead.set_token("none")
    offline = SyncEngine(store, dead, "maker", clock=lambda: now[0], rng=lambda: 1.0)
    with pytest.raises(ApiError) as failed:
        aio(offline.push())
    assert failed.value.is_network
    with store.session() as session:
        first = session.scalar(select(OutboxItem).order_by(OutboxItem.id))
    assert (first.attempts, first.next_attempt_at) == (1, 1_000.0 + backoff(1, lambda: 1.0))
    assert aio(offline.push()) == 0  # not due yet: no busy loop against a dead server
    aio(dead.aclose())
    api = _signed_in(aio, backend.url)
    online = SyncEngine(store, api, "maker", clock=lambda: now[0] + 60)
    assert aio(online.push()) == 3
    assert set(_orders_per_key(backend, store).values()) == {1}
    aio(api.aclose())


def test_the_outbox_drains_exactly_once_when_the_backend_stops_and_starts_mid_sync(aio, store, server):
    """The module's backend is stopped while the engine pushes, and started again on its database
    and port: what was left goes once, and nothing went twice."""
    batches = _queue(store, _free_symbols(server.live, 30, offset=40))
    api = _signed_in(aio, server.live.url)
    engine = SyncEngine(store, api, "maker", rng=lambda: 0.0)

    async def stop_backend_after_a_few():
        await until(lambda: engine.waiting() <= 25, message="a few pushed")
        server.stop()

    async def push_until_it_fails():
        try:
            while engine.waiting():
                await engine.push()
        except ApiError as exc:
            return exc

    async def both():
        results = await asyncio.gather(push_until_it_fails(), stop_backend_after_a_few())
        return results[0]

    failure = aio(both(), timeout=120)
    assert failure is not None and failure.is_network and 0 < engine.waiting() < 30
    server.restart()
    engine_clock = SyncEngine(store, api, "maker", clock=lambda: 10 ** 10)  # every backoff has passed
    while engine_clock.waiting():
        aio(engine_clock.push())
    assert set(_orders_per_key(server.live, store).values()) == {1}
    assert set(_states(store)) == {BatchState.SUBMITTED.value}
    assert len(batches) == 30
    aio(api.aclose())


def test_a_live_row_moved_under_a_draft_makes_it_a_conflict_and_takes_it_out_of_the_outbox(aio, backend, store):
    api = _signed_in(aio, backend.url)
    engine = SyncEngine(store, api, "maker")
    aio(engine.refresh_reference(("long",)))
    engine_db = backend.engine()
    with engine_db.connect() as conn:
        symbol, version = conn.execute(text(
            "SELECT symbol, version FROM risk_stock_margins WHERE market = 'US' AND financeable "
            "ORDER BY symbol DESC LIMIT 1")).first()
    engine_db.dispose()
    from services.offline.models import RefMargin

    with store.session() as session:
        base = session.get(RefMargin, ("long", symbol))
        base = {**base.values, "version": base.version}
    batch = drafts.new_batch(store, "maker", "long", "upload")
    drafts.set_rows(store, batch, [{"symbol": symbol, "im": "0.8", "mcm": "0.7", "mm": "0.6", "fm": "0.5"}],
                    bases={symbol: base})
    drafts.submit(store, batch, "maker")
    # Another desk changes the same row first, and it is approved.
    other = aio(ApprovalsClient(api).submit(WorkOrderSubmit(flow="risk.credit.update_stock_margin_task", payload={
        "symbol": symbol, "market": "US", "im": "0.9", "mcm": "0.8", "mm": "0.7", "fm": "0.6"}), str(uuid.uuid4())))
    checker = _signed_in(aio, backend.url, "checker")
    aio(ApprovalsClient(checker).decide(other.id, "approve", level=1))
    aio(engine.refresh_reference(("long",)))
    with store.session() as session:
        marked = session.get(DraftBatch, batch)
        item = session.scalar(select(OutboxItem).where(OutboxItem.batch_id == batch))
        assert marked.state == BatchState.CONFLICT.value
        assert item.state == OutboxState.FAILED.value  # never pushed over the newer row
        conflict = marked.rows[0].conflict
    assert (conflict["im"], conflict["version"]) == ("0.9000", version + 1)
    for client in (api, checker):
        aio(client.aclose())


def test_the_running_engine_pushes_what_is_queued_when_woken_and_reports_its_state(aio, backend, store):
    import asyncio

    api = _signed_in(aio, backend.url)
    seen = []
    engine = SyncEngine(store, api, "maker", on_status=seen.append)
    engine._last_reference = float("inf")  # this test is about the outbox, not the reference data
    stop = asyncio.Event()

    async def scenario():
        runner = asyncio.ensure_future(engine.run(stop, interval=3600))
        await until(lambda: seen and seen[-1].connection == "online", message="online")
        _queue(store, _free_symbols(backend, 2, offset=80))
        engine.wake()
        await until(lambda: engine.waiting() == 0 and set(_states(store)) == {BatchState.SUBMITTED.value},
                    message="drained")
        stop.set()
        await runner

    aio(scenario(), timeout=60)
    assert seen[-1].waiting == 0 and {s.connection for s in seen} >= {"syncing", "online"}
    aio(api.aclose())


def test_two_workstations_drafting_one_row_the_later_one_conflicts_and_overwrites_nothing(aio, backend, tmp_path):
    from services.offline.models import RefMargin

    api = _signed_in(aio, backend.url)
    checker = _signed_in(aio, backend.url, "checker")
    stores, engines, batches = [], [], []
    for name in ("desk-a", "desk-b"):
        store = open_store(tmp_path / f"{name}.db")
        proof.unlock_with_password(store, "maker", "maker-demo")
        engine = SyncEngine(store, api, "maker")
        aio(engine.refresh_reference(("long",)))
        stores.append(store)
        engines.append(engine)
    engine_db = backend.engine()
    with engine_db.connect() as conn:
        symbol = conn.execute(text(
            "SELECT symbol FROM risk_stock_margins WHERE market = 'HK' AND financeable "
            "ORDER BY symbol DESC LIMIT 1 OFFSET 3")).scalar_one()
    engine_db.dispose()
    for store, im in zip(stores, ("0.81", "0.82"), strict=True):  # both start from the same live row
        with store.session() as session:
            live = session.get(RefMargin, ("long", symbol))
            base = {**live.values, "version": live.version}
        batch = drafts.new_batch(store, "maker", "long", "upload")
        drafts.set_rows(store, batch, [{"symbol": symbol, "im": im, "mcm": "0.7", "mm": "0.6", "fm": "0.5"}],
                        bases={symbol: base})
        drafts.submit(store, batch, "maker")
        batches.append(batch)
    assert aio(engines[0].push()) == 1  # desk A first, approved
    with stores[0].session() as session:
        first = session.get(DraftBatch, batches[0]).work_order_id
    aio(ApprovalsClient(checker).decide(first, "approve", level=1))
    aio(engines[1].sync_once())  # desk B pushes later, from the old version
    with stores[1].session() as session:
        late = session.get(DraftBatch, batches[1])
        assert late.state == BatchState.CONFLICT.value and "target_changed" in late.reason
        assert late.rows[0].conflict["im"] == "0.8100"  # desk A's value, beside desk B's draft
    engine_db = backend.engine()
    with engine_db.connect() as conn:
        im = conn.execute(text("SELECT im FROM risk_stock_margins WHERE symbol = :s"), {"s": symbol}).scalar_one()
    engine_db.dispose()
    assert str(im).startswith("0.81")  # nothing silently overwritten
    for store in stores:
        store.close()
    for client in (api, checker):
        aio(client.aclose())


def test_a_row_drafted_as_new_conflicts_with_the_same_symbol_created_live_meanwhile(aio, backend, store):
    from services.offline.conflicts import Choice, resolve, row_conflicts, save_rows

    api = _signed_in(aio, backend.url)
    checker = _signed_in(aio, backend.url, "checker")
    engine = SyncEngine(store, api, "maker")
    aio(engine.refresh_reference(("long",)))
    [symbol] = _free_symbols(backend, 1, offset=120)
    batch = drafts.new_batch(store, "maker", "long", "upload")  # offline: the symbol has no live row
    [base] = save_rows(store, batch, "long", [({"symbol": symbol, "im": "0.5", "mcm": "0.45", "mm": "0.4",
                                                "fm": "0.35"}, None)])
    assert base == {"symbol": symbol, "version": 0}  # it says it started from nothing
    item = drafts.submit(store, batch, "maker")
    assert item.expected_versions == {f"stock_margin:{symbol}": 0}
    # Meanwhile the same symbol is created live, with a remark, and approved.
    created = aio(ApprovalsClient(api).submit(WorkOrderSubmit(flow="risk.credit.create_stock_margin_task", payload={
        "symbol": symbol, "market": "HK", "im": "0.8", "mcm": "0.45", "mm": "0.4", "fm": "0.35",
        "remark": "listed live"}), str(uuid.uuid4())))
    aio(ApprovalsClient(checker).decide(created.id, "approve", level=1))

    assert aio(engine.push()) == 0  # refused: the row exists now
    with store.session() as session:
        late = session.get(DraftBatch, batch)
        assert late.state == BatchState.CONFLICT.value and "target_changed" in late.reason
    engine_db = backend.engine()
    with engine_db.connect() as conn:
        live = conn.execute(text("SELECT im, remark, version FROM risk_stock_margins WHERE symbol = :s"),
                            {"s": symbol}).one()
    engine_db.dispose()
    assert (str(live.im).rstrip("0"), live.remark, live.version) == ("0.8", "listed live", 1)  # untouched

    aio(engine.refresh_reference(("long",)))
    [conflict] = row_conflicts(store, batch)
    assert conflict.created and conflict.base_version is None and conflict.live_version == 1
    assert conflict.contested_fields() == ["im"]  # the remark was set only live: it is taken
    assert resolve(store, batch, {0: Choice.KEEP_MINE}) == 0
    with store.session() as session:
        [row] = session.get(DraftBatch, batch).rows
        assert (row.values["im"], row.values["remark"], row.base["version"]) == ("0.5", "listed live", 1)
    drafts.submit(store, batch, "maker")
    assert aio(engine.push()) == 1
    with store.session() as session:
        order_id = session.get(DraftBatch, batch).work_order_id
    order = aio(ApprovalsClient(api).work_order(order_id))
    assert [(r["im"], r["remark"]) for r in order.payload["rows"]] == [("0.5000", "listed live")]
    aio(ApprovalsClient(api).withdraw(order_id))
    for client in (api, checker):
        aio(client.aclose())


def test_an_item_its_owner_cannot_prove_is_set_aside_and_never_sent(aio, backend, store):
    """Queued in a session the maker did not open (another password), with no proof, or changed in
    the file: at the maker's next online sign-in each is set aside and says so; only their own goes."""
    symbols = _free_symbols(backend, 4, offset=130)  # past the stop-and-start test's
    [honest] = _queue(store, symbols[:1])
    [changed] = _queue(store, symbols[1:2])
    with store.session() as session, session.begin():
        item = session.scalar(select(OutboxItem).where(OutboxItem.batch_id == changed))
        item.payload = {**item.payload, "mode": "replace"}
    makers_key = store.drafting_keys["maker"]
    proof.unlock_with_password(store, "maker", "a-forgers-password")  # a forged offline session
    [forged] = _queue(store, symbols[2:3])
    store.drafting_keys.clear()
    [bare] = _queue(store, symbols[3:4])
    api = _signed_in(aio, backend.url)
    engine = SyncEngine(store, api, "maker")
    assert aio(engine.push()) == 0 and engine.waiting() == 4  # no key of the maker's yet: nothing goes
    store.drafting_keys["maker"] = makers_key  # the maker's online sign-in
    assert aio(engine.push()) == 1
    with store.session() as session:
        batches = {b.id: b for b in session.scalars(select(DraftBatch))}
        items = {i.batch_id: i for i in session.scalars(select(OutboxItem))}
    assert batches[honest].state == BatchState.SUBMITTED.value
    for batch in (changed, forged, bare):
        assert batches[batch].state == BatchState.SET_ASIDE.value and "never sent" in batches[batch].reason
        assert items[batch].state == OutboxState.SET_ASIDE.value and items[batch].work_order_id is None
    sent = _orders_per_key(backend, store)
    assert sent[items[honest].idempotency_key] == 1
    assert [sent[items[b].idempotency_key] for b in (changed, forged, bare)] == [0, 0, 0]
    assert engine.waiting() == 0 and aio(engine.push()) == 0
    # The maker looks at a set-aside batch and submits it themselves: now it is theirs, and goes.
    drafts.submit(store, forged, "maker")
    assert aio(engine.push()) == 1
    with store.session() as session:
        assert session.get(DraftBatch, forged).state == BatchState.SUBMITTED.value
    aio(ApprovalsClient(api).withdraw(batches[honest].work_order_id))
    aio(api.aclose())


def test_the_client_keeps_the_latest_time_the_backend_answered_with(aio, backend):
    """The backend's Date header, kept for the offline grants' clock check: never lowered by an
    older answer."""
    api = ApiClient(backend.url)
    assert api.server_time is None
    aio(SessionClient(api).health())
    answered = api.server_time
    assert answered is not None and abs(answered - time.time()) < 300  # the same machine's clock
    api.server_time = answered + 3600  # a later answer seen before
    aio(SessionClient(api).health())
    assert api.server_time == answered + 3600
    aio(api.aclose())
