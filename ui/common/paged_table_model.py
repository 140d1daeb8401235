"""A read-only table model over a keyset-paginated endpoint, fetching pages as the view scrolls.

``canFetchMore``/``fetchMore`` and the rows painted near the rows not loaded only start a fetch on
the model's pager (keyset_pager.py), so the view never blocks on the network; pages grow while the
user keeps scrolling. ``windows.go_to_end`` (Ctrl+End) reads the list's last page at once and shows the
rows between as placeholders that load as they are scrolled into view (row_windows.py). One fetch
runs at a time; ``reload`` replaces the fetch in flight, so a page that would arrive for a
superseded filter is never mixed into the new result.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from operator import attrgetter
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt, Signal

from services.api_client import ApiClient
from services.contract.queries import MAX_PAGE
from ui.common.column_table_model import ColumnTableModel
from ui.common.columns import Column
from ui.common.keyset_pager import KeysetPager, PageFetch
from ui.common.read_only_model import AnyIndex
from ui.common.row_windows import NotLoaded, RowWindows

DEFAULT_PAGE_SIZE = 100


class PagedTableModel(ColumnTableModel):
    loadingChanged = Signal(bool)
    totalChanged = Signal(int)
    loadedChanged = Signal(int)
    errorOccurred = Signal(object)  # the exception of a failed page fetch (already reported)
    endReached = Signal()  # the last row asked for by ``windows.go_to_end`` (Ctrl+End) is here
    JUMPS_TO_END = True  # False: a subclass whose rows must all be read in order (Ctrl+End reads them all)

    def __init__(self, api: ApiClient, path: str | None, item_model: type[BaseModel],
                 columns: Sequence[Column], tr_context: str, *,
                 page_size: int = DEFAULT_PAGE_SIZE, parent: QObject | None = None,
                 report_error: Callable[[BaseException], None] | None = None, fetch: PageFetch | None = None,
                 max_page_size: int = MAX_PAGE, jumps_to_end: bool = True):
        """Pages come from ``fetch`` when given, else from GET ``path``; they grow up to
        ``max_page_size`` rows; ``jumps_to_end``: the endpoint reads pages from the end."""
        if path is None and fetch is None:
            raise ValueError("a paged list reads its pages from a path or a fetch")
        super().__init__(columns, tr_context, parent)
        self._total: int | None = None
        read = fetch if fetch is not None else partial(api.get_page, str(path), item_model)
        self.pager = KeysetPager(read, page_size, report_error, self, max_page_size)
        self.windows = RowWindows(self, self.pager, jumps=jumps_to_end and self.JUMPS_TO_END)
        self.ops = self.pager.ops  # what callers await (wait_all_idle) besides their own runners
        self.pager.loadingChanged.connect(self.loadingChanged)
        self.pager.pageArrived.connect(self._page_arrived)
        self.pager.pageFailed.connect(self.errorOccurred)

    # --- state --------------------------------------------------------------------------------

    @property
    def total(self) -> int | None:
        """Rows matching the filter according to the backend; None before the first page, and while
        more pages exist that nobody has counted (see ``set_total``)."""
        return self._total

    @property
    def loaded(self) -> int:
        """Rows read (the placeholders between the head and the tail are not)."""
        return self.windows.loaded()

    @property
    def loading(self) -> bool:
        return self.pager.loading

    @property
    def failed(self) -> bool:
        """The last page fetch failed; scrolling does not retry, ``retry``/``reload`` do."""
        return self.pager.failed

    @property
    def params(self) -> dict[str, str] | None:
        return None if self.pager.params is None else dict(self.pager.params)

    def rows(self) -> tuple[Any, ...]:
        """The rows read, in the list's order (a gap not loaded left out)."""
        return tuple(self.windows.loaded_rows())

    def has_more(self) -> bool:
        return self.windows.has_more()

    # --- loading ------------------------------------------------------------------------------

    def reload(self, params: Mapping[str, str]) -> None:
        """Drops the rows and starts over with new filter ``params`` (without cursor/limit)."""
        self.pager.restart(params)
        self.beginResetModel()
        self.windows.reset()
        self._rows = []
        self._total = None
        self.endResetModel()
        self.loadedChanged.emit(0)
        if not self.loading:  # the view may have asked for the first page during the reset
            self.pager.fetch_next()

    def retry(self) -> None:
        """After a failed page, tries the same page again."""
        self.pager.retry()

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        """More rows after the last one (with a gap, the end is here: its rows load as they show)."""
        if parent.isValid() or self.windows.gap is not None:
            return False
        return self.has_more() and not self.failed and not self.loading

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self.pager.fetch_next()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._rows[index.row()] if index.isValid() and index.row() < len(self._rows) else None
        if not isinstance(row, NotLoaded):
            return super().data(index, role)
        if index.column() != 0 or role != Qt.ItemDataRole.DisplayRole:
            return None  # a placeholder has no fields to show
        self.windows.want(index.row())  # a placeholder painted: its page is read
        gap = self.windows.gap
        if gap is not None and not gap.sized:
            return QCoreApplication.translate("PagedTableModel", "More rows, not loaded yet: they load as you scroll here")
        return QCoreApplication.translate("PagedTableModel", "Loading…")

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if index.isValid() and index.row() < len(self._rows) and isinstance(self._rows[index.row()], NotLoaded):
            return Qt.ItemFlag.NoItemFlags  # a placeholder is never selected nor opened
        return super().flags(index)

    def _page_arrived(self, page: Any, where: Any) -> None:
        self.windows.arrived(page, where)
        self._settle_total()
        self.loadedChanged.emit(self.loaded)
        if self.windows.to_end and self.windows.end_at_hand():
            self.windows.to_end = False
            self.endReached.emit()

    def set_total(self, total: int) -> None:
        """The rows matching the current filter, counted apart by the caller (for an endpoint whose
        pages carry no total); kept like a first page's figure, dropped by the next ``reload``."""
        if self.pager.params is not None:
            self.pager.reported_total = total
            self._settle_total()

    def _settle_total(self) -> None:
        total = self.pager.total(self.loaded)
        if total != self._total:
            self._total = total
            if total is not None:
                self.totalChanged.emit(total)

    def update_rows(self, newer: Mapping[Any, Any], key: Callable[[Any], Any] = attrgetter("id")) -> int:
        """Replaces loaded rows by newer versions of themselves (matched by ``key``), after an action
        changed them: the view keeps its scroll position and selection. Returns how many changed."""
        changed = []
        for position, row in enumerate(self._rows):
            replacement = newer.get(key(row))
            if replacement is not None:
                self._rows[position] = replacement
                changed.append(position)
        if changed and self._columns:
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), len(self._columns) - 1))
        return len(changed)

    async def wait_idle(self) -> None:
        """Awaits the fetch in flight, if any (for callers that need the page, such as tests)."""
        await self.pager.wait_idle()

    async def fetch_all(self) -> None:
        """Loads every remaining page (used before copying or checking the whole result)."""
        await self.wait_idle()
        while self.has_more() and not self.failed:
            self.windows.fetch_more()
            await self.wait_idle()
