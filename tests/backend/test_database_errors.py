"""What the database refuses is not "database unavailable".

A NUL character in a text filter once reached SQLite's text index (FTS5), which refused the query,
and every OperationalError answered 503 "database unavailable"; PostgreSQL answered 422. Now the
filter is refused before any query, the same 422 on both, and 503 is kept for a database that
cannot be reached or used: real errors from real databases are sorted here.
"""

import socket
import sqlite3

import pytest
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError

from backend.db.engine import make_engine
from backend.kit.errors import database_unavailable
from services.contract.queries import MESSAGE_COUNT_PATH, MESSAGE_EXPORT_PATH, MESSAGE_RECORDS_PATH
from tests.conftest import fresh_postgres_database


@pytest.mark.parametrize("path", [MESSAGE_RECORDS_PATH, MESSAGE_COUNT_PATH, MESSAGE_EXPORT_PATH])
def test_a_nul_in_the_subject_filter_is_refused_422_on_both_databases(api, path):
    with api.client("service") as client:
        response = client.get(path, params={"subject": "margin\x00call"})
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["code"] == "validation_error"
    assert body["errors"][0]["field"] == "subject" and "NUL" in body["errors"][0]["reason"]


def _raised(engine, *statements: str) -> OperationalError:
    with pytest.raises(OperationalError) as caught, engine.connect() as conn:
        for statement in statements:
            conn.exec_driver_sql(statement)
    return caught.value


def test_sqlite_refusing_a_query_is_not_unavailability(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'refused.db'}")
    # What the NUL in a subject filter made of the text index's query: an unterminated string.
    refused = _raised(engine, "CREATE VIRTUAL TABLE t USING fts5(x)", "SELECT * FROM t WHERE t MATCH '\"a'")
    assert "unterminated string" in str(refused.orig) and not database_unavailable(refused)
    assert not database_unavailable(_raised(engine, "SELECT * FROM no_such_table"))
    engine.dispose()


def test_a_locked_or_unopenable_sqlite_database_is_unavailable(tmp_path):
    path = tmp_path / "locked.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")  # holds the write lock
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 0})
    try:
        locked = _raised(engine, "BEGIN IMMEDIATE")
        assert "locked" in str(locked.orig) and database_unavailable(locked)
    finally:
        holder.close()
        engine.dispose()
    missing = create_engine(f"sqlite:///{tmp_path / 'no' / 'such' / 'folder.db'}")
    assert database_unavailable(_raised(missing, "SELECT 1"))


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_postgresql_is_unavailable_and_a_refused_statement_is_not():
    unreachable = create_engine(f"postgresql+psycopg://postgres@127.0.0.1:{_closed_port()}/none")
    assert database_unavailable(_raised(unreachable, "SELECT 1"))
    with fresh_postgres_database() as url:
        _a_refused_statement_is_not_unavailable(url)


def _a_refused_statement_is_not_unavailable(url: str) -> None:
    engine = make_engine(url)
    # psycopg calls this an OperationalError too (55000, object not in prerequisite state).
    refused = _raised(engine, "CREATE TEMPORARY SEQUENCE s", "SELECT currval('s')")
    assert refused.orig.sqlstate == "55000" and not database_unavailable(refused)
    engine.dispose()


def test_a_query_the_database_refuses_answers_500_not_unavailable(api, caplog):
    """A table gone (a migration not run, a restore gone wrong) is a fault to look into, not a
    database to wait for: 500 and the error logged, where 503 would have the desktop retry."""
    engine = api.engine()
    with engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE help_articles RENAME TO help_articles_gone")
    engine.dispose()
    with api.client("editor") as editor:
        response = editor.get("/help-center/articles")
    assert (response.status_code, response.json()["code"]) == (500, "internal_error")
    assert "help_articles" in caplog.text and "unhandled error" in caplog.text
