"""The Intraday Margin page shows what each row asks at this moment: its own ratios while its
market trades inside the day-trade window, 100 % (失效) at lunch, on a half day's afternoon, on a
holiday, or when the row is switched off. The page's clock is moved; nothing waits for real time."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from desktop import i18n
from tests.qt_fixtures import until
from tests.ui.page_steps import open_page
from ui.common import formatting
from ui.common.wall_clock import ManualClock
from ui.risk.intraday_margin_page import IntradayMarginPage

HK = ZoneInfo("Asia/Hong_Kong")
FULL = "100.00 %"


def _open(qtbot, aio, backend, errors, at: datetime, language="en"):
    clock = ManualClock(at)
    page, api = open_page(qtbot, aio, backend, errors, "risk.credit.intraday_margin", "maker", language,
                          factory=lambda ctx: IntradayMarginPage(ctx, clock=clock))
    aio(until(lambda: page.now.ready and page.model.rowCount() > 0, message="rows and windows"))
    return page, api, clock


def _cells(page, symbol: str) -> dict[str, str]:
    number = next(i for i, r in enumerate(page.model.rows()) if r.symbol == symbol)
    return {c.key: page.model.index(number, i).data() for i, c in enumerate(page.model.columns)}


def _now(page, symbol: str) -> tuple[str, str, str, str]:
    cells = _cells(page, symbol)
    return cells["status_now"], cells["im_now"], cells["mm_now"], cells["fm_now"]


def _show_market(aio, page, market: str) -> None:
    page.filter_bar.set_values(market=market)
    page.filter_bar.search()
    aio(until(lambda: not page.model.loading and page.model.rowCount() > 0
              and all(r.market == market for r in page.model.rows()), message=f"{market} rows"))


def test_a_hong_kong_row_follows_the_session_as_the_clock_moves(qtbot, aio, backend, errors):
    page, api, clock = _open(qtbot, aio, backend, errors, datetime(2026, 12, 23, 10, 0, tzinfo=HK))
    _show_market(aio, page, "HK")
    on = next(r for r in page.model.rows() if r.active)
    off = next(r for r in page.model.rows() if not r.active)
    own = ("In effect", *(formatting.percent(getattr(on, f)) for f in ("im", "mm", "fm")))
    assert _now(page, on.symbol) == own
    assert _now(page, off.symbol) == ("Inactive · switched off", FULL, FULL, FULL)
    assert page.now_line.text() == ("HK now: 2026-12-23 10:00 HKT, In effect    "
                                    "US now: 2026-12-22 21:00 EST, Inactive · market closed")

    changes: list[tuple[int, int]] = []
    page.model.dataChanged.connect(lambda first, last, *_: changes.append((first.column(), last.column())))
    clock.set(datetime(2026, 12, 23, 12, 30, tzinfo=HK))
    assert _now(page, on.symbol) == ("Inactive · lunch break", FULL, FULL, FULL)
    assert page.now_line.text().startswith("HK now: 2026-12-23 12:30 HKT, Inactive · lunch break")
    shown = [i for i, c in enumerate(page.model.columns) if c.key.endswith("_now")]
    assert changes == [(min(shown), max(shown))]  # the view repaints the "now" columns
    clock.advance(minutes=30)  # 13:00, the afternoon opens
    assert _now(page, on.symbol) == own
    clock.advance(minutes=1)
    assert len(changes) == 2  # nothing moved: no repaint
    clock.set(datetime(2026, 12, 23, 15, 59, tzinfo=HK))
    assert _now(page, on.symbol) == own
    clock.set(datetime(2026, 12, 23, 16, 0, tzinfo=HK))
    assert _now(page, on.symbol)[0] == "Inactive · market closed"
    clock.set(datetime(2026, 12, 24, 11, 0, tzinfo=HK))
    assert _now(page, on.symbol) == own
    clock.set(datetime(2026, 12, 24, 14, 0, tzinfo=HK))  # Christmas Eve: a half day
    assert _now(page, on.symbol) == ("Inactive · market closed", FULL, FULL, FULL)
    clock.set(datetime(2026, 12, 25, 10, 0, tzinfo=HK))  # Christmas
    assert _now(page, on.symbol)[0] == "Inactive · market closed"
    aio(page.wait_idle())
    aio(api.aclose())
    assert errors == []


@pytest.fixture
def chinese():
    i18n.set_language("zh_Hant")
    yield
    i18n.set_language("en")


def test_a_us_row_is_judged_by_new_yorks_session_and_window_in_chinese(qtbot, aio, backend, errors, chinese):
    new_york = ZoneInfo("America/New_York")
    page, api, clock = _open(qtbot, aio, backend, errors, datetime(2026, 12, 23, 10, 0, tzinfo=HK), "zh_Hant")
    _show_market(aio, page, "US")
    on = next(r for r in page.model.rows() if r.active)
    assert _now(page, on.symbol) == ("失效 · 休市", FULL, FULL, FULL)  # 21:00 the evening before in New York
    header = page.model.headerData(page.model.columns.index(next(c for c in page.model.columns
                                                                 if c.key == "status_now")), Qt.Orientation.Horizontal)
    assert header == "當前狀態"
    clock.set(datetime(2026, 12, 23, 10, 0, tzinfo=new_york))
    assert _now(page, on.symbol)[:2] == ("生效", formatting.percent(on.im))
    clock.set(datetime(2026, 12, 23, 15, 50, tzinfo=new_york))  # after the force-close, before the end
    assert _now(page, on.symbol)[1] == formatting.percent(on.im)
    clock.set(datetime(2026, 12, 23, 16, 0, tzinfo=new_york))
    assert _now(page, on.symbol)[1] == FULL
    aio(page.wait_idle())
    aio(api.aclose())
    assert errors == []
