"""The rows of a paged list as two windows: the head (rows from the start, read forward) and, once
the user asks for the end of a list whose end is not loaded (Ctrl+End), the tail (the last page,
read with ``from_end``, then backward). Between them is the gap:

- when the backend counted the list, one placeholder row per row not loaded, so the scroll bar is
  the list's true length; the placeholders load from the nearer window as they are scrolled into
  view (``want``);
- when nobody counted it, one row that says rows are not loaded here, which loads the same way.

Pages that fill the gap replace placeholders in place (the rows on either side keep their
positions); the windows meet when a page reaches the other window's first row (compared as rows,
so a count that was off by rows added or removed meanwhile does not leave holes or repeats), or
the list's start or end. Then the list is whole and the model is as if read from the start.

PagedTableModel owns the rows list and its signals; this class decides what to fetch next and
where each page goes in the list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QTimer

from ui.common.keyset_pager import KeysetPager, Where

if TYPE_CHECKING:
    from ui.common.paged_table_model import PagedTableModel

PREFETCH_ROWS = 50  # a page is fetched once a painted row is this close to the rows not loaded


class NotLoaded:
    """A row of the gap: every field reads None until its page replaces it."""

    __slots__ = ()

    def __getattr__(self, name: str) -> None:
        return None

    def __repr__(self) -> str:
        return "NOT_LOADED"


NOT_LOADED = NotLoaded()


@dataclass
class Gap:
    start: int  # the first placeholder's row
    length: int  # placeholders (1 when ``sized`` is False: the one "not loaded" row)
    sized: bool  # the backend's count sized the gap


class RowWindows:
    def __init__(self, model: PagedTableModel, pager: KeysetPager, *, jumps: bool):
        self.model = model
        self.pager = pager
        self.jumps = jumps  # the endpoint reads pages from the end (``from_end``/``before``)
        self.gap: Gap | None = None
        self.to_end = False  # Ctrl+End waits for the end's rows
        self._wanted: int | None = None  # a painted row that asked for its page
        self._timer = QTimer(model)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._fetch_wanted)

    def reset(self) -> None:
        self.gap = None
        self.to_end = False
        self._wanted = None

    @property
    def rows(self) -> list[Any]:
        return self.model._rows  # noqa: SLF001 - the model's rows, which this class arranges

    def loaded(self) -> int:
        return len(self.rows) - (self.gap.length if self.gap else 0)

    def loaded_rows(self) -> list[Any]:
        if self.gap is None:
            return list(self.rows)
        return self.rows[:self.gap.start] + self.rows[self.gap.start + self.gap.length:]

    def has_more(self) -> bool:
        return self.gap is not None or self.pager.has_more()

    def end_at_hand(self) -> bool:
        return self.pager.params is not None and (self.gap is not None or self.pager.exhausted)

    # --- what to fetch --------------------------------------------------------------------------

    def go_to_end(self) -> bool:
        """Ctrl+End: True when the last row is here; otherwise starts reading the end (the last page
        when the endpoint can, else every page forward, growing) and the model tells when it is."""
        if self.end_at_hand():
            return True
        if self.pager.params is None or self.pager.failed:
            return False
        self.to_end = True
        if not self.pager.loading:
            self.pager.fetch(Where.END if self.jumps and self.loaded() > 0 else Where.HEAD)
        return False

    def fetch_more(self) -> None:
        """The next page toward completing the list: into the gap from the head, or after the head."""
        if self.gap is not None:
            self._fetch_gap(Where.HEAD)
        else:
            self.pager.fetch(Where.HEAD)

    def want(self, row: int) -> None:
        """A painted row (or the last one a view shows): if it is a placeholder, or near the rows
        not loaded, their page is fetched (on the next turn of the event loop, not while painting)."""
        gap = self.gap
        near = (row >= len(self.rows) - PREFETCH_ROWS and self.pager.has_more()) if gap is None else \
            gap.start - PREFETCH_ROWS <= row < gap.start + gap.length + PREFETCH_ROWS
        if near and self._wanted is None:
            self._wanted = row
            self._timer.start(0)

    def _fetch_wanted(self) -> None:
        row, self._wanted = self._wanted, None
        if row is None or self.pager.loading or self.pager.failed or self.pager.params is None:
            return
        gap = self.gap
        if gap is None:
            if self.pager.has_more():
                self.pager.fetch(Where.HEAD)
            return
        from_head, from_tail = row - gap.start, gap.start + gap.length - 1 - row
        came_from_head = self.pager.last_where == Where.HEAD
        where = Where.HEAD if from_head < from_tail or (from_head == from_tail and came_from_head) else Where.TAIL
        self._fetch_gap(where)

    def _fetch_gap(self, where: Where) -> None:
        gap = self.gap
        assert gap is not None
        # One row more than the gap: the other window's edge row, which tells that the two met.
        self.pager.fetch(where, gap.length + 1 if gap.sized else None)

    # --- where a page goes ----------------------------------------------------------------------

    def arrived(self, page: Any, where: Where) -> None:
        items = list(page.items)
        if where == Where.END:
            self._end_arrived(items, page)
        elif self.gap is None:
            self._splice(len(self.rows), 0, items)
        elif where == Where.HEAD:
            self._from_head(items, page.next_cursor is None)
        else:
            self._from_tail(items, getattr(page, "prev_cursor", None) is None)
        if self.to_end and not self.end_at_hand() and not self.pager.failed:
            # The first page came: now the last; or an endpoint without ``from_end``: page after page, growing.
            self.pager.fetch(Where.END if self.jumps and self.loaded() > 0 else Where.HEAD)

    def _end_arrived(self, items: list[Any], page: Any) -> None:
        head = self.loaded_rows()
        last = head[-1] if head else None
        if last is not None and last in items:  # the end overlaps the head: the list is whole
            self._splice(len(self.rows), 0, items[items.index(last) + 1:])
            self.pager.exhausted = True
            return
        if not items or getattr(page, "prev_cursor", None) is None:  # the last page is the whole list
            self._splice(0, len(self.rows), items)
            self.pager.exhausted = True
            return
        total = self.pager.reported_total
        missing = total - len(head) - len(items) if total is not None else 0
        sized = missing > 0
        self.gap = Gap(len(self.rows), missing if sized else 1, sized)
        self._splice(len(self.rows), 0, [NOT_LOADED] * self.gap.length + items)

    def _from_head(self, items: list[Any], at_end: bool) -> None:
        gap = self.gap
        assert gap is not None
        first_of_tail = self.rows[gap.start + gap.length] if gap.start + gap.length < len(self.rows) else None
        meet = at_end
        if first_of_tail is not None and first_of_tail in items:
            items, meet = items[:items.index(first_of_tail)], True
        used = gap.length if meet else min(len(items), gap.length if gap.sized else 0)
        self._splice(gap.start, used, items)
        gap.start += len(items)
        gap.length -= used
        self._settle(meet)

    def _from_tail(self, items: list[Any], at_start: bool) -> None:
        gap = self.gap
        assert gap is not None
        last_of_head = self.rows[gap.start - 1] if gap.start > 0 else None
        meet = at_start
        if last_of_head is not None and last_of_head in items:
            items, meet = items[items.index(last_of_head) + 1:], True
        used = gap.length if meet else min(len(items), gap.length if gap.sized else 0)
        self._splice(gap.start + gap.length - used, used, items)
        gap.length -= used
        self._settle(meet)

    def _settle(self, meet: bool) -> None:
        gap = self.gap
        assert gap is not None
        if meet:
            if gap.length:  # the count was over the rows (some went meanwhile): no placeholder stays
                self._splice(gap.start, gap.length, [])
            self.gap = None
            self.pager.exhausted = True
        elif gap.length == 0:  # the count was short of the rows: one "not loaded" row until they meet
            self._splice(gap.start, 0, [NOT_LOADED])
            gap.length, gap.sized = 1, False

    def _splice(self, start: int, count: int, new: list[Any]) -> None:
        """Replaces rows [start, start + count) by ``new``, telling the views: changed rows in place,
        then inserted or removed ones."""
        model, rows = self.model, self.rows
        common = min(count, len(new))
        if common:
            rows[start:start + common] = new[:common]
            model.dataChanged.emit(model.index(start, 0), model.index(start + common - 1, model.columnCount() - 1))
        if len(new) > count:
            model.beginInsertRows(QModelIndex(), start + count, start + len(new) - 1)
            rows[start + count:start + count] = new[count:]
            model.endInsertRows()
        elif count > len(new):
            model.beginRemoveRows(QModelIndex(), start + len(new), start + count - 1)
            del rows[start + len(new):start + count]
            model.endRemoveRows()
