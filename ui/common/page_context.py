"""What every page gets from the shell: the API client, the signed-in user and error reporting."""

from collections.abc import Callable
from dataclasses import dataclass

from services.api_client import ApiClient
from services.contract.schemas import MeOut


@dataclass
class PageContext:
    api: ApiClient
    me: MeOut
    # Shows an error to the user (translated by its code) and logs it; never raises.
    report_error: Callable[[BaseException], None]

    def can(self, permission: str) -> bool:
        return permission in self.me.permissions
