"""The FastAPI application factory. State lives in the database, never in the process."""

import asyncio
import logging
from contextlib import asynccontextmanager, suppress
from datetime import timedelta

from fastapi import FastAPI

from backend.approval_chains.routes import router as approval_chains_router
from backend.approval_delegations.routes import router as approval_delegations_router
from backend.audit import anchor
from backend.audit.routes import router as audit_router
from backend.auth import grant_key, route_rules
from backend.auth.routes import router as auth_router
from backend.db.engine import ADMITTED_REQUESTS, make_engine
from backend.db.session import Database
from backend.events.brokers import make_broker
from backend.events.routes import router as events_router
from backend.funds.routes import router as funds_router
from backend.health import VERSION
from backend.health import router as health_router
from backend.help_center.routes import router as help_center_router
from backend.identity.routes import router as identity_router
from backend.kit.admission import Admission
from backend.kit.body_limit import DEFAULT_BODY_MAX, DeclaredBodyLimit
from backend.kit.clock import SYSTEM_CLOCK, Clock, ClockMiddleware
from backend.kit.errors import PROBLEM_RESPONSES, install_error_handlers
from backend.margin_call.routes import router as margin_call_router
from backend.messages import dispatcher
from backend.messages.routes import router as messages_router
from backend.ops import backup_schedule, backups, json_logs, metrics
from backend.ops.observe import ObservedApp
from backend.ops.routes import router as ops_router
from backend.risk import settings_clock
from backend.risk.routes import router as risk_router
from backend.settings import Settings, get_settings
from backend.work_orders.routes import router as work_orders_router
from services.contract.events import EVENTS_STREAM_PATH
from services.password_hashing import COST_ENV, minimal_cost

log = logging.getLogger(__name__)


@asynccontextmanager
async def _lifespan(app: FastAPI):
    settings = app.state.settings
    app.state.events.start()
    tasks = [asyncio.create_task(settings_clock.run_forever(app.state.database, settings.settings_clock_seconds))]
    key_file, checkpoint_file = settings.audit_paths()
    tasks.append(asyncio.create_task(anchor.run_forever(
        app.state.database, key_file, checkpoint_file, every_events=settings.audit_checkpoint_events,
        every_minutes=settings.audit_checkpoint_minutes, interval=settings.audit_checkpoint_seconds)))
    # A backend with nowhere to send still runs the passes: it fails what waited too long for a provider.
    tasks.append(asyncio.create_task(dispatcher.run_forever(
        app.state.database, dispatcher.providers_from(settings), settings.dispatch_seconds,
        timedelta(minutes=settings.undeliverable_minutes))))
    if settings.backup_every_hours > 0 and (plan := backups.Plan.from_settings(settings)) is not None:
        tasks.append(asyncio.create_task(backup_schedule.run_forever(plan, settings.backup_every_hours)))
    yield
    app.state.events.close()
    for task in tasks:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task
    # Its connections closed now, not left to the interpreter's end (python -m backend skips the
    # last collection): SQLite's last close folds the write-ahead log back into the database file.
    app.state.database.engine.dispose()
    metrics.worker_stopped()


def create_app(settings: Settings | None = None, *, clock: Clock = SYSTEM_CLOCK) -> FastAPI:
    """``clock`` is every "now" of the app's requests and background passes (tests move one)."""
    settings = settings or get_settings()
    json_logs.configure(settings.log_level, settings.log_format)
    if minimal_cost():
        log.warning("passwords are hashed at argon2's minimal cost (%s): for a test suite only", COST_ENV)
    # Observed: each request's id, metrics and access log line, around everything else (backend/ops/observe.py).
    app = ObservedApp(title="OpsDesk backend", version=VERSION, lifespan=_lifespan, responses=PROBLEM_RESPONSES)
    app.state.settings = settings
    grant_key.signing_key(settings)  # made (0600) on the first start, read on the others
    app.state.database = Database(make_engine(settings.database_url))
    metrics.watch_pool(app.state.database.engine)
    app.state.events = make_broker(app.state.database)  # after every commit, to the event streams
    install_error_handlers(app)
    for router in (health_router, auth_router, margin_call_router, risk_router, messages_router,
                   help_center_router, funds_router, identity_router, work_orders_router, approval_chains_router,
                   approval_delegations_router, audit_router, events_router, ops_router):
        # Per router, not the app's max_body_size: Starlette would answer the app's limit as plain
        # text, and apply it before a route's larger own (backend/kit/body_limit.py).
        app.include_router(router, max_body_size=DEFAULT_BODY_MAX)
    route_rules.install(app)
    app.state.clock = clock
    app.add_middleware(ClockMiddleware, clock=clock)  # innermost: the request's handlers read it
    # An event stream holds no thread or connection while it waits: it leaves the admitted once answered.
    app.add_middleware(Admission, limit=ADMITTED_REQUESTS, released_once_answering=(EVENTS_STREAM_PATH,))
    app.add_middleware(DeclaredBodyLimit)  # outermost: a body too large waits for no admission
    return app
