"""Margin Call's pages, under their menu keys (services/contract/menu.py)."""

from ui.common.page_registry import PageRegistry
from ui.margin_call.auto_convert_page import AutoConvertPage
from ui.margin_call.borrowing_page import BorrowingPage


def register(pages: PageRegistry) -> None:
    pages.add("margin_call.auto_convert_query", AutoConvertPage)
    pages.add("margin_call.borrowing_accounts", BorrowingPage)
