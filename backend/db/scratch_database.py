"""A new, empty PostgreSQL database on a server: for tests and benchmarks, which must never share
a database with anything else. Who makes one drops it (the tests at the run's end,
tests/fixtures/app_backend.py; a benchmark when it is done, bench/harness.py)."""

import uuid

from sqlalchemy import Engine, create_engine, make_url, text


def admin_engine(server_url: str) -> Engine:
    """Connections to the server of ``server_url`` that may create and drop databases."""
    return create_engine(make_url(server_url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")


def create_scratch_database(admin: Engine, server_url: str, prefix: str) -> tuple[str, str]:
    """(name, URL) of a new, empty database named ``prefix`` and a random suffix."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return name, make_url(server_url).set(database=name).render_as_string(hide_password=False)

