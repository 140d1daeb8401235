"""The workstation's database: WAL, a versioned schema upgraded on start, drafts judged with the
shared rules against the cached reference data, and submitting as one local transaction."""

import pytest
from sqlalchemy import create_engine, select

from services.offline import drafts
from services.offline.models import BatchState, DraftBatch, DraftRow, OutboxItem, RefSecurity
from services.offline.store import SCHEMA_VERSION, NewerStoreError, open_store, schema_version


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "local.db")
    with s.session() as session, session.begin():
        session.add_all([RefSecurity(symbol="00700.HK", market="HK", name="Tencent"),
                         RefSecurity(symbol="AAPL.US", market="US", name="Apple")])
    yield s
    s.close()


def row(symbol="00700.HK", im="50%", mcm="45%", mm="40%", fm="35%", **more):
    return {"symbol": symbol, "im": im, "mcm": mcm, "mm": mm, "fm": fm, **more}


def test_the_file_is_in_wal_mode_at_the_current_version_and_reopening_changes_nothing(tmp_path):
    first = open_store(tmp_path / "local.db")
    with first.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        assert schema_version(conn) == SCHEMA_VERSION
    first.close()
    again = open_store(tmp_path / "local.db")
    with again.engine.connect() as conn:
        assert schema_version(conn) == SCHEMA_VERSION
    again.close()


def test_a_file_from_a_newer_version_is_left_alone(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'newer.db'}")
    with engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    engine.dispose()
    with pytest.raises(NewerStoreError):
        open_store(tmp_path / "newer.db")


def test_rows_are_kept_as_typed_and_judged_by_row_and_field(store):
    batch = drafts.new_batch(store, "maker", "long", "upload", title="HK review")
    drafts.set_rows(store, batch, [row(), row("aapl.us", mm="50%"), row("99999.HK"), row("00700.HK", im="abc")])
    judgement = drafts.judge(store, batch)
    assert judgement.rows == []
    assert [(v.row, v.field, v.code) for v in judgement.errors] == [
        (2, "mm", "above_mcm"), (3, "symbol", "unknown_symbol"), (4, "im", "not_a_number")]
    with store.session() as session:
        saved = session.get(DraftBatch, batch).rows
        assert [r.values["im"] for r in saved] == ["50%", "50%", "50%", "abc"]  # nothing lost to a parser


@pytest.mark.parametrize("action", ["upload", "batch_delete"])
def test_symbols_none_of_which_is_listed_are_refused_and_without_a_cached_master_only_duplicates(
        store, tmp_path, action):
    def errors(on, symbols: list[str]) -> list[tuple]:
        batch = drafts.new_batch(on, "maker", "long", action)
        drafts.set_rows(on, batch, [row(s) if action == "upload" else {"symbol": s} for s in symbols])
        return [(v.row, v.code) for v in drafts.judge(on, batch).errors]

    assert errors(store, ["99999.HK", "TSLA.US"]) == [(1, "unknown_symbol"), (2, "unknown_symbol")]
    bare = open_store(tmp_path / "never-synced.db")  # no securities master cached yet
    try:
        assert errors(bare, ["00005.HK", "5.hk", "TSLA.US"]) == [(2, "duplicate_symbol")]
    finally:
        bare.close()


def test_submitting_queues_one_outbox_item_and_the_batch_state_together(store):
    batch = drafts.new_batch(store, "maker", "long", "upload")
    drafts.set_rows(store, batch, [row(), row("AAPL.US", im="0.6", mcm="0.5", mm="0.4", fm="0.3")])
    item = drafts.submit(store, batch, "maker")
    with store.session() as session:
        queued = session.get(DraftBatch, batch)
        items = session.scalars(select(OutboxItem).where(OutboxItem.batch_id == batch)).all()
    assert queued.state == BatchState.QUEUED.value and len(items) == 1
    assert items[0].idempotency_key == item.idempotency_key
    assert item.flow == "risk.credit.upload_stock_margin_ratio"
    assert [(r["symbol"], r["im"]) for r in item.payload["rows"]] == [("00700.HK", "0.5000"), ("AAPL.US", "0.6000")]
    with pytest.raises(ValueError):
        drafts.set_rows(store, batch, [row()])  # queued: no more edits


def test_a_batch_with_a_broken_rule_is_not_submitted(store):
    batch = drafts.new_batch(store, "maker", "long", "upload")
    drafts.set_rows(store, batch, [row(fm="60%")])
    with pytest.raises(drafts.NotSubmittable) as refused:
        drafts.submit(store, batch, "maker")
    assert [(v.row, v.field) for v in refused.value.violations] == [(1, "fm")]
    with store.session() as session:
        assert session.get(DraftBatch, batch).state == BatchState.DRAFT.value
        assert session.scalars(select(OutboxItem)).all() == []


def test_a_version_1_file_is_upgraded_on_start(tmp_path):
    from services.offline.store import STEPS

    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    with engine.begin() as conn:  # a file as version 1 left it: the outbox without expected_versions
        STEPS[0](conn)
        conn.exec_driver_sql("ALTER TABLE outbox DROP COLUMN expected_versions")
        conn.exec_driver_sql("DROP TABLE draft_pending_edits")
        conn.exec_driver_sql("ALTER TABLE outbox DROP COLUMN proof")
        for table, column in (("outbox", "resubmits_order_id"), ("outbox", "note"), ("draft_batches", "note"),
                              ("draft_batches", "resubmits"), ("draft_batches", "resubmits_order_id")):
            conn.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN {column}")
        conn.exec_driver_sql("PRAGMA user_version = 1")
    engine.dispose()
    store = open_store(tmp_path / "old.db")
    with store.engine.connect() as conn:
        assert schema_version(conn) == SCHEMA_VERSION == 6
        assert {"expected_versions", "proof", "resubmits_order_id", "note"} <= {
            r[1] for r in conn.exec_driver_sql("PRAGMA table_info(outbox)")}
        assert {"resubmits_order_id", "resubmits", "note"} <= {
            r[1] for r in conn.exec_driver_sql("PRAGMA table_info(draft_batches)")}
        assert {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(draft_pending_edits)")} == {"id", "batch_id", "op"}
    store.close()


def test_a_version_2_file_says_its_new_rows_started_from_nothing_once_upgraded(tmp_path):
    import json

    from services.offline.store import STEPS

    engine = create_engine(f"sqlite:///{tmp_path / 'v2.db'}")
    with engine.begin() as conn:  # version 2 kept a new row's base as none, and promised nothing for it
        STEPS[0](conn)
        for batch, action in (("queued", "upload"), ("doomed", "batch_delete")):
            conn.exec_driver_sql("INSERT INTO draft_batches (id, owner, kind, action, mode, title, state, created_at, "
                                 "updated_at) VALUES (?, 'maker', 'long', ?, 'upsert', '', 'queued', 0, 0)",
                                 (batch, action))
        for position, (batch, symbol, base) in enumerate([
                ("queued", "00700.HK", "null"), ("queued", "AAPL.US", json.dumps({"symbol": "AAPL.US", "version": 7})),
                ("queued", "", "null"), ("doomed", "00005.HK", "null")]):
            conn.exec_driver_sql("INSERT INTO draft_rows (batch_id, position, symbol, \"values\", base) "
                                 "VALUES (?, ?, ?, '{}', ?)", (batch, position, symbol, base))
        conn.exec_driver_sql("INSERT INTO outbox (batch_id, owner, flow, payload, expected_versions, idempotency_key, "
                             "state, attempts, next_attempt_at, created_at) VALUES ('queued', 'maker', 'f', '{}', ?, "
                             "'k', 'pending', 0, 0, 0)", (json.dumps({"stock_margin:AAPL.US": 7}),))
        conn.exec_driver_sql("PRAGMA user_version = 2")
    engine.dispose()
    store = open_store(tmp_path / "v2.db")
    with store.session() as session:
        bases = {(r.batch_id, r.symbol): r.base for r in session.scalars(select(DraftRow))}
        item = session.scalar(select(OutboxItem))
    assert bases == {("queued", "00700.HK"): {"symbol": "00700.HK", "version": 0},
                     ("queued", "AAPL.US"): {"symbol": "AAPL.US", "version": 7},
                     ("queued", ""): None, ("doomed", "00005.HK"): None}
    assert item.expected_versions == {"stock_margin:00700.HK": 0, "stock_margin:AAPL.US": 7}
    store.close()
