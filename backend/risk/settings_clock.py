"""The clock that applies setting records when their time comes, in every backend process.

Each pass runs in a worker thread with a write session of its own; several processes may run
it at once (see margin_settings.apply_due). A failing pass is logged and the next one retries.
"""

import asyncio
import logging

from backend.db.session import Database
from backend.risk import margin_settings
from backend.risk.margin_flows import KINDS

log = logging.getLogger(__name__)


def run_once(database: Database) -> int:
    with database.write_session() as session:
        applied = margin_settings.apply_due(session, KINDS)
        session.commit()
    if applied:
        log.info("applied %d due margin settings", applied)
    return applied


async def run_forever(database: Database, interval: float) -> None:
    while True:
        try:
            await asyncio.to_thread(run_once, database)
        except Exception:
            log.exception("applying due margin settings failed; retrying in %.0f s", interval)
        await asyncio.sleep(interval)
