"""Whom a chain may name, as read from the backend (GET /approval-chains/people): the active users
and every role with its names in both languages. Remembered once read, so the approvals detail
names the people of a chain change even before the settings page was opened."""

from __future__ import annotations

import logging

from services.api_client import ApiClient, ApiError
from services.clients.approval_chains import ApprovalChainsClient
from services.contract.identity import ChainPeopleOut, ChainPersonOut, ChainRoleOut
from ui.common import role_names

log = logging.getLogger(__name__)


class ChainDirectory:
    def __init__(self, people: ChainPeopleOut | None = None):
        people = people or ChainPeopleOut(users=[], roles=[])
        self.users: dict[str, ChainPersonOut] = {u.username: u for u in people.users}
        self.roles: dict[str, ChainRoleOut] = {r.code: r for r in people.roles}

    def role_name(self, code: str, language: str) -> str:
        """The role's name in ``language`` ("zh_Hant" or "en"); an unknown code shows as itself."""
        role = self.roles.get(code)
        if role is None:
            return code
        return role.name_zh if language == "zh_Hant" else role.name_en

    def role_both(self, code: str, language: str) -> str:
        """Both names, the UI language's first: "風控覆核 · Risk checker"."""
        role = self.roles.get(code)
        if role is None:
            return code
        first, second = (role.name_zh, role.name_en) if language == "zh_Hant" else (role.name_en, role.name_zh)
        return f"{first} · {second}"

    def person_name(self, username: str) -> str:
        """The display name; a user who is not (or no longer) active shows as their username."""
        person = self.users.get(username)
        return person.display_name if person else username

    def person_choice(self, username: str) -> str:
        """How the people picker offers someone: "Kelvin Wong 黃家豪 (checker)"."""
        return f"{self.person_name(username)} ({username})"


_remembered = ChainDirectory()


def remembered() -> ChainDirectory:
    return _remembered


def remember(people: ChainPeopleOut) -> ChainDirectory:
    global _remembered
    _remembered = ChainDirectory(people)
    role_names.remember(people.roles)
    return _remembered


async def read_directory(api: ApiClient) -> ChainDirectory:
    return remember(await ApprovalChainsClient(api).people())


async def ensure_directory(api: ApiClient) -> None:
    """Reads the people once, for the approvals detail; without them it names people by username."""
    if _remembered.roles:
        return
    try:
        await read_directory(api)
    except ApiError as exc:
        if exc.is_auth:
            raise
        log.warning("approval chain people could not be read: %s", exc)
