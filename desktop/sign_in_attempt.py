"""One sign-in attempt, the sign-in dialog's logic without its widgets: the server checks the
password, and when the server cannot be reached, the workstation's offline grant may open a drafting
session. Online, the workstation's own key and grant are renewed once the window is up (``renew``).

Imported once the client has loaded (desktop/preparation.py), never before the dialog is shown.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial

from desktop import offline_sign_in
from desktop.error_messages import message_for
from services.api_client import ApiClient, ApiError
from services.clients.session import SessionClient
from services.contract.schemas import MeOut
from services.offline import grant
from services.offline.store import LocalStore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attempt:
    me: MeOut | None = None  # signed in
    offline: bool = False  # from the workstation's grant: the server could not be reached
    own_password_needed: bool = False  # an administrator's one-time password: choose one's own first
    error: Callable[[], str] | None = None  # why not, in the language of the moment
    # Online: unlocks the drafting key and renews the offline grant (desktop/offline_sign_in.py),
    # for the shell to start once the window is up.
    renew: Callable[[], Awaitable[bool]] | None = None


async def sign_in(api: ApiClient, workstation: LocalStore | None, username: str, password: str) -> Attempt:
    session = SessionClient(api)
    try:
        token = await session.login(username, password)
        if token.password_change_required:
            return Attempt(own_password_needed=True)
        me = await session.me()
    except ApiError as exc:
        log.info("sign-in failed for %s: %s", username, exc.code)
        api.set_token(None)
        if not (exc.is_network and workstation is not None):
            return Attempt(error=lambda error=exc: message_for(error))
        result = await offline_sign_in.sign_in(workstation, username, password)
        if result.me is None:
            log.info("offline sign-in refused for %s: %s", username, result.outcome)
            latest = grant.latest_seen(workstation)
            return Attempt(error=lambda: offline_sign_in.refusal(result, latest))
        log.info("working offline as %s", username)
        return Attempt(me=result.me, offline=True)
    log.info("signed in as %s", username)
    if workstation is None or not grant.may_work_offline(me):
        return Attempt(me=me)
    return Attempt(me=me, renew=partial(offline_sign_in.renew_grant, session, workstation, me, password))
