"""Risk › Margin › Stock Margin's pages, under their menu keys (services/contract/menu.py), and
where their refused changes are corrected (margin_resubmit.py). The day-trade window has no page of
its own: the intraday page opens it (規則設置, margin_row_tools.py)."""

from services.rules import trading_calendar
from ui.common.page_registry import PageRegistry
from ui.risk import margin_resubmit, upload_resubmit
from ui.risk.draft_page import DraftBatchesPage
from ui.risk.margin_page import intraday_margin_page, long_margin_page, short_margin_page
from ui.risk.setting_records_page import SettingRecordsPage


def register(pages: PageRegistry) -> None:
    pages.add("risk.credit.long_stock_margin", long_margin_page)
    pages.add("risk.credit.short_sell_margin", short_margin_page)
    # The exchange calendars (pandas with them) take a worker thread seconds to import and build,
    # holding the window for a few hundred milliseconds at a time meanwhile: done soon after sign-in.
    pages.add("risk.credit.intraday_margin", intraday_margin_page, ahead=trading_calendar.load)
    pages.add("risk.credit.setting_records", SettingRecordsPage)
    pages.add("risk.credit.draft_batches", DraftBatchesPage)
    margin_resubmit.register()
    upload_resubmit.register()  # My Requests' Resubmit… of an upload: its preview, or the draft grid
