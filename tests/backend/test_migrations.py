"""The Alembic migrations build exactly the schema the models describe, and go back down."""

import uuid
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata, produce_migrations, render_python_code
from alembic.migration import MigrationContext
from sqlalchemy import Column, Integer, MetaData, Table, func, insert, inspect, make_url, select, text
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session

import backend.models  # noqa: F401 - every table on the metadata
from backend.db.base import Base
from backend.db.engine import make_single_use_engine
from backend.db.migrate import alembic_config, upgrade
from backend.db.types import ExactDecimal, UtcDateTime
from backend.messages.models import is_modelled
from tests.conftest import fresh_postgres_database


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrate.db'}"
        return
    with fresh_postgres_database() as url:
        yield url


def test_upgrade_matches_the_models_and_downgrade_removes_everything(empty_database):
    upgrade(empty_database)
    upgrade(empty_database)  # a second start finds nothing to do
    engine = make_single_use_engine(empty_database)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn, opts={"include_name": is_modelled}), Base.metadata) == []
    config = alembic_config(empty_database)
    command.downgrade(config, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()


def test_the_starting_day_trade_windows_obey_the_rules(tmp_path):
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from backend.risk.models import DayTradeWindowRow
    from services.rules.day_trade_window import DayTradeWindow, check_window

    url = f"sqlite:///{tmp_path / 'windows.db'}"
    upgrade(url)
    engine = make_single_use_engine(url)
    with Session(engine) as session:
        rows = session.scalars(select(DayTradeWindowRow)).all()
    engine.dispose()
    assert {r.market for r in rows} == {"HK", "US"}
    for r in rows:
        window = DayTradeWindow(r.market, r.time_zone, r.start, r.force_close, r.end, r.enabled)
        assert check_window(window) == [], r.market


def _exact_columns() -> Table:
    return Table("exact_columns", MetaData(), Column("id", Integer, primary_key=True),
                 Column("amount", ExactDecimal(12, 4)), Column("at", UtcDateTime()))


def test_money_and_time_columns_keep_values_exactly_and_refuse_what_they_cannot(empty_database):
    table = _exact_columns()
    engine = make_single_use_engine(empty_database)
    table.metadata.create_all(engine)
    at = datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=timezone(timedelta(hours=8)))
    with engine.begin() as conn:
        conn.execute(insert(table), [{"id": 1, "amount": 5, "at": at},
                                     {"id": 2, "amount": Decimal("0.12345"), "at": None}])
        rows = conn.execute(select(table.c.amount, table.c.at).order_by(table.c.id)).all()
    assert [tuple(r) for r in rows] == [(Decimal("5.0000"), at.astimezone(UTC)), (Decimal("0.1234"), None)]
    assert rows[0].at.tzinfo == UTC
    with pytest.raises(StatementError, match="floats are not accepted"), engine.begin() as conn:
        conn.execute(insert(table).values(id=3, amount=0.1))
    with pytest.raises(StatementError, match="naive datetime refused"), engine.begin() as conn:
        conn.execute(insert(table).values(id=3, at=datetime(2026, 1, 2)))
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(table)) == 2
    engine.dispose()


def test_a_generated_migration_writes_the_column_types_as_they_are_imported(tmp_path):
    engine = make_single_use_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    with engine.connect() as conn:
        operations = produce_migrations(MigrationContext.configure(conn), _exact_columns().metadata)
    engine.dispose()
    code = render_python_code(operations.upgrade_ops)
    assert "ExactDecimal(12, 4)" in code and "UtcDateTime()" in code
    assert eval("ExactDecimal(12, 4)", {"ExactDecimal": ExactDecimal}).scale == 4


def test_without_pg_trgm_the_migrations_succeed_and_subject_search_works_unindexed(caplog):
    """A role that may create tables but not extensions (no CREATE on the database): the trigram
    index is left out, with a warning, and the rest of the schema is built."""
    from backend.db.scratch_database import admin_engine
    from backend.demo import messages_data
    from backend.kit.keyset import FROM_START
    from backend.messages.models import MessageRecord
    from backend.messages.repository import record_page
    from services.contract.queries import MessageFilter

    role = f"opsdesk_no_extensions_{uuid.uuid4().hex[:8]}"
    with fresh_postgres_database() as url:
        server = admin_engine(url)
        with server.connect() as conn:
            conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
            conn.execute(text(f'GRANT CREATE ON SCHEMA public TO "{role}"'))
        try:
            restricted = make_url(url).set(username=role).render_as_string(hide_password=False)
            upgrade(restricted)
            assert "pg_trgm is not available" in caplog.text
            engine = make_single_use_engine(restricted)
            with engine.connect() as conn:
                assert compare_metadata(MigrationContext.configure(conn, opts={"include_name": is_modelled}),
                                        Base.metadata) == []
            assert "ix_msg_records_subject_trgm" not in {i["name"] for i in inspect(engine).get_indexes("msg_records")}
            with engine.begin() as conn:
                messages_data.seed(conn, 30)
            with Session(engine) as session:
                subject = session.scalars(select(MessageRecord.subject).limit(1)).one()
                word = max(subject.split(), key=len)
                found = record_page(session, MessageFilter(subject=word.upper()), FROM_START, 100)
            assert found and all(word.lower() in r.subject.lower() for r in found)
            engine.dispose()
        finally:
            with server.connect() as conn:
                conn.execute(text(f'DROP OWNED BY "{role}"'))
                conn.execute(text(f'DROP ROLE "{role}"'))
            server.dispose()
