"""A read-only table model over a keyset-paginated endpoint, fetching pages as the view scrolls.

``canFetchMore``/``fetchMore`` only start an op on the model's runner, so the view never blocks on
the network. One fetch runs at a time; ``reload`` replaces the fetch in flight, so a page that
would arrive for a superseded filter is never mixed into the new result.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from operator import attrgetter
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)

from services.api_client import ApiClient
from ui.common.columns import Column, cell_data
from ui.common.op_runner import OpRunner
from ui.common.read_only_model import AnyIndex, ReadOnlyTableModel

log = logging.getLogger(__name__)

DEFAULT_PAGE_SIZE = 100
FETCH = "page"  # the runner's key of the page fetch
# Reads one page of a list: its filter's params with ``limit`` and ``cursor`` (an area's typed client).
PageFetch = Callable[[dict[str, Any]], Awaitable[Any]]


class PagedTableModel(ReadOnlyTableModel):
    loadingChanged = Signal(bool)
    totalChanged = Signal(int)
    loadedChanged = Signal(int)
    errorOccurred = Signal(object)  # the exception of a failed page fetch (already reported)

    def __init__(self, api: ApiClient, path: str | None, item_model: type[BaseModel],
                 columns: Sequence[Column], tr_context: str, *,
                 page_size: int = DEFAULT_PAGE_SIZE, parent: QObject | None = None,
                 report_error: Callable[[BaseException], None] | None = None, fetch: PageFetch | None = None):
        """Pages come from ``fetch`` when given, else from GET ``path``."""
        if path is None and fetch is None:
            raise ValueError("a paged list reads its pages from a path or a fetch")
        super().__init__(parent)
        self._api = api
        self._path = path
        self._fetch = fetch
        self._item_model = item_model
        self._columns = tuple(columns)
        self._tr_context = tr_context
        self._page_size = page_size
        self._rows: list[Any] = []
        self._params: dict[str, str] | None = None  # None until the first reload
        self._cursor: str | None = None
        self._exhausted = True
        self._failed = False
        self._total: int | None = None
        self._reported_total: int | None = None  # the backend's count, which may come with the first page only
        self.ops = OpRunner(self, report_error)
        self.ops.runningChanged.connect(self._running_changed)

    # --- state --------------------------------------------------------------------------------

    @property
    def columns(self) -> tuple[Column, ...]:
        return self._columns

    @property
    def total(self) -> int | None:
        """Rows matching the filter according to the backend; None before the first page, and while
        more pages exist that nobody has counted (see ``set_total``)."""
        return self._total

    @property
    def loaded(self) -> int:
        return len(self._rows)

    @property
    def loading(self) -> bool:
        return self.ops.running(FETCH)

    @property
    def failed(self) -> bool:
        """The last page fetch failed; scrolling does not retry, ``retry``/``reload`` do."""
        return self._failed

    @property
    def params(self) -> dict[str, str] | None:
        return None if self._params is None else dict(self._params)

    def row(self, index: int) -> Any:
        return self._rows[index]

    def rows(self) -> tuple[Any, ...]:
        return tuple(self._rows)

    def has_more(self) -> bool:
        return self._params is not None and not self._exhausted

    # --- loading ------------------------------------------------------------------------------

    def reload(self, params: Mapping[str, str]) -> None:
        """Drops the rows and starts over with new filter ``params`` (without cursor/limit)."""
        self.ops.cancel(FETCH)
        self.beginResetModel()
        self._rows = []
        self._params = dict(params)
        self._cursor = None
        self._exhausted = False
        self._failed = False
        self._total = None
        self._reported_total = None
        self.endResetModel()
        self.loadedChanged.emit(0)
        if not self.loading:  # the view may have asked for the first page during the reset
            self._start_fetch()

    def retry(self) -> None:
        """After a failed page, tries the same page again."""
        if self._failed and self._params is not None:
            self._failed = False
            self._start_fetch()

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        if parent.isValid():
            return False
        return self.has_more() and not self._failed and not self.loading

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._start_fetch()

    def _start_fetch(self) -> None:
        params = {**(self._params or {}), "limit": self._page_size, "cursor": self._cursor}
        page = (self._fetch(params) if self._fetch is not None
                else self._api.get_page(str(self._path), self._item_model, params))
        self.ops.run(page, key=FETCH,
                     on_success=self._page_arrived, on_failure=self._page_failed)

    def _running_changed(self, key: str, running: bool) -> None:
        if key == FETCH:
            self.loadingChanged.emit(running)

    def _page_failed(self, exc: BaseException) -> bool:
        self._failed = True
        self.errorOccurred.emit(exc)
        return False  # the runner reports it

    def _page_arrived(self, page: Any) -> None:
        self._cursor = page.next_cursor
        self._exhausted = page.next_cursor is None
        if page.items:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.items) - 1)
            self._rows.extend(page.items)
            self.endInsertRows()
        if page.total is not None:
            self._reported_total = page.total
        self._settle_total()
        self.loadedChanged.emit(len(self._rows))

    def set_total(self, total: int) -> None:
        """The rows matching the current filter, counted apart by the caller (for an endpoint whose
        pages carry no total); kept like a first page's figure, dropped by the next ``reload``."""
        if self._params is not None:
            self._reported_total = total
            self._settle_total()

    def _settle_total(self) -> None:
        # An endpoint may count on its first page only, or not at all: later pages keep the figure.
        if self._exhausted:
            total: int | None = len(self._rows)  # the last page settles the count even if rows moved meanwhile
        elif self._reported_total is None:
            total = None  # more pages exist and nobody counted them: no "N of N"
        else:
            total = max(self._reported_total, len(self._rows))
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
        await self.ops.wait_idle()

    async def fetch_all(self) -> None:
        """Loads every remaining page (used before copying or checking the whole result)."""
        await self.wait_idle()
        while self.canFetchMore():
            self._start_fetch()
            await self.wait_idle()

    # --- Qt model interface -------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self._columns):
            return None
        return cell_data(self._columns[index.column()], self._rows[index.row()], role)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            column = self._columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate(self._tr_context, column.header)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(column.align.value)
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

