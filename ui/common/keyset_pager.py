"""Reading a keyset-paginated list one page at a time, without its rows: the filter's params, the
next page's cursor, whether more pages exist, whether the last fetch failed, and the count the
backend (or a caller) gave. PagedTableModel holds the rows and tells the views.

One fetch runs at a time, on the pager's runner; ``restart`` drops the fetch in flight, so a page
that would arrive for a superseded filter never reaches the rows of the new one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal

from ui.common.op_runner import OpRunner

FETCH = "page"  # the runner's key of the page fetch
# Reads one page of a list: its filter's params with ``limit`` and ``cursor`` (an area's typed client).
PageFetch = Callable[[dict[str, Any]], Awaitable[Any]]


class KeysetPager(QObject):
    loadingChanged = Signal(bool)
    pageArrived = Signal(object)  # the page (items, next_cursor, total), its cursor already taken
    pageFailed = Signal(object)  # the exception of a failed fetch (the runner reports it)

    def __init__(self, fetch: PageFetch, page_size: int, report_error: Callable[[BaseException], None] | None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._fetch = fetch
        self._page_size = page_size
        self.params: dict[str, str] | None = None  # None until the first restart
        self._cursor: str | None = None
        self.exhausted = True
        self.failed = False  # scrolling does not fetch again after a failure; ``retry`` and ``restart`` do
        self.reported_total: int | None = None  # the backend's count, which may come with the first page only
        self.reported_capped = False  # the count stopped at a cap: more rows match than it says
        self.ops = OpRunner(self, report_error)
        self.ops.runningChanged.connect(self._running_changed)

    @property
    def loading(self) -> bool:
        return self.ops.running(FETCH)

    def has_more(self) -> bool:
        return self.params is not None and not self.exhausted

    def restart(self, params: Mapping[str, str]) -> None:
        """Drops the fetch in flight and starts over before the first page of ``params``."""
        self.ops.cancel(FETCH)
        self.params = dict(params)
        self._cursor = None
        self.exhausted = False
        self.failed = False
        self.reported_total = None
        self.reported_capped = False

    def fetch_next(self) -> None:
        params = {**(self.params or {}), "limit": self._page_size, "cursor": self._cursor}
        self.ops.run(self._fetch(params), key=FETCH, on_success=self._arrived, on_failure=self._not_read)

    def retry(self) -> None:
        if self.failed and self.params is not None:
            self.failed = False
            self.fetch_next()

    def total(self, loaded: int) -> int | None:
        """The rows matching the filter with ``loaded`` of them here. An endpoint may count on its
        first page only, or not at all: later pages keep the figure."""
        if self.exhausted:
            return loaded  # the last page settles the count even if rows moved meanwhile
        if self.reported_total is None:
            return None  # more pages exist and nobody counted them: no "N of N"
        return max(self.reported_total, loaded)

    async def wait_idle(self) -> None:
        await self.ops.wait_idle()

    def _running_changed(self, key: str, running: bool) -> None:
        if key == FETCH:
            self.loadingChanged.emit(running)

    def _not_read(self, exc: BaseException) -> bool:
        self.failed = True
        self.pageFailed.emit(exc)
        return False  # the runner reports it

    def _arrived(self, page: Any) -> None:
        self._cursor = page.next_cursor
        self.exhausted = page.next_cursor is None
        if page.total is not None:
            self.reported_total = page.total
            # A list that counts no further than a cap says so (WorkOrderPage.total_capped).
            self.reported_capped = bool(getattr(page, "total_capped", False))
        self.pageArrived.emit(page)
