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

# How long a write waits for a lock held elsewhere: every write but a brief one (below) waits long.
BUSY_TIMEOUT_MS = 30_000
# A brief write (execution option ``lock_wait_ms``) gives up on a lock after this: one a request
# does on the side, which it may skip rather than wait for (a token's last use).
BRIEF_LOCK_WAIT_MS = 200


def make_engine(url: str, *, echo: bool = False) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        in_memory = parsed.database in (None, "", ":memory:")  # one connection per thread, no pool size
        engine = create_engine(
            url, echo=echo, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
            **({} if in_memory else _POOL),
        )
        _configure_sqlite(engine)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    engine = create_engine(parsed, echo=echo, pool_pre_ping=True, **_POOL,
                           connect_args=_pg_connect_args(parsed))
    if parsed.get_backend_name() == "postgresql":
        _configure_postgresql(engine)
    return engine


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
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        options = conn.get_execution_options()
        if (wait := options.get("lock_wait_ms")) is not None:
            conn.exec_driver_sql(f"PRAGMA busy_timeout={int(wait)}")
            conn.info["brief_busy_timeout"] = True  # restored when the connection is checked in
        # Writers take the write lock up front so two writers queue instead of deadlocking.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if options.get("sqlite_immediate", False) else "BEGIN")

    @event.listens_for(engine, "checkin")
    def _on_checkin(dbapi_conn, record):
        if record.info.pop("brief_busy_timeout", False) and dbapi_conn is not None:
            dbapi_conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def _configure_postgresql(engine: Engine) -> None:
    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        if (wait := conn.get_execution_options().get("lock_wait_ms")) is not None:
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = {int(wait)}")


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
