"""A refused upload drafted on this workstation, corrected in a new draft batch and queued: the
correction survives a restart of the workstation's database and reaches the backend once, as the
resubmission of the order it corrects with the maker's note, though the first answer was lost."""

import asyncio
from urllib.parse import urlparse

from sqlalchemy import select, text

from services.api_client import ApiClient, ApiError
from services.clients.approvals import ApprovalsClient
from services.clients.session import SessionClient
from services.offline import corrections, drafts, proof
from services.offline.batches import load_batch
from services.offline.conflicts import save_rows
from services.offline.models import BatchState, DraftBatch, OutboxItem, OutboxState
from services.offline.store import open_store
from services.offline.sync import SyncEngine
from tests.backend.margin_steps import symbols
from tests.fixtures.tcp_proxy import DOWN, TcpProxy
from tests.qt_fixtures import until


def _signed_in(aio, url: str, user: str = "maker") -> ApiClient:
    api = ApiClient(url)
    aio(SessionClient(api).login(user, f"{user}-demo"))
    return api


def _store(path):
    store = open_store(path)
    proof.unlock_with_password(store, "maker", "maker-demo")  # the maker signed in
    return store


def _orders_with_key(server, key: str) -> list[tuple[int, int | None, str | None]]:
    engine = server.engine()
    with engine.connect() as conn:
        found = conn.execute(text("SELECT id, resubmitted_from_id, maker_note FROM work_orders "
                                  "WHERE idempotency_key = :key"), {"key": key}).all()
    engine.dispose()
    return [tuple(row) for row in found]


def test_a_correction_survives_a_restart_and_is_resubmitted_once_through_a_lost_answer(aio, live_backend, tmp_path):
    path = tmp_path / "workstation.db"
    store = _store(path)
    api = _signed_in(aio, live_backend.url)
    engine = SyncEngine(store, api, "maker")
    aio(engine.refresh_reference(("long",)))
    changed = symbols(live_backend, "HK", 2, with_row=True, financeable=True)
    # Drafted here, submitted through the outbox, rejected.
    batch = drafts.new_batch(store, "maker", "long", "upload", title="HK review")
    save_rows(store, batch, "long", [({"symbol": s, "im": "0.8", "mcm": "0.7", "mm": "0.6", "fm": "0.5"}, None)
                                     for s in changed])  # each from its cached live row
    drafts.submit(store, batch, "maker")
    assert aio(engine.push()) == 1
    with store.session() as session:
        old_id = session.get(DraftBatch, batch).work_order_id
    checker = _signed_in(aio, live_backend.url, "checker")
    aio(ApprovalsClient(checker).decide(old_id, "reject", level=1, comment="IM too low for these"))
    old = aio(ApprovalsClient(api).work_order(old_id))
    assert corrections.drafted_here(store, "maker", old_id)
    assert not corrections.drafted_here(store, "maker", old_id + 10_000)

    # Reopened: a new batch with the order's rows, each starting from the live row it changes.
    fix = corrections.open_correction(store, "maker", old, f"Correction of #{old_id}")
    assert fix != batch and corrections.open_correction(store, "maker", old, "again") == fix  # not a second one
    view = load_batch(store, fix)
    assert (view.summary.title, view.summary.state, view.summary.resubmits_order_id) == (
        f"Correction of #{old_id}", BatchState.DRAFT.value, old_id)
    assert [(r.values["symbol"], r.values["im"]) for r in view.rows] == [(s, "0.8000") for s in changed]
    assert all(r.base is not None and r.base["version"] >= 1 for r in view.rows)
    assert corrections.corrected_order(store, fix).decisions[-1].comment == "IM too low for these"
    drafts.set_rows(store, fix, [{**r.values, "im": "0.9"} for r in view.rows],
                    {r.values["symbol"]: r.base for r in view.rows})
    assert corrections.set_note(store, fix, "  IM raised to 90% as asked  ")
    drafts.submit(store, fix, "maker")
    store.close()

    # The workstation restarts: the queued correction is still there, with its order and note.
    store = _store(path)
    with store.session() as session:
        item = session.scalar(select(OutboxItem).where(OutboxItem.batch_id == fix))
    assert (item.state, item.resubmits_order_id, item.note) == (OutboxState.PENDING.value, old_id,
                                                               "IM raised to 90% as asked")
    key = item.idempotency_key

    # The backend takes it, but its answer never comes back: the line drops while it is held.
    with TcpProxy(urlparse(live_backend.url).port) as proxy:
        through = ApiClient(proxy.url)
        through.set_token(api.token)
        lossy = SyncEngine(store, through, "maker")
        proxy.stall(DOWN)

        async def push_and_lose_the_answer() -> ApiError:
            pushing = asyncio.ensure_future(lossy.push())
            await until(lambda: _orders_with_key(live_backend, key), message="the backend made the order")
            proxy.cut()
            try:
                await pushing
            except ApiError as exc:
                return exc
            raise AssertionError("the push should have lost its answer")

        lost = aio(push_and_lose_the_answer())
        assert lost.is_network
        aio(through.aclose())
    with store.session() as session:
        item = session.get(OutboxItem, item.id)
        assert (item.state, item.attempts) == (OutboxState.PENDING.value, 1)  # to be tried again, same key

    # Retried with the same key: the order the lost attempt made, and no second one.
    retry = SyncEngine(store, api, "maker", clock=lambda: 10 ** 10)  # its backoff has passed
    assert aio(retry.push()) == 1
    [(new_id, resubmitted_from, note)] = _orders_with_key(live_backend, key)
    assert (resubmitted_from, note) == (old_id, "IM raised to 90% as asked")
    with store.session() as session:
        done = session.get(DraftBatch, fix)
        assert (done.state, done.work_order_id) == (BatchState.SUBMITTED.value, new_id)
    new = aio(ApprovalsClient(api).work_order(new_id))
    assert [(r["symbol"], r["im"]) for r in new.payload["rows"]] == [(s, "0.9000") for s in changed]
    assert new.maker_note == "IM raised to 90% as asked"
    assert aio(retry.push()) == 0  # nothing left to send
    aio(ApprovalsClient(api).withdraw(new_id))
    for client in (api, checker):
        aio(client.aclose())
    store.close()


def test_a_correction_whose_proof_was_changed_in_the_file_is_set_aside(aio, live_backend, tmp_path):
    """The order a correction resubmits is proven with the rest: redirected in the file, it is never sent."""
    store = _store(tmp_path / "workstation.db")
    [symbol] = symbols(live_backend, "HK", 1, with_row=False)
    fix = drafts.new_batch(store, "maker", "long", "upload")
    with store.session() as session, session.begin():
        session.get_one(DraftBatch, fix).resubmits_order_id = 1
    drafts.set_rows(store, fix, [{"symbol": symbol, "im": "0.5", "mcm": "0.45", "mm": "0.4", "fm": "0.35"}])
    drafts.submit(store, fix, "maker")
    with store.session() as session, session.begin():
        session.scalar(select(OutboxItem)).resubmits_order_id = 2  # someone edits workstation.db
    api = _signed_in(aio, live_backend.url)
    assert aio(SyncEngine(store, api, "maker").push()) == 0
    with store.session() as session:
        assert session.get(DraftBatch, fix).state == BatchState.SET_ASIDE.value
    aio(api.aclose())
    store.close()
