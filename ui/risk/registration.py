"""Risk › Credit's pages, under their menu keys (services/contract/menu.py)."""

from ui.common.page_registry import PageRegistry
from ui.risk.day_trade_window_page import DayTradeWindowPage
from ui.risk.draft_page import DraftBatchesPage
from ui.risk.margin_page import intraday_margin_page, long_margin_page, short_margin_page


def register(pages: PageRegistry) -> None:
    pages.add("risk.credit.long_stock_margin", long_margin_page)
    pages.add("risk.credit.short_sell_margin", short_margin_page)
    pages.add("risk.credit.intraday_margin", intraday_margin_page)
    pages.add("risk.credit.day_trade_window", DayTradeWindowPage)
    pages.add("risk.credit.draft_batches", DraftBatchesPage)
