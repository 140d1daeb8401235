"""Page key (from services.contract.menu) → page factory. A menu leaf shows only if its page is here."""

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ui.common.page_context import PageContext

PageFactory = Callable[[PageContext], QWidget]

PAGES: dict[str, PageFactory] = {}
