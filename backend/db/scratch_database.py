"""A new, empty PostgreSQL database on a server, dropped afterwards: for tests and benchmarks,
which must never share a database with anything else."""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

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


@contextmanager
def scratch_postgres_database(server_url: str, prefix: str = "opsdesk_scratch") -> Iterator[str]:
    """Yields the URL of a fresh database on the server of ``server_url``; drops it on exit."""
    admin = admin_engine(server_url)
    name, url = create_scratch_database(admin, server_url, prefix)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
