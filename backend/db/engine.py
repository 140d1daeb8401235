"""Engines per dialect: SQLite gets WAL, foreign keys, a busy timeout and BEGIN IMMEDIATE writes."""

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

# A PostgreSQL server that stops answering (a dropped route, a firewall) would otherwise hold every
# new connection, and the request waiting for it, forever: libpq has no connect timeout of its own.
# Seconds, well under the desktop's 15 s, so it hears "database unavailable" (503), not a timeout.
PG_CONNECT_TIMEOUT = 5

# Requests inside the app at once (backend/kit/admission.py). Each holds at most one connection at
# a time (authentication's is closed before the route's is opened), but holds it while it waits for
# a worker thread to serialize its answer: with more requests holding connections than the pool
# had, the rest blocked every thread waiting for one and nothing moved for 30 s. The pool holds one
# per admitted request and one per background task (the settings clock, the dispatcher), so no
# request ever waits for a connection.
ADMITTED_REQUESTS = 30
BACKGROUND_TASKS = 2
_POOL = {"pool_size": 10, "max_overflow": ADMITTED_REQUESTS + BACKGROUND_TASKS - 10}


def make_engine(url: str, *, echo: bool = False) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        in_memory = parsed.database in (None, "", ":memory:")  # one connection per thread, no pool size
        engine = create_engine(
            url, echo=echo, connect_args={"check_same_thread": False, "timeout": 30},
            **({} if in_memory else _POOL),
        )
        _configure_sqlite(engine)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, echo=echo, pool_pre_ping=True, **_POOL,
                         connect_args=_pg_connect_args(parsed))


def make_single_use_engine(url: str) -> Engine:
    """An engine without pooling, for migrations and one-off commands."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    engine = create_engine(parsed, poolclass=NullPool, connect_args=_pg_connect_args(parsed))
    if parsed.get_backend_name() == "sqlite":
        _configure_sqlite(engine)
    return engine


def _pg_connect_args(parsed) -> dict:
    """PostgreSQL's connect timeout, unless the URL names its own (``?connect_timeout=N``)."""
    if parsed.get_backend_name() != "postgresql" or "connect_timeout" in parsed.query:
        return {}
    return {"connect_timeout": PG_CONNECT_TIMEOUT}


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Let SQLAlchemy, not the driver, decide when transactions begin (see "begin" below).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # Writers take the write lock up front so two writers queue instead of deadlocking.
        immediate = conn.get_execution_options().get("sqlite_immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
