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
    # The UI language as the contract's export language ("zh_Hant" or "en"); pages that export
    # ask it at export time, so a language switch applies at once. None: derived from QLocale.
    ui_language: Callable[[], str] | None = None

    def can(self, permission: str) -> bool:
        return permission in self.me.permissions

    def language(self) -> str:
        if self.ui_language is not None:
            return self.ui_language()
        from PySide6.QtCore import QLocale  # only the fallback needs Qt

        return "zh_Hant" if QLocale().language() == QLocale.Language.Chinese else "en"
