"""The approvals pages, under their menu keys (services/contract/menu.py)."""

from ui.approvals.cc_me_page import CcMePage
from ui.approvals.history_page import HistoryPage
from ui.approvals.inbox_page import InboxPage
from ui.approvals.my_requests_page import MY_REQUESTS_KEY, MyRequestsPage
from ui.common.page_registry import PageRegistry


def register(pages: PageRegistry) -> None:
    pages.add("approvals.inbox", InboxPage)
    pages.add(MY_REQUESTS_KEY, MyRequestsPage)
    pages.add("approvals.history", HistoryPage)
    pages.add("approvals.cc_me", CcMePage)
