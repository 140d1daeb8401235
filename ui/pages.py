"""Page key (from services.contract.menu) → page factory. A menu leaf shows only if its page is here."""

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ui.approvals.history_page import HistoryPage
from ui.approvals.inbox_page import InboxPage
from ui.approvals.my_requests_page import MyRequestsPage
from ui.common.page_context import PageContext
from ui.funds.clearing_page import FundClearingPage
from ui.help_center.articles_page import ArticlesPage
from ui.margin_call.auto_convert_page import AutoConvertPage
from ui.margin_call.borrowing_page import BorrowingPage
from ui.messages.records_page import MessageRecordsPage
from ui.risk.day_trade_window_page import DayTradeWindowPage
from ui.risk.draft_page import DraftBatchesPage
from ui.risk.margin_page import intraday_margin_page, long_margin_page, short_margin_page

PageFactory = Callable[[PageContext], QWidget]

PAGES: dict[str, PageFactory] = {
    "margin_call.auto_convert_query": AutoConvertPage,
    "margin_call.borrowing_accounts": BorrowingPage,
    "approvals.inbox": InboxPage,
    "approvals.my_requests": MyRequestsPage,
    "approvals.history": HistoryPage,
    "risk.credit.long_stock_margin": long_margin_page,
    "risk.credit.short_sell_margin": short_margin_page,
    "risk.credit.intraday_margin": intraday_margin_page,
    "risk.credit.day_trade_window": DayTradeWindowPage,
    "risk.credit.draft_batches": DraftBatchesPage,
    "messages.records": MessageRecordsPage,
    "help_center.articles": ArticlesPage,
    "funds.clearing": FundClearingPage,
}
