"""Alembic environment: runs on the connection handed in by backend.db.migrate (or a URL)."""

from alembic import context

import backend.models  # noqa: F401 - registers every table on the metadata
from backend.db.base import Base
from backend.db.engine import make_single_use_engine
from backend.messages.models import is_modelled

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if url is None:  # backend/db/migrate.py sets it, or hands a connection
        raise RuntimeError("no database to migrate: sqlalchemy.url is not set")
    engine = make_single_use_engine(url)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copy
        compare_type=True,
        include_name=is_modelled,  # the subject-search objects have no model (backend/messages/models.py)
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; run against a database")
run_migrations_online()

