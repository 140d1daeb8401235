"""Drafts against the live table: rows start from the cached live row of their symbol, the
engine's conflicts survive a save, each field is shown three ways and merged three ways (the
user chooses only where both sides changed), a row left equal to live leaves the batch, and the
batch is a draft again that submits anew. The last test runs the whole
round against a real backend."""

import uuid

import pytest
from sqlalchemy import select

from services.clients.approvals import ApprovalsClient
from services.clients.session import SessionClient
from services.contract.schemas import WorkOrderSubmit
from services.excel.margin_columns import SHEETS
from services.offline import drafts, proof
from services.offline.conflicts import (
    Choice,
    cached_bases,
    cell_text,
    live_values,
    resolve,
    row_conflicts,
    save_rows,
)
from services.offline.models import BatchState, DraftBatch, DraftRow, OutboxItem, RefMargin, RefSecurity
from services.offline.store import open_store
from services.offline.sync import SyncEngine
from tests.backend.margin_steps import UPDATE, symbols

TENCENT = {"symbol": "00700.HK", "market": "HK", "im": "0.5000", "mcm": "0.4500", "mm": "0.4000", "fm": "0.3500",
           "financeable": True, "effective_from": None, "remark": None}
APPLE = {**TENCENT, "symbol": "AAPL.US", "market": "US", "im": "0.6000"}


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "local.db")
    with s.session() as session, session.begin():
        session.add_all([RefSecurity(symbol="00700.HK", market="HK", name="Tencent"),
                         RefSecurity(symbol="AAPL.US", market="US", name="Apple"),
                         RefSecurity(symbol="00005.HK", market="HK", name="HSBC"),
                         RefMargin(kind="long", symbol="00700.HK", values=TENCENT, version=3),
                         RefMargin(kind="long", symbol="AAPL.US", values=APPLE, version=7)])
    yield s
    s.close()


def _rows(store, batch_id):
    with store.session() as session:
        return list(session.scalars(select(DraftRow).where(DraftRow.batch_id == batch_id)
                                    .order_by(DraftRow.position)))


def _state(store, batch_id):
    with store.session() as session:
        batch = session.get(DraftBatch, batch_id)
        return batch.state, batch.reason


def _moved(store, changes: dict[str, dict | None]) -> None:
    """The cache refreshed with these live long rows changed (None: deleted), then the sync
    engine's own conflict marking (it needs no backend for that)."""
    with store.session() as session, session.begin():
        for symbol, values in changes.items():
            cached = session.get(RefMargin, ("long", symbol))
            if values is None:
                session.delete(cached)
            else:
                cached.values, cached.version = values, cached.version + 1
    SyncEngine(store, None, "maker").mark_conflicts()


def test_live_values_read_back_to_the_same_row():
    texts = live_values("long", "upload", {**TENCENT, "effective_from": "2026-03-02T01:30:00+00:00",
                                           "remark": "review"})
    assert texts == {"symbol": "00700.HK", "market": "HK", "im": "0.5000", "mcm": "0.4500", "mm": "0.4000",
                     "fm": "0.3500", "financeable": "TRUE", "effective_from": "2026-03-02 09:30", "remark": "review"}
    assert live_values("long", "batch_delete", TENCENT) == {"symbol": "00700.HK"}
    assert cell_text(SHEETS["long"].column("remark"), None) == ""


def test_a_row_starts_from_the_cached_live_row_of_its_symbol_and_keeps_it(store):
    batch = drafts.new_batch(store, "maker", "long", "upload")
    older = {**TENCENT, "version": 2}  # copied from the live list before the cache was refreshed
    bases = save_rows(store, batch, "long", [({"symbol": "00700.HK", "im": "60%"}, older),
                                             ({"symbol": " aapl.us", "im": "70%"}, None),
                                             ({"symbol": "00005.HK", "im": "50%"}, None)])
    assert [b and b["version"] for b in bases] == [2, 7, 0]  # kept; from the cache; none: a new row
    assert [r.base and r.base["version"] for r in _rows(store, batch)] == [2, 7, 0]
    assert bases[2] == {"symbol": "00005.HK", "version": 0}
    # A new row keeps saying it started from nothing, even once the cache holds its symbol.
    with store.session() as session, session.begin():
        session.add(RefMargin(kind="long", symbol="00005.HK", values={**TENCENT, "symbol": "00005.HK"}, version=1))
    assert save_rows(store, batch, "long", [({"symbol": "00005.HK", "im": "50%"}, bases[2])]) == [bases[2]]
    # The symbol of a row changed: its base goes with the old symbol.
    bases = save_rows(store, batch, "long", [({"symbol": "AAPL.US", "im": "60%"}, older)])
    assert bases[0]["symbol"] == "AAPL.US" and bases[0]["version"] == 7
    assert cached_bases(store, "long", ["00700.hk", "", "99999.HK"]) == {"00700.HK": {**TENCENT, "version": 3}}


def test_a_conflict_the_engine_marked_survives_the_editors_next_save(store):
    batch = drafts.new_batch(store, "maker", "long", "upload")
    save_rows(store, batch, "long", [({"symbol": "00700.HK", "im": "60%"}, None)])
    _moved(store, {"00700.HK": {**TENCENT, "im": "0.5500"}})
    assert _state(store, batch)[0] == BatchState.CONFLICT.value
    save_rows(store, batch, "long", [({"symbol": "00700.HK", "im": "65%"}, {**TENCENT, "version": 3})])
    [row] = _rows(store, batch)
    assert row.values["im"] == "65%" and row.conflict["version"] == 4 and row.base["version"] == 3


def test_each_conflicting_field_is_shown_three_ways(store):
    batch = drafts.new_batch(store, "maker", "long", "upload")
    drafts.set_rows(store, batch, [
        {**live_values("long", "upload", TENCENT), "im": "60%"},
        {**live_values("long", "upload", APPLE)}],
        bases={"00700.HK": {**TENCENT, "version": 3}, "AAPL.US": {**APPLE, "version": 7}})
    _moved(store, {"00700.HK": {**TENCENT, "mm": "0.4200"}, "AAPL.US": None})
    tencent, apple = row_conflicts(store, batch)
    assert (tencent.position, tencent.base_version, tencent.live_version, tencent.deleted) == (0, 3, 4, False)
    fields = {f.field: f for f in tencent.fields}
    assert (fields["im"].drafted, fields["im"].started, fields["im"].live) == ("60%", "0.5000", "0.5000")
    assert fields["im"].drafted_changed and not fields["im"].live_changed
    assert (fields["mm"].drafted, fields["mm"].live, fields["mm"].live_changed) == ("0.4000", "0.4200", True)
    assert not fields["mm"].drafted_changed and not fields["financeable"].drafted_changed
    assert tencent.changed_fields() == ["mm"]
    assert apple.deleted and apple.fields[0].live is None


def test_fields_merge_three_ways_and_the_user_chooses_only_where_both_sides_changed(store):
    batch = drafts.new_batch(store, "maker", "long", "upload")
    drafts.set_rows(store, batch, [
        # Tencent: the maker changes IM and the remark; live, MCM and the remark change.
        {**live_values("long", "upload", TENCENT), "im": "60%", "remark": "mine"},
        # Apple: the maker changes IM; live, MCM and the remark change: nothing to choose.
        {**live_values("long", "upload", APPLE), "im": "65%"}],
        bases={"00700.HK": {**TENCENT, "version": 3}, "AAPL.US": {**APPLE, "version": 7}})
    first = drafts.submit(store, batch, "maker")
    _moved(store, {"00700.HK": {**TENCENT, "mcm": "0.4800", "remark": "live"},
                   "AAPL.US": {**APPLE, "mcm": "0.4800", "remark": "live"}})
    with store.session() as session:  # taken out of the outbox
        assert session.get(OutboxItem, first.id).state == "failed"
    tencent, apple = row_conflicts(store, batch)
    fields = {f.field: f for f in tencent.fields}
    assert [f.field for f in tencent.fields if f.contested] == tencent.contested_fields() == ["remark"]
    assert fields["im"].merged(None) == "60%"  # changed only in the draft: the draft's
    assert fields["mcm"].merged(None) == "0.4800"  # changed only live: the live value
    assert fields["mm"].merged(None) == "0.4000"  # changed on neither side
    assert fields["remark"].merged(None) is None  # changed on both: the user's choice
    assert (fields["remark"].merged(Choice.KEEP_MINE), fields["remark"].merged(Choice.TAKE_LIVE)) == ("mine", "live")
    assert apple.contested_fields() == [] and apple.ready(None) and not tencent.ready(None)

    assert resolve(store, batch, {}) == 1  # Apple merged by itself; Tencent waits for its choice
    assert _state(store, batch)[0] == BatchState.CONFLICT.value
    assert resolve(store, batch, {0: {"remark": Choice.KEEP_MINE}}) == 0
    assert _state(store, batch) == (BatchState.DRAFT.value, None)
    tencent, apple = _rows(store, batch)
    assert ({k: tencent.values[k] for k in ("im", "mcm", "mm", "remark")}, tencent.base["version"]) == (
        {"im": "60%", "mcm": "0.4800", "mm": "0.4000", "remark": "mine"}, 4)
    assert ({k: apple.values[k] for k in ("im", "mcm", "remark")}, apple.base["version"], apple.conflict) == (
        {"im": "65%", "mcm": "0.4800", "remark": "live"}, 8, None)
    second = drafts.submit(store, batch, "maker")
    assert second.idempotency_key != first.idempotency_key
    assert second.expected_versions == {"stock_margin:00700.HK": 4, "stock_margin:AAPL.US": 8}
    assert [(r["im"], r["mcm"], r["remark"]) for r in second.payload["rows"]] == [
        ("0.6000", "0.4800", "mine"), ("0.6500", "0.4800", "live")]
    with pytest.raises(ValueError):  # queued again: nothing to resolve
        resolve(store, batch, {0: Choice.KEEP_MINE})


def test_a_row_equal_to_live_after_the_merge_leaves_the_batch(store):
    batch = drafts.new_batch(store, "maker", "long", "upload")
    drafts.set_rows(store, batch, [
        {**live_values("long", "upload", TENCENT), "im": "60%"},
        {**live_values("long", "upload", APPLE), "im": "65%"}],
        bases={"00700.HK": {**TENCENT, "version": 3}, "AAPL.US": {**APPLE, "version": 7}})
    _moved(store, {"00700.HK": {**TENCENT, "im": "0.5500"}, "AAPL.US": {**APPLE, "im": "0.6500"}})
    tencent, apple = row_conflicts(store, batch)
    assert tencent.contested_fields() == ["im"]
    assert apple.contested_fields() == [] and apple.merged(None)["im"] == "65%"  # the same change on both sides
    assert resolve(store, batch, {0: Choice.TAKE_LIVE}) == 0  # both rows now equal their live rows
    assert _rows(store, batch) == [] and _state(store, batch)[0] == BatchState.DRAFT.value


def test_a_row_drafted_as_new_conflicts_with_a_live_row_created_meanwhile(store):
    batch = drafts.new_batch(store, "maker", "long", "upload")
    save_rows(store, batch, "long", [({**live_values("long", "upload", {**TENCENT, "symbol": "00005.HK"}),
                                       "im": "0.5"}, None)])
    item = drafts.submit(store, batch, "maker")
    assert item.expected_versions == {"stock_margin:00005.HK": 0}  # "did not exist", said explicitly
    live = {**TENCENT, "symbol": "00005.HK", "im": "0.8000", "remark": "listed"}
    with store.session() as session, session.begin():
        session.add(RefMargin(kind="long", symbol="00005.HK", values=live, version=1))
    assert SyncEngine(store, None, "maker").mark_conflicts() == 1
    with store.session() as session:
        assert session.get(OutboxItem, item.id).state == "failed"
    [conflict] = row_conflicts(store, batch)
    assert conflict.created and not conflict.deleted and conflict.contested_fields() == ["im"]
    assert resolve(store, batch, {0: {"im": Choice.KEEP_MINE}}) == 0
    [row] = _rows(store, batch)
    assert (row.values["im"], row.values["remark"], row.base["version"]) == ("0.5", "listed", 1)
    assert drafts.submit(store, batch, "maker").expected_versions == {"stock_margin:00005.HK": 1}


def test_a_row_whose_live_row_was_deleted_leaves_or_becomes_new(store):
    batch = drafts.new_batch(store, "maker", "long", "upload")
    drafts.set_rows(store, batch, [{**live_values("long", "upload", TENCENT)}, {**live_values("long", "upload", APPLE)}],
                    bases={"00700.HK": {**TENCENT, "version": 3}, "AAPL.US": {**APPLE, "version": 7}})
    _moved(store, {"00700.HK": None, "AAPL.US": None})
    assert resolve(store, batch, {1: {"im": Choice.KEEP_MINE}}) == 2  # a gone row needs the row's choice
    assert resolve(store, batch, {0: Choice.TAKE_LIVE, 1: Choice.KEEP_MINE}) == 0
    [apple] = _rows(store, batch)
    assert (apple.position, apple.symbol, apple.base, apple.conflict) == (
        0, "AAPL.US", {"symbol": "AAPL.US", "version": 0}, None)  # now a new row


def test_a_conflict_with_the_real_backend_is_resolved_and_resubmitted(aio, backend, tmp_path):
    local = open_store(tmp_path / "conflict.db")
    proof.unlock_with_password(local, "maker", "maker-demo")  # the maker's sign-in: their items carry proof
    api = backend.api_client()
    aio(SessionClient(api).login("maker", "maker-demo"))
    checker = backend.api_client()
    aio(SessionClient(checker).login("checker", "checker-demo"))
    approvals = ApprovalsClient(api)
    engine = SyncEngine(local, api, "maker")
    aio(engine.refresh_reference(("long",)))
    [symbol] = symbols(backend, "HK", 1, with_row=True, financeable=True)
    batch = drafts.new_batch(local, "maker", "long", "upload")
    [base] = save_rows(local, batch, "long", [({"symbol": symbol, "im": "0.8", "mcm": "0.7", "mm": "0.6",
                                                "fm": "0.5"}, None)])
    assert base is not None and base["symbol"] == symbol  # from the cache

    live = {k: base[k] for k in ("symbol", "market", "mcm", "mm", "fm")}
    other = aio(approvals.submit(WorkOrderSubmit(flow=UPDATE, payload={**live, "im": "0.9"}), str(uuid.uuid4())))
    aio(ApprovalsClient(checker).decide(other.id, "approve", level=1))
    aio(engine.refresh_reference(("long",)))
    assert _state(local, batch)[0] == BatchState.CONFLICT.value
    [conflict] = row_conflicts(local, batch)
    assert conflict.live_version == base["version"] + 1 and conflict.changed_fields() == ["im"]

    assert resolve(local, batch, {0: Choice.KEEP_MINE}) == 0
    drafts.submit(local, batch, "maker")
    assert aio(engine.push()) == 1
    with local.session() as session:
        order_id = session.get(DraftBatch, batch).work_order_id
        assert session.scalar(select(OutboxItem.state).where(OutboxItem.batch_id == batch,
                                                             OutboxItem.work_order_id == order_id)) == "sent"
    order = aio(approvals.work_order(order_id))
    assert order.payload["rows"][0]["im"] == "0.8000" and order.status == "pending"
    aio(approvals.withdraw(order_id))
    for client in (api, checker):
        aio(client.aclose())
    local.close()
