"""The background pass that keeps SQLite backups (``backup_every_hours``): a backup when the newest
is that old, or when there is none, then the oldest beyond ``backup_keep`` removed.

The copy runs in a worker thread (SQLite's backup step releases the GIL, and in WAL mode holds no
lock that writers wait for): requests go on being served while it is taken. Time is the app's
clock, so a test moves it a day ahead instead of waiting one.
"""

import asyncio
import logging
from datetime import timedelta

from backend.kit.clock import utcnow
from backend.ops import backups

log = logging.getLogger(__name__)

CHECK_SECONDS = 600.0  # a backup falls due at most this late (a clock moved ahead, a folder emptied)


async def run_forever(plan: backups.Plan, every_hours: float, check_seconds: float = CHECK_SECONDS) -> None:
    every = timedelta(hours=every_hours)
    while True:
        try:
            await asyncio.to_thread(backups.take_if_due, plan, every, utcnow())
        except Exception:
            log.exception("the backup of %s failed; trying again in %.0f s", plan.backend_database, check_seconds)
        await asyncio.sleep(check_seconds)
