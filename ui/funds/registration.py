"""The Funds pages, under their menu keys (services/contract/menu.py)."""

from ui.common.page_registry import PageRegistry
from ui.funds.clearing_page import FundClearingPage


def register(pages: PageRegistry) -> None:
    pages.add("funds.clearing", FundClearingPage)
