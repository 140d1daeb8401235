"""The Alembic migrations build exactly the schema the models describe, and go back down."""

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

import backend.models  # noqa: F401 - every table on the metadata
from backend.db.base import Base
from backend.db.engine import make_single_use_engine
from backend.db.migrate import alembic_config, upgrade
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
