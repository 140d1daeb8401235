"""Prometheus metrics: what each process counts as it serves, and how ``/metrics`` gathers them.

Counted per process as it happens: requests by route template (``/work-orders/{order_id}``, never
the raw path, so ids make no new series), method and status, their latency, the requests in
progress, and the database pool's connections in use. Read from the database at scrape time
(backend/ops/state_counts.py): work orders by status and the dispatcher's queue.

Several workers (``--workers N``, PostgreSQL) share one listening socket, so a scrape reaches any
one of them: prometheus-client's multiprocess mode makes each answer the deployment's sum. Every
worker writes its values to files in ``PROMETHEUS_MULTIPROC_DIR``, which ``python -m backend``
creates empty for the run (or empties, if the operator named one) before the workers start, and
a scrape adds them up. The pool's gauges are per worker (a ``pid`` label; a worker that is gone
drops out); counters and histograms keep a dead worker's counts, as Prometheus expects of them.
"""

import glob
import logging
import os
import re
from datetime import UTC, datetime

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    ProcessCollector,
    disable_created_metrics,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import Engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import QueuePool

from backend.db.session import Database
from backend.ops import state_counts
from backend.ops.metrics_folder import MULTIPROCESS_ENV

log = logging.getLogger(__name__)

disable_created_metrics()  # no ``_created`` series beside each counter: noise to a scraper of this size

CONTENT_TYPE = CONTENT_TYPE_LATEST
UNMATCHED = "unmatched"  # the route label of a request no route serves (404): one series for all

# This process's own metrics; a scrape in multiprocess mode reads every worker's files instead.
_OWN = CollectorRegistry(auto_describe=True)
REQUESTS = Counter("opsdesk_http_requests", "HTTP requests answered, by route template, method and status.",
                   ["route", "method", "status"], registry=_OWN)
LATENCY = Histogram("opsdesk_http_request_duration_seconds",
                    "Time from a request's arrival to the end of its answer, by route template and method.",
                    ["route", "method"], registry=_OWN,
                    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0))
IN_PROGRESS = Gauge("opsdesk_http_requests_in_progress", "Requests being served now.",
                    registry=_OWN, multiprocess_mode="livesum")
POOL_IN_USE = Gauge("opsdesk_db_pool_connections_in_use", "Database connections checked out of the pool.",
                    registry=_OWN, multiprocess_mode="liveall")
POOL_LIMIT = Gauge("opsdesk_db_pool_connections_max", "Connections the pool may open (size plus overflow).",
                   registry=_OWN, multiprocess_mode="liveall")

_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def record_request(route: str, method: str, status: int, seconds: float) -> None:
    method = method if method in _METHODS else "OTHER"  # a made-up method makes no new series
    REQUESTS.labels(route, method, str(status)).inc()
    LATENCY.labels(route, method).observe(seconds)


def watch_pool(engine: Engine) -> None:
    """Keeps the pool gauges of this process up to date as connections go out and come back."""
    pool = engine.pool
    if not isinstance(pool, QueuePool):  # SQLite in memory, single-use engines: nothing to watch
        return
    POOL_LIMIT.set(pool.size() + max(pool._max_overflow, 0))

    def counted(*_args) -> None:
        POOL_IN_USE.set(pool.checkedout())

    event.listen(engine, "checkout", counted)
    event.listen(engine, "checkin", counted)


class _DatabaseCounts(Collector):
    """Work orders by status and the message queue, counted when scraped."""

    def __init__(self, database: Database):
        self._database = database

    def collect(self):
        up = GaugeMetricFamily("opsdesk_database_up", "Whether the scrape could read the database.")
        try:
            with self._database.read_session() as session:
                orders = state_counts.work_orders_by_status(session)
                queue = state_counts.message_queue(session)
        except SQLAlchemyError as exc:
            log.warning("metrics: the database did not answer: %s", exc)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        by_status = GaugeMetricFamily("opsdesk_work_orders", "Work orders by status.", labels=["status"])
        for status, count in orders.items():
            by_status.add_metric([status], count)
        yield by_status
        depth = GaugeMetricFamily("opsdesk_message_attempts_waiting",
                                  "Delivery attempts the dispatcher has not finished, by channel and status "
                                  "(queued: waiting for a pass or a retry; sending: claimed).",
                                  labels=["channel", "status"])
        oldest = GaugeMetricFamily("opsdesk_message_oldest_waiting_seconds",
                                   "Age of the oldest unfinished delivery attempt, by channel.", labels=["channel"])
        now, ages = datetime.now(UTC), dict[str, float]()
        for row in queue:
            depth.add_metric([row.channel, row.status], row.attempts)
            ages[row.channel] = max(ages.get(row.channel, 0.0), (now - row.oldest).total_seconds())
        for channel, age in ages.items():
            oldest.add_metric([channel], age)
        yield depth
        yield oldest


class _Own(Collector):
    def collect(self):
        return _OWN.collect()


def multiprocess_dir() -> str | None:
    return os.environ.get(MULTIPROCESS_ENV) or None


def scrape(database: Database) -> bytes:
    """The exposition text of every worker's metrics and the database's counts."""
    registry = CollectorRegistry()
    folder = multiprocess_dir()
    if folder:
        _forget_gone_workers(folder)
        multiprocess.MultiProcessCollector(registry, path=folder)
    else:
        registry.register(_Own())
        registry.register(ProcessCollector(registry=None))
    registry.register(_DatabaseCounts(database))
    return generate_latest(registry)


_LIVE_FILE = re.compile(r"gauge_live\w+?_(\d+)\.db$")


def _forget_gone_workers(folder: str) -> None:
    """A worker killed before its shutdown leaves its live gauges: drop those of processes gone
    (a supervisor restarts the worker under a new pid). POSIX only: Windows has no signal 0."""
    if os.name != "posix":
        return
    pids = {int(m.group(1)) for name in glob.glob(os.path.join(folder, "gauge_live*.db"))
            if (m := _LIVE_FILE.search(name))}
    for pid in pids:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            multiprocess.mark_process_dead(pid, folder)
        except PermissionError:
            pass  # alive, someone else's


def worker_stopped() -> None:
    """This worker's live gauges leave the sums as it shuts down."""
    if folder := multiprocess_dir():
        multiprocess.mark_process_dead(os.getpid(), folder)
