"""The sign-in dialog's offline part: asking the backend for the offline grant after an online
sign-in, signing in from it when the backend is unreachable, and saying why not in the user's
language (services/offline/grant.py decides; each refusal has its own sentence)."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from functools import partial
from typing import TypeVar

from PySide6.QtCore import QCoreApplication

from services.api_client import ApiError
from services.clients.session import SessionClient
from services.contract.schemas import MeOut
from services.offline import grant, proof
from services.offline.grant import OfflineSignIn, Outcome
from services.offline.store import LocalStore
from services.rules.sign_in import MAX_FAILURES

log = logging.getLogger(__name__)
T = TypeVar("T")


translate = QCoreApplication.translate  # the name lupdate recognises; the texts are the dialog's


async def in_low_priority(work: Callable[[], T]) -> T:
    """``work()`` in a thread of low priority (Linux; Argon2's lanes inherit it), so the window and
    the pages it loads go first. A caller that gives up leaves the thread to finish unheard."""
    return await asyncio.get_running_loop().run_in_executor(_LOW_PRIORITY, work)


def _yield_to_others() -> None:
    """Lowers the calling thread's priority (nice 10), where a thread has its own (Linux)."""
    if sys.platform == "linux":
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        except OSError:
            pass


# One thread, made on first use: a sign-in's key at a time.
_LOW_PRIORITY = ThreadPoolExecutor(max_workers=1, thread_name_prefix="offline-key", initializer=_yield_to_others)


async def renew_grant(session: SessionClient, workstation: LocalStore, me: MeOut, password: str) -> bool:
    """After an online sign-in of a user who may draft, once the window is up: the user's drafting
    key unlocked for this session, and the backend's signed grant kept here. Argon2id is slow on
    purpose: it runs at a low priority, after the server's check of the password, so the first
    page never waits for it. A backend that does not answer leaves the old grant as it was.
    Returns whether a grant was kept."""
    if not grant.may_work_offline(me):
        return False
    material, request = await in_low_priority(partial(grant.prepare_request, workstation, me.username, password))
    proof.unlock(workstation, me.username, material)  # here, on the loop: a renewal given up unlocks nothing
    try:
        answer = await session.offline_grant(request)
    except ApiError as exc:
        log.warning("no offline grant for %s: %s", me.username, exc.code)
        return False
    kept = await asyncio.to_thread(grant.keep, workstation, me, answer)
    if not kept:
        log.warning("the backend's offline grant for %s did not check; not kept", me.username)
    return kept


async def sign_in(workstation: LocalStore, username: str, password: str) -> OfflineSignIn:
    return await asyncio.to_thread(grant.sign_in_offline, workstation, username, password)


def _when(at: float | None) -> str:
    return datetime.fromtimestamp(at).strftime("%Y-%m-%d %H:%M") if at else "?"


def refusal(result: OfflineSignIn, latest_seen: float | None = None) -> str:
    """Why the offline sign-in did not open a session, in the UI's language."""
    outcome = result.outcome
    if outcome == Outcome.NEVER_HERE:
        return translate("LoginDialog", "The server cannot be reached, and this user has never signed in on this workstation "
                   "while it was reachable. To draft offline here, sign in once while the server is reachable; "
                   "that allows {days} days of offline work.").format(days=grant.OFFLINE_DAYS)
    if outcome == Outcome.WRONG_PASSWORD:
        return translate("LoginDialog", "The server cannot be reached, and the password is wrong: it is not the one of your last "
                   "sign-in on this workstation. After {count} wrong passwords, offline sign-in is locked here "
                   "until you sign in while the server is reachable.").format(count=MAX_FAILURES)
    if outcome == Outcome.EXPIRED:
        return translate("LoginDialog", "The server cannot be reached, and your permission to work offline on this workstation "
                   "expired on {date}. Sign in while the server is reachable to renew it.").format(
                       date=_when(result.expires_at))
    if outcome == Outcome.LOCKED:
        return translate("LoginDialog", "Offline sign-in for this user is locked on this workstation after {count} wrong passwords. "
                   "Sign in while the server is reachable to unlock it.").format(count=MAX_FAILURES)
    if outcome == Outcome.CLOCK_BEHIND:
        return translate("LoginDialog", "This computer's clock is behind a time this workstation has already seen ({date}). "
                   "Correct the date and time, then sign in again.").format(date=_when(latest_seen))
    return translate("LoginDialog", "The permission to work offline kept on this workstation is not valid: it was not issued by "
               "the server for this user on this workstation. Sign in while the server is reachable.")
