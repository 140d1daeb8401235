"""The fund settlement migration keeps what each side was reconciled against (SQLite and
PostgreSQL): an import of both sides becomes one per side, the redemption side's lines, notes and
confirmation moving with it; going back down joins them again."""

from datetime import UTC, date, datetime

import pytest
from alembic import command
from sqlalchemy import text

from backend.db.engine import make_single_use_engine
from backend.db.migrate import alembic_config, upgrade
from tests.conftest import fresh_postgres_database

BEFORE = "0014"  # the revision this migration follows


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fund-settlement.db'}"
        return
    with fresh_postgres_database() as url:
        yield url


def _old_batch(conn) -> int:
    """A batch as the previous schema kept it: one import holding both sides, a note on each
    side, the subscriptions confirmed. Returns the import's id (ids are the database's own)."""
    at = datetime(2031, 3, 15, 3, tzinfo=UTC)

    def insert(sql: str, **values) -> int:
        return conn.execute(text(sql + " RETURNING id"), values).scalar_one()

    fund = insert("INSERT INTO public_funds (code, name, name_zh, currency, fund_house, dealing_cutoff, "
                  "settlement_days, unit_decimals, unit_rounding, amount_decimals, unit_tolerance, amount_tolerance) "
                  "VALUES ('F1', 'Fund', '基金', 'HKD', 'House', :cutoff, 2, 4, 'ROUND_DOWN', 2, '0.01', '0.01')",
                  cutoff="12:00:00")
    batch = insert("INSERT INTO fund_clearing_batches (fund_id, trade_date, settlement_date, created_at) "
                   "VALUES (:fund, :t, :s, :at)", fund=fund, t=date(2031, 3, 14), s=date(2031, 3, 18), at=at)
    imp = insert("INSERT INTO fund_confirmation_imports (batch_id, file_name, rows, nav, imported_at) "
                 "VALUES (:batch, 'both.xlsx', 3, '12.5', :at)", batch=batch, at=at)
    for row, side, ref in ((2, "subscription", "S1"), (3, "subscription", "S2"), (4, "redemption", "R1")):
        insert("INSERT INTO fund_confirmation_lines (import_id, row_number, side, order_ref, nav, confirmed_units, "
               "confirmed_amount) VALUES (:imp, :row, :side, :ref, '12.5', '800', '12400')",
               imp=imp, row=row, side=side, ref=ref)
    for side, ref in (("subscription", "S1"), ("redemption", "R1")):
        insert("INSERT INTO fund_line_explanations (import_id, side, order_ref, note, explained_at) "
               "VALUES (:imp, :side, :ref, 'a note', :at)", imp=imp, side=side, ref=ref, at=at)
    insert("INSERT INTO fund_side_confirmations (batch_id, side, import_id, confirmed_at) "
           "VALUES (:batch, 'subscription', :imp, :at)", batch=batch, imp=imp, at=at)
    return imp


def test_an_import_of_both_sides_becomes_one_per_side_and_back(database):
    config = alembic_config(database)
    command.upgrade(config, BEFORE)
    engine = make_single_use_engine(database)
    with engine.begin() as conn:
        old = _old_batch(conn)
    upgrade(database)
    with engine.connect() as conn:
        imports = conn.execute(text("SELECT id, side, rows, file_name FROM fund_confirmation_imports ORDER BY id")).all()
        assert [(i.id, i.side, i.rows, i.file_name) for i in imports][:1] == [(old, "subscription", 2, "both.xlsx")]
        assert [(i.side, i.rows, i.file_name) for i in imports][1:] == [("redemption", 1, "both.xlsx")]
        new = imports[1].id
        assert conn.execute(text("SELECT side, import_id FROM fund_confirmation_lines ORDER BY id")).all() == [
            ("subscription", old), ("subscription", old), ("redemption", new)]
        assert conn.execute(text("SELECT side, import_id FROM fund_line_explanations ORDER BY id")).all() == [
            ("subscription", old), ("redemption", new)]
        assert conn.execute(text("SELECT side, import_id FROM fund_side_confirmations")).all() == [
            ("subscription", old)]
        assert conn.execute(text("SELECT difference_limit FROM public_funds")).scalar_one() is not None
    command.downgrade(config, BEFORE)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT id, rows FROM fund_confirmation_imports")).all() == [(old, 3)]
        assert {r.import_id for r in conn.execute(text("SELECT import_id FROM fund_confirmation_lines"))} == {old}
        assert {r.import_id for r in conn.execute(text("SELECT import_id FROM fund_line_explanations"))} == {old}
    engine.dispose()
