"""The draft grid's journal (services/offline/pending.py): ops replayed in order over the saved rows,
folded into the batch when the store or the batch is opened, emptied by a full save, dropped with a
deleted batch and for a batch the user can no longer change."""

import pytest
from sqlalchemy import select

from services.offline import drafts, pending
from services.offline.batches import delete_batch
from services.offline.models import BatchState, DraftBatch, DraftRow, PendingEdit
from services.offline.pending import JournalRow, cells_op, insert_op, remove_op
from services.offline.store import open_store

BASE = {"symbol": "00005.HK", "im": "0.4000", "version": 7}


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "local.db")
    yield s
    s.close()


def rows_of(store, batch_id: str) -> list[tuple[str, str, dict | None]]:
    with store.session() as session:
        return [(r.symbol, r.values.get("im", ""), r.base) for r in session.scalars(
            select(DraftRow).where(DraftRow.batch_id == batch_id).order_by(DraftRow.position))]


def journal(store) -> list[dict]:
    with store.session() as session:
        return [e.op for e in session.scalars(select(PendingEdit).order_by(PendingEdit.id))]


def test_ops_replay_in_order_and_an_op_that_does_not_fit_is_skipped():
    rows = [JournalRow({"symbol": "a"}), JournalRow({"symbol": "b"}), JournalRow({"symbol": "c"})]
    out = pending.replay(rows, [
        cells_op([(1, "symbol", "b2"), (9, "symbol", "nowhere")]),
        insert_op(1, [({"symbol": "new"}, BASE)]),
        remove_op([0, 3]),
        {"unknown": 1},
        cells_op([(0, "im", "50%")]),
    ])
    assert [(r.values, r.base) for r in out] == [({"symbol": "new", "im": "50%"}, BASE), ({"symbol": "b2"}, None)]


def test_recorded_edits_are_folded_when_the_store_is_opened_again(tmp_path):
    path = tmp_path / "local.db"
    store = open_store(path)
    batch = drafts.new_batch(store, "maker", "long", "upload")
    drafts.set_rows(store, batch, [{"symbol": "00700.HK", "im": "50%"}])
    assert pending.record(store, batch, [cells_op([(0, "im", "5")])])
    assert pending.record(store, batch, [cells_op([(0, "im", "55")]),
                                         insert_op(1, [({"symbol": "00005.hk", "im": ""}, BASE)])])
    assert pending.record(store, batch, [])
    assert rows_of(store, batch) == [("00700.HK", "50%", None)]  # the rows wait for the next full save
    store.close()

    store = open_store(path)  # as after a kill: the journal is folded in
    assert rows_of(store, batch) == [("00700.HK", "55", None), ("00005.HK", "", BASE)]
    assert journal(store) == [] and pending.fold(store) == []
    store.close()


def test_a_full_save_empties_the_journal_and_a_batch_is_folded_on_its_own(store):
    first = drafts.new_batch(store, "maker", "long", "upload")
    second = drafts.new_batch(store, "maker", "long", "upload")
    pending.record(store, first, [insert_op(0, [({"symbol": "00700.HK"}, None)])])
    pending.record(store, second, [insert_op(0, [({"symbol": "09988.HK"}, None)])])
    drafts.set_rows(store, first, [{"symbol": "00700.HK"}])
    assert journal(store) == [insert_op(0, [({"symbol": "09988.HK"}, None)])]
    assert pending.fold(store, first) == []
    assert pending.fold(store, second) == [second]
    assert rows_of(store, second) == [("09988.HK", "", None)] and journal(store) == []


def test_a_deleted_batch_takes_its_journal_and_a_queued_one_keeps_its_rows(store):
    gone = drafts.new_batch(store, "maker", "long", "upload")
    pending.record(store, gone, [insert_op(0, [({"symbol": "00700.HK"}, None)])])
    assert delete_batch(store, gone)
    assert journal(store) == [] and not pending.record(store, gone, [cells_op([(0, "im", "1")])])

    queued = drafts.new_batch(store, "maker", "long", "upload")
    drafts.set_rows(store, queued, [{"symbol": "00700.HK", "im": "50%"}])
    pending.record(store, queued, [cells_op([(0, "im", "60%")])])
    with store.session() as session, session.begin():
        session.get_one(DraftBatch, queued).state = BatchState.QUEUED.value
    assert pending.fold(store) == []
    assert rows_of(store, queued) == [("00700.HK", "50%", None)] and journal(store) == []
