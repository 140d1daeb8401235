"""Reading a keyset-paginated list one page at a time, without its rows: the filter's params, the
cursors, whether more pages exist, whether the last fetch failed, and the count the backend (or a
caller) gave. PagedTableModel holds the rows and tells the views (with row_windows.py).

A page is read from one of three places (``Where``): forward after the head window's last row,
the list's last page (``from_end``), or backward before the tail window's first row (``before``).
Pages grow while the user keeps reading the same way (page_size, ×5, … up to ``max_page_size``
rows a fetch), so reaching the end of a few thousand rows is a few fetches, not dozens.

One fetch runs at a time, on the pager's runner; ``restart`` drops the fetch in flight, so a page
that would arrive for a superseded filter never reaches the rows of the new one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from enum import Enum
from typing import Any

from PySide6.QtCore import QObject, Signal

from ui.common.op_runner import OpRunner

FETCH = "page"  # the runner's key of the page fetch
# Reads one page of a list: its filter's params with ``limit`` and ``cursor`` / ``before`` /
# ``from_end`` (an area's typed client).
PageFetch = Callable[[dict[str, Any]], Awaitable[Any]]
GROWTH = 5  # each further page the same way is this many times the last, up to the maximum


class Where(Enum):
    HEAD = "head"  # after the head window, forward
    END = "end"  # the last page
    TAIL = "tail"  # before the tail window, backward


class KeysetPager(QObject):
    loadingChanged = Signal(bool)
    pageArrived = Signal(object, object)  # the page (items, cursors, total), its Where; cursors already taken
    pageFailed = Signal(object)  # the exception of a failed fetch (the runner reports it)

    def __init__(self, fetch: PageFetch, page_size: int, report_error: Callable[[BaseException], None] | None,
                 parent: QObject | None = None, max_page_size: int | None = None):
        super().__init__(parent)
        self._fetch = fetch
        self.page_size = page_size
        self.max_page_size = max(page_size, max_page_size or page_size)
        self.params: dict[str, str] | None = None  # None until the first restart
        self._cursor: str | None = None
        self.tail_cursor: str | None = None  # the tail window's ``prev_cursor``: None, it starts the list
        self.exhausted = True
        self.failed = False  # scrolling does not fetch again after a failure; ``retry`` and ``restart`` do
        self.reported_total: int | None = None  # the backend's count, which may come with the first page only
        self.reported_capped = False  # the count stopped at a cap: more rows match than it says
        self._last: tuple[Where, int] | None = None  # the last fetch: where, and its size
        self.ops = OpRunner(self, report_error)
        self.ops.runningChanged.connect(self._running_changed)

    @property
    def loading(self) -> bool:
        return self.ops.running(FETCH)

    def has_more(self) -> bool:
        return self.params is not None and not self.exhausted

    @property
    def last_where(self) -> Where | None:
        return self._last[0] if self._last else None

    def restart(self, params: Mapping[str, str]) -> None:
        """Drops the fetch in flight and starts over before the first page of ``params``."""
        self.ops.cancel(FETCH)
        self.params = dict(params)
        self._cursor = self.tail_cursor = None
        self.exhausted = False
        self.failed = False
        self.reported_total = None
        self.reported_capped = False
        self._last = None

    def size(self, where: Where) -> int:
        """The next fetch's rows: the page size, growing while fetches go the same way."""
        if self._last is None or self._last[0] != where or where == Where.END:
            return self.page_size
        return min(self.max_page_size, self._last[1] * GROWTH)

    def fetch(self, where: Where = Where.HEAD, limit: int | None = None) -> None:
        """Starts reading a page from ``where`` (at most ``limit`` rows; the growing size without)."""
        size = max(1, min(limit, self.size(where)) if limit is not None else self.size(where))
        self._last = where, size
        places: dict[Where, dict[str, Any]] = {Where.HEAD: {"cursor": self._cursor}, Where.END: {"from_end": "true"},
                                               Where.TAIL: {"before": self.tail_cursor}}
        place = places[where]
        params = {**(self.params or {}), "limit": size, **place}
        self.ops.run(self._fetch(params), key=FETCH, on_success=lambda page: self._arrived(page, where),
                     on_failure=self._not_read)

    def fetch_next(self) -> None:
        self.fetch(Where.HEAD)

    def retry(self) -> None:
        if self.failed and self.params is not None:
            self.failed = False
            self.fetch(self._last[0] if self._last else Where.HEAD)

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

    def _arrived(self, page: Any, where: Where) -> None:
        if where == Where.HEAD:
            self._cursor = page.next_cursor
            self.exhausted = page.next_cursor is None
        else:
            self.tail_cursor = getattr(page, "prev_cursor", None)
        if page.total is not None:
            self.reported_total = page.total
            # A list that counts no further than a cap says so (WorkOrderPage.total_capped).
            self.reported_capped = bool(getattr(page, "total_capped", False))
        self.pageArrived.emit(page, where)
