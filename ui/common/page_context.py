"""What every page gets from the shell: the API client, the signed-in user and error reporting."""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

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
    # The shell's sentence for an error, translated by its code; None: the server's own title.
    error_text: Callable[[BaseException], str] | None = None
    # Tells the shell that data shown elsewhere changed (a topic such as "work_orders"), so that,
    # for example, the status bar's inbox count refreshes at once rather than at its next poll.
    data_changed: Callable[[str], None] | None = None
    # The signed-in user's offline drafting (desktop/offline_session.py: ``.store``, ``.engine``),
    # when they may draft; None otherwise.
    offline: object | None = None
    # Opens another page by its menu key and returns it (None: this user has no such page), for
    # an action that continues there: My Requests' Resubmit opens the page the change was made on.
    open_page: Callable[[str], QWidget | None] | None = None

    def can(self, permission: str) -> bool:
        return permission in self.me.permissions

    def language(self) -> str:
        if self.ui_language is not None:
            return self.ui_language()
        from PySide6.QtCore import QLocale  # only the fallback needs Qt

        return "zh_Hant" if QLocale().language() == QLocale.Language.Chinese else "en"

    def describe(self, exc: BaseException) -> str:
        if self.error_text is not None:
            return self.error_text(exc)
        return getattr(exc, "title", None) or str(exc)

    def notify(self, topic: str) -> None:
        if self.data_changed is not None:
            self.data_changed(topic)
