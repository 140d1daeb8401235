"""What runs once per deployment start, before any worker serves: schema, roles, demo data."""

import logging
import time
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.approval_chains.seed import ensure_seeded
from backend.auth.bootstrap import ensure_demo_users, sync_roles
from backend.db.engine import make_single_use_engine
from backend.db.migrate import upgrade
from backend.funds.models import PublicFund
from backend.help_center.models import HelpArticle
from backend.kit.hk_time import hk_today
from backend.margin_call.models import Account
from backend.messages.models import MessageRecord
from backend.risk.models import Security
from services.contract.launch import PrepareStep

log = logging.getLogger(__name__)

DEFAULT_DEMO_ACCOUNTS = 20_000
# A first start seeds this many message records (a few seconds); the million is a command:
# ``python -m backend --database-url URL seed-messages --count 1000000``.
DEFAULT_DEMO_MESSAGES = 20_000

Progress = Callable[[PrepareStep], None]  # told each step that has work to do


def _quiet(_step: PrepareStep) -> None:
    pass


def prepare_database(url: str, *, demo: bool, demo_accounts: int = DEFAULT_DEMO_ACCOUNTS,
                     demo_messages: int = DEFAULT_DEMO_MESSAGES, progress: Progress | None = None) -> None:
    progress = progress or _quiet
    upgrade(url, on_migrate=lambda: progress(PrepareStep.SCHEMA))
    engine = make_single_use_engine(url)
    try:
        with Session(engine) as session:
            sync_roles(session)
            ensure_seeded(session)
            if demo:
                ensure_demo_users(session)
            session.commit()
        if demo:
            _seed_margin_call(engine, demo_accounts, progress)
            _seed_securities(engine, progress)
            _seed_messages(engine, demo_messages, progress)
            _seed_help_articles(engine, progress)
            _seed_funds(engine, progress)
    finally:
        engine.dispose()


def _seed_margin_call(engine, accounts: int, progress: Progress) -> None:
    """Demo customers on first start only: an existing database keeps its data."""
    from backend.demo import margin_call_data

    with engine.begin() as conn:
        if conn.scalar(select(Account.id).limit(1)) is not None:
            return
        progress(PrepareStep.DEMO_ACCOUNTS)
        started = time.perf_counter()
        data = margin_call_data.generate(accounts, today=hk_today())
        margin_call_data.insert(conn, data)
    log.info("demo data: %d margin-call accounts in %.1fs", accounts, time.perf_counter() - started)


def _seed_securities(engine, progress: Progress) -> None:
    """The demo securities master and long stock margins, on first start only."""
    from backend.demo import securities_data

    with engine.begin() as conn:
        if conn.scalar(select(Security.symbol).limit(1)) is not None:
            return
        progress(PrepareStep.DEMO_SECURITIES)
        started = time.perf_counter()
        data = securities_data.generate()
        securities_data.insert_all(conn, data)
    log.info("demo data: %d securities, %d long stock margins in %.1fs", len(data.securities),
             len(data.margins), time.perf_counter() - started)


def _seed_messages(engine, count: int, progress: Progress) -> None:
    """Demo message records on first start only."""
    from backend.demo import messages_data

    with engine.begin() as conn:
        if conn.scalar(select(MessageRecord.id).limit(1)) is not None:
            return
        progress(PrepareStep.DEMO_MESSAGES)
        started = time.perf_counter()
        messages_data.seed(conn, count)
    log.info("demo data: %d message records in %.1fs", count, time.perf_counter() - started)


def _seed_help_articles(engine, progress: Progress) -> None:
    """Demo Help Center articles in all three languages, on first start only."""
    from backend.demo import help_articles_data

    with Session(engine) as session:
        if session.scalar(select(HelpArticle.id).limit(1)) is not None:
            return
        progress(PrepareStep.DEMO_HELP_ARTICLES)
        count = help_articles_data.seed(session)
        session.commit()
    log.info("demo data: %d help articles", count)


def _seed_funds(engine, progress: Progress) -> None:
    """Demo public funds, a month of clearing batches and their confirmations, on first start only."""
    from backend.demo import funds_data

    with Session(engine) as session:
        if session.scalar(select(PublicFund.id).limit(1)) is not None:
            return
        progress(PrepareStep.DEMO_FUNDS)
        started = time.perf_counter()
        count = funds_data.seed(session, hk_today())
        session.commit()
    log.info("demo data: %d fund clearing batches in %.1fs", count, time.perf_counter() - started)
