"""The Message Center's pages, under their menu keys (services/contract/menu.py)."""

from ui.common.page_registry import PageRegistry
from ui.messages.records_page import MessageRecordsPage


def register(pages: PageRegistry) -> None:
    pages.add("messages.records", MessageRecordsPage)
